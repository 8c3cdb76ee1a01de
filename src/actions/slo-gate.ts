import * as core from '@actions/core'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { InputError } from '../core/errors.js'
import { deployedAtFromEvent, parseDeployedAt, renderSlo } from '../commands/slo-check.js'
import type { StoredManifest } from '../manifest/store.js'
import { repositoryRoot } from '../platform/ci-source.js'
import { writeFileAtomic } from '../platform/fs/files.js'
import { runSloGateJob } from '../wiring/slo-gate.js'
import type { SloGateSettings } from '../wiring/settings.js'
import { readEvent } from './event.js'
import {
  actionLog,
  booleanInput,
  input,
  openInputStore,
  runAction,
  storeSettingsFromInputs
} from './runtime.js'

/** The deploy time: the input, else the deployment / deployment_status event, else now. */
async function deployTime(): Promise<Date> {
  const given = input('deployed-at')
  const fromEvent = given ? null : deployedAtFromEvent(await readEvent())
  const text = given || fromEvent
  if (!text) {
    core.info(
      "no 'deployed-at' input and no deployment event: measuring from now, as if the deploy just finished"
    )
    return new Date()
  }
  try {
    const at = parseDeployedAt(text, new Date())
    if (fromEvent)
      core.info(`deployed-at ${fromEvent}, from the ${process.env.GITHUB_EVENT_NAME} event`)
    return at
  } catch {
    throw new InputError(
      given
        ? `input 'deployed-at' is '${given}', not an RFC 3339 time; write it like 2026-05-01T12:00:00Z (date -u +%Y-%m-%dT%H:%M:%SZ).`
        : `the ${process.env.GITHUB_EVENT_NAME} event's time '${fromEvent}' is not an RFC 3339 time; give the input 'deployed-at'.`
    )
  }
}

/** The policy as the evidence shows it: relative to the step's folder when inside it. */
function shownPath(path: string): string {
  const inside = relative(process.cwd(), path)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path
}

function evidencePathOf(root: string): string {
  const given = input('evidence-path')
  if (given) return resolve(root, given)
  const temp = process.env.RUNNER_TEMP
  if (!temp) {
    throw new InputError(
      "input 'evidence-path' is empty and RUNNER_TEMP is not set; give a path for the evidence JSON."
    )
  }
  return join(temp, 'rollback-guard', 'slo-evidence.json')
}

function recordedLine(service: string, env: string, marked: StoredManifest, status: string) {
  const commit = marked.storeCommit ? ` (commit \`${marked.storeCommit.slice(0, 12)}\`)` : ''
  return `Manifest \`${marked.id}\` of ${service}/${env} marked **${status}**${commit}.`
}

/** The inputs as the SLO gate's settings; every error names an input. */
export async function parseSloGateInputs(): Promise<{
  settings: SloGateSettings
  evidencePath: string
  failOnInconclusive: boolean
}> {
  const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd()
  const root = (await repositoryRoot(workspace)) ?? workspace
  const policy = input('policy')
  if (!policy) {
    throw new InputError(
      "input 'policy' is empty: give the path of the SLO policy (slo.yml or OpenSLO documents), relative to the repository root."
    )
  }
  const service = input('service') || process.env.GITHUB_REPOSITORY?.split('/')[1] || 'service'
  const env = input('env') || 'production'
  const failOnInconclusive = booleanInput('fail-on-inconclusive', true)
  const evidencePath = evidencePathOf(root)
  const deployedAt = await deployTime()
  const store = booleanInput('record-verdict', true) ? await storeSettingsFromInputs(root) : null
  return {
    settings: {
      root,
      policyPath: shownPath(resolve(root, policy)),
      deployedAt,
      format: 'text',
      record:
        store && store.kind !== 'none'
          ? { store, service, env, manifestRef: input('manifest-ref') || 'latest' }
          : null,
      missingManifestHint:
        "the verdict goes on the release's manifest: run the manifest job first, or set record-verdict: false.",
      env: process.env
    },
    evidencePath,
    failOnInconclusive
  }
}

export async function runSloGateAction(): Promise<number> {
  const { settings, evidencePath, failOnInconclusive } = await parseSloGateInputs()
  if (booleanInput('record-verdict', true) && !settings.record)
    core.info('store: none keeps no manifests; the verdict is not recorded')
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
