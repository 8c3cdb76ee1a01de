import { describe, expect, it } from '@jest/globals'
import { burnRate, judgeBurn, workbookBurnRates } from '../../src/slo/evaluate/burn-rate.js'
import { effectSize, judgeCanary, median } from '../../src/slo/evaluate/canary.js'
import { gateVerdict } from '../../src/slo/evaluate/gate.js'
import { objectiveState } from '../../src/slo/evaluate/objective.js'
import { runGate } from '../../src/slo/evaluate/run.js'
import { parseSloPolicy } from '../../src/slo/policy/load.js'
import { virtualClock, type MetricsProvider, type Point } from '../../src/slo/ports.js'
import type {
  CanaryJudge,
  Measurement,
  Objective,
  ObjectiveResult,
  Verdict
} from '../../src/slo/types.js'

const start = new Date('2026-05-01T12:00:00Z')
const points = (values: number[]): Point[] =>
  values.map((value, i) => ({ at: new Date(start.getTime() + i * 30_000), value }))
const judge: CanaryJudge = {
  direction: 'increase',
  tolerance: 0.1,
  confidence: 0.98,
  nanStrategy: 'remove',
  minSamples: 3
}
const stable = [0.18, 0.17, 0.19, 0.18, 0.2, 0.175, 0.185, 0.165, 0.195, 0.172]

describe('burn rates (SRE workbook, "Alerting on SLOs")', () => {
  it('is the error ratio over the budget: 14.4x on a 99.9% SLO is 1.44% errors', () => {
    expect(burnRate(0.0144, 0.999)).toBeCloseTo(14.4, 10)
    expect(burnRate(0.001, 0.999)).toBeCloseTo(1, 10)
    // 14.4x for an hour spends 2% of a 30-day budget; 6x for 6 hours 5%; 1x for 3 days 10%.
    const spent = (rate: number, hours: number) => (rate * hours) / (30 * 24)
    const { page, pageSlow, ticket } = workbookBurnRates
    expect(spent(page.long.threshold, 1)).toBeCloseTo(0.02, 10)
    expect(spent(pageSlow.long.threshold, 6)).toBeCloseTo(0.05, 10)
    expect(spent(ticket.long.threshold, 72)).toBeCloseTo(0.1, 10)
  })

  const windows = {
    long: { windowMs: 3_600_000, threshold: 14.4 },
    short: { windowMs: 300_000, threshold: 14.4 }
  }
  it('fails only when both windows burn at or above their threshold', () => {
    expect(judgeBurn(0.999, windows, { long: 0.02, short: 0.03 }).result).toBe('fail')
    expect(judgeBurn(0.999, windows, { long: 0.0144, short: 0.0144 }).result).toBe('fail')
    // The burn has stopped (short window clean), or it is a blip (long window clean).
    expect(judgeBurn(0.999, windows, { long: 0.02, short: 0.001 }).result).toBe('pass')
    expect(judgeBurn(0.999, windows, { long: 0.002, short: 0.5 }).result).toBe('pass')
  })

  it('shows both windows and is inconclusive without data', () => {
    const judged = judgeBurn(0.99, windows, { long: 0.05, short: null })
    expect(judged.result).toBe('inconclusive')
    expect(judged.reason).toBe('no-data')
    expect(judged.burn.long).toEqual({
      windowMs: 3_600_000,
      errorRatio: 0.05,
      burnRate: expect.closeTo(5, 10),
      threshold: 14.4
    })
    expect(judgeBurn(0.99, windows, { long: Number.NaN, short: 0.1 }).reason).toBe('nan')
  })

  it('runs a native burnRate objective with the workbook defaults and windows clipped at the deploy', async () => {
    const policy = parseSloPolicy(
      `
providers: { prom: { type: prometheus, url: 'http://127.0.0.1:9' } }
defaults: { initialDelay: 10m, interval: 10m, count: 2 }
objectives:
  - name: availability-burn
    burnRate:
      errorRatio: errors[{{window}}] / requests[{{window}}]
      target: 0.999
`,
      'slo.yml'
    )
    const measure = policy.objectives[0]!.measure
    expect(measure).toMatchObject({
      kind: 'burnrate',
      long: { windowMs: 3_600_000, threshold: 14.4 },
      short: { windowMs: 300_000, threshold: 14.4 }
    })
    const asked: string[] = []
    const provider: MetricsProvider = {
      name: 'prom',
      async instant(query) {
        asked.push(query)
        // 2% errors over the long window, 3% over the short one: 20x and 30x.
        return [{ labels: {}, value: query.includes('[5m]') ? 0.03 : 0.02 }]
      },
      async range() {
        return []
      }
    }
    const { clock, sleep } = virtualClock(start)
    const result = await runGate(policy, start, {
      provider: () => provider,
      clock,
      sleep,
      log: { info: () => undefined, warn: () => undefined }
    })
    // At 10 minutes after the deploy the 1h window covers the 10 minutes since the deploy.
    expect(asked).toEqual(
      expect.arrayContaining(['errors[10m] / requests[10m]', 'errors[5m] / requests[5m]'])
    )
    expect(asked.some((q) => q.includes('[1h]'))).toBe(false)
    const m = result.objectives[0]!.measurements[0]!
    expect(m.result).toBe('fail')
    expect(m.burn?.long.burnRate).toBeCloseTo(20, 8)
    expect(m.burn?.short.burnRate).toBeCloseTo(30, 8)
    expect(result.verdict).toBe('fail')
  })

  it('refuses a short window that is not shorter than the long one', () => {
    expect(() =>
      parseSloPolicy(
        `
providers: { prom: { type: prometheus, url: 'http://127.0.0.1:9' } }
objectives:
  - name: burn
    burnRate: { errorRatio: e, target: 0.99, long: { window: 5m }, short: { window: 1h } }
`,
        'slo.yml'
      )
    ).toThrow(/slo\.yml:5: the short window must be shorter than the long one/)
  })
})

