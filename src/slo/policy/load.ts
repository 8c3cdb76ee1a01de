import { LineCounter, parseAllDocuments, isNode, type Document } from 'yaml'
import { InputError } from '../../core/errors.js'
import type {
  Bound,
  CanaryDirection,
  MeasureSpec,
  Objective,
  ProviderConfig,
  SloPolicy
} from '../types.js'
import { workbookBurnRates } from '../evaluate/burn-rate.js'
import { burnBound, canaryMeasure } from './burn.js'
import { parseBound } from './bound.js'
import { parseDuration } from './duration.js'
import {
  PolicyProblems,
  resolveSchedule,
  type ReportProblem,
  type ScheduleSettings
} from './schedule.js'
import { opensloObjectives, providerFromDataSource, type OpensloDocument } from './openslo.js'
import { validateDocument, type DocumentKind } from './validate.js'

interface RawProvider {
  type: ProviderConfig['type']
  url?: string
  headers?: Record<string, string>
  auth?: ProviderConfig['auth']
  caFile?: string
  timeout?: string
  retries?: number
  backoff?: string
  path?: string
  method?: 'GET' | 'POST'
  body?: string
  valuePath?: string
  range?: ProviderConfig['range']
  concurrency?: number
  apiKeyEnv?: string
  appKeyEnv?: string
}

interface RawObjective extends ScheduleSettings {
  name: string
  description?: string
  query?: string
  bound?: string
  canary?: {
    canary: string
    baseline: string
    direction?: CanaryDirection
    tolerance?: number
    confidence?: number
    nanStrategy?: 'remove' | 'replace'
    step?: string
    minSamples?: number
  }
  burnRate?: {
    errorRatio: string
    target: number
    long?: { window?: string; threshold?: number }
    short?: { window?: string; threshold?: number }
  }
  weight?: number
  critical?: boolean
  dryRun?: boolean
}

interface RawPolicy {
  version?: 1
  providers?: Record<string, RawProvider>
  defaults?: ScheduleSettings
  failFast?: boolean
  scoreThresholds?: { pass: number; marginal: number }
  objectives?: RawObjective[]
}

interface LoadedDocument {
  kind: DocumentKind | 'ignored' | 'opensloAlerting'
  value: Record<string, unknown>
  doc: Document.Parsed
  lineOf(path: (string | number)[]): number | null
}

/**
 * Parses and validates `slo.yml`: rollback-guard policy documents and OpenSLO v1 documents in one
 * YAML stream. Throws one InputError listing every problem with its file:line.
 */
