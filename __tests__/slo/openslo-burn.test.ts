import { describe, expect, it } from '@jest/globals'
import { parseSloPolicy } from '../../src/slo/policy/load.js'

const dataSource = `apiVersion: openslo/v1
kind: DataSource
metadata: { name: prom }
spec: { type: Prometheus, connectionDetails: { url: 'http://127.0.0.1:9090' } }
`

function sli(counter: boolean, good: string, total: string): string {
  return `---
apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-requests }
spec:
  ratioMetric:
    counter: ${counter}
    good: { metricSource: { metricSourceRef: prom, spec: { query: '${good}' } } }
    total: { metricSource: { metricSourceRef: prom, spec: { query: '${total}' } } }
`
}

const slo = `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  annotations: { rollback-guard/count: '3', rollback-guard/dry-run: 'true' }
spec:
  indicatorRef: checkout-requests
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
  alertPolicies: [fast-burn]
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: fast-burn }
spec:
  conditions:
    - conditionRef: page-1h
    - kind: AlertCondition
      metadata: { name: slow-6h }
      spec: { condition: { kind: burnrate, op: gte, threshold: 6, lookbackWindow: 6h, alertAfter: 30m } }
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: { name: page-1h }
spec:
  severity: page
  condition: { kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m }
`

const counters = sli(true, 'sum(http_requests_total{code!~"5.."})', 'sum(http_requests_total)')

describe('OpenSLO burnrate AlertConditions', () => {
  it('become burn-rate objectives over the SLI, the short window a twelfth of lookbackWindow', () => {
    const policy = parseSloPolicy(dataSource + counters + slo, 'openslo.yaml')
    const burns = policy.objectives.filter((o) => o.measure.kind === 'burnrate')
    expect(burns.map((o) => o.name)).toEqual([
      'checkout-availability/page-1h',
      'checkout-availability/slow-6h'
    ])
    expect(burns[0]!.measure).toMatchObject({
      kind: 'burnrate',
      target: 0.999,
      long: { windowMs: 3_600_000, threshold: 14.4 },
      short: { windowMs: 300_000, threshold: 14.4 },
      errorRatio: { kind: 'ratio', good: 'sum(http_requests_total{code!~"5.."})', counter: true }
    })
    expect(burns[1]!.measure).toMatchObject({
      long: { windowMs: 21_600_000, threshold: 6 },
      short: { windowMs: 1_800_000, threshold: 6 }
    })
    expect(burns[0]!.bound.text).toBe('burn rate < 14.4x over 1h or 5m')
    expect(burns.every((o) => o.dryRun === true && o.count === 3)).toBe(true)
  })

  it('names a missing alert condition and a condition that alerts below its threshold', () => {
    const broken = slo
      .replace('conditionRef: page-1h', 'conditionRef: nowhere')
      .replace('op: gte, threshold: 6', 'op: lte, threshold: 6')
    expect(() => parseSloPolicy(dataSource + counters + broken, 'openslo.yaml')).toThrow(
      /AlertCondition 'nowhere' is not in this file[\s\S]*AlertCondition 'slow-6h' has op 'lte'/
    )
  })
})

describe('OpenSLO counter mistakes, caught before measuring', () => {
  it('refuses counter: true on queries that already apply rate(), naming the SLI and the fix', () => {
    const rated = sli(
      true,
      'sum(rate(http_requests_total{code!~"5.."}[5m]))',
      'sum(rate(http_requests_total[5m]))'
    )
    expect(() => parseSloPolicy(dataSource + rated + slo, 'openslo.yaml')).toThrow(
      /openslo\.yaml:\d+: SLI 'checkout-requests': ratioMetric has counter: true but its query already applies rate\(\)\/increase\(\)\/irate\(\).*Set counter: false/
    )
  })

  it('warns about counter: false on a bare _total counter', () => {
    const bare = sli(false, 'sum(http_requests_total{code!~"5.."})', 'http_requests_total')
    const policy = parseSloPolicy(dataSource + bare + slo, 'openslo.yaml')
    expect(policy.warnings).toEqual([
      expect.stringMatching(
        /^openslo\.yaml:\d+: SLI 'checkout-requests': ratioMetric has counter: false but sum\(http_requests_total\{code!~"5\.\."\}\) looks like a raw counter/
      )
    ])
    const rates = sli(false, 'sum(rate(ok_total[1m]))', 'sum(rate(all_total[1m]))')
    expect(parseSloPolicy(dataSource + rates + slo, 'openslo.yaml').warnings).toBeUndefined()
  })
})

describe('OpenSLO canary comparisons, from annotations', () => {
  const canarySlo = `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
  annotations:
    rollback-guard/canary: 'latency_p90{track="canary"}'
    rollback-guard/baseline: 'latency_p90{track="stable"}'
    rollback-guard/tolerance: '0.05'
    rollback-guard/confidence: '0.95'
    rollback-guard/direction: either
    rollback-guard/step: 30s
    rollback-guard/critical: 'true'
spec:
  indicatorRef: checkout-requests
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`

  it('add a canary objective next to the SLO objectives', () => {
    const policy = parseSloPolicy(dataSource + counters + canarySlo, 'openslo.yaml')
    const canary = policy.objectives.find((o) => o.name === 'checkout-latency/canary')!
    expect(canary.measure).toEqual({
      kind: 'canary',
      canary: 'latency_p90{track="canary"}',
      baseline: 'latency_p90{track="stable"}',
      stepMs: 30_000,
      direction: 'either',
      tolerance: 0.05,
      confidence: 0.95,
      nanStrategy: 'remove',
      minSamples: 3
    })
    expect(canary.critical).toBe(true)
    expect(canary.bound.text).toBe(
      'canary vs baseline: a change beyond 5% fails at confidence 0.95 (Mann-Whitney U)'
    )
  })

  it('need both queries and sane numbers', () => {
    const broken = canarySlo
      .replace(/ {4}rollback-guard\/baseline: .*\n/, '')
      .replace("confidence: '0.95'", "confidence: '95'")
    expect(() => parseSloPolicy(dataSource + counters + broken, 'openslo.yaml')).toThrow(
      /rollback-guard\/confidence must be a number between 0 and 1, got '95'[\s\S]*needs both rollback-guard\/canary and rollback-guard\/baseline/
    )
  })
})