describe('the canary judge', () => {
  it('measures the effect as the relative difference of the medians', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(effectSize([1.2, 1.2, 1.2], [1, 1, 1])).toBeCloseTo(0.2, 12)
    expect(effectSize([0, 0], [0, 0])).toBe(0)
    expect(effectSize([1], [0])).toBe(Number.POSITIVE_INFINITY)
  })

  it('fails a significant increase beyond the tolerance', () => {
    const canary = stable.map((v) => v * 1.3)
    const judged = judgeCanary(judge, points(canary), points(stable))
    expect(judged.result).toBe('fail')
    expect(judged.comparison!.pValue).toBeLessThan(0.02)
    expect(judged.comparison!.effectSize).toBeCloseTo(0.3, 10)
  })

  it('passes a significant difference within the tolerance, and one in the good direction', () => {
    const slightly = stable.map((v) => v * 1.05 + 0.001)
    const within = judgeCanary({ ...judge, confidence: 0.9 }, points(slightly), points(stable))
    expect(within.comparison!.pValue).toBeLessThan(0.1)
    expect(within.result).toBe('pass')
    const faster = judgeCanary(judge, points(stable.map((v) => v * 0.7)), points(stable))
    expect(faster.result).toBe('pass')
    const either = judgeCanary(
      { ...judge, direction: 'either' },
      points(stable.map((v) => v * 0.7)),
      points(stable)
    )
    expect(either.result).toBe('fail')
    const decrease = judgeCanary(
      { ...judge, direction: 'decrease' },
      points(stable.map((v) => v * 0.7)),
      points(stable)
    )
    expect(decrease.result).toBe('fail')
  })

  it('removes or replaces NaN, and calls too few points no data', () => {
    const withNaN = points([...stable.map((v) => v * 1.3), Number.NaN])
    expect(judgeCanary(judge, withNaN, points(stable)).comparison!.canary).toHaveLength(10)
    const replaced = judgeCanary({ ...judge, nanStrategy: 'replace' }, withNaN, points(stable))
    expect(replaced.comparison!.canary.at(-1)!.value).toBe(0)
    expect(judgeCanary(judge, [], points(stable))).toEqual({
      result: 'inconclusive',
      reason: 'no-data'
    })
    expect(judgeCanary(judge, points([1, 2]), points(stable)).reason).toBe('too-few-samples')
  })
})

