import * as core from '@actions/core'
import { join, resolve } from 'node:path'
import { InputError } from '../../core/errors.js'
import { deployedAtFromEvent, parseDeployedAt } from '../../commands/slo-check.js'
import { shownPath } from '../../wiring/slo-gate.js'
import type { SloGateSettings } from '../../wiring/settings.js'
import { readEvent } from '../event.js'
import { booleanInput, input, storeSettingsFromInputs, workspaceRoot } from '../runtime.js'

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

/** The inputs as the SLO gate's settings; every error names an input. */
export async function parseSloGateInputs(): Promise<{
  settings: SloGateSettings
  evidencePath: string
  failOnInconclusive: boolean
}> {
  const root = await workspaceRoot()
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
  if (store?.kind === 'none')
    core.info('store: none keeps no manifests; the verdict is not recorded')
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
