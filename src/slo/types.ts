import type { Point } from './ports.js'

/** The SLO gate's model: a policy of objectives, the measurements taken, the verdicts drawn. */

export type Verdict = 'pass' | 'fail' | 'inconclusive'
export type ComparisonOp = '<' | '<=' | '>' | '>='
export type NoDataPolicy = 'inconclusive' | 'pass' | 'fail'

/** `< 0.01` (absolute) or `<= +10%` (relative to the value measured over the baseline window before the deploy). */
export type Bound =
  | { kind: 'absolute'; op: ComparisonOp; value: number; text: string }
  | { kind: 'relative'; op: ComparisonOp; percent: number; text: string }

export interface BaselineSpec {
  /** Length of the window that ends at the deploy time, in milliseconds. */
  windowMs: number
  /** The least baseline value a relative bound starts from (a floor for near-zero baselines). */
  min?: number
}

/** How one measurement turns the provider's data into the single number compared with the bound. */
export type MeasureSpec =
  /** An instant query at the measurement time; `{{window}}` in it is replaced by the query window. */
  | { kind: 'instant'; query: string }
  /**
   * OpenSLO ratioMetric: good (or bad) over total since the deploy; counters are differenced,
   * gauges summed; `raw` is a precomputed ratio averaged. Timeslices: share of good slices.
   */
  | {
      kind: 'ratio'
      good?: string
      bad?: string
      total?: string
      raw?: string
      rawType?: 'success' | 'failure'
      counter: boolean
      stepMs: number
      timeslice?: { target: number }
    }
  /** OpenSLO thresholdMetric: share of points since the deploy that satisfy `op value`. */
  | { kind: 'threshold'; query: string; op: ComparisonOp; value: number; stepMs: number }
  /** Canary against baseline: both range queries since the deploy, compared by a Mann-Whitney U test. */
  | ({ kind: 'canary'; canary: string; baseline: string; stepMs: number } & CanaryJudge)
  /** Error-budget burn over a long and a short window (both must burn too fast to fail). */
  | {
      kind: 'burnrate'
      /** The error ratio: an instant query with {{window}}, or an OpenSLO ratio SLI over the window. */
      errorRatio: { kind: 'query'; query: string } | Extract<MeasureSpec, { kind: 'ratio' }>
      /** The SLO target (0.999): the error budget is 1 - target. */
      target: number
      long: BurnWindow
      short: BurnWindow
    }

export interface BurnWindow {
  windowMs: number
  /** The burn rate (multiple of the budget's even spend) at or above which this window burns too fast. */
  threshold: number
}

/** Which way a difference is bad: the canary larger (latency, errors), smaller (throughput) or either. */
export type CanaryDirection = 'increase' | 'decrease' | 'either'

export interface CanaryJudge {
  direction: CanaryDirection
  /** Relative effect size (difference of medians over the baseline median) below which a difference is ignored. */
  tolerance: number
  /** 1 - the p-value under which a difference is significant (Kayenta's default 0.98). */
  confidence: number
  /** NaN points: dropped (`remove`) or counted as zero (`replace`). */
  nanStrategy: 'remove' | 'replace'
  /** Fewer points than this in either sample is no data. */
  minSamples: number
}

export interface Objective {
  name: string
  /** The key of the provider in the policy's `providers`. */
  provider: string
  measure: MeasureSpec
  bound: Bound
  /** The query window substituted for `{{window}}`, clipped so it never reaches before the deploy. */
  windowMs: number
  baseline: BaselineSpec
  intervalMs: number
  count: number
  initialDelayMs: number
  /** The objective fails once this many measurements failed (in a row when `consecutive`). */
  failureLimit: number
  consecutive: boolean
  /** Provider errors that make the objective inconclusive and stop measuring it. */
  errorLimit: number
  noData: NoDataPolicy
  /** 0 makes an objective informational: reported, never deciding the gate. */
  weight: number
  /** With the policy's scoreThresholds: a failure of this objective fails the gate whatever the score. */
  critical?: boolean
  /** Measured and reported, never deciding the gate (Argo's dryRun). */
  dryRun?: boolean
  /** The objective is inconclusive, and stops measuring, once this many measurements were inconclusive. */
  inconclusiveLimit?: number
  /** The objective passes, and stops measuring, after this many passing measurements in a row. */
  consecutiveSuccessLimit?: number
  /** Where the objective was declared, for messages. */
  source: { file: string; line: number | null; from: 'policy' | 'openslo' }
  description?: string
}

