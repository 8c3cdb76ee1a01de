import { InputError } from '../core/errors.js'
import type { ManifestStore, StoredManifest } from '../manifest/store.js'
import { markManifest, showManifest } from './manifest.js'
import {
  manifestVerdictOf,
  renderSlo,
  runSloCheck,
  type SloCheckOptions,
  type SloCheckResult
} from './slo-check.js'

export interface VerdictTarget {
  store: ManifestStore
  service: string
  env: string
  /** latest, a manifest id or a source commit (or their prefix). */
  ref: string
  /** Appended to the error when the manifest is not found: how to create it, or not record. */
  hint: string
}

export interface SloGateOptions extends SloCheckOptions {
  /** Where the verdict goes; null: the verdict is not recorded. */
  target: VerdictTarget | null
  /** When the verdict is decided (its `decidedAt`). */
  decidedAt: () => Date
  /** Called with the measurements before anything is recorded (to keep the evidence first). */
  onMeasured?: (check: SloCheckResult) => Promise<void> | void
}

export interface SloGateResult {
  check: SloCheckResult
  /** The manifest the verdict was for (found before measuring), or null. */
  target: StoredManifest | null
  /** The manifest as marked; null when nothing was recorded (no target, or inconclusive). */
  marked: StoredManifest | null
  status: 'good' | 'bad' | null
}

/**
 * The SLO gate: find the release's manifest first (a wrong service or store fails now, not after
 * the schedule), measure the objectives, then mark the manifest good (pass) or bad (fail) with the
 * evidence. Inconclusive marks nothing.
 */
export async function runSloGate(options: SloGateOptions): Promise<SloGateResult> {
  const { target: where, decidedAt, onMeasured, ...checkOptions } = options
  const target = where
    ? await showManifest(where.store, where.service, where.env, where.ref).catch(
        (error: unknown) => {
          throw error instanceof InputError
            ? new InputError(`${error.message.replace(/\.$/, '')}; ${where.hint}`)
            : error
        }
      )
    : null
  if (where && target) {
    options.ports?.log?.info(
      `the verdict goes on manifest ${target.id} of ${where.service}/${where.env}`
    )
  }
  const check = await runSloCheck(checkOptions)
  await onMeasured?.(check)
  const status = manifestVerdictOf(check.verdict)
  let marked: StoredManifest | null = null
  if (where && target && status) {
    // the evidence as its JSON document says it (times as text), the same as its file
    const evidence = JSON.parse(renderSlo(check.evidence, 'json')) as Record<string, unknown>
    marked = await markManifest(
      where.store,
      where.service,
      where.env,
      target.id,
      status,
      evidence,
      decidedAt()
    )
  }
  return { check, target, marked, status }
}
