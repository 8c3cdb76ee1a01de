import { InputError } from '../../core/errors.js'
import type { NoDataPolicy, Objective, ProviderConfig } from '../types.js'
import { parseDuration } from './duration.js'

/** Defaults of every objective, overridden by the policy's `defaults` and then by the objective. */
export const scheduleDefaults = {
  window: '5m',
  interval: '1m',
  count: 5,
  initialDelay: '1m',
  failureLimit: 1,
  consecutive: false,
  errorLimit: 3,
  noData: 'inconclusive' as NoDataPolicy,
  baselineWindow: '30m'
}

export interface ScheduleSettings {
  provider?: string
  window?: string
  interval?: string
  count?: number
  initialDelay?: string
  failureLimit?: number
  consecutive?: boolean
  errorLimit?: number
  inconclusiveLimit?: number
  consecutiveSuccessLimit?: number
  noData?: NoDataPolicy
  baseline?: { window?: string; min?: number }
}

/** Reports problems as `file:line: message`, several at once, so one run shows everything to fix. */
export class PolicyProblems {
  readonly lines: string[] = []
  /** Likely mistakes that do not stop the gate. */
  readonly warnings: string[] = []
  constructor(readonly file: string) {}
  warn(line: number | null, message: string): void {
    this.warnings.push(`${this.file}${line === null ? '' : `:${line}`}: ${message}`)
  }
  add(line: number | null, message: string): void {
    this.lines.push(`${this.file}${line === null ? '' : `:${line}`}: ${message}`)
  }
  throwIfAny(): void {
    if (this.lines.length === 0) return
    const shown = this.lines.slice(0, 10)
    const more =
      this.lines.length > shown.length ? `\n(${this.lines.length - shown.length} more)` : ''
    throw new InputError(`invalid SLO policy: ${shown.join('\n')}${more}`)
  }
}

export type ReportProblem = (path: (string | number)[], message: string) => void

/** Resolves the schedule of an objective: its own settings, then the policy's defaults, then ours. */
export function resolveSchedule(
  own: ScheduleSettings,
  defaults: ScheduleSettings,
  providers: Record<string, ProviderConfig>,
  report: ReportProblem
): Omit<Objective, 'name' | 'measure' | 'bound' | 'weight' | 'source' | 'description'> | null {
  const pick = <K extends keyof ScheduleSettings>(key: K): ScheduleSettings[K] =>
    own[key] ?? defaults[key]
  const duration = (text: string): number => parseDuration(text) ?? 0
  let provider = pick('provider')
  const known = Object.keys(providers)
  if (provider === undefined) {
    if (known.length !== 1) {
      report(
        [],
        known.length === 0
          ? 'no provider: declare one under `providers:` (or an OpenSLO DataSource)'
          : `which provider? set 'provider' to one of ${known.join(', ')} (or defaults.provider)`
      )
      return null
    }
    provider = known[0] as string
  } else if (!providers[provider]) {
    report(
      ['provider'],
      `provider '${provider}' is not declared; known: ${known.join(', ') || 'none'}`
    )
    return null
  }
  return {
    provider,
    windowMs: duration(pick('window') ?? scheduleDefaults.window),
    intervalMs: duration(pick('interval') ?? scheduleDefaults.interval),
    count: pick('count') ?? scheduleDefaults.count,
    initialDelayMs: duration(pick('initialDelay') ?? scheduleDefaults.initialDelay),
    failureLimit: pick('failureLimit') ?? scheduleDefaults.failureLimit,
    consecutive: pick('consecutive') ?? scheduleDefaults.consecutive,
    errorLimit: pick('errorLimit') ?? scheduleDefaults.errorLimit,
    noData: pick('noData') ?? scheduleDefaults.noData,
    ...(pick('inconclusiveLimit') !== undefined
      ? { inconclusiveLimit: pick('inconclusiveLimit') }
      : {}),
    ...(pick('consecutiveSuccessLimit') !== undefined
      ? { consecutiveSuccessLimit: pick('consecutiveSuccessLimit') }
      : {}),
    baseline: {
      windowMs:
        parseDuration(
          own.baseline?.window ?? defaults.baseline?.window ?? scheduleDefaults.baselineWindow
        ) ?? 1_800_000,
      min: own.baseline?.min ?? defaults.baseline?.min
    }
  }
}
