/** The SLO gate as a library: load a policy, run it against providers, render the evidence. */
export type {
  Verdict as SloVerdict,
  ComparisonOp,
  NoDataPolicy,
  Bound as SloBound,
  BaselineSpec,
  MeasureSpec,
  Objective as SloObjective,
  ProviderType as SloProviderType,
  ProviderAuth as SloProviderAuth,
  ProviderConfig as SloProviderConfig,
  SloPolicy,
  InconclusiveReason,
  Measurement as SloMeasurement,
  BaselineResult,
  ObjectiveResult as SloObjectiveResult,
  GateResult as SloGateResult,
  CanaryJudge,
  CanaryDirection,
  CanaryComparison,
  BurnRates,
  BurnWindow
} from './types.js'
export { mannWhitneyU, type Alternative, type MannWhitneyResult } from './evaluate/mann-whitney.js'
export { judgeCanary, effectSize } from './evaluate/canary.js'
export { burnRate, judgeBurn, workbookBurnRates } from './evaluate/burn-rate.js'
export { parseSloPolicy } from './policy/load.js'
export { sloPolicySchema } from './policy/schema.js'
export { parseBound } from './policy/bound.js'
export { parseDuration, formatDuration } from './policy/duration.js'
export { runGate, measurementTime, type GatePorts } from './evaluate/run.js'
export { objectiveState } from './evaluate/objective.js'
export { gateVerdict, failedObjectives } from './evaluate/gate.js'
export { judgeValue } from './evaluate/judge.js'
export {
  MetricsUnavailableError,
  virtualClock,
  type Clock as SloClock,
  type Log as SloLog,
  type MetricsProvider,
  type Point as MetricPoint,
  type Sample as MetricSample,
  type Series as MetricSeries,
  type Sleep as SloSleep
} from './ports.js'
export {
  createProvider,
  defaultProviderFactory,
  type ProviderContext,
  type ProviderFactory
} from './providers/index.js'
export {
  buildEvidence,
  renderSloJson,
  type SloEvidence,
  type ObjectiveEvidence,
  type MeasurementEvidence
} from './render/evidence.js'
export { renderSloMarkdown, mermaidChart } from './render/markdown.js'
export { renderSloText } from './render/text.js'
