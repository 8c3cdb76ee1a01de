import type { BurnRates, BurnWindow, InconclusiveReason, Verdict } from '../types.js'

/**
 * The SRE workbook's multiwindow, multi-burn-rate alerts (chapter "Alerting on SLOs"): a burn rate
 * of 1 spends the error budget exactly over the SLO period. Each pair pages or tickets when both
 * its long and its short window burn at or above the threshold.
 */
export const workbookBurnRates = {
  page: { long: { window: '1h', threshold: 14.4 }, short: { window: '5m', threshold: 14.4 } },
  pageSlow: { long: { window: '6h', threshold: 6 }, short: { window: '30m', threshold: 6 } },
  ticket: { long: { window: '3d', threshold: 1 }, short: { window: '6h', threshold: 1 } }
} as const

/** How fast the budget burns: the error ratio over the budget (1 - target). */
export function burnRate(errorRatio: number, target: number): number {
  return errorRatio / (1 - target)
}

interface BurnJudgement {
  result: Verdict
  reason?: InconclusiveReason
  burn: BurnRates
}

/**
 * Fails when both windows burn too fast: the long window says the burn is significant, the short
 * one that it is still going on. A window without data (or NaN, no traffic) cannot be judged.
 */
export function judgeBurn(
  target: number,
  windows: { long: BurnWindow; short: BurnWindow },
  errorRatios: { long: number | null; short: number | null }
): BurnJudgement {
  const side = (window: BurnWindow, ratio: number | null) => ({
    windowMs: window.windowMs,
    errorRatio: ratio,
    burnRate: ratio === null || Number.isNaN(ratio) ? null : burnRate(ratio, target),
    threshold: window.threshold
  })
  const burn: BurnRates = {
    budget: 1 - target,
    long: side(windows.long, errorRatios.long),
    short: side(windows.short, errorRatios.short)
  }
  const rates = [burn.long.burnRate, burn.short.burnRate]
  if (rates.some((r) => r === null)) {
    const nan = [errorRatios.long, errorRatios.short].some((r) => r !== null && Number.isNaN(r))
    return { result: 'inconclusive', reason: nan ? 'nan' : 'no-data', burn }
  }
  // 0.0144 / 0.001 is 14.399999999999999 in floating point: compare with a relative margin.
  const reaches = (rate: number, threshold: number): boolean => rate >= threshold * (1 - 1e-9)
  const tooFast =
    reaches(burn.long.burnRate as number, burn.long.threshold) &&
    reaches(burn.short.burnRate as number, burn.short.threshold)
  return { result: tooFast ? 'fail' : 'pass', burn }
}
