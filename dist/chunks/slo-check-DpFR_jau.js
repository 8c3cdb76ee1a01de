import { readFile } from 'node:fs/promises';
import { I as InputError, b as messageOf, u as undiciExports } from './revert-auth-D1fpjJ97.js';
import { d as distExports } from './rules-BV59h7l_.js';
import { a as ajvExports, p as proxyDispatcher } from './ajv-CwPNZJXH.js';
import { a as renderSloText, r as renderSloMarkdown } from './markdown-DHpZ7sZ7.js';
import { dirname, resolve } from 'node:path';
import { request as request$1 } from 'node:http';
import { request } from 'node:https';

const unitMs = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000
};
const durationPattern = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
/** `90s`, `5m`, `1h30m`, `2d` (Prometheus' units) to milliseconds; null when it is not a duration. */
function parseDuration(text) {
    const trimmed = text.trim();
    if (trimmed === '0')
        return 0;
    if (!durationPattern.test(trimmed))
        return null;
    let total = 0;
    for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
        total += Number(match[1]) * unitMs[match[2]];
    }
    return Math.round(total);
}
/** Milliseconds to the shortest Prometheus duration (`5m`, `4m30s`, `1500ms`), as PromQL accepts it. */
function formatDuration(ms) {
    if (ms <= 0)
        return '0s';
    if (ms % 1000 !== 0)
        return `${Math.round(ms)}ms`;
    let rest = ms;
    let text = '';
    for (const unit of ['w', 'd', 'h', 'm', 's']) {
        const size = unitMs[unit];
        const n = Math.floor(rest / size);
        if (n > 0) {
            text += `${n}${unit}`;
            rest -= n * size;
        }
    }
    return text;
}

const boundPattern = /^(<=|>=|<|>)\s*([+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(%?)$/i;
/**
 * `< 0.01`, `>= 0.999` (absolute) or `<= +10%`, `>= -5%` (relative to the baseline). Relative bounds
 * need an explicit sign so `< 10%` (a ratio) cannot be mistaken for `< +10%` (a change).
 */
function parseBound(text) {
    const trimmed = text.trim();
    const match = boundPattern.exec(trimmed);
    if (!match)
        return `'${trimmed}' is not a bound; write '< 0.01' (absolute) or '<= +10%' (relative to the baseline)`;
    const op = match[1];
    const number = Number(match[2]);
    // `< 1e400` reads as Infinity, which every measurement is below: a bound that always passes.
    if (!Number.isFinite(number))
        return `'${trimmed}' is not a finite number; write a bound a measurement can cross, like '< 0.01'`;
    if (match[3] === '%') {
        if (!/^[+-]/.test(match[2])) {
            return `'${trimmed}' is ambiguous; write '${op} +${match[2]}%' for a change relative to the baseline, or '${op} ${number / 100}' for an absolute ratio`;
        }
        return { kind: 'relative', op, percent: number, text: `${op} ${match[2]}%` };
    }
    return { kind: 'absolute', op, value: number, text: `${op} ${match[2]}` };
}
function compare(value, op, threshold) {
    switch (op) {
        case '<':
            return value < threshold;
        case '<=':
            return value <= threshold;
        case '>':
            return value > threshold;
        case '>=':
            return value >= threshold;
    }
}
/** The number a measurement is compared with: the bound itself, or the baseline moved by the percentage. */
function thresholdOf(bound, baseline, min) {
    if (bound.kind === 'absolute')
        return bound.value;
    if (baseline === null || !Number.isFinite(baseline))
        return null;
    const from = min !== undefined ? Math.max(baseline, min) : baseline;
    return from * (1 + bound.percent / 100);
}
/** Of several series, the one closest to breaking the bound decides (max for `<`, min for `>`). */
function worstFirst(op) {
    return op === '<' || op === '<=' ? (a, b) => b - a : (a, b) => a - b;
}
const opensloOps = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** Objectives that count towards the verdict: weight above 0 and not a dry run. */
function isDeciding(objective) {
    return objective.weight > 0 && objective.dryRun !== true;
}
/** Whether this objective's failure fails the gate by itself (every deciding one, without scoring). */
function failsGate(objective, scoring) {
    return isDeciding(objective) && (scoring === undefined || objective.critical === true);
}
/**
 * The gate's verdict: fail when a deciding objective (weight > 0, not a dry run) failed, else
 * inconclusive when one is inconclusive, else pass. Only `fail` may open a revert; inconclusive
 * never passes. With Kayenta-style score thresholds: fail when a critical objective failed or the
 * weighted score (inconclusive objectives count as not passed) is under `marginal`, pass at `pass`
 * or above, inconclusive between.
 */
function gateVerdict(results, scoring) {
    const deciding = results.filter((r) => isDeciding(r.objective));
    const total = deciding.reduce((sum, r) => sum + r.objective.weight, 0);
    const passed = deciding
        .filter((r) => r.verdict === 'pass')
        .reduce((sum, r) => sum + r.objective.weight, 0);
    const score = total > 0 ? passed / total : null;
    if (results.some((r) => r.verdict === 'fail' && failsGate(r.objective, scoring)))
        return { verdict: 'fail', score };
    if (scoring) {
        if (score === null)
            return { verdict: 'inconclusive', score };
        if (score * 100 >= scoring.pass)
            return { verdict: 'pass', score };
        return { verdict: score * 100 < scoring.marginal ? 'fail' : 'inconclusive', score };
    }
    if (deciding.length === 0 || deciding.some((r) => r.verdict === 'inconclusive'))
        return { verdict: 'inconclusive', score };
    return { verdict: 'pass', score };
}
function failedObjectives(results) {
    return results
        .filter((r) => r.verdict === 'fail' && isDeciding(r.objective))
        .map((r) => r.objective.name);
}

/** One measured value against the objective's threshold; no data and NaN follow the no-data policy. */
function judgeValue(objective, value, threshold) {
    if (value === null)
        return noData(objective.noData, 'no-data');
    if (Number.isNaN(value))
        return noData(objective.noData, 'nan');
    // A threshold that is not a finite number (a baseline that overflowed) can decide nothing.
    if (threshold === null || !Number.isFinite(threshold))
        return { result: 'inconclusive', reason: 'no-baseline' };
    return { result: compare(value, objective.bound.op, threshold) ? 'pass' : 'fail' };
}
/** A judge's own judgement (canary, burn rate): its no data and NaN follow the no-data policy. */
function judgeRaw(objective, judgement) {
    const { result, reason } = judgement;
    if (result !== 'inconclusive' || (reason !== 'no-data' && reason !== 'nan'))
        return judgement;
    return noData(objective.noData, reason);
}
function noData(policy, reason) {
    return policy === 'inconclusive' ? { result: 'inconclusive', reason } : { result: policy };
}

/**
 * The SRE workbook's multiwindow, multi-burn-rate alerts (chapter "Alerting on SLOs"): a burn rate
 * of 1 spends the error budget exactly over the SLO period. Each pair pages or tickets when both
 * its long and its short window burn at or above the threshold.
 */
const workbookBurnRates = {
    page: { long: { window: '1h', threshold: 14.4 }, short: { window: '5m', threshold: 14.4 } },
    pageSlow: { long: { window: '6h', threshold: 6 }, short: { window: '30m', threshold: 6 } },
    ticket: { long: { window: '3d', threshold: 1 }, short: { window: '6h', threshold: 1 } }
};
/** How fast the budget burns: the error ratio over the budget (1 - target). */
function burnRate$1(errorRatio, target) {
    return errorRatio / (1 - target);
}
/**
 * Fails when both windows burn too fast: the long window says the burn is significant, the short
 * one that it is still going on. A window without data (or NaN, no traffic) cannot be judged.
 */
function judgeBurn(target, windows, errorRatios) {
    const side = (window, ratio) => ({
        windowMs: window.windowMs,
        errorRatio: ratio,
        burnRate: ratio === null || Number.isNaN(ratio) ? null : burnRate$1(ratio, target),
        threshold: window.threshold
    });
    const burn = {
        budget: 1 - target,
        long: side(windows.long, errorRatios.long),
        short: side(windows.short, errorRatios.short)
    };
    const rates = [burn.long.burnRate, burn.short.burnRate];
    if (rates.some((r) => r === null)) {
        const nan = [errorRatios.long, errorRatios.short].some((r) => r !== null && Number.isNaN(r));
        return { result: 'inconclusive', reason: nan ? 'nan' : 'no-data', burn };
    }
    // 0.0144 / 0.001 is 14.399999999999999 in floating point: compare with a relative margin.
    const reaches = (rate, threshold) => rate >= threshold * (1 - 1e-9);
    const tooFast = reaches(burn.long.burnRate, burn.long.threshold) &&
        reaches(burn.short.burnRate, burn.short.threshold);
    return { result: tooFast ? 'fail' : 'pass', burn };
}

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples, as scipy.stats.mannwhitneyu
 * computes it with method 'auto': the exact distribution of U when one sample has at most 8 values
 * and there are no ties, else the normal approximation with the tie correction and the continuity
 * correction.
 */
/** Average ranks (1-based) of the values, and the size of every group of tied values. */
function rankWithTies(values) {
    const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
    const ranks = new Array(values.length);
    const ties = [];
    for (let start = 0; start < order.length;) {
        let end = start;
        while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value)
            end++;
        const rank = (start + end) / 2 + 1;
        for (let i = start; i <= end; i++)
            ranks[order[i].index] = rank;
        ties.push(end - start + 1);
        start = end + 1;
    }
    return { ranks, ties };
}
function mannWhitneyU(x, y, alternative = 'two-sided') {
    const n1 = x.length;
    const n2 = y.length;
    if (n1 === 0 || n2 === 0)
        throw new Error('mannWhitneyU needs two non-empty samples');
    if ([...x, ...y].some((v) => Number.isNaN(v)))
        throw new Error('mannWhitneyU: NaN in a sample');
    const { ranks, ties } = rankWithTies([...x, ...y]);
    const r1 = ranks.slice(0, n1).reduce((sum, r) => sum + r, 0);
    const u1 = r1 - (n1 * (n1 + 1)) / 2;
    const u2 = n1 * n2 - u1;
    const [u, factor] = alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];
    const tied = ties.some((t) => t > 1);
    if ((n1 <= 8 || n2 <= 8) && !tied) {
        return { u: u1, pValue: clip(factor * exactSurvival(u, n1, n2)), method: 'exact' };
    }
    const n = n1 + n2;
    const tieTerm = ties.reduce((sum, t) => sum + t ** 3 - t, 0);
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    // Every value tied: no evidence of any difference.
    if (sigma === 0)
        return { u: u1, pValue: 1, method: 'asymptotic' };
    const z = (u - (n1 * n2) / 2 - 0.5) / sigma;
    return { u: u1, pValue: clip(factor * normalSurvival(z)), method: 'asymptotic', z };
}
function clip(p) {
    return Math.min(1, Math.max(0, p));
}
/**
 * P(U >= u) when both samples come from one distribution: the share of the C(n1+n2, n1) ways to
 * place the first sample's ranks whose U reaches u. Counts by dynamic programming over U, where
 * the number of arrangements with statistic U of sizes (m, n) is f(m-1, n, U-n) + f(m, n-1, U).
 */
