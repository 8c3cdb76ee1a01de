import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { InputError } from '../core/errors.js'
import { markManifest, showManifest } from '../commands/manifest.js'
import {
  deployedAtFromEvent,
  manifestVerdictOf,
  parseDeployedAt,
  renderSlo,
  runSloCheck
} from '../commands/slo-check.js'
import type { StoredManifest } from '../manifest/store.js'
import { repositoryRoot } from '../platform/ci-source.js'
import { writeFileAtomic } from '../platform/fs/files.js'
import { actionLog, booleanInput, input, runAction, storeFromInputs } from './runtime.js'

async function readEvent(): Promise<unknown> {
  const path = process.env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch {
    return {}
  }
}

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

export async function runSloGateAction(): Promise<number> {
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

  // Find the manifest before measuring: a wrong service or store fails now, not after the schedule.
  const record = booleanInput('record-verdict', true)
  const store = record ? await storeFromInputs(root) : null
  if (record && !store) core.info('store: none keeps no manifests; the verdict is not recorded')
  const target = store
    ? await showManifest(store, service, env, input('manifest-ref') || 'latest').catch(
        (error: unknown) => {
          throw error instanceof InputError
            ? new InputError(
                `${error.message.replace(/\.$/, '')}; the verdict goes on the release's manifest: run the manifest job first, or set record-verdict: false.`
              )
            : error
        }
      )
    : null
  if (target) core.info(`the verdict goes on manifest ${target.id} of ${service}/${env}`)

  const check = await runSloCheck({
    policyPath: shownPath(resolve(root, policy)),
    deployedAt,
    format: 'text',
    ports: { log: actionLog }
  })
  await writeFileAtomic(evidencePath, renderSlo(check.evidence, 'json'))
  core.info((check.output ?? '').trimEnd())

  const status = manifestVerdictOf(check.verdict)
  let recorded = ''
  let manifestCommit = ''
  if (store && target && status) {
    const marked = await markManifest(
      store,
      service,
      env,
      target.id,
      status,
      evidencePath,
      new Date()
    )
    manifestCommit = marked.storeCommit ?? ''
    recorded = recordedLine(service, env, marked, status)
    core.info(recorded.replace(/[`*]/g, ''))
  } else if (target) {
    recorded = `Manifest \`${target.id}\` of ${service}/${env} stays **unknown**: an inconclusive gate marks nothing.`
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
