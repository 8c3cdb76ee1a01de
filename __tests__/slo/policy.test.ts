import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { InputError } from '../../src/core/errors.js'
import { parseBound } from '../../src/slo/policy/bound.js'
import { formatDuration, parseDuration } from '../../src/slo/policy/duration.js'
import { parseSloPolicy } from '../../src/slo/policy/load.js'
import { sloPolicySchema } from '../../src/slo/policy/schema.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const read = (path: string): string => readFileSync(`${root}${path}`, 'utf8')
const load = (path: string) => parseSloPolicy(read(path), path)

function problemsOf(path: string): string {
  try {
    load(path)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error(`${path} loaded without a problem`)
}

describe('slo.yml', () => {
  it('loads the example policy with its defaults, bounds and baseline', () => {
    const policy = load('examples/slo/slo.yml')
    expect(Object.keys(policy.providers)).toEqual(['prometheus'])
    expect(policy.providers.prometheus).toMatchObject({
      type: 'prometheus',
      timeoutMs: 10_000,
      retries: 3,
      backoffMs: 1000
    })
    expect(policy.objectives.map((o) => o.name)).toEqual([
      'error-rate',
      'latency-p95',
      'throughput'
    ])
    const [errors, latency, throughput] = policy.objectives
    expect(errors).toMatchObject({
      bound: { kind: 'absolute', op: '<', value: 0.01 },
      windowMs: 300_000,
      initialDelayMs: 120_000,
      intervalMs: 60_000,
      count: 10,
      failureLimit: 2,
      consecutive: false,
      errorLimit: 3,
      noData: 'pass',
      weight: 1,
      source: { line: 27, from: 'policy' }
    })
    expect(errors?.measure).toEqual({
      kind: 'instant',
      query:
        'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{window}}])) / sum(rate(http_requests_total{service="checkout"}[{{window}}]))'
    })
    expect(latency).toMatchObject({
      bound: { kind: 'relative', op: '<=', percent: 10 },
      baseline: { windowMs: 1_800_000 },
      consecutive: true
    })
    expect(throughput?.weight).toBe(0)
  })

  it('keeps schemas/slo-policy.schema.json identical to the schema the loader validates with', () => {
    expect(JSON.parse(read('schemas/slo-policy.schema.json'))).toEqual(
      JSON.parse(JSON.stringify(sloPolicySchema))
    )
  })

  it('reports every problem at once, each with file:line and the fix', () => {
    const message = problemsOf('__tests__/fixtures/slo/invalid-policy.yml')
    expect(message).toContain(
      "invalid-policy.yml:6: 'providers.prometheus.timeout' must be a duration like 30s, 5m or 1h30m"
    )
    expect(message).toContain("invalid-policy.yml:14: 'objectives.1' has an unknown key 'windw'")
    expect(message.split('\n').length).toBeGreaterThanOrEqual(2)
  })

  it('reports the semantic problems of a schema-valid policy with their lines', () => {
    const text = read('__tests__/fixtures/slo/invalid-policy.yml')
      .replace('ten seconds', '10s')
      .replace('    windw: 5m\n', '')
    let message = ''
    try {
      parseSloPolicy(text, 'slo.yml')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain(
      "slo.yml:10: '< 1%' is ambiguous; write '< +1%' for a change relative to the baseline, or '< 0.01' for an absolute ratio"
    )
    expect(message).toContain("slo.yml:15: provider 'thanos' is not declared; known: prometheus")
  })

  it('names the line of a YAML syntax error', () => {
    expect(() =>
      parseSloPolicy('objectives:\n  - name: a\n    query: "unclosed\n', 'slo.yml')
    ).toThrow(/^invalid SLO policy: slo\.yml:4: YAML: Missing closing "quote/)
  })

  it('refuses a policy with no objectives and one that could never fail', () => {
    expect(() => parseSloPolicy('version: 1\n', 'slo.yml')).toThrow(/no objectives/)
    const text =
      'providers: { p: { type: file, path: s.json } }\nobjectives:\n  - { name: a, query: q, bound: "< 1", count: 2, failureLimit: 3 }\n'
    expect(() => parseSloPolicy(text, 'slo.yml')).toThrow(
      /slo\.yml:3: failureLimit 3 is more than the 2 measurements/
    )
  })
})

describe('OpenSLO v1 documents', () => {
  it('turns the example SLOs into objectives bound to the DataSource, scheduled by annotations', () => {
    const policy = load('examples/slo/openslo.yaml')
    expect(policy.providers.prometheus).toMatchObject({
      type: 'prometheus',
      url: 'http://127.0.0.1:9090'
    })
    const [availability, latency] = policy.objectives
    expect(availability).toMatchObject({
      name: 'checkout-availability',
      provider: 'prometheus',
      bound: { kind: 'absolute', op: '>=', value: 0.99 },
      initialDelayMs: 300_000,
      intervalMs: 60_000,
      count: 5,
      failureLimit: 2,
      source: { from: 'openslo' }
    })
    expect(availability?.measure).toEqual({
      kind: 'ratio',
      good: undefined,
      bad: 'sum(http_requests_total{service="checkout",code=~"5.."})',
      total: 'sum(http_requests_total{service="checkout"})',
      raw: undefined,
      rawType: undefined,
      counter: true,
      stepMs: 60_000
    })
    expect(latency?.measure).toMatchObject({
      kind: 'threshold',
      op: '<',
      value: 0.3,
      stepMs: 60_000
    })
    expect(latency?.bound).toMatchObject({ op: '>=', value: 0.95 })
  })

  it('runs a file of pure OpenSLO documents, ignoring kinds that do not decide a deploy', () => {
    const policy = load('__tests__/fixtures/slo/openslo-only.yaml')
    expect(policy.objectives.map((o) => [o.name, o.bound.text, o.provider])).toEqual([
      ['api-availability/nines', '>= 0.995', 'metrics'],
      ['api-availability/fewer nines', '>= 0.99', 'metrics']
    ])
    expect(policy.objectives[0]?.measure).toMatchObject({
      kind: 'ratio',
      raw: 'avg(api:success_ratio:rate5m)',
      rawType: 'success'
    })
  })

  it('applies the defaults of a policy document in the same file to OpenSLO objectives', () => {
    const openslo = read('examples/slo/openslo.yaml')
    const text = `defaults: { count: 3, errorLimit: 1, noData: fail }\n---\n${openslo}`
    const policy = parseSloPolicy(text, 'mixed.yaml')
    expect(policy.objectives.map((o) => [o.name, o.count, o.errorLimit, o.noData])).toEqual([
      ['checkout-availability', 5, 1, 'fail'],
      ['checkout-latency', 5, 1, 'fail']
    ])
  })

  it('reports unsupported data sources, missing SLIs and other apiVersions with their lines', () => {
    const message = problemsOf('__tests__/fixtures/slo/invalid-openslo.yaml')
    expect(message).toContain(
      "invalid-openslo.yaml:21: apiVersion 'openslo/v1alpha' is not supported"
    )
  })

  it('reports a DataSource type it cannot query and an SLI it cannot find', () => {
    const text = read('__tests__/fixtures/slo/invalid-openslo.yaml')
      .split('\n---\n')
      .slice(0, 2)
      .join('\n---\n')
    let message = ''
    try {
      parseSloPolicy(text, 'openslo.yaml')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain("openslo.yaml:6: DataSource 'cloudwatch' has type 'CloudWatch'")
    expect(message).toContain(
      "openslo.yaml:16: SLO 'availability' refers to SLI 'missing-sli', which is not in this file"
    )
  })
})

describe('bounds and durations', () => {
  it('parses absolute and signed relative bounds and refuses the rest with a hint', () => {
    expect(parseBound('< 0.01')).toEqual({ kind: 'absolute', op: '<', value: 0.01, text: '< 0.01' })
    expect(parseBound('>=0.999')).toEqual({
      kind: 'absolute',
      op: '>=',
      value: 0.999,
      text: '>= 0.999'
    })
    expect(parseBound('<= +10%')).toEqual({
      kind: 'relative',
      op: '<=',
      percent: 10,
      text: '<= +10%'
    })
    expect(parseBound('>= -5%')).toEqual({
      kind: 'relative',
      op: '>=',
      percent: -5,
      text: '>= -5%'
    })
    expect(parseBound('== 1')).toMatch(/is not a bound/)
  })

  it("reads and writes Prometheus' durations", () => {
    expect(parseDuration('90s')).toBe(90_000)
    expect(parseDuration('1h30m')).toBe(5_400_000)
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('5 minutes')).toBeNull()
    expect(formatDuration(5_400_000)).toBe('1h30m')
    expect(formatDuration(270_000)).toBe('4m30s')
    expect(formatDuration(1500)).toBe('1500ms')
  })
})