function exactSurvival(u, n1, n2) {
    const [small, large] = n1 <= n2 ? [n1, n2] : [n2, n1];
    const max = small * large;
    // counts[m][k]: arrangements of m values among `size` others giving U = k, grown one value at a time.
    let previous = Array.from({ length: small + 1 }, () => [1]);
    for (let size = 1; size <= large; size++) {
        const next = [[1]];
        for (let m = 1; m <= small; m++) {
            const row = new Array(m * size + 1).fill(0);
            const withoutLargest = previous[m];
            const withLargest = next[m - 1];
            for (let k = 0; k < row.length; k++) {
                row[k] = (withoutLargest[k] ?? 0) + (k >= size ? (withLargest[k - size] ?? 0) : 0);
            }
            next.push(row);
        }
        previous = next;
    }
    const counts = previous[small];
    const total = counts.reduce((sum, c) => sum + c, 0);
    // U of the first sample is symmetric around max/2, so P(U1 >= u) reads the same from either side.
    const threshold = Math.ceil(u - 1e-9);
    let tail = 0;
    for (let k = Math.max(0, threshold); k <= max; k++)
        tail += counts[k] ?? 0;
    return tail / total;
}
/** P(Z > z) for a standard normal Z, to about 1e-15 relative (series below z = 2.8, continued fraction above). */
function normalSurvival(z) {
    if (Number.isNaN(z))
        return Number.NaN;
    if (z === Number.POSITIVE_INFINITY)
        return 0;
    if (z === Number.NEGATIVE_INFINITY)
        return 1;
    return z >= 0 ? erfc(z / Math.SQRT2) / 2 : 1 - erfc(-z / Math.SQRT2) / 2;
}
/** The complementary error function for x >= 0. */
function erfc(x) {
    if (x < 2) {
        // erf(x) = 2/sqrt(pi) e^(-x^2) sum 2^k x^(2k+1) / (1*3*...*(2k+1)): all terms positive.
        let term = x;
        let sum = x;
        for (let k = 1; k < 200; k++) {
            term *= (2 * x * x) / (2 * k + 1);
            sum += term;
            if (term < sum * 1e-17)
                break;
        }
        return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
    }
    // erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), by Lentz's method.
    const tiny = 1e-300;
    let f = x;
    let c = x;
    let d = 0;
    for (let k = 1; k < 500; k++) {
        const a = k / 2;
        d = x + a * d;
        d = d === 0 ? tiny : 1 / d;
        c = x + a / c;
        if (c === 0)
            c = tiny;
        const delta = c * d;
        f *= delta;
        if (Math.abs(delta - 1) < 1e-16)
            break;
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
        ? sorted[middle]
        : (sorted[middle - 1] + sorted[middle]) / 2;
}
/** (median canary - median baseline) / |median baseline|; a change from a zero baseline is infinite. */
function effectSize(canary, baseline) {
    return effectOfMedians(median(canary), median(baseline));
}
function effectOfMedians(c, b) {
    if (b === 0)
        return c === 0 ? 0 : c > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    return (c - b) / Math.abs(b);
}
const alternatives = {
    increase: 'greater',
    decrease: 'less',
    either: 'two-sided'
};
function clean(points, strategy) {
    return strategy === 'remove'
        ? points.filter((p) => !Number.isNaN(p.value))
        : points.map((p) => (Number.isNaN(p.value) ? { at: p.at, value: 0 } : p));
}
/**
 * Kayenta's judgement of one metric: the canary fails when a Mann-Whitney U test finds it differs
 * from the baseline in the bad direction with the policy's confidence, and the difference of the
 * medians is larger than the tolerance. A significant difference within the tolerance, or one in
 * the good direction, passes. Too few points on either side is no data.
 */
function judgeCanary(judge, canaryPoints, baselinePoints) {
    const canary = clean(canaryPoints, judge.nanStrategy);
    const baseline = clean(baselinePoints, judge.nanStrategy);
    if (canary.length === 0 || baseline.length === 0)
        return { result: 'inconclusive', reason: 'no-data' };
    if (canary.length < judge.minSamples || baseline.length < judge.minSamples)
        return { result: 'inconclusive', reason: 'too-few-samples' };
    const x = canary.map((p) => p.value);
    const y = baseline.map((p) => p.value);
    const test = mannWhitneyU(x, y, alternatives[judge.direction]);
    const canaryMedian = median(x);
    const baselineMedian = median(y);
    const effect = effectOfMedians(canaryMedian, baselineMedian);
    const comparison = {
        u: test.u,
        pValue: test.pValue,
        method: test.method,
        effectSize: effect,
        canaryMedian,
        baselineMedian,
        canary,
        baseline
    };
    const significant = test.pValue < 1 - judge.confidence;
    const bad = judge.direction === 'increase'
        ? effect > judge.tolerance
        : judge.direction === 'decrease'
            ? -effect > judge.tolerance
            : Math.abs(effect) > judge.tolerance;
    return { result: significant && bad ? 'fail' : 'pass', comparison };
}

/** Placeholders a query may use; `{{window}}` is what keeps the window from reaching before the deploy. */
function renderQuery(template, windowMs) {
    return template.replaceAll('{{window}}', formatDuration(windowMs));
}
/** The query text shown in evidence. */
function describeMeasure(measure) {
    switch (measure.kind) {
        case 'instant':
            return measure.query;
        case 'threshold':
            return `share of points of ${measure.query} that are ${measure.op} ${measure.value}`;
        case 'ratio': {
            if (measure.raw)
                return `${measure.rawType === 'failure' ? '1 - ' : ''}avg(${measure.raw})`;
            const numerator = measure.good ? `(${measure.good})` : `total - (${measure.bad})`;
            const ratio = `${numerator} / (${measure.total})${measure.counter ? ' (increase since the deploy)' : ''}`;
            return measure.timeslice
                ? `share of ${formatDuration(measure.stepMs)} slices where ${ratio} >= ${measure.timeslice.target}`
                : ratio;
        }
        case 'canary':
            return `${measure.canary} against ${measure.baseline}`;
        case 'burnrate': {
            const ratio = measure.errorRatio.kind === 'query'
                ? measure.errorRatio.query
                : `1 - ${describeMeasure(measure.errorRatio)}`;
            return `burn rate of ${ratio} against the budget ${Number((1 - measure.target).toPrecision(6))} over ${formatDuration(measure.long.windowMs)} and ${formatDuration(measure.short.windowMs)}`;
        }
    }
}
/** The query windows never reach before the deploy; one second is the least a backend accepts. */
function effectiveWindow(objective, at, deployedAt) {
    return clampWindow(objective.windowMs, at.getTime() - deployedAt.getTime());
}
/** A configured window cut to the whole seconds elapsed, and at least one second. */
function clampWindow(windowMs, elapsedMs) {
    return Math.max(1000, Math.min(windowMs, Math.floor(elapsedMs / 1000) * 1000));
}
/** A range query from `from` to `at`, its step no longer than that window and at least one second. */
function rangeQuery(provider, from, at, stepMs) {
    const step = Math.max(1000, Math.min(stepMs, at.getTime() - from.getTime()));
    return (query) => provider.range(renderQuery(query, step), from, at, step);
}
/** The same range query with its series summed per timestamp. */
function mergedRange(provider, from, at, stepMs) {
    const range = rangeQuery(provider, from, at, stepMs);
    return async (query) => mergeSeries(await range(query));
}
/** Takes one measurement; throws what the provider throws (InputError, MetricsUnavailableError). */
async function measureOnce(objective, provider, at, deployedAt) {
    const measure = objective.measure;
    if (measure.kind === 'instant') {
        const windowMs = effectiveWindow(objective, at, deployedAt);
        const samples = await provider.instant(renderQuery(measure.query, windowMs), at, windowMs);
        return { ...pickWorst(samples, objective), windowMs };
    }
    if (measure.kind === 'burnrate')
        return measureBurn(measure, provider, at, deployedAt);
    const windowMs = at.getTime() - deployedAt.getTime();
    if (windowMs <= 0)
        return { value: null, windowMs: 0 };
    if (measure.kind === 'canary') {
        const range = rangeQuery(provider, deployedAt, at, measure.stepMs);
        const pooled = async (query) => (await range(query)).flatMap((s) => s.points);
        const [canary, baseline] = await Promise.all([pooled(measure.canary), pooled(measure.baseline)]);
        const judgement = judgeCanary(measure, canary, baseline);
        const comparison = judgement.comparison;
        return {
            value: comparison ? comparison.effectSize : null,
            windowMs,
            judged: {
                result: judgement.result,
                ...(judgement.reason ? { reason: judgement.reason } : {}),
                ...(comparison ? { canary: comparison } : {}),
                threshold: measure.tolerance
            }
        };
    }
    const fetch = mergedRange(provider, deployedAt, at, measure.stepMs);
    if (measure.kind === 'threshold') {
        const points = await fetch(measure.query);
        if (points.length === 0)
            return { value: null, windowMs };
        const good = points.filter((p) => compareOp(p.value, measure.op, measure.value)).length;
        return { value: good / points.length, windowMs };
    }
    return { value: await ratioValue(measure, fetch), windowMs };
}
/** The error ratio over both windows (never reaching before the deploy), judged as a burn rate. */
async function measureBurn(measure, provider, at, deployedAt) {
    const elapsed = Math.floor((at.getTime() - deployedAt.getTime()) / 1000) * 1000;
    if (elapsed <= 0)
        return { value: null, windowMs: 0 };
    const source = measure.errorRatio;
    const ratioOver = async (windowMs) => {
        if (source.kind === 'query') {
            const samples = await provider.instant(renderQuery(source.query, windowMs), at, windowMs);
            if (samples.length === 0)
                return null;
            const numbers = samples.map((s) => s.value).filter((v) => !Number.isNaN(v));
            return numbers.length === 0 ? Number.NaN : Math.max(...numbers);
        }
        const fetch = mergedRange(provider, new Date(at.getTime() - windowMs), at, source.stepMs);
        const good = await ratioValue(source, fetch);
        return good === null ? null : 1 - good;
    };
    // The evidence shows the windows as measured: clipped at the deploy until they fit after it.
    const windows = {
        long: { ...measure.long, windowMs: clampWindow(measure.long.windowMs, elapsed) },
        short: { ...measure.short, windowMs: clampWindow(measure.short.windowMs, elapsed) }
    };
    const [long, short] = await Promise.all([
        ratioOver(windows.long.windowMs),
        ratioOver(windows.short.windowMs)
    ]);
    const judgement = judgeBurn(measure.target, windows, { long, short });
    return {
        value: judgement.burn.long.burnRate,
        windowMs: windows.long.windowMs,
        judged: {
            result: judgement.result,
            ...(judgement.reason ? { reason: judgement.reason } : {}),
            burn: judgement.burn,
            threshold: measure.long.threshold
        }
    };
}
/** A baseline: the same query over the window that ends at the deploy. */
async function measureBaseline(objective, provider, deployedAt) {
    if (objective.measure.kind !== 'instant')
        return { query: describeMeasure(objective.measure), value: null };
    const windowMs = objective.baseline.windowMs;
    const query = renderQuery(objective.measure.query, windowMs);
    const samples = await provider.instant(query, deployedAt, windowMs);
    return { query, value: pickWorst(samples, objective).value };
}
function pickWorst(samples, objective) {
    if (samples.length === 0)
        return { value: null };
    if (samples.length === 1)
        return { value: samples[0].value };
    const order = worstFirst(objective.bound.op);
    const numbers = samples.filter((s) => !Number.isNaN(s.value));
    if (numbers.length === 0)
        return { value: Number.NaN };
    const worst = [...numbers].sort((a, b) => order(a.value, b.value))[0];
    return { value: worst.value, series: worst.labels };
}
function compareOp(value, op, threshold) {
    return op === '<'
        ? value < threshold
        : op === '<='
            ? value <= threshold
            : op === '>'
                ? value > threshold
                : value >= threshold;
}
/** Several series of a range query summed per timestamp (like a PromQL `sum`), NaN points dropped. */
function mergeSeries(series) {
    const sums = new Map();
    for (const s of series) {
        for (const point of s.points) {
            if (Number.isNaN(point.value))
                continue;
            const key = point.at.getTime();
            sums.set(key, (sums.get(key) ?? 0) + point.value);
        }
    }
    return [...sums].sort((a, b) => a[0] - b[0]).map(([at, value]) => ({ at: new Date(at), value }));
}
/** How much a counter grew over the points, across resets (a drop means the counter restarted). */
function counterIncrease(points) {
    let increase = 0;
    for (let i = 1; i < points.length; i++) {
        const previous = points[i - 1].value;
        const current = points[i].value;
        increase += current >= previous ? current - previous : current;
    }
    return increase;
}
/** Per-step amounts: counter increments, or the gauge values themselves. */
function amounts(points, counter) {
    const result = new Map();
    if (!counter) {
        for (const p of points)
            result.set(p.at.getTime(), p.value);
        return result;
    }
    for (let i = 1; i < points.length; i++) {
        const previous = points[i - 1].value;
        const current = points[i];
        result.set(current.at.getTime(), current.value >= previous ? current.value - previous : current.value);
    }
    return result;
}
async function ratioValue(measure, fetch) {
    if (measure.raw) {
        const points = await fetch(measure.raw);
        if (points.length === 0)
            return null;
        const average = points.reduce((sum, p) => sum + p.value, 0) / points.length;
        return measure.rawType === 'failure' ? 1 - average : average;
    }
    const [partPoints, totalPoints] = await Promise.all([
        fetch((measure.good ?? measure.bad)),
        fetch(measure.total)
    ]);
    if (totalPoints.length === 0)
        return null;
    const good = (part, total) => (measure.good ? part : total - part);
    if (measure.timeslice) {
        const parts = amounts(partPoints, measure.counter);
        const totals = amounts(totalPoints, measure.counter);
        let slices = 0;
        let goodSlices = 0;
        for (const [at, total] of totals) {
            if (total <= 0)
                continue;
            slices += 1;
            if (good(parts.get(at) ?? 0, total) / total >= measure.timeslice.target)
                goodSlices += 1;
        }
        return slices === 0 ? Number.NaN : goodSlices / slices;
    }
    const sum = (points) => measure.counter ? counterIncrease(points) : points.reduce((total, p) => total + p.value, 0);
    const total = sum(totalPoints);
    // A missing numerator series means none of those events happened.
    const part = sum(partPoints);
    if (measure.counter && totalPoints.length < 2)
        return null;
    return total === 0 ? Number.NaN : good(part, total) / total;
}

/**
 * The verdict of an objective from the measurements taken so far. It fails once `failureLimit`
 * measurements failed (in a row when `consecutive`; a pass breaks a run, an inconclusive one does
 * not). Provider errors count separately: at `errorLimit` the objective is inconclusive. Inconclusive
 * measurements never count as passes: an objective passes only when it has passes and its
 * inconclusive measurements, had they failed, would not have reached the failure limit.
 */
function objectiveState(objective, measurements, complete) {
    const failures = measurements.filter((m) => m.result === 'fail').length;
    const errors = measurements.filter((m) => m.reason === 'provider-error').length;
    const passes = measurements.filter((m) => m.result === 'pass').length;
    const inconclusive = measurements.filter((m) => m.result === 'inconclusive').length;
    const limit = objective.failureLimit;
    const failed = objective.consecutive
        ? longestRun(measurements, false) >= limit
        : failures >= limit;
    const counts = { failures, errors };
    if (failed) {
        const how = objective.consecutive
            ? `${limit} measurements in a row failed`
            : `${failures} of ${measurements.length} measurements failed`;
        return { verdict: 'fail', reason: `${how} (failureLimit ${limit})`, ...counts, decided: true };
    }
    if (errors >= objective.errorLimit) {
        const last = [...measurements].reverse().find((m) => m.error)?.error;
        return {
            verdict: 'inconclusive',
            reason: `the provider failed ${errors} times (errorLimit ${objective.errorLimit})${last ? `: ${last}` : ''}`,
            ...counts,
            decided: true
        };
    }
    const inconclusiveLimit = objective.inconclusiveLimit;
    if (inconclusiveLimit !== undefined && inconclusive >= inconclusiveLimit) {
        return {
            verdict: 'inconclusive',
            reason: `${inconclusive} measurements were inconclusive (${describeInconclusive(measurements)}; inconclusiveLimit ${inconclusiveLimit})`,
            ...counts,
            decided: true
        };
    }
    const couldHaveFailed = objective.consecutive
        ? longestRun(measurements, true) >= limit
        : failures + inconclusive >= limit;
    const successes = objective.consecutiveSuccessLimit;
    if (!complete && successes !== undefined && !couldHaveFailed) {
        const run = trailingPasses(measurements);
        if (run >= successes) {
            return {
                verdict: 'pass',
                reason: `${run} measurements in a row passed (consecutiveSuccessLimit ${successes})`,
                ...counts,
                decided: true
            };
        }
    }
    if (!complete)
        return { verdict: 'inconclusive', reason: 'still measuring', ...counts, decided: false };
    if (passes === 0) {
        return {
            verdict: 'inconclusive',
            reason: `no measurement passed (${describeInconclusive(measurements)})`,
            ...counts,
            decided: true
        };
    }
    if (couldHaveFailed) {
        return {
            verdict: 'inconclusive',
            reason: `${inconclusive} inconclusive measurements (${describeInconclusive(measurements)}) could hide a failure (failureLimit ${limit})`,
            ...counts,
            decided: true
        };
    }
    const tolerated = failures > 0 ? `, ${failures} failed under failureLimit ${limit}` : '';
    return {
        verdict: 'pass',
        reason: `${passes} of ${measurements.length} measurements passed${tolerated}`,
        ...counts,
        decided: true
    };
}
function trailingPasses(measurements) {
    let run = 0;
    for (let i = measurements.length - 1; i >= 0 && measurements[i]?.result === 'pass'; i--)
        run++;
    return run;
}
function longestRun(measurements, inconclusiveFails) {
    let run = 0;
    let longest = 0;
    for (const m of measurements) {
        if (m.result === 'fail' || (inconclusiveFails && m.result === 'inconclusive'))
            run += 1;
        else if (m.result === 'pass')
            run = 0;
        longest = Math.max(longest, run);
    }
    return longest;
}
function describeInconclusive(measurements) {
    const counts = new Map();
    for (const m of measurements) {
        if (m.result !== 'inconclusive')
            continue;
        const key = m.reason ?? 'inconclusive';
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (counts.size === 0)
        return 'none measured';
    return [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
}

/** When the n-th (1-based) measurement of an objective is due. */
function measurementTime(objective, deployedAt, index) {
    return new Date(deployedAt.getTime() + objective.initialDelayMs + (index - 1) * objective.intervalMs);
}
/**
 * Runs the policy's measurement schedule from the deploy time: waits (through the sleep port) until
 * each measurement is due, measures every due objective together, logs one line per measurement and
 * stops an objective once its verdict cannot change (and everything once a deciding objective
 * failed, when failFast). A malformed query ends the run with an InputError.
 */
async function runGate(policy, deployedAt, ports) {
    const startedAt = ports.clock.now();
    const tracks = policy.objectives.map((objective) => ({
        objective,
        provider: ports.provider(objective.provider),
        measurements: [],
        baseline: null,
        threshold: objective.bound.kind === 'absolute' ? objective.bound.value : null,
        done: false
    }));
    await preflight(tracks, deployedAt, ports);
    let serviceFailed = false;
    for (;;) {
        const pending = tracks.filter((t) => !t.done);
        if (pending.length === 0)
            break;
        const due = Math.min(...pending.map((t) => measurementTime(t.objective, deployedAt, t.measurements.length + 1).getTime()));
        const wait = due - ports.clock.now().getTime();
        if (wait > 0)
            await ports.sleep(wait);
        const at = new Date(due);
        const batch = pending.filter((t) => measurementTime(t.objective, deployedAt, t.measurements.length + 1).getTime() === due);
        const taken = await Promise.all(batch.map((track) => takeMeasurement(track, at, deployedAt)));
        for (const [i, track] of batch.entries()) {
            const measurement = taken[i];
            if (measurement.reason === 'provider-error')
                serviceFailed = true;
            track.measurements.push(measurement);
            const complete = track.measurements.length >= track.objective.count;
            const state = objectiveState(track.objective, track.measurements, complete);
            ports.log.info(progressLine(track, measurement, state.failures));
            if (state.decided) {
                track.done = true;
                track.verdict = state.verdict;
                track.reason = state.reason;
                if (!complete && state.verdict !== 'pass')
                    ports.log.info(`[${track.objective.name}] ${state.verdict}: ${state.reason}`);
            }
        }
        const stopper = tracks.find((t) => t.verdict === 'fail' && failsGate(t.objective, policy.scoreThresholds));
        if (policy.failFast && stopper) {
            for (const track of tracks.filter((t) => !t.done)) {
                track.done = true;
                track.verdict = 'inconclusive';
                track.reason = `not finished: the gate stopped when ${stopper.objective.name} failed`;
            }
        }
    }
    const objectives = tracks.map((track) => {
        const state = objectiveState(track.objective, track.measurements, true);
        return {
            objective: track.objective,
            verdict: track.verdict ?? state.verdict,
            reason: track.reason ?? state.reason,
            measurements: track.measurements,
            baseline: track.baseline,
            failures: state.failures,
            errors: state.errors
        };
    });
    const { verdict, score } = gateVerdict(objectives, policy.scoreThresholds);
    return {
        verdict,
        deployedAt,
        startedAt,
        finishedAt: ports.clock.now(),
        objectives,
        score,
        serviceFailed
    };
}
async function takeMeasurement(track, at, deployedAt) {
    const index = track.measurements.length + 1;
    const objective = track.objective;
    // A baseline the provider failed to give is asked for again at the next measurement.
    if (objective.bound.kind === 'relative' && (track.baseline === null || track.baseline.error)) {
        track.baseline = await takeBaseline(track, deployedAt);
        track.threshold = thresholdOf(objective.bound, track.baseline.value, objective.baseline.min);
    }
    try {
        const raw = await measureOnce(objective, track.provider, at, deployedAt);
        const judgement = raw.judged
            ? judgeRaw(objective, raw.judged)
            : judgeValue(objective, raw.value, track.threshold);
        const measurement = {
            index,
            at,
            windowMs: raw.windowMs,
            value: raw.value,
            threshold: raw.judged ? raw.judged.threshold : track.threshold,
            result: judgement.result
        };
        if (judgement.reason && measurement.result === 'inconclusive')
            measurement.reason = judgement.reason;
        if (raw.judged?.canary)
            measurement.canary = raw.judged.canary;
        if (raw.judged?.burn)
            measurement.burn = raw.judged.burn;
        if (raw.series)
            measurement.series = raw.series;
        if (judgement.reason === 'no-baseline' && track.baseline?.error) {
            measurement.reason = 'provider-error';
            measurement.error = `baseline: ${track.baseline.error}`;
        }
        return measurement;
    }
    catch (error) {
        if (error instanceof InputError)
            throw inObjective(error, objective);
        return {
            index,
            at,
            windowMs: 0,
            value: null,
            threshold: track.threshold,
            result: 'inconclusive',
            reason: 'provider-error',
            error: messageOf(error)
        };
    }
}
async function takeBaseline(track, deployedAt) {
    const objective = track.objective;
    const from = new Date(deployedAt.getTime() - objective.baseline.windowMs);
    try {
        const { query, value } = await measureBaseline(objective, track.provider, deployedAt);
        return {
            query,
            from,
            to: deployedAt,
            value: value !== null && Number.isNaN(value) ? null : value
        };
    }
    catch (error) {
        if (error instanceof InputError)
            throw inObjective(error, objective);
        const query = objective.measure.kind === 'instant'
            ? renderQuery(objective.measure.query, objective.baseline.windowMs)
            : '';
        return { query, from, to: deployedAt, value: null, error: messageOf(error) };
    }
}
/**
 * A malformed query should stop the gate before it waits out an initial delay, so when the first
 * measurement is still ahead every query is tried once now; only an input error matters here.
 */
async function preflight(tracks, deployedAt, ports) {
    const now = ports.clock.now();
    const first = Math.min(...tracks.map((t) => measurementTime(t.objective, deployedAt, 1).getTime()));
    if (first - now.getTime() < 1000)
        return;
    const at = new Date(Math.max(now.getTime(), deployedAt.getTime() + 1000));
    await Promise.all(tracks.map(async (track) => {
        try {
            await measureOnce(track.objective, track.provider, at, deployedAt);
        }
        catch (error) {
            if (error instanceof InputError)
                throw inObjective(error, track.objective);
        }
    }));
}
function inObjective(error, objective) {
    const where = `${objective.source.file}${objective.source.line ? `:${objective.source.line}` : ''}`;
    return new InputError(`${where}: objective '${objective.name}': ${error.message}`, {
        cause: error
    });
}
function formatValue(value) {
    if (value === null)
        return 'no data';
    if (Number.isNaN(value))
        return 'NaN';
    return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
function progressLine(track, m, failures) {
    const o = track.objective;
    const bound = o.bound.kind === 'relative' ? `${o.bound.text} (${formatValue(m.threshold)})` : o.bound.text;
    const detail = m.error ? `: ${m.error}` : m.reason ? ` (${m.reason})` : '';
    const window = m.windowMs > 0 ? ` over ${formatDuration(m.windowMs)}` : '';
    const found = m.canary
        ? ` (U ${m.canary.u}, p-value ${m.canary.pValue.toPrecision(3)}, effect size ${formatValue(m.canary.effectSize)})`
        : m.burn
            ? ` (burn rate ${formatValue(m.burn.long.burnRate)}x over ${formatDuration(m.burn.long.windowMs)}, ${formatValue(m.burn.short.burnRate)}x over ${formatDuration(m.burn.short.windowMs)})`
            : '';
    return `[${o.name}] ${m.index}/${o.count} at ${m.at.toISOString()}${window}: ${formatValue(m.value)} ${bound} -> ${m.result}${detail}${found} (failures ${failures}/${o.failureLimit})`;
}

/** The bound a burn-rate objective shows: both windows and their thresholds. */
function burnBound(long, short) {
    const text = long.threshold === short.threshold
        ? `burn rate < ${long.threshold}x over ${formatDuration(long.windowMs)} or ${formatDuration(short.windowMs)}`
        : `burn rate < ${long.threshold}x over ${formatDuration(long.windowMs)} or < ${short.threshold}x over ${formatDuration(short.windowMs)}`;
    return { kind: 'absolute', op: '<', value: long.threshold, text };
}
/** The bound a canary objective shows: what its judge fails on. */
function canaryBound(direction, tolerance, confidence) {
    const change = direction === 'either' ? 'a change' : `an ${direction}`;
    return {
        kind: 'absolute',
        op: '<=',
        value: tolerance,
        text: `canary vs baseline: ${change} beyond ${Number((tolerance * 100).toPrecision(6))}% fails at confidence ${confidence} (Mann-Whitney U)`
    };
}
/** A canary comparison of two queries with the judge's defaults filled in, and the bound it shows. */
function canaryMeasure(canary, baseline, stepMs, judge) {
    const direction = judge.direction ?? 'increase';
    const tolerance = judge.tolerance ?? 0.1;
    const confidence = judge.confidence ?? 0.98;
    return {
        measure: {
            kind: 'canary',
            canary,
            baseline,
            stepMs,
            direction,
            tolerance,
            confidence,
            nanStrategy: judge.nanStrategy ?? 'remove',
            minSamples: judge.minSamples ?? 3
        },
        bound: canaryBound(direction, tolerance, confidence)
    };
}

/** Defaults of every objective, overridden by the policy's `defaults` and then by the objective. */
const scheduleDefaults = {
    window: '5m',
    interval: '1m',
    count: 5,
    initialDelay: '1m',
    failureLimit: 1,
    consecutive: false,
    errorLimit: 3,
    noData: 'inconclusive',
    baselineWindow: '30m'
};
/** Reports problems as `file:line: message`, several at once, so one run shows everything to fix. */
class PolicyProblems {
    file;
    lines = [];
    /** Likely mistakes that do not stop the gate. */
    warnings = [];
    constructor(file) {
        this.file = file;
    }
    warn(line, message) {
        this.warnings.push(`${this.file}${line === null ? '' : `:${line}`}: ${message}`);
    }
    add(line, message) {
        this.lines.push(`${this.file}${line === null ? '' : `:${line}`}: ${message}`);
    }
    throwIfAny() {
        if (this.lines.length === 0)
            return;
        const shown = this.lines.slice(0, 10);
        const more = this.lines.length > shown.length ? `\n(${this.lines.length - shown.length} more)` : '';
        throw new InputError(`invalid SLO policy: ${shown.join('\n')}${more}`);
    }
}
/** Resolves the schedule of an objective: its own settings, then the policy's defaults, then ours. */
function resolveSchedule(own, defaults, providers, report) {
    const pick = (key) => own[key] ?? defaults[key];
    const duration = (text) => parseDuration(text) ?? 0;
    let provider = pick('provider');
    const known = Object.keys(providers);
    if (provider === undefined) {
        if (known.length !== 1) {
            report([], known.length === 0
                ? 'no provider: declare one under `providers:` (or an OpenSLO DataSource)'
                : `which provider? set 'provider' to one of ${known.join(', ')} (or defaults.provider)`);
            return null;
        }
        provider = known[0];
    }
    else if (!providers[provider]) {
        report(['provider'], `provider '${provider}' is not declared; known: ${known.join(', ') || 'none'}`);
        return null;
    }
    return {
        provider,
        windowMs: duration(pick('window') ?? scheduleDefaults.window),
        intervalMs: duration(pick('interval') ?? scheduleDefaults.interval),
        count: pick('count') ?? scheduleDefaults.count,
        initialDelayMs: duration(pick('initialDelay') ?? scheduleDefaults.initialDelay),
        failureLimit: pick('failureLimit') ?? scheduleDefaults.failureLimit,
        consecutive: pick('consecutive') ?? scheduleDefaults.consecutive,
        errorLimit: pick('errorLimit') ?? scheduleDefaults.errorLimit,
        noData: pick('noData') ?? scheduleDefaults.noData,
        ...(pick('inconclusiveLimit') !== undefined
            ? { inconclusiveLimit: pick('inconclusiveLimit') }
            : {}),
        ...(pick('consecutiveSuccessLimit') !== undefined
            ? { consecutiveSuccessLimit: pick('consecutiveSuccessLimit') }
            : {}),
        baseline: {
            windowMs: parseDuration(own.baseline?.window ?? defaults.baseline?.window ?? scheduleDefaults.baselineWindow) ?? 1_800_000,
            min: own.baseline?.min ?? defaults.baseline?.min
        }
    };
}

const providerTypes = { prometheus: 'prometheus', datadog: 'datadog' };
/** An OpenSLO DataSource of a type we query, as a provider; a message when the type is not one. */
function providerFromDataSource(doc) {
    const spec = doc.spec;
    const type = providerTypes[spec.type.toLowerCase()];
    if (!type) {
        return `DataSource '${doc.metadata.name}' has type '${spec.type}'; rollback-guard queries Prometheus (and Prometheus-compatible backends) and Datadog`;
    }
    const details = spec.connectionDetails;
    const text = (key) => typeof details[key] === 'string' ? details[key] : undefined;
    const url = text('url') ??
        text('address') ??
        (type === 'datadog' && text('site') ? `https://api.${text('site')}` : undefined);
    if (type === 'prometheus' && !url) {
        return `DataSource '${doc.metadata.name}' needs connectionDetails.url (the Prometheus base URL)`;
    }
    const tokenEnv = text('tokenEnv');
    return {
        name: doc.metadata.name,
        type,
        url,
        auth: tokenEnv ? { type: 'bearer', tokenEnv } : undefined,
        headers: typeof details.headers === 'object' && details.headers
            ? details.headers
            : undefined,
        timeoutMs: parseDuration(text('timeout') ?? '10s') ?? 10_000,
        retries: 3,
        backoffMs: 1000,
        apiKeyEnv: text('apiKeyEnv'),
        appKeyEnv: text('appKeyEnv')
    };
}
/**
 * Settings a pure OpenSLO file can carry for the gate, as annotations (OpenSLO reserves its own
 * prefix for itself; implementations use theirs): rollback-guard/interval, count, initial-delay,
 * failure-limit, consecutive, error-limit, no-data, provider, step, weight.
 */
const annotationPrefix = 'rollback-guard/';
/** OpenSLO SLO documents (with their SLIs, inline or by reference) as gate objectives. */
function opensloObjectives(docs, context) {
    const slis = new Map();
    const alertPolicies = new Map();
    const alertConditions = new Map();
    for (const { doc } of docs) {
        if (doc.kind === 'SLI')
            slis.set(doc.metadata.name, doc.spec);
        if (doc.kind === 'AlertPolicy')
            alertPolicies.set(doc.metadata?.name, doc.spec ?? {});
        if (doc.kind === 'AlertCondition')
            alertConditions.set(doc.metadata?.name, doc.spec ?? {});
    }
    const objectives = [];
    for (const { doc, lineOf } of docs) {
        if (doc.kind !== 'SLO')
            continue;
        const spec = doc.spec;
        const sliName = spec.indicator?.metadata.name ?? spec.indicatorRef ?? doc.metadata.name;
        const sli = spec.indicator?.spec ?? (spec.indicatorRef ? slis.get(spec.indicatorRef) : undefined);
        if (!sli) {
            context.problems.add(lineOf(['spec', 'indicatorRef']), `SLO '${doc.metadata.name}' refers to SLI '${spec.indicatorRef}', which is not in this file`);
            continue;
        }
        const annotations = doc.metadata.annotations ?? {};
        const settings = annotationSettings(annotations, (key, message) => context.problems.add(lineOf(['metadata', 'annotations', key]), message));
        const source = firstSource(sli);
        const own = { ...settings.schedule };
        if (own.provider === undefined && source?.metricSourceRef)
            own.provider = source.metricSourceRef;
        if (own.provider === undefined && source?.type && !context.defaults.provider) {
            const ofType = Object.values(context.providers).filter((p) => p.type === source.type?.toLowerCase());
            if (ofType.length === 1)
                own.provider = ofType[0].name;
        }
        const schedule = resolveSchedule(own, context.defaults, context.providers, (path, message) => context.problems.add(lineOf(['spec', ...path]), `SLO '${doc.metadata.name}': ${message}`));
        if (!schedule)
            continue;
        spec.objectives.forEach((item, index) => {
            const line = lineOf(['spec', 'objectives', index]);
            const report = (message) => context.problems.add(line, `SLO '${doc.metadata.name}': ${message}`);
            const target = item.target ?? (item.targetPercent !== undefined ? item.targetPercent / 100 : undefined);
            if (target === undefined)
                return report('an objective needs target or targetPercent');
            const timeslices = (spec.budgetingMethod ?? 'Occurrences') !== 'Occurrences';
            const stepMs = stepOf(item, settings.stepMs, timeslices);
            const measure = measureOf(sli, item, { stepMs, timeslices }, report);
            if (!measure)
                return;
            if (measure.kind === 'ratio' && index === 0)
                checkCounter(measure, sliName, lineOf(['spec']), context.problems);
            const label = item.name ?? item.displayName;
            objectives.push({
                name: spec.objectives.length === 1
                    ? doc.metadata.name
                    : `${doc.metadata.name}/${label ?? index + 1}`,
                description: doc.metadata.displayName ?? label,
                measure,
                bound: { kind: 'absolute', op: '>=', value: target, text: `>= ${target}` },
                weight: settings.weight ?? 1,
                ...settings.flags,
                source: { file: context.file, line, from: 'openslo' },
                ...schedule
            });
        });
        if (settings.canary) {
            const c = settings.canary;
            if (!c.canary || !c.baseline) {
                context.problems.add(lineOf(['metadata', 'annotations']), `SLO '${doc.metadata.name}': a canary comparison needs both rollback-guard/canary and rollback-guard/baseline (the two queries)`);
            }
            else {
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
                });
            }
        }
        const first = spec.objectives[0];
        const target = first?.target ?? (first?.targetPercent !== undefined ? first.targetPercent / 100 : undefined);
        for (const condition of burnConditions(doc.spec.alertPolicies ?? [], { alertPolicies, alertConditions }, (message) => context.problems.add(lineOf(['spec', 'alertPolicies']), `SLO '${doc.metadata.name}': ${message}`))) {
            const report = (message) => context.problems.add(lineOf(['spec', 'alertPolicies']), `SLO '${doc.metadata.name}', AlertCondition '${condition.name}': ${message}`);
            const ratio = measureOf(sli, {}, { stepMs: settings.stepMs ?? 60_000, timeslices: false }, report);
            if (!ratio)
                continue;
            if (ratio.kind !== 'ratio') {
                report('a burnrate condition needs a ratioMetric SLI (good or bad over total)');
                continue;
            }
            if (target === undefined || target >= 1) {
                report('a burn rate needs the SLO objective target below 1 (the error budget is 1 - target)');
                continue;
            }
            const long = { windowMs: condition.lookbackMs, threshold: condition.threshold };
            const short = {
                windowMs: settings.shortWindowMs ?? Math.round(condition.lookbackMs / 12),
                threshold: condition.threshold
            };
            if (short.windowMs >= long.windowMs) {
                report('rollback-guard/short-window must be shorter than lookbackWindow');
                continue;
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
            });
        }
    }
    return objectives;
}
/**
 * The burnrate AlertConditions of an SLO's alertPolicies (by name, `alertPolicyRef`, or inline),
 * whose conditions are given by `conditionRef` or inline.
 */
function burnConditions(policies, known, report) {
    const found = [];
    for (const entry of policies) {
        const ref = typeof entry === 'string'
            ? entry
            : (entry?.alertPolicyRef ?? undefined);
        const policy = ref
            ? known.alertPolicies.get(ref)
            : (entry?.spec ?? undefined);
        if (!policy) {
            if (ref)
                report(`alert policy '${ref}' is not in this file`);
            continue;
        }
        for (const item of policy.conditions ?? []) {
            const conditionRef = item?.conditionRef;
            const name = conditionRef ?? item?.metadata?.name ?? 'burnrate';
            const spec = conditionRef
                ? known.alertConditions.get(conditionRef)
                : item?.spec;
            if (!spec) {
                report(`AlertCondition '${conditionRef}' is not in this file`);
                continue;
            }
            const condition = spec.condition;
            if (condition?.kind !== 'burnrate')
                continue;
            const lookbackMs = typeof condition.lookbackWindow === 'string'
                ? parseDuration(condition.lookbackWindow)
                : null;
            if (typeof condition.threshold !== 'number' || condition.threshold <= 0 || !lookbackMs) {
                report(`AlertCondition '${name}' of kind burnrate needs threshold (a burn rate, e.g. 14.4) and lookbackWindow (e.g. 1h)`);
                continue;
            }
            if (condition.op !== undefined && condition.op !== 'gte' && condition.op !== 'gt') {
                report(`AlertCondition '${name}' has op '${condition.op}'; a burn rate alerts when it is at or above the threshold (op: gte)`);
                continue;
            }
            found.push({
                name,
                ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
                threshold: condition.threshold,
                lookbackMs
            });
        }
    }
    return found;
}
const rateFunction = /\b(rate|irate|increase)\s*\(/;
const bareCounter = /^\s*(sum\s*(by|without)?\s*(\([^)]*\))?\s*\(\s*)?[a-zA-Z_:][\w:]*_total\s*(\{[^}]*\})?\s*\)?\s*$/;
/**
 * OpenSLO counters are differenced since the deploy: a query that already applies rate() gives
 * per-second rates whose differences are meaningless (every measurement came back NaN). The other
 * way round, a bare `_total` counter read as a gauge sums ever-growing totals.
 */
