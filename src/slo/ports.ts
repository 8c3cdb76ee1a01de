/** The ports the SLO gate runs on: metrics providers, a clock and a sleep, a log. */

export interface Sample {
  value: number
  labels: Record<string, string>
}

export interface Point {
  at: Date
  value: number
}

export interface Series {
  labels: Record<string, string>
  points: Point[]
}

/**
 * A metrics backend. Both calls resolve to what the backend returned (possibly nothing); they throw
 * an InputError for a query the backend rejects as malformed and a MetricsUnavailableError when it
 * could not be reached or failed after the retries.
 */
export interface MetricsProvider {
  readonly name: string
  /** `windowMs` is the query window, for backends that take it apart from the query (Datadog, web). */
  instant(query: string, at: Date, windowMs: number): Promise<Sample[]>
  range(query: string, start: Date, end: Date, stepMs: number): Promise<Series[]>
}

/** The backend failed after its retries (unreachable, 5xx, timeout). Makes a measurement inconclusive. */
export class MetricsUnavailableError extends Error {
  /** Should it escape the evaluator, an outside service failed: exit 3. */
  readonly exitCode = 3
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MetricsUnavailableError'
  }
}

export interface Clock {
  now(): Date
}

export type Sleep = (ms: number) => Promise<void>

export interface Log {
  info(message: string): void
  warn(message: string): void
  debug?(message: string): void
}

/** A clock that only moves when slept on: replays and tests run the whole schedule at once. */
export function virtualClock(start: Date): { clock: Clock; sleep: Sleep } {
  let now = start.getTime()
  return {
    clock: { now: () => new Date(now) },
    sleep: async (ms: number) => {
      now += Math.max(0, ms)
    }
  }
}
