import { readFile } from 'node:fs/promises'
import { InputError } from '../core/errors.js'
import { runGate } from '../slo/evaluate/run.js'
import { parseSloPolicy } from '../slo/policy/load.js'
import {
  virtualClock,
  type Clock,
  type Log,
  type MetricsProvider,
  type Sleep
} from '../slo/ports.js'
import type { ProviderFactory, defaultProviderFactory } from '../slo/providers/index.js'
import { buildEvidence, renderSloJson, type SloEvidence } from '../slo/render/evidence.js'
import { renderSloMarkdown } from '../slo/render/markdown.js'
import { renderSloText } from '../slo/render/text.js'
import type { GateResult, ObjectiveResult, Verdict } from '../slo/types.js'

export type SloFormat = 'json' | 'markdown' | 'text'

export interface SloCheckPorts {
  /** Builds the provider of one policy entry; default: `providerFactory` for this policy. */
  providers: ProviderFactory
  /**
   * Makes `providers` for a policy file (its folder, the gate's sleep, the environment's secrets);
   * src/wiring passes the real HTTP and file providers (`defaultProviderFactory`).
   */
  providerFactory: typeof defaultProviderFactory
  clock: Clock
  sleep: Sleep
  log: Log
  /** Reads the policy file; default: the file system. */
  readFile: (path: string) => Promise<string>
}

export interface SloCheckOptions {
  policyPath: string
  /** RFC 3339 text (from a flag or input) or a Date; default: now (measure from now on). */
  deployedAt?: string | Date
  /**
   * Evaluate as of this time on a clock that only moves when the gate waits: a replay of a past
   * deploy, or a test, runs every measurement at once. Ignored when ports.clock is given.
   */
  now?: Date
  format?: SloFormat
  /** Environment for provider secrets (auth.tokenEnv and friends); default: process.env. */
  env?: Record<string, string | undefined>
  ports?: Partial<SloCheckPorts>
}

export interface SloCheckResult {
  verdict: Verdict
  /** Names of the deciding objectives that failed (the `failed-objectives` output). */
  failedObjectives: string[]
  objectives: ObjectiveResult[]
  evidence: SloEvidence
  result: GateResult
  /** 0 pass, 1 fail, 3 inconclusive (never a pass: no data, or a provider failed after retries). */
  exitCode: 0 | 1 | 3
  /** The evidence rendered in `format`, when one was asked for. */
  output?: string
}

const stderrLog: Log = {
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`)
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export function parseDeployedAt(value: string | Date | undefined, fallback: Date): Date {
  if (value === undefined || value === '') return fallback
  const date = value instanceof Date ? value : new Date(value)
  const rfc3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i
  if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !rfc3339.test(value.trim()))) {
    throw new InputError(
      `--deployed-at '${String(value)}' is not an RFC 3339 time; write it like 2026-05-01T12:00:00Z`
    )
  }
  // Timers hold at most 2^31-1 ms (24.8 days); a deploy further ahead is a typo, not a plan.
  if (date.getTime() - fallback.getTime() > maxFutureMs) {
    throw new InputError(
      `--deployed-at '${String(value)}' is more than a day in the future; give the time the release was deployed.`
    )
  }
  return date
}

const maxFutureMs = 24 * 60 * 60 * 1000

/**
 * `rollback-guard slo check`: loads the policy, measures every objective from the deploy time on,
 * and returns the verdicts with their evidence. Throws InputError for a bad policy, flag or query.
 */
export async function runSloCheck(options: SloCheckOptions): Promise<SloCheckResult> {
  const ports = options.ports ?? {}
  const virtual = options.now && !ports.clock ? virtualClock(options.now) : undefined
  const clock = ports.clock ?? virtual?.clock ?? { now: () => new Date() }
  const sleep = ports.sleep ?? virtual?.sleep ?? realSleep
  const log = ports.log ?? stderrLog
  const read = ports.readFile ?? ((path: string) => readFile(path, 'utf8'))

  let text: string
  try {
    text = await read(options.policyPath)
  } catch (error) {
    throw new InputError(
      `cannot read the SLO policy ${options.policyPath}: ${(error as Error).message}; pass --policy with the path of slo.yml`
    )
  }
  const policy = parseSloPolicy(text, options.policyPath)
  const deployedAt = parseDeployedAt(options.deployedAt, clock.now())
  for (const warning of policy.warnings ?? []) log.warn(warning)

  const factory =
    ports.providers ??
    ports.providerFactory?.({ policyFile: options.policyPath, sleep, env: options.env })
  if (!factory) {
    throw new Error(
      'internal error: runSloCheck needs ports.providers or ports.providerFactory (the wired runSloCheck passes them)'
    )
  }
  const providers = new Map<string, MetricsProvider>()
  for (const name of new Set(policy.objectives.map((o) => o.provider))) {
    providers.set(
      name,
      await factory(policy.providers[name] as NonNullable<(typeof policy.providers)[string]>)
    )
  }
  log.info(
    `SLO gate: ${policy.objectives.length} objective(s) from ${options.policyPath}, deployed at ${deployedAt.toISOString()}`
  )
  const result = await runGate(policy, deployedAt, {
    provider: (name) => providers.get(name) as MetricsProvider,
    clock,
    sleep,
    log
  })
  const evidence = buildEvidence(result, options.policyPath)
  log.info(
    `SLO gate: ${result.verdict}${evidence.failedObjectives.length ? ` (failed: ${evidence.failedObjectives.join(', ')})` : ''}`
  )
  const exitCode = result.verdict === 'pass' ? 0 : result.verdict === 'fail' ? 1 : 3
  return {
    verdict: result.verdict,
    failedObjectives: evidence.failedObjectives,
    objectives: result.objectives,
    evidence,
    result,
    exitCode,
    ...(options.format ? { output: renderSlo(evidence, options.format) } : {})
  }
}

/**
 * The deploy time carried by a GitHub event: a `deployment_status` event's status time (when the
 * deploy reported its state), else the deployment's creation time. Null when the event has neither.
 */
export function deployedAtFromEvent(payload: unknown): string | null {
  const event = (payload ?? {}) as {
    deployment_status?: { created_at?: unknown; updated_at?: unknown }
    deployment?: { created_at?: unknown; updated_at?: unknown }
  }
  const candidates = [
    event.deployment_status?.created_at,
    event.deployment_status?.updated_at,
    event.deployment?.updated_at,
    event.deployment?.created_at
  ]
  const found = candidates.find((value) => typeof value === 'string' && value !== '')
  return typeof found === 'string' ? found : null
}

/** What the verdict writes on the release's manifest: good or bad; inconclusive leaves it unknown. */
export function manifestVerdictOf(verdict: Verdict): 'good' | 'bad' | null {
  return verdict === 'pass' ? 'good' : verdict === 'fail' ? 'bad' : null
}

export function renderSlo(evidence: SloEvidence, format: SloFormat): string {
  switch (format) {
    case 'json':
      return renderSloJson(evidence)
    case 'markdown':
      return renderSloMarkdown(evidence)
    case 'text':
      return renderSloText(evidence)
  }
}