function checkCounter(measure, sli, line, problems) {
    const queries = [measure.good, measure.bad, measure.total, measure.raw].filter((q) => q !== undefined);
    if (measure.counter && !measure.raw) {
        const rated = queries.find((q) => rateFunction.test(q));
        if (rated) {
            problems.add(line, `SLI '${sli}': ratioMetric has counter: true but its query already applies rate()/increase()/irate() (${rated.trim()}); counters are differenced since the deploy, so every measurement would be NaN or nonsense. Set counter: false (the queries give rates), or query the raw counters (e.g. sum(http_requests_total{...}))`);
        }
    }
    else if (!measure.counter) {
        const bare = queries.find((q) => bareCounter.test(q));
        if (bare) {
            problems.warn(line, `SLI '${sli}': ratioMetric has counter: false but ${bare.trim()} looks like a raw counter (_total); its ever-growing totals are summed as they are. Set counter: true, or wrap it in rate(...[{{window}}])`);
        }
    }
}
function firstSource(sli) {
    const ratio = sli.ratioMetric;
    return (sli.thresholdMetric ?? ratio?.total ?? ratio?.raw ?? ratio?.good ?? ratio?.bad)
        ?.metricSource;
}
function queryOf(metric, report) {
    if (!metric)
        return undefined;
    const query = metric.metricSource.spec.query;
    if (typeof query !== 'string' || query.trim() === '') {
        report('each metricSource needs spec.query (the PromQL or Datadog query)');
        return undefined;
    }
    return query;
}
function stepOf(item, annotated, timeslices) {
    if (timeslices && item.timeSliceWindow !== undefined) {
        const window = item.timeSliceWindow;
        // OpenSLO: a bare number is minutes.
        const ms = typeof window === 'number' ? window * 60_000 : parseDuration(window);
        if (ms)
            return ms;
    }
    return annotated ?? 60_000;
}
function measureOf(sli, item, options, report) {
    if (sli.thresholdMetric) {
        const query = queryOf(sli.thresholdMetric, report);
        const op = item.op ? opensloOps[item.op] : undefined;
        if (!query)
            return null;
        if (!op || item.value === undefined) {
            report('an objective of a thresholdMetric SLI needs op and value');
            return null;
        }
        return {
            kind: 'threshold',
            query,
            op: op,
            value: item.value,
            stepMs: options.stepMs
        };
    }
    const ratio = sli.ratioMetric;
    if (!ratio)
        return null;
    const problemsBefore = [];
    const collect = (message) => {
        problemsBefore.push(message);
    };
    const measure = {
        kind: 'ratio',
        good: queryOf(ratio.good, collect),
        bad: queryOf(ratio.bad, collect),
        total: queryOf(ratio.total, collect),
        raw: queryOf(ratio.raw, collect),
        rawType: ratio.rawType,
        counter: ratio.counter ?? true,
        stepMs: options.stepMs
    };
    if (problemsBefore.length > 0) {
        report(problemsBefore[0]);
        return null;
    }
    if (options.timeslices) {
        if (item.timeSliceTarget === undefined) {
            report('budgetingMethod Timeslices needs timeSliceTarget on each objective');
            return null;
        }
        measure.timeslice = { target: item.timeSliceTarget };
    }
    return measure;
}
function annotationSettings(annotations, report) {
    const schedule = {};
    let canary;
    const canaryPart = () => (canary ??= {});
    const flags = {};
    let stepMs;
    let shortWindowMs;
    let weight;
    for (const [key, value] of Object.entries(annotations)) {
        if (!key.startsWith(annotationPrefix))
            continue;
        const name = key.slice(annotationPrefix.length);
        const duration = () => {
            if (parseDuration(value) !== null)
                return value;
            report(key, `annotation ${key} must be a duration like 1m, got '${value}'`);
            return undefined;
        };
        const integer = () => {
            if (/^\d+$/.test(value) && Number(value) >= 1)
                return Number(value);
            report(key, `annotation ${key} must be a whole number of at least 1, got '${value}'`);
            return undefined;
        };
        switch (name) {
            case 'interval':
                schedule.interval = duration();
                break;
            case 'initial-delay':
                schedule.initialDelay = duration();
                break;
            case 'step': {
                const text = duration();
                stepMs = text ? (parseDuration(text) ?? undefined) : undefined;
                break;
            }
            case 'short-window': {
                const text = duration();
                shortWindowMs = text ? (parseDuration(text) ?? undefined) : undefined;
                break;
            }
            case 'count':
                schedule.count = integer();
                break;
            case 'inconclusive-limit':
                schedule.inconclusiveLimit = integer();
                break;
            case 'consecutive-success-limit':
                schedule.consecutiveSuccessLimit = integer();
                break;
            case 'critical':
                flags.critical = value === 'true';
                break;
            case 'canary':
                canaryPart().canary = value;
                break;
            case 'baseline':
                canaryPart().baseline = value;
                break;
            case 'direction':
                if (value === 'increase' || value === 'decrease' || value === 'either')
                    canaryPart().direction = value;
                else
                    report(key, `annotation ${key} must be increase, decrease or either, got '${value}'`);
                break;
            case 'nan-strategy':
                if (value === 'remove' || value === 'replace')
                    canaryPart().nanStrategy = value;
                else
                    report(key, `annotation ${key} must be remove or replace, got '${value}'`);
                break;
            case 'tolerance':
            case 'confidence': {
                const number = Number(value);
                const ok = value.trim() !== '' &&
                    Number.isFinite(number) &&
                    number >= 0 &&
                    (name === 'tolerance' || (number > 0 && number < 1));
                if (ok)
                    canaryPart()[name] = number;
                else
                    report(key, `annotation ${key} must be ${name === 'tolerance' ? 'a number of at least 0' : 'a number between 0 and 1'}, got '${value}'`);
                break;
            }
            case 'dry-run':
                flags.dryRun = value === 'true';
                break;
            case 'failure-limit':
                schedule.failureLimit = integer();
                break;
            case 'error-limit':
                schedule.errorLimit = integer();
                break;
            case 'consecutive':
                schedule.consecutive = value === 'true';
                break;
            case 'no-data':
                if (value === 'inconclusive' || value === 'pass' || value === 'fail')
                    schedule.noData = value;
                else
                    report(key, `annotation ${key} must be inconclusive, pass or fail, got '${value}'`);
                break;
            case 'provider':
                schedule.provider = value;
                break;
            case 'weight':
                if (Number.isFinite(Number(value)) && Number(value) >= 0)
                    weight = Number(value);
                else
                    report(key, `annotation ${key} must be a number of at least 0, got '${value}'`);
                break;
            default:
                report(key, `unknown annotation ${key}; known: interval, count, initial-delay, failure-limit, consecutive, error-limit, inconclusive-limit, consecutive-success-limit, no-data, provider, step, short-window, weight, critical, dry-run, canary, baseline, direction, tolerance, confidence, nan-strategy`);
        }
    }
    for (const key of Object.keys(schedule)) {
        if (schedule[key] === undefined)
            delete schedule[key];
    }
    return { schedule, stepMs, weight, shortWindowMs, flags, ...(canary ? { canary } : {}) };
}

