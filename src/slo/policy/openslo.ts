import type {
  CanaryDirection,
  ComparisonOp,
  MeasureSpec,
  Objective,
  ProviderConfig,
  ProviderType
} from '../types.js'
import { opensloOps } from './bound.js'
import { parseDuration } from './duration.js'
import { resolveSchedule, type PolicyProblems, type ScheduleSettings } from './schedule.js'
import { burnBound, canaryMeasure } from './burn.js'

interface MetricSource {
  metricSourceRef?: string
  type?: string
  spec: { query?: unknown } & Record<string, unknown>
}
interface Metric {
  metricSource: MetricSource
}
interface SliSpec {
  thresholdMetric?: Metric
  ratioMetric?: {
    counter?: boolean
    good?: Metric
    bad?: Metric
    total?: Metric
    raw?: Metric
    rawType?: 'success' | 'failure'
  }
}
interface OpensloObjective {
  displayName?: string
  name?: string
  op?: 'lt' | 'lte' | 'gt' | 'gte'
  value?: number
  target?: number
  targetPercent?: number
  timeSliceTarget?: number
  timeSliceWindow?: string | number
}
export interface OpensloDocument {
  apiVersion: 'openslo/v1'
  kind: 'DataSource' | 'SLI' | 'SLO' | 'AlertPolicy' | 'AlertCondition'
  metadata: { name: string; displayName?: string; annotations?: Record<string, string> }
  spec: Record<string, unknown>
}

const providerTypes: Record<string, ProviderType> = { prometheus: 'prometheus', datadog: 'datadog' }

/** An OpenSLO DataSource of a type we query, as a provider; a message when the type is not one. */
export function providerFromDataSource(doc: OpensloDocument): ProviderConfig | string {
  const spec = doc.spec as { type: string; connectionDetails: Record<string, unknown> }
  const type = providerTypes[spec.type.toLowerCase()]
  if (!type) {
    return `DataSource '${doc.metadata.name}' has type '${spec.type}'; rollback-guard queries Prometheus (and Prometheus-compatible backends) and Datadog`
  }
  const details = spec.connectionDetails
  const text = (key: string): string | undefined =>
    typeof details[key] === 'string' ? (details[key] as string) : undefined
  const url =
    text('url') ??
    text('address') ??
    (type === 'datadog' && text('site') ? `https://api.${text('site')}` : undefined)
  if (type === 'prometheus' && !url) {
    return `DataSource '${doc.metadata.name}' needs connectionDetails.url (the Prometheus base URL)`
  }
  const tokenEnv = text('tokenEnv')
  return {
    name: doc.metadata.name,
    type,
    url,
    auth: tokenEnv ? { type: 'bearer', tokenEnv } : undefined,
    headers:
      typeof details.headers === 'object' && details.headers
        ? (details.headers as Record<string, string>)
        : undefined,
    timeoutMs: parseDuration(text('timeout') ?? '10s') ?? 10_000,
    retries: 3,
    backoffMs: 1000,
    apiKeyEnv: text('apiKeyEnv'),
    appKeyEnv: text('appKeyEnv')
  }
}

/**
 * Settings a pure OpenSLO file can carry for the gate, as annotations (OpenSLO reserves its own
 * prefix for itself; implementations use theirs): rollback-guard/interval, count, initial-delay,
 * failure-limit, consecutive, error-limit, no-data, provider, step, weight.
 */
const annotationPrefix = 'rollback-guard/'

interface Located {
  doc: OpensloDocument
  lineOf(path: (string | number)[]): number | null
}