const policyText = `
providers: { metrics: { type: file, path: unused.json } }
defaults: { count: 6 }
objectives:
  - { name: a, query: q, bound: '< 1' }
`
function objective(overrides: Partial<Objective> = {}): Objective {
  return { ...parseSloPolicy(policyText, 'slo.yml').objectives[0]!, ...overrides }
}
function measurements(results: (Verdict | 'nodata')[]): Measurement[] {
  return results.map((r, i) => ({
    index: i + 1,
    at: new Date(start.getTime() + i * 60_000),
    windowMs: 60_000,
    value: r === 'nodata' ? null : 0.5,
    threshold: 1,
    result: r === 'nodata' ? 'inconclusive' : r,
    ...(r === 'nodata' ? { reason: 'no-data' as const } : {})
  }))
}

describe('Argo-style limits', () => {
  it('passes early after consecutiveSuccessLimit passes in a row', () => {
    const o = objective({ consecutiveSuccessLimit: 3 })
    expect(objectiveState(o, measurements(['pass', 'pass']), false).decided).toBe(false)
    const state = objectiveState(o, measurements(['fail', 'pass', 'pass', 'pass']), false)
    expect(state.verdict).toBe('fail') // failureLimit 1: failed before the run of passes
    const early = objectiveState(
      objective({ consecutiveSuccessLimit: 3, failureLimit: 2 }),
      measurements(['pass', 'pass', 'pass']),
      false
    )
    expect(early).toMatchObject({ verdict: 'pass', decided: true })
    expect(early.reason).toMatch(/3 measurements in a row passed \(consecutiveSuccessLimit 3\)/)
  })

  it('does not pass early while inconclusive measurements could hide a failure', () => {
    const o = objective({ consecutiveSuccessLimit: 2, failureLimit: 1 })
    expect(objectiveState(o, measurements(['nodata', 'pass', 'pass']), false).decided).toBe(false)
  })

  it('is inconclusive, and stops, at inconclusiveLimit inconclusive measurements', () => {
    const o = objective({ inconclusiveLimit: 2 })
    expect(objectiveState(o, measurements(['nodata', 'pass']), false).decided).toBe(false)
    const state = objectiveState(o, measurements(['nodata', 'pass', 'nodata']), false)
    expect(state).toMatchObject({ verdict: 'inconclusive', decided: true })
    expect(state.reason).toMatch(/inconclusiveLimit 2/)
  })
})

describe('the gate with dry runs, critical objectives and score thresholds', () => {
  const result = (verdict: Verdict, overrides: Partial<Objective> = {}): ObjectiveResult => ({
    objective: objective(overrides),
    verdict,
    reason: '',
    measurements: [],
    baseline: null,
    failures: 0,
    errors: 0
  })

  it('never lets a dry-run objective decide', () => {
    expect(gateVerdict([result('pass'), result('fail', { dryRun: true })]).verdict).toBe('pass')
    expect(gateVerdict([result('fail', { dryRun: true })]).verdict).toBe('inconclusive')
  })

  it('scores like Kayenta: pass at or above pass, fail under marginal, inconclusive between', () => {
    const scoring = { pass: 75, marginal: 50 }
    const four = (fails: number) => [0, 1, 2, 3].map((i) => result(i < fails ? 'fail' : 'pass'))
    expect(gateVerdict(four(1), scoring)).toEqual({ verdict: 'pass', score: 0.75 })
    expect(gateVerdict(four(2), scoring)).toEqual({ verdict: 'inconclusive', score: 0.5 })
    expect(gateVerdict(four(3), scoring)).toEqual({ verdict: 'fail', score: 0.25 })
    // Without thresholds every deciding failure fails the gate.
    expect(gateVerdict(four(1)).verdict).toBe('fail')
  })

  it('fails on a critical objective whatever the score', () => {
    const results = [
      result('fail', { critical: true }),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(() => result('pass'))
    ]
    expect(gateVerdict(results, { pass: 80, marginal: 50 })).toEqual({
      verdict: 'fail',
      score: 0.9
    })
  })

  it('rejects a marginal threshold above the pass threshold', () => {
    expect(() =>
      parseSloPolicy(`${policyText}scoreThresholds: { pass: 50, marginal: 80 }\n`, 'slo.yml')
    ).toThrow(/slo\.yml:6: scoreThresholds.marginal 80 is above pass 50/)
  })
})
