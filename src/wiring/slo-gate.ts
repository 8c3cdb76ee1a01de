import type { SloCheckResult } from '../commands/slo-check.js'
import { runSloGate, type SloGateResult } from '../commands/slo-gate.js'
import type { ManifestStore } from '../manifest/store.js'
import type { SloGateSettings, StoreSettings } from './settings.js'
import { openStore } from './store.js'
import { withProviders } from './slo-check.js'
import { isAbsolute, relative } from 'node:path'

export interface SloGateLog {
  info: (message: string) => void
  warn: (message: string) => void
}

/**
 * The SLO gate job, for the action and the CLI alike: opens the store the settings name (with
 * `open`, so errors name inputs or flags), then runs the gate.
 */
export async function runSloGateJob(
  settings: SloGateSettings,
  log: SloGateLog,
  hooks: {
    /** Opens the store (errors naming inputs or flags); default: openStore with flag names. */
    open?: (root: string, store: StoreSettings) => Promise<ManifestStore | null>
    /** Keeps the evidence before the verdict is recorded. */
    onMeasured?: (check: SloCheckResult) => Promise<void> | void
  } = {}
): Promise<SloGateResult> {
  const open = hooks.open ?? ((root, store) => openStore(root, store, log.info))
  const { record } = settings
  const store = record ? await open(settings.root, record.store) : null
  return runSloGate(
    withProviders({
      policyPath: settings.policyPath,
      deployedAt: settings.deployedAt,
      format: settings.format,
      env: settings.env,
      ports: settings.now ? { log, clock: { now: settings.now } } : { log },
      target:
        record && store
          ? {
              store,
              service: record.service,
              env: record.env,
              ref: record.manifestRef,
              hint: settings.missingManifestHint
            }
          : null,
      decidedAt: settings.now ?? (() => new Date()),
      ...(hooks.onMeasured ? { onMeasured: hooks.onMeasured } : {})
    })
  )
}

/** The policy as the evidence and errors show it: relative to the working folder when inside it. */
export function shownPath(path: string, cwd = process.cwd()): string {
  const inside = relative(cwd, path)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path
}