/** OpenSLO SLO documents (with their SLIs, inline or by reference) as gate objectives. */
export function opensloObjectives(
  docs: Located[],
  context: {
    file: string
    defaults: ScheduleSettings
    providers: Record<string, ProviderConfig>
    problems: PolicyProblems
  }
): Objective[] {
  const slis = new Map<string, SliSpec>()
  const alertPolicies = new Map<string, Record<string, unknown>>()
  const alertConditions = new Map<string, Record<string, unknown>>()
  for (const { doc } of docs) {
    if (doc.kind === 'SLI') slis.set(doc.metadata.name, doc.spec as SliSpec)
    if (doc.kind === 'AlertPolicy') alertPolicies.set(doc.metadata?.name, doc.spec ?? {})
    if (doc.kind === 'AlertCondition') alertConditions.set(doc.metadata?.name, doc.spec ?? {})
  }
  const objectives: Objective[] = []
  for (const { doc, lineOf } of docs) {
    if (doc.kind !== 'SLO') continue
    const spec = doc.spec as {
      indicator?: { metadata: { name: string }; spec: SliSpec }
      indicatorRef?: string
      budgetingMethod?: string
      objectives: OpensloObjective[]
    }
    const sliName = spec.indicator?.metadata.name ?? spec.indicatorRef ?? doc.metadata.name
    const sli =
      spec.indicator?.spec ?? (spec.indicatorRef ? slis.get(spec.indicatorRef) : undefined)
    if (!sli) {
      context.problems.add(
        lineOf(['spec', 'indicatorRef']),
        `SLO '${doc.metadata.name}' refers to SLI '${spec.indicatorRef}', which is not in this file`
      )
      continue
    }
    const annotations = doc.metadata.annotations ?? {}
    const settings = annotationSettings(annotations, (key, message) =>
      context.problems.add(lineOf(['metadata', 'annotations', key]), message)
    )
    const source = firstSource(sli)
    const own: ScheduleSettings = { ...settings.schedule }
    if (own.provider === undefined && source?.metricSourceRef) own.provider = source.metricSourceRef
    if (own.provider === undefined && source?.type && !context.defaults.provider) {
      const ofType = Object.values(context.providers).filter(
        (p) => p.type === source.type?.toLowerCase()
      )
      if (ofType.length === 1) own.provider = (ofType[0] as ProviderConfig).name
    }
    const schedule = resolveSchedule(own, context.defaults, context.providers, (path, message) =>
      context.problems.add(lineOf(['spec', ...path]), `SLO '${doc.metadata.name}': ${message}`)
    )
    if (!schedule) continue
    spec.objectives.forEach((item, index) => {
      const line = lineOf(['spec', 'objectives', index])
      const report = (message: string): void =>
        context.problems.add(line, `SLO '${doc.metadata.name}': ${message}`)
      const target =
        item.target ?? (item.targetPercent !== undefined ? item.targetPercent / 100 : undefined)
      if (target === undefined) return report('an objective needs target or targetPercent')
      const timeslices = (spec.budgetingMethod ?? 'Occurrences') !== 'Occurrences'
      const stepMs = stepOf(item, settings.stepMs, timeslices)
      const measure = measureOf(sli, item, { stepMs, timeslices }, report)
      if (!measure) return
      if (measure.kind === 'ratio' && index === 0)
        checkCounter(measure, sliName, lineOf(['spec']), context.problems)
      const label = item.name ?? item.displayName
      objectives.push({
        name:
          spec.objectives.length === 1
            ? doc.metadata.name
            : `${doc.metadata.name}/${label ?? index + 1}`,
        description: doc.metadata.displayName ?? label,
        measure,
        bound: { kind: 'absolute', op: '>=', value: target, text: `>= ${target}` },
        weight: settings.weight ?? 1,
        ...settings.flags,
        source: { file: context.file, line, from: 'openslo' },
        ...schedule
      })
    })
    if (settings.canary) {
      const c = settings.canary
      if (!c.canary || !c.baseline) {
        context.problems.add(
          lineOf(['metadata', 'annotations']),
          `SLO '${doc.metadata.name}': a canary comparison needs both rollback-guard/canary and rollback-guard/baseline (the two queries)`
        )
      } else {
        objectives.push({
          name: `${doc.metadata.name}/canary`,
          description: doc.metadata.displayName,
          ...canaryMeasure(c.canary, c.baseline, settings.stepMs ?? 60_000, c),
          weight: settings.weight ?? 1,
          ...settings.flags,
          source: {
            file: context.file,
            line: lineOf(['metadata', 'annotations']),
            from: 'openslo'
          },
          ...schedule
        })
      }
    }
    const first = spec.objectives[0]
    const target =
      first?.target ?? (first?.targetPercent !== undefined ? first.targetPercent / 100 : undefined)
    for (const condition of burnConditions(
      (doc.spec as { alertPolicies?: unknown[] }).alertPolicies ?? [],
      { alertPolicies, alertConditions },
      (message) =>
        context.problems.add(
          lineOf(['spec', 'alertPolicies']),
          `SLO '${doc.metadata.name}': ${message}`
        )
    )) {
      const report = (message: string): void =>
        context.problems.add(
          lineOf(['spec', 'alertPolicies']),
          `SLO '${doc.metadata.name}', AlertCondition '${condition.name}': ${message}`
        )
      const ratio = measureOf(
        sli,
        {},
        { stepMs: settings.stepMs ?? 60_000, timeslices: false },
        report
      )
      if (!ratio) continue
      if (ratio.kind !== 'ratio') {
        report('a burnrate condition needs a ratioMetric SLI (good or bad over total)')
        continue
      }
      if (target === undefined || target >= 1) {
        report(
          'a burn rate needs the SLO objective target below 1 (the error budget is 1 - target)'
        )
        continue
      }
      const long = { windowMs: condition.lookbackMs, threshold: condition.threshold }
      const short = {
        windowMs: settings.shortWindowMs ?? Math.round(condition.lookbackMs / 12),
        threshold: condition.threshold
      }
      if (short.windowMs >= long.windowMs) {
        report('rollback-guard/short-window must be shorter than lookbackWindow')
        continue
      }
      objectives.push({
        name: `${doc.metadata.name}/${condition.name}`,
        description: doc.metadata.displayName ?? condition.description,
        measure: { kind: 'burnrate', errorRatio: ratio, target, long, short },
        bound: burnBound(long, short),
        weight: settings.weight ?? 1,
        ...settings.flags,
        source: { file: context.file, line: lineOf(['spec', 'alertPolicies']), from: 'openslo' },
        ...schedule
      })
    }
  }
  return objectives
}

