import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/core/errors.js'
import { gateVerdict } from '../../src/slo/evaluate/gate.js'
import { judgeValue } from '../../src/slo/evaluate/judge.js'
import { counterIncrease, effectiveWindow, renderQuery } from '../../src/slo/evaluate/measure.js'
import { objectiveState } from '../../src/slo/evaluate/objective.js'
import { measurementTime, runGate } from '../../src/slo/evaluate/run.js'
import { parseSloPolicy } from '../../src/slo/policy/load.js'
import {
  MetricsUnavailableError,
  virtualClock,
  type MetricsProvider,
  type Sample
} from '../../src/slo/ports.js'
import type { Measurement, Objective, ObjectiveResult, Verdict } from '../../src/slo/types.js'

const policyText = `
providers:
  metrics: { type: file, path: unused.json }
defaults: { initialDelay: 2m, interval: 1m, count: 5, window: 5m }
objectives:
  - { name: errors, query: 'error_ratio', bound: '< 0.01' }
  - { name: latency, query: 'p95[{{window}}]', bound: '<= +10%' }
`

function objective(overrides: Partial<Objective> = {}): Objective {
  return { ...(parseSloPolicy(policyText, 'slo.yml').objectives[0] as Objective), ...overrides }
}

const start = new Date('2026-05-01T12:00:00Z')

function measurements(results: (Verdict | 'error' | 'nodata')[]): Measurement[] {
  return results.map((r, i) => ({
    index: i + 1,
    at: new Date(start.getTime() + i * 60_000),
    windowMs: 60_000,
    value: r === 'pass' ? 0.001 : r === 'fail' ? 0.05 : null,
    threshold: 0.01,
    result: r === 'error' || r === 'nodata' ? 'inconclusive' : r,
    ...(r === 'error' ? { reason: 'provider-error' as const, error: 'connection refused' } : {}),
    ...(r === 'nodata' ? { reason: 'no-data' as const } : {})
  }))
}

describe('one measurement', () => {
  it('compares with the bound, and follows the no-data policy for empty results and NaN', () => {
    expect(judgeValue(objective(), 0.001, 0.01)).toEqual({ result: 'pass' })
    expect(judgeValue(objective(), 0.01, 0.01)).toEqual({ result: 'fail' })
    expect(judgeValue(objective(), null, 0.01)).toEqual({
      result: 'inconclusive',
      reason: 'no-data'
    })
    expect(judgeValue(objective(), Number.NaN, 0.01)).toEqual({
      result: 'inconclusive',
      reason: 'nan'
    })
    expect(judgeValue(objective({ noData: 'pass' }), null, 0.01)).toEqual({ result: 'pass' })
    expect(judgeValue(objective({ noData: 'fail' }), Number.NaN, 0.01)).toEqual({ result: 'fail' })
    expect(judgeValue(objective(), 0.5, null)).toEqual({
      result: 'inconclusive',
      reason: 'no-baseline'
    })
    expect(judgeValue(objective(), Number.POSITIVE_INFINITY, 0.01)).toEqual({ result: 'fail' })
  })
})