/**
 * The JSON Schema of `slo.yml`, the source of `schemas/slo-policy.schema.json` (a test keeps the two
 * equal). One file may hold several YAML documents: rollback-guard policy documents and OpenSLO v1
 * `DataSource`, `SLI` and `SLO` documents, each validated by its definition here.
 */
const duration = {
    type: 'string',
    pattern: '^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h|d|w))+)$',
    description: "A duration in Prometheus' units: 30s, 5m, 1h30m, 2d."
};
const schedule = {
    provider: {
        type: 'string',
        minLength: 1,
        description: 'The key of the provider under `providers`.'
    },
    window: {
        ...duration,
        description: 'The query window put in place of {{window}} (clipped at the deploy time).'
    },
    interval: { ...duration, description: 'Time between two measurements.' },
    count: {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        description: 'How many measurements to take.'
    },
    initialDelay: {
        ...duration,
        description: 'Wait this long after the deploy before the first measurement.'
    },
    failureLimit: {
        type: 'integer',
        minimum: 1,
        description: 'The objective fails once this many measurements failed (default 1).'
    },
    consecutive: {
        type: 'boolean',
        description: 'Count only failures in a row towards failureLimit.'
    },
    errorLimit: {
        type: 'integer',
        minimum: 1,
        description: 'Provider errors after which the objective is inconclusive and no longer measured (default 3).'
    },
    inconclusiveLimit: {
        type: 'integer',
        minimum: 1,
        description: "The objective is inconclusive, and stops measuring, once this many measurements were inconclusive (Argo's inconclusiveLimit)."
    },
    consecutiveSuccessLimit: {
        type: 'integer',
        minimum: 1,
        description: 'Stop early and pass after this many passing measurements in a row (Argo; never while inconclusive ones could hide a failure).'
    },
    noData: {
        enum: ['inconclusive', 'pass', 'fail'],
        description: 'What an empty result or NaN counts as (default inconclusive).'
    },
    baseline: {
        type: 'object',
        additionalProperties: false,
        properties: {
            window: {
                ...duration,
                description: 'The window before the deploy a relative bound compares with (default 30m).'
            },
            min: {
                type: 'number',
                description: 'The least baseline a relative bound starts from, so a near-zero baseline (no errors before the deploy) does not turn noise into a failure.'
            }
        }
    }
};
const provider = {
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
        type: { enum: ['prometheus', 'datadog', 'web', 'file'] },
        url: {
            type: 'string',
            pattern: '^https?://',
            description: 'Base URL (prometheus, datadog) or request URL (web).'
        },
        headers: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description: 'Extra request headers; ${NAME} is replaced by the environment variable NAME.'
        },
        auth: {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: {
                type: { enum: ['bearer', 'basic'] },
                tokenEnv: { type: 'string', minLength: 1 },
                username: { type: 'string' },
                usernameEnv: { type: 'string', minLength: 1 },
                passwordEnv: { type: 'string', minLength: 1 }
            }
        },
        caFile: {
            type: 'string',
            minLength: 1,
            description: 'PEM file of extra certificate authorities, relative to the policy.'
        },
        timeout: duration,
        retries: { type: 'integer', minimum: 0, maximum: 10 },
        backoff: duration,
        path: {
            type: 'string',
            minLength: 1,
            description: 'file: the recorded series (JSON or YAML), relative to the policy.'
        },
        method: { enum: ['GET', 'POST'] },
        body: {
            type: 'string',
            description: 'web: request body; {{query}}, {{time}}, {{window}} are filled in.'
        },
        valuePath: {
            type: 'string',
            pattern: '^\\$',
            description: 'web: JSON path of the value, like $.data.value.'
        },
        range: {
            type: 'object',
            additionalProperties: false,
            required: ['pointsPath'],
            description: 'web: range queries (canary, OpenSLO SLIs). {{start}}, {{end}} (RFC 3339), {{startUnix}}, {{endUnix}}, {{step}} (seconds) and {{query}} are filled in.',
            properties: {
                url: { type: 'string', pattern: '^https?://', description: 'Default: the provider url.' },
                method: { enum: ['GET', 'POST'] },
                body: { type: 'string' },
                pointsPath: {
                    type: 'string',
                    pattern: '^\\$',
                    description: 'JSON path of the points: [time, value] pairs or {time|timestamp|t, value|v} objects, times in unix seconds, unix milliseconds or RFC 3339.'
                }
            }
        },
        concurrency: {
            type: 'integer',
            minimum: 1,
            maximum: 64,
            description: 'prometheus: queries of one measurement round in flight at once (default 4); identical queries are sent once.'
        },
        apiKeyEnv: {
            type: 'string',
            minLength: 1,
            description: 'datadog: environment variable of the API key.'
        },
        appKeyEnv: {
            type: 'string',
            minLength: 1,
            description: 'datadog: environment variable of the application key.'
        }
    },
    allOf: [
        { if: { properties: { type: { enum: ['prometheus', 'web'] } } }, then: { required: ['url'] } },
        { if: { properties: { type: { const: 'file' } } }, then: { required: ['path'] } },
        { if: { properties: { type: { const: 'web' } } }, then: { required: ['valuePath'] } }
    ]
};
const burnWindow$1 = (window, threshold) => ({
    type: 'object',
    additionalProperties: false,
    properties: {
        window: { ...duration, description: `The window (default ${window}).` },
        threshold: {
            type: 'number',
            exclusiveMinimum: 0,
            description: `The burn rate at or above which this window burns too fast (default ${threshold}).`
        }
    }
});
const canary = {
    type: 'object',
    additionalProperties: false,
    required: ['canary', 'baseline'],
    description: 'Compare the canary with the baseline serving the same traffic: both range queries since the deploy, judged by a Mann-Whitney U test.',
    properties: {
        canary: {
            type: 'string',
            minLength: 1,
            description: 'The metric of the canary, e.g. {track="canary"}.'
        },
        baseline: {
            type: 'string',
            minLength: 1,
            description: 'The same metric of the stable fleet, e.g. {track="stable"}.'
        },
        direction: {
            enum: ['increase', 'decrease', 'either'],
            description: 'Which difference is bad (default increase: latency, errors).'
        },
        tolerance: {
            type: 'number',
            minimum: 0,
            description: 'Relative difference of the medians below which a significant difference is ignored (default 0.1 = 10%).'
        },
        confidence: {
            type: 'number',
            exclusiveMinimum: 0,
            exclusiveMaximum: 1,
            description: 'A difference counts when its p-value is under 1 - confidence (default 0.98).'
        },
        nanStrategy: {
            enum: ['remove', 'replace'],
            description: 'NaN points are dropped (remove, default) or counted as 0 (replace).'
        },
        step: { ...duration, description: 'Resolution of the range queries (default 1m).' },
        minSamples: {
            type: 'integer',
            minimum: 3,
            description: 'Fewer points on either side than this is no data (default 3).'
        }
    }
};
const burnRate = {
    type: 'object',
    additionalProperties: false,
    required: ['errorRatio', 'target'],
    description: "Error-budget burn over a long and a short window (the SRE workbook's multiwindow alert): fails when both burn too fast.",
    properties: {
        errorRatio: {
            type: 'string',
            minLength: 1,
            description: 'The share of bad events over {{window}}, e.g. errors / requests with rate(...[{{window}}]).'
        },
        target: {
            type: 'number',
            exclusiveMinimum: 0,
            exclusiveMaximum: 1,
            description: 'The SLO target, e.g. 0.999: the error budget is 1 - target.'
        },
        long: burnWindow$1('1h', 14.4),
        short: burnWindow$1('5m', 14.4)
    }
};
const objective = {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
        name: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        query: { type: 'string', minLength: 1, description: 'With bound: one number per measurement.' },
        canary,
        burnRate,
        critical: {
            type: 'boolean',
            description: 'With scoreThresholds: a failure of this objective fails the gate whatever the score.'
        },
        dryRun: {
            type: 'boolean',
            description: 'Measure and report, never decide the gate.'
        },
        bound: {
            type: 'string',
            // a finite number: at most a two-digit exponent, so `< 1e400` (Infinity) is refused
            pattern: '^\\s*(<=|>=|<|>)\\s*[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,2})?\\s*%?\\s*$',
            description: "'< 0.01' (absolute) or '<= +10%' (relative to the baseline window before the deploy)."
        },
        weight: { type: 'number', minimum: 0 },
        ...schedule
    }
};
// OpenSLO documents are checked as strictly as the native policy: an unknown key (a typo such as
// `targetPrecent`) or a duration that is not one (`28x`) is an input error, never ignored.
const metadata = {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
        name: { type: 'string', minLength: 1 },
        displayName: { type: 'string' },
        labels: { type: 'object' },
        annotations: { type: 'object', additionalProperties: { type: 'string' } }
    }
};
/** OpenSLO durations: a count and a unit (`5m`, `28d`; M, Q and Y for calendar windows). */
const opensloDuration = {
    type: 'string',
    pattern: '^[1-9][0-9]*(s|m|h|d|w|M|Q|Y)$',
    'x-hint': 'use a count and a unit, such as 5m, 1h or 28d'
};
const metricSource = {
    type: 'object',
    additionalProperties: false,
    required: ['spec'],
    properties: {
        metricSourceRef: { type: 'string' },
        type: { type: 'string' },
        spec: { type: 'object' }
    }
};
const metric = {
    type: 'object',
    additionalProperties: false,
    required: ['metricSource'],
    properties: { metricSource }
};
const sliSpec = {
    type: 'object',
    additionalProperties: false,
    properties: {
        description: { type: 'string' },
        thresholdMetric: metric,
        ratioMetric: {
            type: 'object',
            additionalProperties: false,
            properties: {
                counter: { type: 'boolean' },
                good: metric,
                bad: metric,
                total: metric,
                raw: metric,
                rawType: { enum: ['success', 'failure'] }
            },
            oneOf: [
                { required: ['good', 'total'] },
                { required: ['bad', 'total'] },
                { required: ['raw', 'rawType'] }
            ]
        }
    },
    oneOf: [{ required: ['thresholdMetric'] }, { required: ['ratioMetric'] }]
};
const openslo = (kind, spec) => ({
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: { apiVersion: { const: 'openslo/v1' }, kind: { const: kind }, metadata, spec }
});
const sloPolicySchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://rollback-guard.dev/schemas/slo-policy.schema.json',
    title: 'rollback-guard SLO policy (slo.yml)',
    description: 'A YAML stream of rollback-guard policy documents (this schema) and OpenSLO v1 DataSource, SLI and SLO documents (#/definitions/openslo*).',
    type: 'object',
    additionalProperties: false,
    properties: {
        version: { const: 1 },
        providers: { type: 'object', additionalProperties: { $ref: '#/definitions/provider' } },
        defaults: { type: 'object', additionalProperties: false, properties: schedule },
        failFast: {
            type: 'boolean',
            description: 'Stop measuring as soon as a deciding objective failed (default true).'
        },
        scoreThresholds: {
            type: 'object',
            additionalProperties: false,
            required: ['pass', 'marginal'],
            description: 'Kayenta-style scoring: the weighted share of passing objectives (0..100) passes at `pass`, fails under `marginal`, is inconclusive between; only critical objectives fail the gate by themselves.',
            properties: {
                pass: { type: 'number', minimum: 0, maximum: 100 },
                marginal: { type: 'number', minimum: 0, maximum: 100 }
            }
        },
        objectives: { type: 'array', items: { $ref: '#/definitions/objective' } }
    },
    definitions: {
        provider,
        objective,
        opensloDataSource: openslo('DataSource', {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'connectionDetails'],
            properties: {
                description: { type: 'string' },
                type: { type: 'string' },
                connectionDetails: { type: 'object' }
            }
        }),
        opensloSLI: openslo('SLI', sliSpec),
        opensloSLO: openslo('SLO', {
            type: 'object',
            additionalProperties: false,
            required: ['objectives'],
            properties: {
                description: { type: 'string' },
                service: { type: 'string' },
                indicator: {
                    type: 'object',
                    required: ['metadata', 'spec'],
                    properties: { metadata, spec: sliSpec }
                },
                indicatorRef: { type: 'string' },
                budgetingMethod: { enum: ['Occurrences', 'Timeslices', 'RatioTimeslices'] },
                timeWindow: {
                    type: 'array',
                    items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                            duration: opensloDuration,
                            isRolling: { type: 'boolean' },
                            calendar: { type: 'object' }
                        }
                    }
                },
                alertPolicies: { type: 'array' },
                objectives: {
                    type: 'array',
                    minItems: 1,
                    items: {
                        type: 'object',
                        additionalProperties: false,
                        properties: {
                            displayName: { type: 'string' },
                            indicator: { type: 'object' },
                            indicatorRef: { type: 'string' },
                            compositeWeight: { type: 'number', minimum: 0 },
                            name: { type: 'string' },
                            op: { enum: ['lt', 'lte', 'gt', 'gte'] },
                            value: { type: 'number' },
                            target: { type: 'number', minimum: 0, maximum: 1 },
                            targetPercent: { type: 'number', minimum: 0, maximum: 100 },
                            timeSliceTarget: { type: 'number', minimum: 0, maximum: 1 },
                            timeSliceWindow: {
                                anyOf: [{ type: 'number', exclusiveMinimum: 0 }, opensloDuration]
                            }
                        },
                        oneOf: [{ required: ['target'] }, { required: ['targetPercent'] }]
                    }
                }
            },
            oneOf: [{ required: ['indicator'] }, { required: ['indicatorRef'] }]
        })
    }
};

