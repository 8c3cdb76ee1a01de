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
  apiKeyEnv?: string
  appKeyEnv?: string
}

export interface SloPolicy {
  file: string
  providers: Record<string, ProviderConfig>
  objectives: Objective[]
  /** Stop every measurement as soon as a deciding objective has failed. */
  failFast: boolean
}

export type InconclusiveReason = 'no-data' | 'nan' | 'provider-error' | 'no-baseline'

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