interface CanaryAnnotations {
  canary?: string
  baseline?: string
  direction?: CanaryDirection
  tolerance?: number
  confidence?: number
  nanStrategy?: 'remove' | 'replace'
}

interface BurnCondition {
  name: string
  description?: string
  threshold: number
  lookbackMs: number
}

/**
 * The burnrate AlertConditions of an SLO's alertPolicies (by name, `alertPolicyRef`, or inline),
 * whose conditions are given by `conditionRef` or inline.
 */
function burnConditions(
  policies: unknown[],
  known: {
    alertPolicies: Map<string, Record<string, unknown>>
    alertConditions: Map<string, Record<string, unknown>>
  },
  report: (message: string) => void
): BurnCondition[] {
  const found: BurnCondition[] = []
  for (const entry of policies) {
    const ref =
      typeof entry === 'string'
        ? entry
        : ((entry as { alertPolicyRef?: string } | null)?.alertPolicyRef ?? undefined)
    const policy = ref
      ? known.alertPolicies.get(ref)
      : ((entry as { spec?: Record<string, unknown> } | null)?.spec ?? undefined)
    if (!policy) {
      if (ref) report(`alert policy '${ref}' is not in this file`)
      continue
    }
    for (const item of (policy.conditions as unknown[] | undefined) ?? []) {
      const conditionRef = (item as { conditionRef?: string } | null)?.conditionRef
      const name =
        conditionRef ?? (item as { metadata?: { name?: string } })?.metadata?.name ?? 'burnrate'
      const spec = conditionRef
        ? known.alertConditions.get(conditionRef)
        : (item as { spec?: Record<string, unknown> } | null)?.spec
      if (!spec) {
        report(`AlertCondition '${conditionRef}' is not in this file`)
        continue
      }
      const condition = spec.condition as
        { kind?: string; op?: string; threshold?: unknown; lookbackWindow?: unknown } | undefined
      if (condition?.kind !== 'burnrate') continue
      const lookbackMs =
        typeof condition.lookbackWindow === 'string'
          ? parseDuration(condition.lookbackWindow)
          : null
      if (typeof condition.threshold !== 'number' || condition.threshold <= 0 || !lookbackMs) {
        report(
          `AlertCondition '${name}' of kind burnrate needs threshold (a burn rate, e.g. 14.4) and lookbackWindow (e.g. 1h)`
        )
        continue
      }
      if (condition.op !== undefined && condition.op !== 'gte' && condition.op !== 'gt') {
        report(
          `AlertCondition '${name}' has op '${condition.op}'; a burn rate alerts when it is at or above the threshold (op: gte)`
        )
        continue
      }
      found.push({
        name,
        ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
        threshold: condition.threshold,
        lookbackMs
      })
    }
  }
  return found
}

