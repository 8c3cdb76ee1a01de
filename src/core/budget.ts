import { InputError, ServiceError } from './errors.js'

/** Long work ran past its time budget: exit 3, and the message says which part was too large. */
export class BudgetExceededError extends ServiceError {
  constructor(message: string) {
    super(message)
    this.name = 'BudgetExceededError'
  }
}

export interface WorkBudgetOptions {
  /** What the work is, for messages: "openapi diff of api/openapi.yaml". */
  label: string
  /** Seconds before the work is stopped; undefined or 0 = no limit. */
  maxSeconds?: number
  /** Where a progress line goes (stderr in the CLI); none = silent. */
  progress?: (line: string) => void
  /** Milliseconds between progress lines. */
  progressEveryMs?: number
  /** Injected for tests. */
  clock?: () => number
}

/**
 * A time budget for long pure work that cannot be interrupted from outside: the work calls `tick()`
 * often (cheap: the clock is read every 256 calls), says what it is on with `at()`, and the budget
 * prints progress every few seconds and throws BudgetExceededError once the time is up, so a huge
 * input ends in a clear exit 3 instead of a hung job or a partial report presented as complete.
 */
export class WorkBudget {
  private readonly started: number
  private readonly clock: () => number
  private lastProgress: number
  private calls = 0
  private stage = 'starting'
  private detail: () => string = () => ''

  constructor(private readonly options: WorkBudgetOptions) {
    this.clock = options.clock ?? (() => performance.now())
    this.started = this.clock()
    this.lastProgress = this.started
  }

  /** Names the part being worked on (and, lazily, how far along it is). */
  at(stage: string, detail?: () => string): void {
    this.stage = stage
    if (detail) this.detail = detail
    this.check()
  }

  tick(): void {
    if ((++this.calls & 255) === 0) this.check()
  }

  /**
   * Waits for outside work (a child process, a download) no longer than the budget has left:
   * past it, the same BudgetExceededError as `at()`; the caller stops the work itself.
   */
  async within<T>(work: Promise<T>): Promise<T> {
    const { maxSeconds } = this.options
    if (maxSeconds === undefined || maxSeconds <= 0) return work
    const leftMs = maxSeconds * 1000 - (this.clock() - this.started)
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.exceeded()), Math.max(0, leftMs) + 1)
    })
    try {
      return await Promise.race([work, expired])
    } finally {
      clearTimeout(timer)
    }
  }

  private exceeded(): BudgetExceededError {
    return new BudgetExceededError(
      `${this.options.label} did not finish within ${this.options.maxSeconds} s (--max-seconds); it was on ${this.stage}${this.extra()}. ` +
        'Nothing was reported as complete. Raise --max-seconds (input max-seconds), or narrow the contract.'
    )
  }

  private check(): void {
    const now = this.clock()
    const elapsed = (now - this.started) / 1000
    const { maxSeconds, progress } = this.options
    if (maxSeconds !== undefined && maxSeconds > 0 && elapsed > maxSeconds) throw this.exceeded()
    if (progress && now - this.lastProgress >= (this.options.progressEveryMs ?? 5000)) {
      this.lastProgress = now
      progress(`${this.options.label}: ${elapsed.toFixed(0)} s, on ${this.stage}${this.extra()}`)
    }
  }

  private extra(): string {
    const text = this.detail()
    return text ? ` (${text})` : ''
  }
}

/** The default time budget of contract comparisons, in seconds. */
export const defaultMaxSeconds = 600

/** What is left of a budget of `maxSeconds` (default 600) started at `startedAt` (performance.now()). */
export function remainingSeconds(startedAt: number, maxSeconds = defaultMaxSeconds): number {
  if (maxSeconds <= 0) return 0
  return Math.max(0.001, maxSeconds - (performance.now() - startedAt) / 1000)
}

/** Parses a --max-seconds / max-seconds value: a positive number, or 0 for no limit. */
export function parseMaxSeconds(value: string | undefined, source: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new InputError(`${source} must be a number of seconds (0 for no limit), got '${value}'.`)
  return seconds
}