describe('the verdict of an objective', () => {
  it('fails once failureLimit measurements failed, and stops measuring', () => {
    const o = objective({ failureLimit: 2 })
    expect(objectiveState(o, measurements(['fail', 'pass']), false)).toMatchObject({
      verdict: 'inconclusive',
      decided: false
    })
    expect(objectiveState(o, measurements(['fail', 'pass', 'fail']), false)).toMatchObject({
      verdict: 'fail',
      decided: true,
      reason: '2 of 3 measurements failed (failureLimit 2)'
    })
  })

  it('with consecutive, a pass breaks the run but an inconclusive measurement does not', () => {
    const o = objective({ failureLimit: 2, consecutive: true })
    expect(
      objectiveState(o, measurements(['fail', 'pass', 'fail', 'pass', 'pass']), true).verdict
    ).toBe('pass')
    expect(objectiveState(o, measurements(['fail', 'nodata', 'fail']), false).verdict).toBe('fail')
  })

  it('passes a single blip under failureLimit', () => {
    const state = objectiveState(
      objective({ failureLimit: 2 }),
      measurements(['pass', 'fail', 'pass', 'pass', 'pass']),
      true
    )
    expect(state).toMatchObject({
      verdict: 'pass',
      reason: '4 of 5 measurements passed, 1 failed under failureLimit 2'
    })
  })

  it('never counts inconclusive as a pass: missing data that could hide a failure is inconclusive', () => {
    const o = objective({ failureLimit: 2 })
    expect(objectiveState(o, measurements(['nodata', 'nodata', 'nodata']), true)).toMatchObject({
      verdict: 'inconclusive',
      reason: 'no measurement passed (3 no-data)'
    })
    expect(
      objectiveState(o, measurements(['pass', 'fail', 'nodata', 'pass', 'pass']), true).verdict
    ).toBe('inconclusive')
    expect(
      objectiveState(o, measurements(['pass', 'nodata', 'pass', 'pass', 'pass']), true).verdict
    ).toBe('pass')
  })

  it('counts provider errors separately and gives up at errorLimit', () => {
    const o = objective({ failureLimit: 3, errorLimit: 2 })
    expect(objectiveState(o, measurements(['pass', 'error']), false).decided).toBe(false)
    expect(objectiveState(o, measurements(['pass', 'error', 'error']), false)).toMatchObject({
      verdict: 'inconclusive',
      decided: true,
      errors: 2,
      reason: 'the provider failed 2 times (errorLimit 2): connection refused'
    })
  })
})

describe('the gate', () => {
  const result = (name: string, verdict: Verdict, weight = 1): ObjectiveResult => ({
    objective: objective({ name, weight }),
    verdict,
    reason: '',
    measurements: [],
    baseline: null,
    failures: 0,
    errors: 0
  })

  it('fails when a deciding objective fails; informational objectives never decide', () => {
    expect(gateVerdict([result('a', 'pass'), result('b', 'fail')])).toEqual({
      verdict: 'fail',
      score: 0.5
    })
    expect(gateVerdict([result('a', 'pass'), result('b', 'fail', 0)])).toEqual({
      verdict: 'pass',
      score: 1
    })
    expect(gateVerdict([result('a', 'pass', 3), result('b', 'inconclusive')])).toEqual({
      verdict: 'inconclusive',
      score: 0.75
    })
    expect(gateVerdict([result('a', 'pass', 0)]).verdict).toBe('inconclusive')
  })
})

/** A provider answering from a function of the time, recording every call. */
function scriptedProvider(
  valueAt: (query: string, at: Date) => number | null | Error
): MetricsProvider & { calls: string[] } {
  const calls: string[] = []
  return {
    name: 'scripted',
    calls,
    async instant(query: string, at: Date): Promise<Sample[]> {
      calls.push(`${at.toISOString()} ${query}`)
      const value = valueAt(query, at)
      if (value instanceof Error) throw value
      return value === null ? [] : [{ labels: {}, value }]
    },
    async range() {
      return []
    }
  }
}