const rateFunction = /\b(rate|irate|increase)\s*\(/
const bareCounter =
  /^\s*(sum\s*(by|without)?\s*(\([^)]*\))?\s*\(\s*)?[a-zA-Z_:][\w:]*_total\s*(\{[^}]*\})?\s*\)?\s*$/

/**
 * OpenSLO counters are differenced since the deploy: a query that already applies rate() gives
 * per-second rates whose differences are meaningless (every measurement came back NaN). The other
 * way round, a bare `_total` counter read as a gauge sums ever-growing totals.
 */
function checkCounter(
  measure: Extract<MeasureSpec, { kind: 'ratio' }>,
  sli: string,
  line: number | null,
  problems: PolicyProblems
): void {
  const queries = [measure.good, measure.bad, measure.total, measure.raw].filter(
    (q): q is string => q !== undefined
  )
  if (measure.counter && !measure.raw) {
    const rated = queries.find((q) => rateFunction.test(q))
    if (rated) {
      problems.add(
        line,
        `SLI '${sli}': ratioMetric has counter: true but its query already applies rate()/increase()/irate() (${rated.trim()}); counters are differenced since the deploy, so every measurement would be NaN or nonsense. Set counter: false (the queries give rates), or query the raw counters (e.g. sum(http_requests_total{...}))`
      )
    }
  } else if (!measure.counter) {
    const bare = queries.find((q) => bareCounter.test(q))
    if (bare) {
      problems.warn(
        line,
        `SLI '${sli}': ratioMetric has counter: false but ${bare.trim()} looks like a raw counter (_total); its ever-growing totals are summed as they are. Set counter: true, or wrap it in rate(...[{{window}}])`
      )
    }
  }
}

function firstSource(sli: SliSpec): MetricSource | undefined {
  const ratio = sli.ratioMetric
  return (sli.thresholdMetric ?? ratio?.total ?? ratio?.raw ?? ratio?.good ?? ratio?.bad)
    ?.metricSource
}

function queryOf(
  metric: Metric | undefined,
  report: (message: string) => void
): string | undefined {
  if (!metric) return undefined
  const query = metric.metricSource.spec.query
  if (typeof query !== 'string' || query.trim() === '') {
    report('each metricSource needs spec.query (the PromQL or Datadog query)')
    return undefined
  }
  return query
}

function stepOf(
  item: OpensloObjective,
  annotated: number | undefined,
  timeslices: boolean
): number {
  if (timeslices && item.timeSliceWindow !== undefined) {
    const window = item.timeSliceWindow
    // OpenSLO: a bare number is minutes.
    const ms = typeof window === 'number' ? window * 60_000 : parseDuration(window)
    if (ms) return ms
  }
  return annotated ?? 60_000
}

function measureOf(
  sli: SliSpec,
  item: OpensloObjective,
  options: { stepMs: number; timeslices: boolean },
  report: (message: string) => void
): MeasureSpec | null {
  if (sli.thresholdMetric) {
    const query = queryOf(sli.thresholdMetric, report)
    const op = item.op ? opensloOps[item.op] : undefined
    if (!query) return null
    if (!op || item.value === undefined) {
      report('an objective of a thresholdMetric SLI needs op and value')
      return null
    }
    return {
      kind: 'threshold',
      query,
      op: op as ComparisonOp,
      value: item.value,
      stepMs: options.stepMs
    }
  }
  const ratio = sli.ratioMetric
  if (!ratio) return null
  const problemsBefore: string[] = []
  const collect = (message: string): void => {
    problemsBefore.push(message)
  }
  const measure: MeasureSpec = {
    kind: 'ratio',
    good: queryOf(ratio.good, collect),
    bad: queryOf(ratio.bad, collect),
    total: queryOf(ratio.total, collect),
    raw: queryOf(ratio.raw, collect),
    rawType: ratio.rawType,
    counter: ratio.counter ?? true,
    stepMs: options.stepMs
  }
  if (problemsBefore.length > 0) {
    report(problemsBefore[0] as string)
    return null
  }
  if (options.timeslices) {
    if (item.timeSliceTarget === undefined) {
      report('budgetingMethod Timeslices needs timeSliceTarget on each objective')
      return null
    }
    measure.timeslice = { target: item.timeSliceTarget }
  }
  return measure
}