let validators;
function compiled() {
    if (validators)
        return validators;
    const ajv = new ajvExports.Ajv({ allErrors: true, strict: false });
    ajv.addSchema(sloPolicySchema);
    const id = sloPolicySchema.$id;
    const get = (ref) => {
        const validate = ajv.getSchema(ref);
        if (!validate)
            throw new Error(`schema ${ref} is missing`);
        return validate;
    };
    validators = {
        policy: get(id),
        opensloDataSource: get(`${id}#/definitions/opensloDataSource`),
        opensloSLI: get(`${id}#/definitions/opensloSLI`),
        opensloSLO: get(`${id}#/definitions/opensloSLO`)
    };
    return validators;
}
/** Validates one YAML document's value; returns the problems a person can act on, most specific first. */
function validateDocument(kind, value) {
    const validate = compiled()[kind];
    if (validate(value))
        return [];
    return simplify(validate.errors ?? []);
}
function simplify(errors) {
    // if/then and oneOf wrappers repeat what their branches already said.
    const useful = errors.filter((error) => error.keyword !== 'if');
    const seen = new Set();
    const problems = [];
    for (const error of useful.sort((a, b) => b.instancePath.length - a.instancePath.length)) {
        const path = error.instancePath
            .split('/')
            .slice(1)
            .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
            .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
        // An unknown key is best shown on its own line.
        if (error.keyword === 'additionalProperties')
            path.push(String(error.params.additionalProperty));
        const message = describe(error);
        const key = `${error.instancePath} ${message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        problems.push({ path, message });
    }
    return problems;
}
function describe(error) {
    const where = error.instancePath === ''
        ? 'the document'
        : `'${error.instancePath.split('/').slice(1).join('.')}'`;
    const params = error.params;
    switch (error.keyword) {
        case 'additionalProperty':
        case 'additionalProperties':
            return `${where} has an unknown key '${String(params.additionalProperty)}'`;
        case 'required':
            return `${where} is missing '${String(params.missingProperty)}'`;
        case 'enum':
            return `${where} must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        case 'const':
            return `${where} must be ${JSON.stringify(params.allowedValue)}`;
        case 'pattern':
            return `${where} ${patternHint(error)}`;
        case 'oneOf':
            return `${where} ${oneOfHint(error)}`;
        default:
            return `${where} ${error.message ?? 'is invalid'}`;
    }
}
function patternHint(error) {
    const pattern = String(error.params.pattern);
    if (pattern.includes('ms|s|m|h|d|w'))
        return 'must be a duration like 30s, 5m or 1h30m';
    if (pattern.includes('s|m|h|d|w|M|Q|Y'))
        return 'must be an OpenSLO duration like 5m, 1h or 28d';
    if (pattern.includes('<=|>='))
        return "must be a bound like '< 0.01' or '<= +10%'";
    if (pattern.includes('https?'))
        return 'must be an http:// or https:// URL';
    if (pattern.startsWith('^\\$'))
        return 'must be a JSON path starting with $, like $.data.value';
    return `must match ${pattern}`;
}
function oneOfHint(error) {
    const path = error.schemaPath;
    if (path.endsWith('/ratioMetric/oneOf'))
        return 'needs good+total, bad+total or raw+rawType';
    if (path.endsWith('/items/oneOf'))
        return 'needs exactly one of target or targetPercent';
    if (path === '#/definitions/opensloSLO/properties/spec/oneOf')
        return 'needs exactly one of indicator or indicatorRef';
    return 'needs exactly one of thresholdMetric or ratioMetric';
}

/**
 * Parses and validates `slo.yml`: rollback-guard policy documents and OpenSLO v1 documents in one
 * YAML stream. Throws one InputError listing every problem with its file:line.
 */