export function parseSloPolicy(text: string, file: string): SloPolicy {
  const problems = new PolicyProblems(file)
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false })
  if (!Array.isArray(docs)) {
    throw new InputError(
      `${file} is empty; it needs at least one objective (see examples/slo/slo.yml).`
    )
  }
  const loaded: LoadedDocument[] = []
  for (const doc of docs) {
    for (const error of doc.errors) {
      problems.add(lineCounter.linePos(error.pos[0]).line, `YAML: ${error.message.split('\n')[0]}`)
    }
    if (doc.errors.length > 0) continue
    const value: unknown = doc.toJS({ maxAliasCount: 100 })
    if (value === null || value === undefined) continue
    const lineOf = (path: (string | number)[]): number | null => {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
      }
      return null
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.add(
        lineOf([]),
        'each YAML document must be a mapping (a policy or an OpenSLO document)'
      )
      continue
    }
    const record = value as Record<string, unknown>
    const kind = documentKind(record)
    if (typeof kind === 'string' && kind.startsWith('unsupported:')) {
      problems.add(lineOf(['apiVersion']), kind.slice('unsupported:'.length))
      continue
    }
    loaded.push({ kind: kind as LoadedDocument['kind'], value: record, doc, lineOf })
  }
  problems.throwIfAny()

  for (const entry of loaded) {
    if (entry.kind === 'ignored' || entry.kind === 'opensloAlerting') continue
    for (const problem of validateDocument(entry.kind, entry.value)) {
      problems.add(entry.lineOf(problem.path), problem.message)
    }
  }
  problems.throwIfAny()

  const policies = loaded.filter((entry) => entry.kind === 'policy')
  const providers: Record<string, ProviderConfig> = {}
  let defaults: ScheduleSettings = {}
  let failFast = true
  let scoreThresholds: SloPolicy['scoreThresholds']
  for (const entry of policies) {
    const raw = entry.value as RawPolicy
    if (raw.scoreThresholds) {
      if (raw.scoreThresholds.marginal > raw.scoreThresholds.pass)
        problems.add(
          entry.lineOf(['scoreThresholds', 'marginal']),
          `scoreThresholds.marginal ${raw.scoreThresholds.marginal} is above pass ${raw.scoreThresholds.pass}; marginal is the lower threshold`
        )
      scoreThresholds = raw.scoreThresholds
    }
    for (const [name, provider] of Object.entries(raw.providers ?? {})) {
      if (providers[name])
        problems.add(entry.lineOf(['providers', name]), `provider '${name}' is declared twice`)
      providers[name] = providerConfig(name, provider)
    }
    defaults = { ...defaults, ...raw.defaults }
    if (raw.failFast === false) failFast = false
  }
  for (const entry of loaded.filter((e) => e.kind === 'opensloDataSource')) {
    const provider = providerFromDataSource(entry.value as unknown as OpensloDocument)
    if (typeof provider === 'string') {
      problems.add(entry.lineOf(['spec', 'type']), provider)
    } else if (providers[provider.name]) {
      problems.add(
        entry.lineOf(['metadata', 'name']),
        `provider '${provider.name}' is declared twice`
      )
    } else {
      providers[provider.name] = provider
    }
  }

  const objectives: Objective[] = []
  for (const entry of policies) {
    const raw = entry.value as RawPolicy
    ;(raw.objectives ?? []).forEach((item, index) => {
      const line = entry.lineOf(['objectives', index])
      const objective = nativeObjective(
        item,
        defaults,
        providers,
        { file, line },
        (path, message) => problems.add(entry.lineOf(['objectives', index, ...path]), message)
      )
      if (objective) objectives.push(objective)
    })
  }
  const openslo = loaded.filter(
    (e) => e.kind === 'opensloSLI' || e.kind === 'opensloSLO' || e.kind === 'opensloAlerting'
  )
  if (openslo.length > 0) {
    objectives.push(
      ...opensloObjectives(
        openslo.map((entry) => ({
          doc: entry.value as unknown as OpensloDocument,
          lineOf: entry.lineOf
        })),
        { file, defaults, providers, problems }
      )
    )
  }

  const names = new Map<string, Objective>()
  for (const objective of objectives) {
    const earlier = names.get(objective.name)
    if (earlier) {
      problems.add(
        objective.source.line,
        `objective '${objective.name}' is declared twice (also on line ${earlier.source.line})`
      )
    }
    names.set(objective.name, objective)
  }
  if (objectives.length === 0 && problems.lines.length === 0) {
    problems.add(
      null,
      'no objectives: add an `objectives:` list or OpenSLO SLO documents (see examples/slo/)'
    )
  }
  problems.throwIfAny()
  return {
    file,
    providers,
    objectives,
    failFast,
    ...(scoreThresholds ? { scoreThresholds } : {}),
    ...(problems.warnings.length > 0 ? { warnings: problems.warnings } : {})
  }
}

function documentKind(
  value: Record<string, unknown>
): DocumentKind | 'ignored' | 'opensloAlerting' | `unsupported:${string}` {
  const apiVersion = value.apiVersion
  if (apiVersion === undefined) return 'policy'
  if (apiVersion !== 'openslo/v1') {
    return `unsupported:apiVersion '${String(apiVersion)}' is not supported; write rollback-guard policy documents (no apiVersion) or OpenSLO 'openslo/v1' documents`
  }
  switch (value.kind) {
    case 'DataSource':
      return 'opensloDataSource'
    case 'SLI':
      return 'opensloSLI'
    case 'SLO':
      return 'opensloSLO'
    case 'AlertPolicy':
    case 'AlertCondition':
      // Burn-rate conditions of an SLO's alert policies become burn-rate objectives.
      return 'opensloAlerting'
    default:
      // Service, AlertNotificationTarget and friends do not change a deploy verdict.
      return 'ignored'
  }
}