describe('running the schedule', () => {
  const quiet = { info: () => undefined, warn: () => undefined }

  it('measures at deploy + initialDelay + n × interval, with the window clipped at the deploy', async () => {
    const policy = parseSloPolicy(policyText, 'slo.yml')
    const provider = scriptedProvider((query) => (query.startsWith('p95') ? 0.2 : 0.001))
    const { clock, sleep } = virtualClock(start)
    const result = await runGate(policy, start, {
      provider: () => provider,
      clock,
      sleep,
      log: quiet
    })
    expect(result.verdict).toBe('pass')
    expect(measurementTime(policy.objectives[0] as Objective, start, 3).toISOString()).toBe(
      '2026-05-01T12:04:00.000Z'
    )
    const latency = provider.calls.filter((c) => c.includes('p95'))
    expect(latency).toEqual([
      // the preflight, that catches a rejected query before the initial delay
      '2026-05-01T12:00:01.000Z p95[1s]',
      // the baseline: the 30 minutes before the deploy
      '2026-05-01T12:00:00.000Z p95[30m]',
      '2026-05-01T12:02:00.000Z p95[2m]',
      '2026-05-01T12:03:00.000Z p95[3m]',
      '2026-05-01T12:04:00.000Z p95[4m]',
      '2026-05-01T12:05:00.000Z p95[5m]',
      '2026-05-01T12:06:00.000Z p95[5m]'
    ])
    expect(clock.now().toISOString()).toBe('2026-05-01T12:06:00.000Z')
  })

  it('stops everything once a deciding objective failed (failFast)', async () => {
    const policy = parseSloPolicy(policyText, 'slo.yml')
    const provider = scriptedProvider((query) => (query.startsWith('p95') ? 0.2 : 0.05))
    const { clock, sleep } = virtualClock(start)
    const result = await runGate(policy, start, {
      provider: () => provider,
      clock,
      sleep,
      log: quiet
    })
    expect(result.verdict).toBe('fail')
    expect(
      result.objectives.map((o) => [o.objective.name, o.verdict, o.measurements.length])
    ).toEqual([
      ['errors', 'fail', 1],
      ['latency', 'inconclusive', 1]
    ])
  })

  it('starts a relative bound from baseline.min when the baseline is lower', async () => {
    const text = policyText.replace(
      "bound: '<= +10%' }",
      "bound: '<= +10%', baseline: { min: 0.001 } }"
    )
    const policy = parseSloPolicy(text, 'slo.yml')
    const provider = scriptedProvider((query, at) =>
      query.startsWith('p95') ? (at <= start ? 0 : 0.0005) : 0.001
    )
    const { clock, sleep } = virtualClock(start)
    const result = await runGate(policy, start, {
      provider: () => provider,
      clock,
      sleep,
      log: quiet
    })
    const latency = result.objectives[1] as ObjectiveResult
    expect(latency.baseline?.value).toBe(0)
    expect(latency.measurements.map((m) => m.threshold)).toEqual(Array(5).fill(0.001 * 1.1))
    expect(latency.verdict).toBe('pass')
  })

  it('asks again for a baseline the provider failed to give', async () => {
    const policy = parseSloPolicy(policyText, 'slo.yml')
    let baselineAsked = 0
    const provider = scriptedProvider((query, at) => {
      if (!query.startsWith('p95')) return 0.001
      if (at.getTime() !== start.getTime()) return 0.2
      baselineAsked += 1
      return baselineAsked === 1 ? new MetricsUnavailableError('connection refused') : 0.2
    })
    const { clock, sleep } = virtualClock(start)
    const result = await runGate(policy, start, {
      provider: () => provider,
      clock,
      sleep,
      log: quiet
    })
    const latency = result.objectives[1] as ObjectiveResult
    expect(baselineAsked).toBe(2)
    expect(latency.measurements[0]).toMatchObject({
      result: 'inconclusive',
      reason: 'provider-error',
      error: 'baseline: connection refused'
    })
    expect(latency.measurements.slice(1).map((m) => m.result)).toEqual([
      'pass',
      'pass',
      'pass',
      'pass'
    ])
    expect(latency.baseline?.value).toBe(0.2)
    expect(result.serviceFailed).toBe(true)
  })

  it('reports a rejected query before waiting out the initial delay', async () => {
    const policy = parseSloPolicy(policyText, 'slo.yml')
    const provider = scriptedProvider((query) =>
      query.startsWith('p95') ? new InputError('parse error: unexpected "["') : 0.001
    )
    const { clock, sleep } = virtualClock(start)
    await expect(
      runGate(policy, start, { provider: () => provider, clock, sleep, log: quiet })
    ).rejects.toThrow(/^slo\.yml:7: objective 'latency': parse error/)
    expect(clock.now().toISOString()).toBe(start.toISOString())
  })
})

describe('measurement helpers', () => {
  it('fills {{window}} and never reaches before the deploy', () => {
    expect(renderQuery('rate(x[{{window}}]) / rate(y[{{window}}])', 90_000)).toBe(
      'rate(x[1m30s]) / rate(y[1m30s])'
    )
    const o = objective()
    expect(effectiveWindow(o, new Date(start.getTime() + 90_500), start)).toBe(90_000)
    expect(effectiveWindow(o, new Date(start.getTime() + 3_600_000), start)).toBe(300_000)
    expect(effectiveWindow(o, start, start)).toBe(1000)
  })

  it('sums counter increases across a restart', () => {
    const points = [10, 15, 25, 3, 8].map((value, i) => ({ at: new Date(i * 1000), value }))
    expect(counterIncrease(points)).toBe(5 + 10 + 3 + 5)
  })
})
