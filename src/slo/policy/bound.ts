import type { Bound, ComparisonOp } from '../types.js'

const boundPattern = /^(<=|>=|<|>)\s*([+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(%?)$/i

/**
 * `< 0.01`, `>= 0.999` (absolute) or `<= +10%`, `>= -5%` (relative to the baseline). Relative bounds
 * need an explicit sign so `< 10%` (a ratio) cannot be mistaken for `< +10%` (a change).
 */
export function parseBound(text: string): Bound | string {
  const trimmed = text.trim()
  const match = boundPattern.exec(trimmed)
  if (!match)
    return `'${trimmed}' is not a bound; write '< 0.01' (absolute) or '<= +10%' (relative to the baseline)`
  const op = match[1] as ComparisonOp
  const number = Number(match[2])
  // `< 1e400` reads as Infinity, which every measurement is below: a bound that always passes.
  if (!Number.isFinite(number))
    return `'${trimmed}' is not a finite number; write a bound a measurement can cross, like '< 0.01'`
  if (match[3] === '%') {
    if (!/^[+-]/.test(match[2] as string)) {
      return `'${trimmed}' is ambiguous; write '${op} +${match[2]}%' for a change relative to the baseline, or '${op} ${number / 100}' for an absolute ratio`
    }
    return { kind: 'relative', op, percent: number, text: `${op} ${match[2]}%` }
  }
  return { kind: 'absolute', op, value: number, text: `${op} ${match[2]}` }
}

export function compare(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold
    case '<=':
      return value <= threshold
    case '>':
      return value > threshold
    case '>=':
      return value >= threshold
  }
}

/** The number a measurement is compared with: the bound itself, or the baseline moved by the percentage. */
export function thresholdOf(bound: Bound, baseline: number | null, min?: number): number | null {
  if (bound.kind === 'absolute') return bound.value
  if (baseline === null || !Number.isFinite(baseline)) return null
  const from = min !== undefined ? Math.max(baseline, min) : baseline
  return from * (1 + bound.percent / 100)
}

/** Of several series, the one closest to breaking the bound decides (max for `<`, min for `>`). */
export function worstFirst(op: ComparisonOp): (a: number, b: number) => number {
  return op === '<' || op === '<=' ? (a, b) => b - a : (a, b) => a - b
}

export const opensloOps: Record<string, ComparisonOp> = { lt: '<', lte: '<=', gt: '>', gte: '>=' }