function providerConfig(name: string, raw: RawProvider): ProviderConfig {
  return {
    name,
    type: raw.type,
    url: raw.url,
    headers: raw.headers,
    auth: raw.auth,
    caFile: raw.caFile,
    timeoutMs: parseDuration(raw.timeout ?? '10s') ?? 10_000,
    retries: raw.retries ?? 3,
    backoffMs: parseDuration(raw.backoff ?? '1s') ?? 1000,
    path: raw.path,
    method: raw.method,
    body: raw.body,
    valuePath: raw.valuePath,
    ...(raw.range ? { range: raw.range } : {}),
    ...(raw.concurrency !== undefined ? { concurrency: raw.concurrency } : {}),
    apiKeyEnv: raw.apiKeyEnv,
    appKeyEnv: raw.appKeyEnv
  }
}

function nativeObjective(
  raw: RawObjective,
  defaults: ScheduleSettings,
  providers: Record<string, ProviderConfig>,
  where: { file: string; line: number | null },
  report: ReportProblem
): Objective | null {
  const kinds = (['query', 'canary', 'burnRate'] as const).filter((k) => raw[k] !== undefined)
  if (kinds.length !== 1) {
    report(
      [],
      kinds.length === 0
        ? `objective '${raw.name}' needs what to measure: query with bound, canary (canary and baseline queries) or burnRate`
        : `objective '${raw.name}' has ${kinds.join(' and ')}; give exactly one of query (with bound), canary or burnRate`
    )
    return null
  }
  if (raw.bound !== undefined && raw.query === undefined) {
    report(
      ['bound'],
      `objective '${raw.name}': bound goes with query; a canary is judged by its tolerance and confidence, a burn rate by its thresholds`
    )
    return null
  }
  const judged = judgedMeasure(raw, report)
  if (!judged) return null
  const { measure, bound } = judged
  const schedule = resolveSchedule(raw, defaults, providers, report)
  if (!schedule) return null
  if (schedule.failureLimit > schedule.count) {
    report(
      ['failureLimit'],
      `failureLimit ${schedule.failureLimit} is more than the ${schedule.count} measurements, so '${raw.name}' could never fail; lower it or raise count`
    )
    return null
  }
  return {
    name: raw.name,
    description: raw.description,
    measure,
    bound,
    weight: raw.weight ?? 1,
    ...(raw.critical !== undefined ? { critical: raw.critical } : {}),
    ...(raw.dryRun !== undefined ? { dryRun: raw.dryRun } : {}),
    source: { file: where.file, line: where.line, from: 'policy' },
    ...schedule
  }
}

/** What a native objective measures and the bound it shows: a query, a canary comparison or a burn rate. */
function judgedMeasure(
  raw: RawObjective,
  report: ReportProblem
): { measure: MeasureSpec; bound: Bound } | null {
  if (raw.canary) {
    const c = raw.canary
    return canaryMeasure(c.canary, c.baseline, parseDuration(c.step ?? '1m') ?? 60_000, c)
  }
  if (raw.burnRate) {
    const b = raw.burnRate
    const page = workbookBurnRates.page
    const side = (
      own: { window?: string; threshold?: number } | undefined,
      fallback: { window: string; threshold: number }
    ) => ({
      windowMs: parseDuration(own?.window ?? fallback.window) ?? 0,
      threshold: own?.threshold ?? fallback.threshold
    })
    const long = side(b.long, page.long)
    const short = side(b.short, page.short)
    if (short.windowMs >= long.windowMs) {
      report(
        ['burnRate', 'short', 'window'],
        `the short window must be shorter than the long one (the SRE workbook pairs 1h with 5m, 6h with 30m)`
      )
      return null
    }
    return {
      measure: {
        kind: 'burnrate',
        errorRatio: { kind: 'query', query: b.errorRatio },
        target: b.target,
        long,
        short
      },
      bound: burnBound(long, short)
    }
  }
  if (raw.bound === undefined) {
    report([], `objective '${raw.name}' has a query but no bound; add bound: '< 0.01' or '<= +10%'`)
    return null
  }
  const bound = parseBound(raw.bound)
  if (typeof bound === 'string') {
    report(['bound'], bound)
    return null
  }
  return { measure: { kind: 'instant', query: raw.query as string }, bound }
}
