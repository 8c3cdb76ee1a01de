import * as core from '@actions/core'
import { renderSlo } from '../commands/slo-check.js'
import type { StoredManifest } from '../manifest/store.js'
import { writeFileAtomic } from '../platform/fs/files.js'
import { runSloGateJob } from '../wiring/slo-gate.js'
import { actionLog, openInputStore, runAction } from './runtime.js'
import { parseSloGateInputs } from './inputs/slo-gate.js'

function recordedLine(service: string, env: string, marked: StoredManifest, status: string) {
  const commit = marked.storeCommit ? ` (commit \`${marked.storeCommit.slice(0, 12)}\`)` : ''
  return `Manifest \`${marked.id}\` of ${service}/${env} marked **${status}**${commit}.`
}

export async function runSloGateAction(): Promise<number> {
  const { settings, evidencePath, failOnInconclusive } = await parseSloGateInputs()
  const gate = await runSloGateJob(settings, actionLog, {
    open: openInputStore,
    onMeasured: (check) => writeFileAtomic(evidencePath, renderSlo(check.evidence, 'json'))
  })
  const { check, marked, target, status } = gate
  core.info((check.output ?? '').trimEnd())

  const where = settings.record
  let recorded = ''
  let manifestCommit = ''
  if (where && marked && status) {
    manifestCommit = marked.storeCommit ?? ''
    recorded = recordedLine(where.service, where.env, marked, status)
    core.info(recorded.replace(/[`*]/g, ''))
  } else if (where && target) {
    recorded = `Manifest \`${target.id}\` of ${where.service}/${where.env} stays **unknown**: an inconclusive gate marks nothing.`
  }

  core.setOutput('verdict', check.verdict)
  core.setOutput('failed-objectives', check.failedObjectives.join(','))
  core.setOutput('evidence-path', evidencePath)
  core.setOutput('manifest-commit', manifestCommit)
  const markdown = renderSlo(check.evidence, 'markdown')
  await core.summary.addRaw(recorded ? `${markdown.trimEnd()}\n\n${recorded}\n` : markdown).write()

  if (check.verdict === 'fail') {
    core.setFailed(
      `SLO gate failed: ${check.failedObjectives.join(', ')} out of bounds after the deploy; evidence in ${evidencePath}.`
    )
    return check.exitCode
  }
  if (check.verdict === 'inconclusive') {
    const inconclusive = check.evidence.inconclusiveObjectives.join(', ')
    const why = `SLO gate inconclusive${inconclusive ? ` (${inconclusive})` : ''}: no data or the metrics backend failed, so the release is neither good nor bad`
    if (failOnInconclusive) {
      core.setFailed(`${why}; set fail-on-inconclusive: false to only warn.`)
      return check.exitCode
    }
    core.warning(`${why}; fail-on-inconclusive is false, so the step passes.`)
  }
  return 0
}

await runAction(runSloGateAction)
