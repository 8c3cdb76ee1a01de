/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples, as scipy.stats.mannwhitneyu
 * computes it with method 'auto': the exact distribution of U when one sample has at most 8 values
 * and there are no ties, else the normal approximation with the tie correction and the continuity
 * correction.
 */

/** `greater`: the first sample tends to be larger; `less`: smaller; `two-sided`: either. */
export type Alternative = 'greater' | 'less' | 'two-sided'

export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (x, y) with x > y, ties counting one half. */
  u: number
  pValue: number
  method: 'exact' | 'asymptotic'
  /** The standardized statistic of the normal approximation (asymptotic only). */
  z?: number
}

/** Average ranks (1-based) of the values, and the size of every group of tied values. */
export function rankWithTies(values: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value)
  const ranks = new Array<number>(values.length)
  const ties: number[] = []
  for (let start = 0; start < order.length;) {
    let end = start
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++
    const rank = (start + end) / 2 + 1
    for (let i = start; i <= end; i++) ranks[(order[i] as { index: number }).index] = rank
    ties.push(end - start + 1)
    start = end + 1
  }
  return { ranks, ties }
}

export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  alternative: Alternative = 'two-sided'
): MannWhitneyResult {
  const n1 = x.length
  const n2 = y.length
  if (n1 === 0 || n2 === 0) throw new Error('mannWhitneyU needs two non-empty samples')
  if ([...x, ...y].some((v) => Number.isNaN(v))) throw new Error('mannWhitneyU: NaN in a sample')
  const { ranks, ties } = rankWithTies([...x, ...y])
  const r1 = ranks.slice(0, n1).reduce((sum, r) => sum + r, 0)
  const u1 = r1 - (n1 * (n1 + 1)) / 2
  const u2 = n1 * n2 - u1
  const [u, factor] =
    alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2]
  const tied = ties.some((t) => t > 1)
  if ((n1 <= 8 || n2 <= 8) && !tied) {
    return { u: u1, pValue: clip(factor * exactSurvival(u, n1, n2)), method: 'exact' }
  }
  const n = n1 + n2
  const tieTerm = ties.reduce((sum, t) => sum + t ** 3 - t, 0)
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))))
  // Every value tied: no evidence of any difference.
  if (sigma === 0) return { u: u1, pValue: 1, method: 'asymptotic' }
  const z = (u - (n1 * n2) / 2 - 0.5) / sigma
  return { u: u1, pValue: clip(factor * normalSurvival(z)), method: 'asymptotic', z }
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p))
}

/**
 * P(U >= u) when both samples come from one distribution: the share of the C(n1+n2, n1) ways to
 * place the first sample's ranks whose U reaches u. Counts by dynamic programming over U, where
 * the number of arrangements with statistic U of sizes (m, n) is f(m-1, n, U-n) + f(m, n-1, U).
 */
export function exactSurvival(u: number, n1: number, n2: number): number {
  const [small, large] = n1 <= n2 ? [n1, n2] : [n2, n1]
  const max = small * large
  // counts[m][k]: arrangements of m values among `size` others giving U = k, grown one value at a time.
  let previous: number[][] = Array.from({ length: small + 1 }, () => [1])
  for (let size = 1; size <= large; size++) {
    const next: number[][] = [[1]]
    for (let m = 1; m <= small; m++) {
      const row = new Array<number>(m * size + 1).fill(0)
      const withoutLargest = previous[m] as number[]
      const withLargest = next[m - 1] as number[]
      for (let k = 0; k < row.length; k++) {
        row[k] = (withoutLargest[k] ?? 0) + (k >= size ? (withLargest[k - size] ?? 0) : 0)
      }
      next.push(row)
    }
    previous = next
  }
  const counts = previous[small] as number[]
  const total = counts.reduce((sum, c) => sum + c, 0)
  // U of the first sample is symmetric around max/2, so P(U1 >= u) reads the same from either side.
  const threshold = Math.ceil(u - 1e-9)
  let tail = 0
  for (let k = Math.max(0, threshold); k <= max; k++) tail += counts[k] ?? 0
  return tail / total
}

/** P(Z > z) for a standard normal Z, to about 1e-15 relative (series below z = 2.8, continued fraction above). */
export function normalSurvival(z: number): number {
  if (Number.isNaN(z)) return Number.NaN
  if (z === Number.POSITIVE_INFINITY) return 0
  if (z === Number.NEGATIVE_INFINITY) return 1
  return z >= 0 ? erfc(z / Math.SQRT2) / 2 : 1 - erfc(-z / Math.SQRT2) / 2
}

/** The complementary error function for x >= 0. */
function erfc(x: number): number {
  if (x < 2) {
    // erf(x) = 2/sqrt(pi) e^(-x^2) sum 2^k x^(2k+1) / (1*3*...*(2k+1)): all terms positive.
    let term = x
    let sum = x
    for (let k = 1; k < 200; k++) {
      term *= (2 * x * x) / (2 * k + 1)
      sum += term
      if (term < sum * 1e-17) break
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum
  }
  // erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), by Lentz's method.
  const tiny = 1e-300
  let f = x
  let c = x
  let d = 0
  for (let k = 1; k < 500; k++) {
    const a = k / 2
    d = x + a * d
    d = d === 0 ? tiny : 1 / d
    c = x + a / c
    if (c === 0) c = tiny
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f
}
