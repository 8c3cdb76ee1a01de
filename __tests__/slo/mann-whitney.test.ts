import { describe, expect, it } from '@jest/globals'
import {
  exactSurvival,
  mannWhitneyU,
  normalSurvival,
  rankWithTies,
  type Alternative
} from '../../src/slo/evaluate/mann-whitney.js'

/**
 * Reference numbers: scipy.stats.mannwhitneyu(x, y, alternative=...) (scipy 1.17.1, method 'auto',
 * use_continuity=True) on these inputs, copied as printed; its statistic is U of x.
 */
const references: {
  name: string
  x: number[]
  y: number[]
  method: 'exact' | 'asymptotic'
  u: number
  p: Record<Alternative, number>
}[] = [
  {
    name: "scipy's documented example (males vs females, exact)",
    x: [19, 22, 16, 29, 24],
    y: [20, 11, 17, 12],
    method: 'exact',
    u: 17,
    p: { 'two-sided': 0.1111111111111111, greater: 0.05555555555555555, less: 0.9682539682539683 }
  },
  {
    name: 'five against six, no ties (exact)',
    x: [1.1, 2.3, 3.5, 4.2, 5.9],
    y: [2.0, 6.1, 7.4, 8.8, 9.3, 10.2],
    method: 'exact',
    u: 4,
    p: { 'two-sided': 0.05194805194805195, greater: 0.9848484848484849, less: 0.025974025974025976 }
  },
  {
    name: 'eight against twelve latencies, 0.21 in both (a tie: normal approximation)',
    x: [0.21, 0.25, 0.19, 0.3, 0.28, 0.33, 0.27, 0.24],
    y: [0.2, 0.18, 0.22, 0.17, 0.23, 0.21, 0.16, 0.26, 0.19, 0.15, 0.195, 0.205],
    method: 'asymptotic',
    u: 83,
    p: { 'two-sided': 0.007727810369485212, greater: 0.003863905184742606, less: 0.996936872172496 }
  },
  {
    name: 'ten against eleven with ties (normal approximation, tie correction)',
    x: [3, 4, 4, 5, 6, 6, 6, 7, 8, 9],
    y: [1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 7],
    method: 'asymptotic',
    u: 79.5,
    p: { 'two-sided': 0.0881865938930385, greater: 0.04409329694651925, less: 0.9621405791541652 }
  },
  {
    name: 'twenty against twenty-five, no ties (normal approximation)',
    x: [
      0.0501, 0.1234, 0.2091, 0.3039, 0.4061, 0.5148, 0.629, 0.7482, 0.872, 1.0, 1.1319, 1.2675,
      1.4065, 1.5487, 1.694, 1.8423, 1.9934, 2.1471, 2.3035, 2.4623
    ],
    y: [
      0.05, 0.1146, 0.1792, 0.2438, 0.3083, 0.3729, 0.4375, 0.5021, 0.5667, 0.6313, 0.6958, 0.7604,
      0.825, 0.8896, 0.9542, 1.0188, 1.0833, 1.1479, 1.2125, 1.2771, 1.3417, 1.4063, 1.4708, 1.5354,
      1.6
    ],
    method: 'asymptotic',
    u: 304,
    p: { 'two-sided': 0.22169775139755854, greater: 0.11084887569877927, less: 0.8934098117620961 }
  }
]

describe('the Mann-Whitney U test', () => {
  for (const reference of references) {
    it(`matches scipy: ${reference.name}`, () => {
      for (const alternative of ['two-sided', 'greater', 'less'] as const) {
        const result = mannWhitneyU(reference.x, reference.y, alternative)
        expect(result.u).toBe(reference.u)
        const expected = reference.p[alternative]
        expect(Math.abs(result.pValue - expected)).toBeLessThan(1e-12 + expected * 1e-9)
      }
    })
  }

  it('is exact with at most 8 values on one side and no ties, else the normal approximation', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]).method).toBe('exact')
    expect(mannWhitneyU([1, 2, 2], [4, 5, 6]).method).toBe('asymptotic')
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    expect(
      mannWhitneyU(
        nine,
        nine.map((v) => v + 0.5)
      ).method
    ).toBe('asymptotic')
  })

  it('counts the exact null distribution of U', () => {
    // Sizes 2 and 2: the 6 arrangements give U = 0, 1, 2, 2, 3, 4.
    expect(exactSurvival(0, 2, 2)).toBe(1)
    expect(exactSurvival(2, 2, 2)).toBeCloseTo(4 / 6, 15)
    expect(exactSurvival(4, 2, 2)).toBeCloseTo(1 / 6, 15)
    // Every x above every y: the one most extreme of C(13, 5) = 1287 arrangements.
    expect(exactSurvival(40, 5, 8)).toBeCloseTo(1 / 1287, 15)
    expect(exactSurvival(40, 8, 5)).toBeCloseTo(1 / 1287, 15)
  })

  it('ranks ties by their average rank', () => {
    expect(rankWithTies([10, 20, 20, 5])).toEqual({ ranks: [2, 3.5, 3.5, 1], ties: [1, 1, 2] })
  })

  it('finds no difference when every value is tied', () => {
    expect(
      mannWhitneyU([0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], 'greater')
    ).toEqual({ u: 40.5, pValue: 1, method: 'asymptotic' })
  })

  it('refuses empty samples and NaN (the NaN strategy removes or replaces them first)', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(/non-empty/)
    expect(() => mannWhitneyU([Number.NaN], [1])).toThrow(/NaN/)
  })
})

describe('the standard normal tail', () => {
  // scipy.special.ndtr(-z)
  const tails: [number, number][] = [
    [-5, 0.9999997133484281],
    [-1.5, 0.9331927987311419],
    [0, 0.5],
    [0.3, 0.3820885778110474],
    [1, 0.15865525393145707],
    [2.5, 0.006209665325776132],
    [2.9, 0.0018658133003840375],
    [3.1, 0.0009676032132183563],
    [4, 3.167124183311986e-5],
    [6, 9.865876450376946e-10],
    [10, 7.61985302416047e-24]
  ]
  it.each(tails)('P(Z > %d) matches scipy', (z, expected) => {
    expect(Math.abs(normalSurvival(z) - expected) / expected).toBeLessThan(1e-12)
  })
})