function parseSloPolicy(text, file) {
    const problems = new PolicyProblems(file);
    const lineCounter = new distExports.LineCounter();
    const docs = distExports.parseAllDocuments(text, { lineCounter, prettyErrors: false });
    if (!Array.isArray(docs)) {
        throw new InputError(`${file} is empty; it needs at least one objective (see examples/slo/slo.yml).`);
    }
    const loaded = [];
    for (const doc of docs) {
        for (const error of doc.errors) {
            problems.add(lineCounter.linePos(error.pos[0]).line, `YAML: ${error.message.split('\n')[0]}`);
        }
        if (doc.errors.length > 0)
            continue;
        const value = doc.toJS({ maxAliasCount: 100 });
        if (value === null || value === undefined)
            continue;
        const lineOf = (path) => {
            for (let depth = path.length; depth >= 0; depth--) {
                const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
                if (distExports.isNode(node) && node.range)
                    return lineCounter.linePos(node.range[0]).line;
            }
            return null;
        };
        if (typeof value !== 'object' || Array.isArray(value)) {
            problems.add(lineOf([]), 'each YAML document must be a mapping (a policy or an OpenSLO document)');
            continue;
        }
        const record = value;
        const kind = documentKind(record);
        if (typeof kind === 'string' && kind.startsWith('unsupported:')) {
            problems.add(lineOf(['apiVersion']), kind.slice('unsupported:'.length));
            continue;
        }
        loaded.push({ kind: kind, value: record, doc, lineOf });
    }
    problems.throwIfAny();
    for (const entry of loaded) {
        if (entry.kind === 'ignored' || entry.kind === 'opensloAlerting')
            continue;
        for (const problem of validateDocument(entry.kind, entry.value)) {
            problems.add(entry.lineOf(problem.path), problem.message);
        }
    }
    problems.throwIfAny();
    const policies = loaded.filter((entry) => entry.kind === 'policy');
    const providers = {};
    let defaults = {};
    let failFast = true;
    let scoreThresholds;
    for (const entry of policies) {
        const raw = entry.value;
        if (raw.scoreThresholds) {
            if (raw.scoreThresholds.marginal > raw.scoreThresholds.pass)
                problems.add(entry.lineOf(['scoreThresholds', 'marginal']), `scoreThresholds.marginal ${raw.scoreThresholds.marginal} is above pass ${raw.scoreThresholds.pass}; marginal is the lower threshold`);
            scoreThresholds = raw.scoreThresholds;
        }
        for (const [name, provider] of Object.entries(raw.providers ?? {})) {
            if (providers[name])
                problems.add(entry.lineOf(['providers', name]), `provider '${name}' is declared twice`);
            providers[name] = providerConfig(name, provider);
        }
        defaults = { ...defaults, ...raw.defaults };
        if (raw.failFast === false)
            failFast = false;
    }
    for (const entry of loaded.filter((e) => e.kind === 'opensloDataSource')) {
        const provider = providerFromDataSource(entry.value);
        if (typeof provider === 'string') {
            problems.add(entry.lineOf(['spec', 'type']), provider);
        }
        else if (providers[provider.name]) {
            problems.add(entry.lineOf(['metadata', 'name']), `provider '${provider.name}' is declared twice`);
        }
        else {
            providers[provider.name] = provider;
        }
    }
    const objectives = [];
    for (const entry of policies) {
        const raw = entry.value;
        (raw.objectives ?? []).forEach((item, index) => {
            const line = entry.lineOf(['objectives', index]);
            const objective = nativeObjective(item, defaults, providers, { file, line }, (path, message) => problems.add(entry.lineOf(['objectives', index, ...path]), message));
            if (objective)
                objectives.push(objective);
        });
    }
    const openslo = loaded.filter((e) => e.kind === 'opensloSLI' || e.kind === 'opensloSLO' || e.kind === 'opensloAlerting');
    if (openslo.length > 0) {
        objectives.push(...opensloObjectives(openslo.map((entry) => ({
            doc: entry.value,
            lineOf: entry.lineOf
        })), { file, defaults, providers, problems }));
    }
    const names = new Map();
    for (const objective of objectives) {
        const earlier = names.get(objective.name);
        if (earlier) {
            problems.add(objective.source.line, `objective '${objective.name}' is declared twice (also on line ${earlier.source.line})`);
        }
        names.set(objective.name, objective);
    }
    if (objectives.length === 0 && problems.lines.length === 0) {
        problems.add(null, 'no objectives: add an `objectives:` list or OpenSLO SLO documents (see examples/slo/)');
    }
    problems.throwIfAny();
    return {
        file,
        providers,
        objectives,
        failFast,
        ...(scoreThresholds ? { scoreThresholds } : {}),
        ...(problems.warnings.length > 0 ? { warnings: problems.warnings } : {})
    };
}
function documentKind(value) {
    const apiVersion = value.apiVersion;
    if (apiVersion === undefined)
        return 'policy';
    if (apiVersion !== 'openslo/v1') {
        return `unsupported:apiVersion '${String(apiVersion)}' is not supported; write rollback-guard policy documents (no apiVersion) or OpenSLO 'openslo/v1' documents`;
    }
    switch (value.kind) {
        case 'DataSource':
            return 'opensloDataSource';
        case 'SLI':
            return 'opensloSLI';
        case 'SLO':
            return 'opensloSLO';
        case 'AlertPolicy':
        case 'AlertCondition':
            // Burn-rate conditions of an SLO's alert policies become burn-rate objectives.
            return 'opensloAlerting';
        default:
            // Service, AlertNotificationTarget and friends do not change a deploy verdict.
            return 'ignored';
    }
}
function providerConfig(name, raw) {
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
    };
}
function nativeObjective(raw, defaults, providers, where, report) {
    const kinds = ['query', 'canary', 'burnRate'].filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1) {
        report([], kinds.length === 0
            ? `objective '${raw.name}' needs what to measure: query with bound, canary (canary and baseline queries) or burnRate`
            : `objective '${raw.name}' has ${kinds.join(' and ')}; give exactly one of query (with bound), canary or burnRate`);
        return null;
    }
    if (raw.bound !== undefined && raw.query === undefined) {
        report(['bound'], `objective '${raw.name}': bound goes with query; a canary is judged by its tolerance and confidence, a burn rate by its thresholds`);
        return null;
    }
    const judged = judgedMeasure(raw, report);
    if (!judged)
        return null;
    const { measure, bound } = judged;
    const schedule = resolveSchedule(raw, defaults, providers, report);
    if (!schedule)
        return null;
    if (schedule.failureLimit > schedule.count) {
        report(['failureLimit'], `failureLimit ${schedule.failureLimit} is more than the ${schedule.count} measurements, so '${raw.name}' could never fail; lower it or raise count`);
        return null;
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
    };
}
/** What a native objective measures and the bound it shows: a query, a canary comparison or a burn rate. */
function judgedMeasure(raw, report) {
    if (raw.canary) {
        const c = raw.canary;
        return canaryMeasure(c.canary, c.baseline, parseDuration(c.step ?? '1m') ?? 60_000, c);
    }
    if (raw.burnRate) {
        const b = raw.burnRate;
        const page = workbookBurnRates.page;
        const side = (own, fallback) => ({
            windowMs: parseDuration(own?.window ?? fallback.window) ?? 0,
            threshold: own?.threshold ?? fallback.threshold
        });
        const long = side(b.long, page.long);
        const short = side(b.short, page.short);
        if (short.windowMs >= long.windowMs) {
            report(['burnRate', 'short', 'window'], `the short window must be shorter than the long one (the SRE workbook pairs 1h with 5m, 6h with 30m)`);
            return null;
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
        };
    }
    if (raw.bound === undefined) {
        report([], `objective '${raw.name}' has a query but no bound; add bound: '< 0.01' or '<= +10%'`);
        return null;
    }
    const bound = parseBound(raw.bound);
    if (typeof bound === 'string') {
        report(['bound'], bound);
        return null;
    }
    return { measure: { kind: 'instant', query: raw.query }, bound };
}

/** The ports the SLO gate runs on: metrics providers, a clock and a sleep, a log. */
/** The backend failed after its retries (unreachable, 5xx, timeout). Makes a measurement inconclusive. */
class MetricsUnavailableError extends Error {
    /** Should it escape the evaluator, an outside service failed: exit 3. */
    exitCode = 3;
    constructor(message, options) {
        super(message, options);
        this.name = 'MetricsUnavailableError';
    }
}
/** A clock that only moves when slept on: replays and tests run the whole schedule at once. */
function virtualClock(start) {
    let now = start.getTime();
    return {
        clock: { now: () => new Date(now) },
        sleep: async (ms) => {
            now += Math.max(0, ms);
        }
    };
}

function evidenceNumber(value) {
    if (value === null)
        return null;
    if (Number.isNaN(value))
        return 'NaN';
    if (value === Number.POSITIVE_INFINITY)
        return '+Inf';
    if (value === Number.NEGATIVE_INFINITY)
        return '-Inf';
    return value;
}
function measurementEvidence(m) {
    return {
        index: m.index,
        at: m.at.toISOString(),
        window: formatDuration(m.windowMs),
        value: evidenceNumber(m.value),
        threshold: evidenceNumber(m.threshold),
        result: m.result,
        ...(m.reason ? { reason: m.reason } : {}),
        ...(m.error ? { error: m.error } : {}),
        ...(m.series ? { series: m.series } : {}),
        ...(m.canary
            ? {
                canary: {
                    u: m.canary.u,
                    pValue: m.canary.pValue,
                    method: m.canary.method,
                    effectSize: evidenceNumber(m.canary.effectSize),
                    canaryMedian: evidenceNumber(m.canary.canaryMedian),
                    baselineMedian: evidenceNumber(m.canary.baselineMedian),
                    canarySample: m.canary.canary.map((p) => [p.at.toISOString(), evidenceNumber(p.value)]),
                    baselineSample: m.canary.baseline.map((p) => [
                        p.at.toISOString(),
                        evidenceNumber(p.value)
                    ])
                }
            }
            : {}),
        ...(m.burn
            ? {
                burn: {
                    budget: m.burn.budget,
                    long: burnWindow(m.burn.long),
                    short: burnWindow(m.burn.short)
                }
            }
            : {})
    };
}
function burnWindow(w) {
    return {
        window: formatDuration(w.windowMs),
        errorRatio: evidenceNumber(w.errorRatio),
        burnRate: evidenceNumber(w.burnRate),
        threshold: w.threshold
    };
}
function objectiveEvidence(r) {
    const o = r.objective;
    const bound = o.bound;
    return {
        name: o.name,
        ...(o.description ? { description: o.description } : {}),
        provider: o.provider,
        query: describeMeasure(o.measure),
        verdict: r.verdict,
        reason: r.reason,
        weight: o.weight,
        judge: o.measure.kind === 'canary'
            ? 'mann-whitney'
            : o.measure.kind === 'burnrate'
                ? 'burn-rate'
                : 'bound',
        ...(o.critical !== undefined ? { critical: o.critical } : {}),
        ...(o.dryRun ? { dryRun: true } : {}),
        bound: bound.kind === 'absolute'
            ? { text: bound.text, kind: bound.kind, op: bound.op, value: bound.value }
            : { text: bound.text, kind: bound.kind, op: bound.op, percent: bound.percent },
        baseline: r.baseline
            ? {
                query: r.baseline.query,
                from: r.baseline.from.toISOString(),
                to: r.baseline.to.toISOString(),
                value: evidenceNumber(r.baseline.value),
                ...(o.baseline.min !== undefined ? { min: o.baseline.min } : {}),
                ...(r.baseline.error ? { error: r.baseline.error } : {})
            }
            : null,
        schedule: {
            initialDelay: formatDuration(o.initialDelayMs),
            interval: formatDuration(o.intervalMs),
            count: o.count,
            window: formatDuration(o.windowMs)
        },
        failureLimit: o.failureLimit,
        consecutive: o.consecutive,
        errorLimit: o.errorLimit,
        noData: o.noData,
        failures: r.failures,
        errors: r.errors,
        source: o.source,
        measurements: r.measurements.map(measurementEvidence)
    };
}
function buildEvidence(result, policyFile) {
    return {
        schemaVersion: 1,
        verdict: result.verdict,
        policy: policyFile,
        deployedAt: result.deployedAt.toISOString(),
        startedAt: result.startedAt.toISOString(),
        finishedAt: result.finishedAt.toISOString(),
        score: result.score,
        serviceFailed: result.serviceFailed,
        failedObjectives: failedObjectives(result.objectives),
        inconclusiveObjectives: result.objectives
            .filter((r) => r.verdict === 'inconclusive' && isDeciding(r.objective))
            .map((r) => r.objective.name),
        objectives: result.objectives.map(objectiveEvidence)
    };
}
function renderSloJson(evidence) {
    return `${JSON.stringify(evidence, null, 2)}\n`;
}

const stderrLog = {
    info: (message) => process.stderr.write(`${message}\n`),
    warn: (message) => process.stderr.write(`warning: ${message}\n`)
};
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function parseDeployedAt(value, fallback) {
    if (value === undefined || value === '')
        return fallback;
    const date = value instanceof Date ? value : new Date(value);
    const rfc3339 = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
    if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !rfc3339.test(value.trim()))) {
        throw new InputError(`--deployed-at '${String(value)}' is not an RFC 3339 time; write it like 2026-05-01T12:00:00Z`);
    }
    // Timers hold at most 2^31-1 ms (24.8 days); a deploy further ahead is a typo, not a plan.
    if (date.getTime() - fallback.getTime() > maxFutureMs) {
        throw new InputError(`--deployed-at '${String(value)}' is more than a day in the future; give the time the release was deployed.`);
    }
    return date;
}
const maxFutureMs = 24 * 60 * 60 * 1000;
/**
 * `rollback-guard slo check`: loads the policy, measures every objective from the deploy time on,
 * and returns the verdicts with their evidence. Throws InputError for a bad policy, flag or query.
 */
async function runSloCheck$1(options) {
    const ports = options.ports ?? {};
    const virtual = options.now && !ports.clock ? virtualClock(options.now) : undefined;
    const clock = ports.clock ?? virtual?.clock ?? { now: () => new Date() };
    const sleep = ports.sleep ?? virtual?.sleep ?? realSleep;
    const log = ports.log ?? stderrLog;
    const read = ports.readFile ?? ((path) => readFile(path, 'utf8'));
    let text;
    try {
        text = await read(options.policyPath);
    }
    catch (error) {
        throw new InputError(`cannot read the SLO policy ${options.policyPath}: ${error.message}; pass --policy with the path of slo.yml`);
    }
    const policy = parseSloPolicy(text, options.policyPath);
    const deployedAt = parseDeployedAt(options.deployedAt, clock.now());
    for (const warning of policy.warnings ?? [])
        log.warn(warning);
    const factory = ports.providers ??
        ports.providerFactory?.({ policyFile: options.policyPath, sleep, env: options.env });
    if (!factory) {
        throw new Error('internal error: runSloCheck needs ports.providers or ports.providerFactory (the wired runSloCheck passes them)');
    }
    const providers = new Map();
    for (const name of new Set(policy.objectives.map((o) => o.provider))) {
        providers.set(name, await factory(policy.providers[name]));
    }
    log.info(`SLO gate: ${policy.objectives.length} objective(s) from ${options.policyPath}, deployed at ${deployedAt.toISOString()}`);
    const result = await runGate(policy, deployedAt, {
        provider: (name) => providers.get(name),
        clock,
        sleep,
        log
    });
    const evidence = buildEvidence(result, options.policyPath);
    log.info(`SLO gate: ${result.verdict}${evidence.failedObjectives.length ? ` (failed: ${evidence.failedObjectives.join(', ')})` : ''}`);
    const exitCode = result.verdict === 'pass' ? 0 : result.verdict === 'fail' ? 1 : 3;
    return {
        verdict: result.verdict,
        failedObjectives: evidence.failedObjectives,
        objectives: result.objectives,
        evidence,
        result,
        exitCode,
        ...(options.format ? { output: renderSlo(evidence, options.format) } : {})
    };
}
/**
 * The deploy time carried by a GitHub event: a `deployment_status` event's status time (when the
 * deploy reported its state), else the deployment's creation time. Null when the event has neither.
 */