export type ProviderType = 'prometheus' | 'datadog' | 'web' | 'file'

export interface ProviderAuth {
  type: 'bearer' | 'basic'
  /** Names of environment variables holding the secrets; the policy never holds a secret itself. */
  tokenEnv?: string
  username?: string
  usernameEnv?: string
  passwordEnv?: string
}

export interface ProviderConfig {
  name: string
  type: ProviderType
  url?: string
  /** Extra request headers; values of the form `${ENV_NAME}` are read from the environment. */
  headers?: Record<string, string>
  auth?: ProviderAuth
  /** A PEM file of extra certificate authorities, relative to the policy file. */
  caFile?: string
  timeoutMs: number
  retries: number
  backoffMs: number
  /** file: the recorded series; web: request shape and where the value is. */
  path?: string
  method?: 'GET' | 'POST'
  body?: string
  valuePath?: string
  /** web: how a range query is asked for and where its points are. */
  range?: { url?: string; method?: 'GET' | 'POST'; body?: string; pointsPath: string }
  /** prometheus: queries of one measurement round in flight at once (identical ones are sent once). */
  concurrency?: number
  apiKeyEnv?: string
  appKeyEnv?: string
}

export interface SloPolicy {
  file: string
  providers: Record<string, ProviderConfig>
  objectives: Objective[]
  /** Stop every measurement as soon as a deciding objective has failed. */
  failFast: boolean
  /**
   * Kayenta-style scoring (0..100): the gate passes at a weighted score >= pass, fails under
   * marginal (or when a critical objective failed), and is inconclusive between. Without it every
   * deciding objective is critical.
   */
  scoreThresholds?: { pass: number; marginal: number }
  /** Policy mistakes that do not stop the gate, for the log. */
  warnings?: string[]
}

export type InconclusiveReason =
  'no-data' | 'nan' | 'provider-error' | 'no-baseline' | 'too-few-samples'

/** What a canary measurement compared. */
export interface CanaryComparison {
  /** U of the canary sample, its p-value for the bad direction, and how it was computed. */
  u: number
  pValue: number
  method: 'exact' | 'asymptotic'
  /** (median canary - median baseline) / |median baseline|. */
  effectSize: number
  canaryMedian: number
  baselineMedian: number
  /** The points compared (after the NaN strategy). */
  canary: Point[]
  baseline: Point[]
}

export interface BurnRates {
  /** The error budget, 1 - target. */
  budget: number
  long: { windowMs: number; errorRatio: number | null; burnRate: number | null; threshold: number }
  short: { windowMs: number; errorRatio: number | null; burnRate: number | null; threshold: number }
}

export interface Measurement {
  /** 1-based index in the schedule. */
  index: number
  at: Date
  /** The query window actually used (after clipping at the deploy time), in ms. */
  windowMs: number
  value: number | null
  /** The bound's threshold at this measurement (the baseline-derived number for relative bounds). */
  threshold: number | null
  result: Verdict
  reason?: InconclusiveReason
  /** The provider's message when it failed. */
  error?: string
  /** Labels of the series the value came from, when the query returned several. */
  series?: Record<string, string>
  canary?: CanaryComparison
  burn?: BurnRates
}

export interface BaselineResult {
  query: string
  from: Date
  to: Date
  value: number | null
  error?: string
}

export interface ObjectiveResult {
  objective: Objective
  verdict: Verdict
  /** One line: why this verdict. */
  reason: string
  measurements: Measurement[]
  baseline: BaselineResult | null
  failures: number
  errors: number
}

export interface GateResult {
  verdict: Verdict
  deployedAt: Date
  startedAt: Date
  finishedAt: Date
  objectives: ObjectiveResult[]
  /** Weighted share of deciding objectives that passed, 0..1 (null when nothing decides). */
  score: number | null
  /** True when a provider failed after its retries (the CLI exits 3 on such an inconclusive verdict). */
  serviceFailed: boolean
}