function annotationSettings(
  annotations: Record<string, string>,
  report: (key: string, message: string) => void
): {
  schedule: ScheduleSettings
  stepMs?: number
  weight?: number
  shortWindowMs?: number
  flags: { critical?: boolean; dryRun?: boolean }
  canary?: CanaryAnnotations
} {
  const schedule: ScheduleSettings = {}
  let canary: CanaryAnnotations | undefined
  const canaryPart = (): CanaryAnnotations => (canary ??= {})
  const flags: { critical?: boolean; dryRun?: boolean } = {}
  let stepMs: number | undefined
  let shortWindowMs: number | undefined
  let weight: number | undefined
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(annotationPrefix)) continue
    const name = key.slice(annotationPrefix.length)
    const duration = (): string | undefined => {
      if (parseDuration(value) !== null) return value
      report(key, `annotation ${key} must be a duration like 1m, got '${value}'`)
      return undefined
    }
    const integer = (): number | undefined => {
      if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value)
      report(key, `annotation ${key} must be a whole number of at least 1, got '${value}'`)
      return undefined
    }
    switch (name) {
      case 'interval':
        schedule.interval = duration()
        break
      case 'initial-delay':
        schedule.initialDelay = duration()
        break
      case 'step': {
        const text = duration()
        stepMs = text ? (parseDuration(text) ?? undefined) : undefined
        break
      }
      case 'short-window': {
        const text = duration()
        shortWindowMs = text ? (parseDuration(text) ?? undefined) : undefined
        break
      }
      case 'count':
        schedule.count = integer()
        break
      case 'inconclusive-limit':
        schedule.inconclusiveLimit = integer()
        break
      case 'consecutive-success-limit':
        schedule.consecutiveSuccessLimit = integer()
        break
      case 'critical':
        flags.critical = value === 'true'
        break
      case 'canary':
        canaryPart().canary = value
        break
      case 'baseline':
        canaryPart().baseline = value
        break
      case 'direction':
        if (value === 'increase' || value === 'decrease' || value === 'either')
          canaryPart().direction = value
        else report(key, `annotation ${key} must be increase, decrease or either, got '${value}'`)
        break
      case 'nan-strategy':
        if (value === 'remove' || value === 'replace') canaryPart().nanStrategy = value
        else report(key, `annotation ${key} must be remove or replace, got '${value}'`)
        break
      case 'tolerance':
      case 'confidence': {
        const number = Number(value)
        const ok =
          value.trim() !== '' &&
          Number.isFinite(number) &&
          number >= 0 &&
          (name === 'tolerance' || (number > 0 && number < 1))
        if (ok) canaryPart()[name] = number
        else
          report(
            key,
            `annotation ${key} must be ${name === 'tolerance' ? 'a number of at least 0' : 'a number between 0 and 1'}, got '${value}'`
          )
        break
      }
      case 'dry-run':
        flags.dryRun = value === 'true'
        break
      case 'failure-limit':
        schedule.failureLimit = integer()
        break
      case 'error-limit':
        schedule.errorLimit = integer()
        break
      case 'consecutive':
        schedule.consecutive = value === 'true'
        break
      case 'no-data':
        if (value === 'inconclusive' || value === 'pass' || value === 'fail')
          schedule.noData = value
        else report(key, `annotation ${key} must be inconclusive, pass or fail, got '${value}'`)
        break
      case 'provider':
        schedule.provider = value
        break
      case 'weight':
        if (Number.isFinite(Number(value)) && Number(value) >= 0) weight = Number(value)
        else report(key, `annotation ${key} must be a number of at least 0, got '${value}'`)
        break
      default:
        report(
          key,
          `unknown annotation ${key}; known: interval, count, initial-delay, failure-limit, consecutive, error-limit, inconclusive-limit, consecutive-success-limit, no-data, provider, step, short-window, weight, critical, dry-run, canary, baseline, direction, tolerance, confidence, nan-strategy`
        )
    }
  }
  for (const key of Object.keys(schedule) as (keyof ScheduleSettings)[]) {
    if (schedule[key] === undefined) delete schedule[key]
  }
  return { schedule, stepMs, weight, shortWindowMs, flags, ...(canary ? { canary } : {}) }
}