function deployedAtFromEvent(payload) {
    const event = (payload ?? {});
    const candidates = [
        event.deployment_status?.created_at,
        event.deployment_status?.updated_at,
        event.deployment?.updated_at,
        event.deployment?.created_at
    ];
    const found = candidates.find((value) => typeof value === 'string' && value !== '');
    return typeof found === 'string' ? found : null;
}
/** What the verdict writes on the release's manifest: good or bad; inconclusive leaves it unknown. */
function manifestVerdictOf(verdict) {
    return verdict === 'pass' ? 'good' : verdict === 'fail' ? 'bad' : null;
}
function renderSlo(evidence, format) {
    switch (format) {
        case 'json':
            return renderSloJson(evidence);
        case 'markdown':
            return renderSloMarkdown(evidence);
        case 'text':
            return renderSloText(evidence);
    }
}

/** An answer larger than this is not a metric result; it is refused before it fills the memory. */
const defaultMaxResponseBytes = 64 * 1024 * 1024;
/** A network failure or timeout: worth a retry. */
class HttpTransportError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'HttpTransportError';
    }
}
/**
 * One HTTP request with node's own client (it takes a custom CA per request, which fetch cannot
 * without an extra package). Resolves with any status; rejects only on transport failure or timeout.
 */
function sendHttp(req) {
    const proxy = proxyDispatcher(process.env, req.ca);
    if (proxy)
        return sendThroughProxy(req, proxy);
    return new Promise((resolve, reject) => {
        const send = req.url.protocol === 'https:' ? request : request$1;
        const headers = requestHeaders(req);
        if (req.body !== undefined)
            headers['content-length'] = String(Buffer.byteLength(req.body));
        const options = { method: req.method, headers, ...(req.ca ? { ca: req.ca } : {}) };
        const maxBytes = req.maxResponseBytes ?? defaultMaxResponseBytes;
        const fail = (error) => {
            clearTimeout(deadline);
            outgoing.destroy(error);
            reject(error);
        };
        // One deadline for the whole exchange: a server that drips a byte at a time still ends in time.
        const deadline = setTimeout(() => fail(new HttpTransportError(`no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
        const outgoing = send(req.url, options, (response) => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                size += chunk.length;
                if (size > maxBytes) {
                    fail(tooLarge(maxBytes));
                    return;
                }
                chunks.push(chunk);
            });
            response.on('end', () => {
                clearTimeout(deadline);
                resolve(answerOf(response.statusCode ?? 0, chunks, response.headers['retry-after']));
            });
            response.on('error', (error) => fail(error instanceof HttpTransportError
                ? error
                : new HttpTransportError(error.message, { cause: error })));
        });
        outgoing.on('error', (error) => fail(error instanceof HttpTransportError
            ? error
            : new HttpTransportError(describeNetworkError(error), { cause: error })));
        if (req.body !== undefined)
            outgoing.write(req.body);
        outgoing.end();
    });
}
/**
 * The same request through the runner's proxy (HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY), under the
 * same rules as a direct one: one deadline for the whole exchange, the size cap, Retry-After kept.
 */
async function sendThroughProxy(req, dispatcher) {
    const headers = requestHeaders(req);
    const maxBytes = req.maxResponseBytes ?? defaultMaxResponseBytes;
    const signal = AbortSignal.timeout(req.timeoutMs);
    try {
        const response = await undiciExports.request(req.url, {
            method: req.method,
            headers,
            ...(req.body !== undefined ? { body: req.body } : {}),
            dispatcher,
            signal
        });
        const chunks = [];
        let size = 0;
        for await (const chunk of response.body) {
            size += chunk.length;
            if (size > maxBytes) {
                response.body.destroy();
                throw tooLarge(maxBytes);
            }
            chunks.push(chunk);
        }
        return answerOf(response.statusCode, chunks, response.headers['retry-after']);
    }
    catch (error) {
        if (error instanceof HttpTransportError)
            throw error;
        if (signal.aborted)
            throw new HttpTransportError(`no complete answer within ${req.timeoutMs} ms (through the proxy)`, {
                cause: error
            });
        const cause = error;
        const inner = cause.cause && cause.cause.code ? cause.cause : cause;
        throw new HttpTransportError(`${describeNetworkError(inner)} (through the proxy)`, {
            cause: error
        });
    }
}
/** What every request sends: our user agent and JSON accept, under the provider's own headers. */
function requestHeaders(req) {
    return { 'user-agent': 'rollback-guard', accept: 'application/json', ...req.headers };
}
function tooLarge(maxBytes) {
    return new HttpTransportError(`the answer is larger than ${maxBytes} bytes; narrow the query`);
}
/** The answer read whole: its status, its text, and its Retry-After when it has exactly one. */
function answerOf(status, chunks, retryAfter) {
    return {
        status,
        text: Buffer.concat(chunks).toString('utf8'),
        ...(typeof retryAfter === 'string' ? { retryAfter } : {})
    };
}
function describeNetworkError(error) {
    switch (error.code) {
        case 'ECONNREFUSED':
            return 'connection refused';
        case 'ENOTFOUND':
            return 'host not found';
        case 'ECONNRESET':
            return 'connection reset';
        default:
            if (error.code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.code)) {
                return `${error.message} (${error.code}); set the provider's caFile to trust a private certificate authority`;
            }
            return error.code ? `${error.code}: ${error.message}` : error.message;
    }
}
/** Statuses that may pass on their own: rate limits and server or gateway trouble. */
function isRetryableStatus(status) {
    return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}
/**
 * Calls `attempt` up to 1 + retries times, waiting backoff, 2×backoff, 4×… (capped at 30 s) between
 * tries, while `retryable` says the failure may pass. The last failure is rethrown.
 */
async function withRetries(attempt, options) {
    for (let tryNumber = 0;; tryNumber++) {
        try {
            return await attempt();
        }
        catch (error) {
            if (tryNumber >= options.retries || !options.retryable(error))
                throw error;
            const backoff = Math.min(30_000, options.backoffMs * 2 ** tryNumber);
            const wait = options.waitMs ? options.waitMs(error, backoff) : backoff;
            if (wait === null)
                throw error;
            await options.sleep(wait);
        }
    }
}
/** A Retry-After longer than this is not waited for: the measurement is inconclusive instead. */
const maxRetryAfterMs = 120_000;
/** `${NAME}` in header values from the environment; a missing variable is reported by name. */
function expandEnv(value, env, missing) {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => env[name] ?? missing(name));
}
class RetryableStatus extends Error {
    retryAfterMs;
    constructor(message, retryAfterMs) {
        super(message);
        this.retryAfterMs = retryAfterMs;
    }
}
/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
function retryAfterMs(value, now = Date.now()) {
    if (value === undefined || value.trim() === '')
        return null;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(0, at - now);
}
/**
 * Sends a request with the provider's retries: transport failures and 429/5xx answers are retried
 * with backoff, and still failing afterwards is a MetricsUnavailableError naming `where` (so the
 * measurement is inconclusive). Other answers, 4xx included, are returned for the caller to judge.
 */
async function sendWithRetries(request, options) {
    try {
        return await withRetries(async () => {
            const answer = await sendHttp(request);
            if (isRetryableStatus(answer.status)) {
                throw new RetryableStatus(`HTTP ${answer.status}${options.describe?.(answer) ?? ''}`, retryAfterMs(answer.retryAfter));
            }
            return answer;
        }, {
            retries: options.retries,
            backoffMs: options.backoffMs,
            sleep: options.sleep,
            retryable: (error) => error instanceof HttpTransportError || error instanceof RetryableStatus,
            // The server's Retry-After, when it says one, within the total time the retries may take.
            waitMs: (error, backoff) => {
                if (!(error instanceof RetryableStatus) || error.retryAfterMs === null)
                    return backoff;
                return error.retryAfterMs <= maxRetryAfterMs
                    ? Math.max(backoff, error.retryAfterMs)
                    : null;
            }
        });
    }
    catch (error) {
        if (error instanceof HttpTransportError || error instanceof RetryableStatus) {
            throw new MetricsUnavailableError(`${options.where}: ${error.message} (after ${options.retries + 1} attempts)`, { cause: error });
        }
        throw error;
    }
}

function requireEnv(config, env, name, field) {
    const value = env[name];
    if (value === undefined || value === '') {
        throw new InputError(`provider '${config.name}': environment variable ${name} (${field}) is not set; export it or fix ${field}`);
    }
    return value;
}
/** The request headers of a provider: its extra headers (with ${ENV} filled in) and its auth. */
function providerHeaders(config, env) {
    const headers = {};
    for (const [name, value] of Object.entries(config.headers ?? {})) {
        headers[name.toLowerCase()] = expandEnv(value, env, (missing) => requireEnv(config, env, missing, `headers.${name}`));
    }
    const auth = config.auth;
    if (auth?.type === 'bearer') {
        if (!auth.tokenEnv)
            throw new InputError(`provider '${config.name}': bearer auth needs auth.tokenEnv (the variable holding the token)`);
        headers.authorization = `Bearer ${requireEnv(config, env, auth.tokenEnv, 'auth.tokenEnv')}`;
    }
    else if (auth?.type === 'basic') {
        const username = auth.username ??
            (auth.usernameEnv ? requireEnv(config, env, auth.usernameEnv, 'auth.usernameEnv') : undefined);
        if (username === undefined || !auth.passwordEnv) {
            throw new InputError(`provider '${config.name}': basic auth needs auth.username (or usernameEnv) and auth.passwordEnv`);
        }
        const password = requireEnv(config, env, auth.passwordEnv, 'auth.passwordEnv');
        headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    return headers;
}
async function providerCa(config, context) {
    if (!config.caFile)
        return undefined;
    try {
        return await context.readFile(config.caFile);
    }
    catch (error) {
        throw new InputError(`provider '${config.name}': cannot read caFile ${config.caFile}: ${error.message}`);
    }
}

/**
 * Datadog's metrics query API (`/api/v1/query`, from/to in seconds). An instant measurement is the
 * last point of each series over the window before the measurement time.
 */
async function createDatadogProvider(config, context) {
    const base = new URL(config.url ?? 'https://api.datadoghq.com');
    const headers = providerHeaders(config, context.env);
    for (const [header, variable, field] of [
        ['dd-api-key', config.apiKeyEnv ?? 'DD_API_KEY', 'apiKeyEnv'],
        ['dd-application-key', config.appKeyEnv ?? 'DD_APP_KEY', 'appKeyEnv']
    ]) {
        const value = context.env[variable];
        if (!value)
            throw new InputError(`provider '${config.name}': environment variable ${variable} (${field}) is not set`);
        headers[header] = value;
    }
    const ca = await providerCa(config, context);
    const where = `Datadog at ${base.origin}`;
    async function query(text, from, to) {
        const url = new URL('/api/v1/query', base);
        url.searchParams.set('from', String(Math.floor(from.getTime() / 1000)));
        url.searchParams.set('to', String(Math.ceil(to.getTime() / 1000)));
        url.searchParams.set('query', text);
        const response = await sendWithRetries({
            method: 'GET',
            url,
            headers,
            timeoutMs: config.timeoutMs,
            ca
        }, {
            where,
            retries: config.retries,
            backoffMs: config.backoffMs,
            sleep: context.sleep
        });
        let body;
        try {
            body = JSON.parse(response.text);
        }
        catch {
            body = null;
        }
        const message = body?.errors?.join('; ') ?? body?.error;
        if (response.status === 400 || (response.status === 200 && body?.status === 'error')) {
            throw new InputError(`${where} rejected the query: ${message ?? response.text.slice(0, 300)}`);
        }
        if (response.status === 401 || response.status === 403) {
            throw new InputError(`${where} answered HTTP ${response.status}: check the API and application keys`);
        }
        if (response.status !== 200 || !body) {
            throw new MetricsUnavailableError(`${where}: HTTP ${response.status}${message ? `: ${message}` : ''}`);
        }
        return (body.series ?? []).map((s) => ({
            labels: Object.fromEntries((s.tag_set ?? []).map((tag) => tag.split(':', 2))),
            points: s.pointlist
                .filter(([, value]) => value !== null)
                .map(([at, value]) => ({ at: new Date(at), value: value }))
        }));
    }
    return {
        name: config.name,
        async instant(text, at, windowMs) {
            const series = await query(text, new Date(at.getTime() - windowMs), at);
            return series
                .filter((s) => s.points.length > 0)
                .map((s) => ({ labels: s.labels, value: s.points[s.points.length - 1].value }));
        },
        range(text, start, end) {
            return query(text, start, end);
        }
    };
}

/** How far back an instant query looks for the latest point, as Prometheus' default lookback. */
const lookbackMs = 5 * 60_000;
/**
 * Recorded series (JSON or YAML), for demos and offline runs: `series: { <query>: [[time, value], …] }`
 * or `series: { <query>: [{ labels, points: [[time, value], …] }] }`, times as RFC 3339 or unix
 * seconds. A query is looked up by its exact text; an unknown query has no data, as in Prometheus.
 */
async function createFileProvider(config, context) {
    const path = config.path;
    let text;
    try {
        text = await context.readFile(path);
    }
    catch (error) {
        throw new InputError(`provider '${config.name}': cannot read recorded series ${path}: ${error.message}`);
    }
    const recorded = parseRecording(text, path, config.name);
    return {
        name: config.name,
        async instant(query, at) {
            const samples = [];
            for (const series of recorded.get(query) ?? []) {
                const latest = [...series.points].reverse().find((p) => p.at <= at);
                if (latest && at.getTime() - latest.at.getTime() <= lookbackMs)
                    samples.push({ labels: series.labels, value: latest.value });
            }
            return samples;
        },
        async range(query, start, end) {
            return (recorded.get(query) ?? [])
                .map((series) => ({
                labels: series.labels,
                points: series.points.filter((p) => p.at >= start && p.at <= end)
            }))
                .filter((series) => series.points.length > 0);
        }
    };
}
function parseRecording(text, path, provider) {
    const fail = (message) => {
        throw new InputError(`provider '${provider}': recorded series ${path}: ${message}`);
    };
    let document;
    try {
        document = distExports.parse(text);
    }
    catch (error) {
        return fail(`not valid JSON or YAML: ${error.message.split('\n')[0]}`);
    }
    const series = document?.series;
    if (!series || typeof series !== 'object' || Array.isArray(series))
        return fail('needs a `series:` mapping of query to points');
    const result = new Map();
    for (const [query, raw] of Object.entries(series)) {
        if (!Array.isArray(raw))
            return fail(`series '${query}' must be a list`);
        const list = raw.length > 0 && !Array.isArray(raw[0])
            ? raw
            : [{ points: raw }];
        result.set(query, list.map((entry) => ({
            labels: entry.labels ?? {},
            points: (entry.points ?? [])
                .map((point) => toPoint(point, query, fail))
                .sort((a, b) => a.at.getTime() - b.at.getTime())
        })));
    }
    return result;
}
function toPoint(point, query, fail) {
    if (!Array.isArray(point) || point.length !== 2)
        return fail(`series '${query}': each point is [time, value]`);
    const [time, value] = point;
    const at = typeof time === 'number' ? new Date(time * 1000) : new Date(String(time));
    if (Number.isNaN(at.getTime()))
        return fail(`series '${query}': '${String(time)}' is not a time`);
    const number = value === null || value === 'NaN' ? Number.NaN : Number(value);
    if (value !== null && value !== 'NaN' && Number.isNaN(number))
        return fail(`series '${query}': '${String(value)}' is not a number`);
    return { at, value: number };
}

/** Prometheus' sample values are strings; NaN and ±Inf included. */
function parseSampleValue(text) {
    if (text === '+Inf' || text === 'Inf')
        return Number.POSITIVE_INFINITY;
    if (text === '-Inf')
        return Number.NEGATIVE_INFINITY;
    if (text === 'NaN')
        return Number.NaN;
    return Number(text);
}
/**
 * The Prometheus HTTP API (also Thanos, Mimir, Cortex, VictoriaMetrics): instant and range queries
 * with explicit times. A query the server rejects (bad_data) is an InputError carrying the server's
 * message; unreachable or failing after the retries is a MetricsUnavailableError.
 */
async function createPrometheusProvider(config, context) {
    const base = new URL(config.url);
    if (!base.pathname.endsWith('/'))
        base.pathname += '/';
    const headers = providerHeaders(config, context.env);
    const ca = await providerCa(config, context);
    // One measurement round asks for its queries together: identical ones share one request, and at
    // most `concurrency` are in flight so a policy of many objectives does not flood the server.
    const inFlight = new Map();
    const limit = limiter(config.concurrency ?? 4);
    function call(path, params) {
        const key = `${path}?${new URLSearchParams(params).toString()}`;
        const pending = inFlight.get(key);
        if (pending)
            return pending;
        const started = limit(() => send(path, params)).finally(() => inFlight.delete(key));
        inFlight.set(key, started);
        return started;
    }
    async function send(path, params) {
        const url = new URL(path, base);
        const form = new URLSearchParams(params).toString();
        // POST keeps long queries out of URL length limits; every Prometheus-compatible API accepts it.
        const request = {
            method: 'POST',
            url,
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
            body: form,
            timeoutMs: config.timeoutMs,
            ca
        };
        const where = `Prometheus at ${base.origin}${base.pathname}`;
        const response = await sendWithRetries(request, {
            where,
            retries: config.retries,
            backoffMs: config.backoffMs,
            sleep: context.sleep,
            describe: (answer) => errorText(answer.text)
        });
        const body = parseBody(response.text);
        if (body?.status === 'success' && body.data)
            return body.data;
        if (body?.errorType === 'bad_data' || response.status === 400) {
            throw new InputError(`${where} rejected the query: ${body?.error ?? response.text.slice(0, 300)}`);
        }
        if (response.status === 401 || response.status === 403) {
            throw new InputError(`${where} answered HTTP ${response.status}: check the provider's auth (the token or password variable)`);
        }
        if (response.status === 404) {
            throw new InputError(`${where} answered HTTP 404 for ${path}: check the provider url (it is the base URL, before /api/v1)`);
        }
        const reason = body?.error
            ? `${body.errorType ?? 'error'}: ${body.error}`
            : `HTTP ${response.status}${errorText(response.text)}`;
        throw new MetricsUnavailableError(`${where}: ${reason}`);
    }
    return {
        name: config.name,
        async instant(query, at) {
            const data = await call('api/v1/query', { query, time: unixSeconds(at) });
            if (!data)
                return [];
            switch (data.resultType) {
                case 'vector':
                    return data.result.map((item) => ({
                        labels: item.metric,
                        value: parseSampleValue(item.value[1])
                    }));
                case 'scalar': {
                    const [, value] = data.result;
                    return [{ labels: {}, value: parseSampleValue(value) }];
                }
                case 'matrix':
                    throw new InputError(`the query returns a range vector, which has no single value: wrap it in a function such as rate(...) or avg_over_time(...): ${query}`);
                default:
                    throw new InputError(`the query returns a ${data.resultType}, not a number: ${query}`);
            }
        },
        async range(query, start, end, stepMs) {
            const data = await call('api/v1/query_range', {
                query,
                start: unixSeconds(start),
                end: unixSeconds(end),
                step: String(Math.max(1, stepMs / 1000))
            });
            if (!data || data.resultType !== 'matrix')
                return [];
            return data.result.map((item) => ({
                labels: item.metric,
                points: item.values.map(([t, v]) => ({
                    at: new Date(t * 1000),
                    value: parseSampleValue(v)
                }))
            }));
        }
    };
}
/** Runs at most `size` tasks at once, the rest in the order they came. */
function limiter(size) {
    let running = 0;
    const queue = [];
    // A finished task hands its slot to the next waiting one, or frees it.
    const next = () => {
        const waiting = queue.shift();
        if (waiting)
            waiting();
        else
            running -= 1;
    };
    return async (task) => {
        if (running >= size)
            await new Promise((resolve) => queue.push(resolve));
        else
            running += 1;
        try {
            return await task();
        }
        finally {
            next();
        }
    };
}
function unixSeconds(date) {
    return (date.getTime() / 1000).toFixed(3);
}
function parseBody(text) {
    try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' ? value : null;
    }
    catch {
        return null;
    }
}
function errorText(text) {
    const body = parseBody(text);
    if (body?.error)
        return `: ${body.error}`;
    const trimmed = text.trim().split('\n')[0]?.slice(0, 200);
    return trimmed ? `: ${trimmed}` : '';
}

/**
 * The small JSON path subset a web provider needs: `$.a.b`, `$.a[0].b`, `$['a-b']`, `$.items[*].v`.
 * Returns every value the path reaches.
 */
function selectJsonPath(document, path) {
    if (!path.startsWith('$'))
        return `'${path}' must start with $`;
    const steps = [];
    const pattern = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]|\[\*\]|\.\*/gy;
    pattern.lastIndex = 1;
    while (pattern.lastIndex < path.length) {
        const start = pattern.lastIndex;
        const match = pattern.exec(path);
        if (!match)
            return `'${path}' is not a supported JSON path (at '${path.slice(start)}')`;
        if (match[1] !== undefined)
            steps.push(match[1]);
        else if (match[2] !== undefined)
            steps.push(Number(match[2]));
        else if (match[3] !== undefined)
            steps.push(match[3]);
        else if (match[4] !== undefined)
            steps.push(match[4]);
        else
            steps.push('*');
    }
    let current = [document];
    for (const step of steps) {
        const next = [];
        for (const value of current) {
            if (value === null || typeof value !== 'object')
                continue;
            if (step === '*')
                next.push(...(Array.isArray(value) ? value : Object.values(value)));
            else if (typeof step === 'number') {
                if (Array.isArray(value) && step < value.length)
                    next.push(value[step]);
            }
            else if (!Array.isArray(value) && step in value)
                next.push(value[step]);
        }
        current = next;
    }
    return current;
}

/**
 * Any HTTP endpoint that answers JSON: `{{query}}`, `{{time}}` (RFC 3339), `{{unix}}` and
 * `{{window}}` are filled into the URL (URL-encoded) and the body (JSON-string-escaped), and
 * `valuePath` picks the number (or numbers) out of the answer. Range queries use `range`: its url
 * and body (else the provider's) with `{{start}}`, `{{end}}`, `{{startUnix}}`, `{{endUnix}}` and
 * `{{step}}`, and `pointsPath` to the points.
 */
async function createWebProvider(config, context) {
    const headers = providerHeaders(config, context.env);
    const ca = await providerCa(config, context);
    const valuePath = config.valuePath;
    const method = config.method ?? (config.body !== undefined ? 'POST' : 'GET');
    if (config.body !== undefined && headers['content-type'] === undefined)
        headers['content-type'] = 'application/json';
    /** Sends one request built from templates; returns the parsed JSON answer. */
    async function ask(request, values) {
        const fill = (template, escape) => template.replace(/\{\{(\w+)\}\}/g, (whole, key) => values[key] === undefined ? whole : escape(values[key]));
        const url = new URL(fill(request.url, encodeURIComponent));
        const body = request.body === undefined
            ? undefined
            : fill(request.body, (s) => JSON.stringify(s).slice(1, -1));
        const where = `web provider '${config.name}' (${url.origin}${url.pathname})`;
        const response = await sendWithRetries({ method: request.method, url, headers, body, timeoutMs: config.timeoutMs, ca }, { where, retries: config.retries, backoffMs: config.backoffMs, sleep: context.sleep });
        if (response.status >= 400 && response.status < 500) {
            throw new InputError(`${where} answered HTTP ${response.status}: ${response.text.slice(0, 300)}`);
        }
        if (response.status < 200 || response.status >= 300) {
            throw new MetricsUnavailableError(`${where}: HTTP ${response.status}`);
        }
        try {
            return { document: JSON.parse(response.text), where };
        }
        catch {
            throw new MetricsUnavailableError(`${where}: the answer is not JSON: ${response.text.slice(0, 120)}`);
        }
    }
    return {
        name: config.name,
        async instant(query, at, windowMs) {
            const { document } = await ask({
                url: config.url,
                method,
                ...(config.body !== undefined ? { body: config.body } : {})
            }, {
                query,
                time: at.toISOString(),
                unix: String(Math.floor(at.getTime() / 1000)),
                window: formatDuration(windowMs)
            });
            const selected = selectJsonPath(document, valuePath);
            if (typeof selected === 'string')
                throw new InputError(`provider '${config.name}': valuePath ${selected}`);
            return selected.flatMap((value) => {
                if (value === null || value === undefined)
                    return [];
                const number = numberOf(value);
                if (number !== null)
                    return [{ labels: {}, value: number }];
                throw new InputError(`provider '${config.name}': valuePath ${valuePath} reached ${JSON.stringify(value).slice(0, 80)}, not a number`);
            });
        },
        async range(query, start, end, stepMs) {
            const range = config.range;
            if (!range) {
                throw new InputError(`provider '${config.name}': range queries (canary objectives, OpenSLO ratio and threshold SLIs) need range: { pointsPath } on the web provider, with {{start}}, {{end}} and {{step}} in its url or body`);
            }
            const body = range.body ?? (range.url === undefined ? config.body : undefined);
            const { document } = await ask({
                url: range.url ?? config.url,
                method: range.method ?? (body !== undefined ? 'POST' : 'GET'),
                ...(body !== undefined ? { body } : {})
            }, {
                query,
                start: start.toISOString(),
                end: end.toISOString(),
                startUnix: String(Math.floor(start.getTime() / 1000)),
                endUnix: String(Math.floor(end.getTime() / 1000)),
                step: String(Math.max(1, Math.round(stepMs / 1000))),
                window: formatDuration(stepMs)
            });
            const selected = selectJsonPath(document, range.pointsPath);
            if (typeof selected === 'string')
                throw new InputError(`provider '${config.name}': range.pointsPath ${selected}`);
            // `$.points` reaches the list itself, `$.points[*]` each point.
            const list = selected.length === 1 && Array.isArray(selected[0]) && !isPair(selected[0])
                ? selected[0]
                : selected;
            const points = list.map((item) => pointOf(item, config.name, range.pointsPath));
            points.sort((a, b) => a.at.getTime() - b.at.getTime());
            return points.length === 0 ? [] : [{ labels: {}, points }];
        }
    };
}
function numberOf(value) {
    if (typeof value === 'number')
        return value;
    if (typeof value === 'string' && value.trim() !== '') {
        const number = parseSampleValue(value.trim());
        if (!Number.isNaN(number) || value.trim() === 'NaN')
            return number;
    }
    return null;
}
function isPair(value) {
    return value.length === 2 && !Array.isArray(value[0]) && typeof value[0] !== 'object';
}
function timeOf(value) {
    if (typeof value === 'number')
        return new Date(value > 1e12 ? value : value * 1000);
    if (typeof value === 'string') {
        if (/^\d+(\.\d+)?$/.test(value))
            return timeOf(Number(value));
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? null : date;
    }
    return null;
}
/** A point as `[time, value]` or `{ time | timestamp | t, value | v }`. */
function pointOf(item, provider, path) {
    const record = item;
    const [time, value] = Array.isArray(item)
        ? [item[0], item[1]]
        : [record?.time ?? record?.timestamp ?? record?.t, record?.value ?? record?.v];
    const at = timeOf(time);
    const number = value === null ? Number.NaN : numberOf(value);
    if (!at || number === null) {
        throw new InputError(`provider '${provider}': range.pointsPath ${path} reached ${JSON.stringify(item)?.slice(0, 80)}; each point must be [time, value] or { time, value }`);
    }
    return { at, value: number };
}

/** A provider of each declared type; files it names are read relative to the policy's folder. */
function createProvider(config, context) {
    switch (config.type) {
        case 'prometheus':
            return createPrometheusProvider(config, context);
        case 'datadog':
            return createDatadogProvider(config, context);
        case 'web':
            return createWebProvider(config, context);
        case 'file':
            return createFileProvider(config, context);
    }
}
/** The real edge: environment variables, the file system next to the policy, real waiting. */
function defaultProviderFactory(options) {
    const folder = dirname(resolve(options.policyFile));
    const context = {
        env: options.env ?? process.env,
        sleep: options.sleep,
        readFile: (path) => readFile(resolve(folder, path), 'utf8')
    };
    return (config) => createProvider(config, context);
}

/** The SLO check with the real metrics providers (Prometheus, Datadog, web, file) unless given. */
function runSloCheck(options) {
    return runSloCheck$1(withProviders(options));
}
/** The options with the real providers' factory, when the caller named no providers of its own. */
function withProviders(options) {
    const ports = options.ports ?? {};
    if (ports.providers || ports.providerFactory)
        return options;
    return { ...options, ports: { ...ports, providerFactory: defaultProviderFactory } };
}

export { workbookBurnRates as A, runSloCheck$1 as B, withProviders as C, MetricsUnavailableError as M, burnRate$1 as a, buildEvidence as b, createProvider as c, defaultProviderFactory as d, deployedAtFromEvent as e, effectSize as f, failedObjectives as g, formatDuration as h, gateVerdict as i, judgeBurn as j, judgeCanary as k, judgeValue as l, manifestVerdictOf as m, mannWhitneyU as n, measurementTime as o, objectiveState as p, parseBound as q, parseDeployedAt as r, parseDuration as s, parseSloPolicy as t, renderSlo as u, renderSloJson as v, runGate as w, runSloCheck as x, sloPolicySchema as y, virtualClock as z };
