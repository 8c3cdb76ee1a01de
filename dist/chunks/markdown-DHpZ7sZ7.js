import { i as inlineCode, e as escapeMarkdown } from './rules-BV59h7l_.js';

function formatNumber(value) {
    if (value === null)
        return 'no data';
    if (typeof value === 'string')
        return value;
    if (Number.isInteger(value))
        return String(value);
    const abs = Math.abs(value);
    return abs !== 0 && (abs < 0.001 || abs >= 1e6)
        ? value.toExponential(3)
        : String(Number(value.toPrecision(4)));
}
/** Plain text for terminals and logs of other CI systems. */
function renderSloText(evidence) {
    const lines = [
        `SLO gate: ${evidence.verdict.toUpperCase()} (deployed at ${evidence.deployedAt}, policy ${evidence.policy})`
    ];
    for (const o of evidence.objectives) {
        const weight = o.dryRun ? ' [dry run]' : o.weight === 0 ? ' [informational]' : '';
        lines.push('', `${o.verdict.padEnd(12)} ${o.name}${weight}: ${o.reason}`);
        lines.push(`  query: ${o.query}`);
        const threshold = o.measurements.find((m) => m.threshold !== null)?.threshold ?? null;
        const bound = o.bound.kind === 'relative'
            ? `${o.bound.text} of the baseline ${formatNumber(o.baseline?.value ?? null)} = ${formatNumber(threshold)}`
            : o.bound.text;
        lines.push(`  bound: ${bound}`);
        if (o.baseline?.error)
            lines.push(`  baseline error: ${o.baseline.error}`);
        for (const m of o.measurements) {
            const why = m.error ? ` (${m.error})` : m.reason ? ` (${m.reason})` : '';
            lines.push(`  ${m.at}  ${formatNumber(m.value).padStart(10)}  ${m.result}${why}${judged(m)}`);
        }
    }
    return `${lines.join('\n')}\n`;
}
/** What a canary or burn-rate measurement found, on its line. */
function judged(m) {
    if (m.canary) {
        const c = m.canary;
        return `  U=${formatNumber(c.u)} p-value=${formatPValue(c.pValue)} effect size=${formatPercent(c.effectSize)} (${c.method}; canary median ${formatNumber(c.canaryMedian)} over ${c.canarySample.length} points, baseline ${formatNumber(c.baselineMedian)} over ${c.baselineSample.length})`;
    }
    if (m.burn) {
        const side = (w) => `${w.window} ${formatNumber(w.burnRate)}x (threshold ${w.threshold}x, error ratio ${formatNumber(w.errorRatio)})`;
        return `  burn rate: long ${side(m.burn.long)}, short ${side(m.burn.short)}`;
    }
    return '';
}
function formatPValue(p) {
    return p !== 0 && p < 1e-4 ? p.toExponential(2) : String(Number(p.toPrecision(4)));
}
function formatPercent(value) {
    if (typeof value !== 'number')
        return formatNumber(value);
    return `${value >= 0 ? '+' : ''}${Number((value * 100).toPrecision(4))}%`;
}

const icons = { pass: '✅', fail: '❌', inconclusive: '⚠️' };
/** Policy text (names, reasons, errors) is outside text: one escaper for every markdown surface. */
const cell = escapeMarkdown;
const code = (text) => inlineCode(text, { inTable: true });
/**
 * The job summary: the verdict, one row per objective, and for each failing objective a Mermaid
 * `xychart-beta` of its measurements against its bound, in `chartPalette` colours with a legend line.
 */
function renderSloMarkdown(evidence) {
    const out = [];
    out.push(`## ${icons[evidence.verdict]} SLO gate: ${evidence.verdict}`, '');
    out.push(`Deployed at \`${evidence.deployedAt}\`; measured from \`${evidence.startedAt}\` to \`${evidence.finishedAt}\` with ${inlineCode(evidence.policy)}.`, '');
    if (evidence.verdict === 'inconclusive') {
        out.push('> Inconclusive is not a pass: the release is neither marked good nor reverted.', '');
    }
    out.push('| | Objective | Bound | Last value | Why |', '|---|---|---|---|---|');
    for (const o of evidence.objectives) {
        const last = [...o.measurements].reverse().find((m) => m.value !== null);
        const name = o.dryRun
            ? `${o.name} (dry run)`
            : o.weight === 0
                ? `${o.name} (informational)`
                : o.name;
        out.push(`| ${icons[o.verdict]} | ${cell(name)} | ${code(boundText(o))} | ${last ? formatNumber(last.value) : 'no data'} | ${cell(o.reason)} |`);
    }
    // Evidence written before canary and burn-rate judges has no `judge`: its objectives have bounds.
    const judged = (o) => o.judge === 'mann-whitney' || o.judge === 'burn-rate';
    for (const o of evidence.objectives.filter(judged))
        out.push(...judgedSection(o));
    for (const o of evidence.objectives.filter((x) => x.verdict === 'fail' && !judged(x))) {
        out.push('', `### ${cell(o.name)}`, '', inlineCode(o.query), '');
        const chart = mermaidChart(o);
        if (chart)
            out.push('```mermaid', chart, '```', '', chartLegend(`the bound (${inlineCode(boundText(o))})`));
    }
    out.push('', '<details><summary>Every measurement</summary>', '');
    for (const o of evidence.objectives) {
        out.push(`**${cell(o.name)}** (${cell(o.provider)}): ${inlineCode(o.query)}`, '', '| Time | Window | Value | Threshold | Result |', '|---|---|---|---|---|');
        // A job summary holds at most 1 MiB: long runs show their latest rows, the JSON evidence has all.
        const shown = o.measurements.slice(-50);
        if (shown.length < o.measurements.length) {
            out.push(`| … | | | | ${o.measurements.length - shown.length} earlier measurements are in the evidence JSON |`);
        }
        for (const m of shown) {
            const why = m.error ? `: ${m.error}` : m.reason ? ` (${m.reason})` : '';
            out.push(`| ${m.at} | ${m.window} | ${formatNumber(m.value)} | ${formatNumber(m.threshold)} | ${m.result}${cell(why)}${cell(judgedCell(m))} |`);
        }
        out.push('');
    }
    out.push('</details>', '');
    return out.join('\n');
}
function boundText(o) {
    if (o.bound.kind === 'absolute')
        return o.bound.text;
    const threshold = o.measurements.find((m) => m.threshold !== null)?.threshold ?? null;
    return `${o.bound.text} of baseline ${formatNumber(o.baseline?.value ?? null)} (= ${formatNumber(threshold)})`;
}
/** A Mermaid string on one line: no quote, line break or control character ends it, no HTML gets in. */
function quote(text) {
    const inert = text.replace(/"/g, "'").replace(/[<>`]/g, ' ');
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    return `"${inert.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')}"`;
}
/**
 * The chart's colours, set explicitly: mermaid's default first colour (#ECECFF) is nearly invisible on
 * white. Dark blue for the measured value, red for the bound; both readable on light and dark themes.
 */
const chartPalette = { measured: '#1f5fbf', bound: '#d1242f' };
/** The line under a chart naming its two lines by colour (markdown; `bound` is already escaped). */
function chartLegend(bound) {
    return `Legend: 🟦 measured value (blue) · 🟥 ${bound} (red)`;
}
/** The chart of one objective, or null when it has no finite value to draw. */
function mermaidChart(o) {
    const points = o.measurements.filter((m) => typeof m.value === 'number' &&
        Number.isFinite(m.value) &&
        typeof m.threshold === 'number' &&
        Number.isFinite(m.threshold));
    if (points.length === 0)
        return null;
    const init = {
        themeVariables: {
            xyChart: { plotColorPalette: `${chartPalette.measured}, ${chartPalette.bound}` }
        }
    };
    return `%%{init: ${JSON.stringify(init)}}%%\n${xyChart(o.name, points.map((m) => m.at), points.map((m) => m.value), points.map((m) => m.threshold))}`;
}
/** An `xychart-beta` of two lines over the same times, its y axis padded around both (from 0 when none is negative). */
function xyChart(title, times, first, second) {
    const low = Math.min(...first, ...second);
    const high = Math.max(...first, ...second);
    const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
    const min = low >= 0 && low - pad < 0 ? 0 : low - pad;
    return [
        'xychart-beta',
        `  title ${quote(title)}`,
        `  x-axis [${times.map((t) => quote(t.slice(11, 19))).join(', ')}]`,
        `  y-axis ${quote('value')} ${plain(min)} --> ${plain(high + pad)}`,
        `  line [${first.map(plain).join(', ')}]`,
        `  line [${second.map(plain).join(', ')}]`
    ].join('\n');
}
function judgedCell(m) {
    if (m.canary)
        return ` U ${m.canary.u}, p-value ${formatPValue(m.canary.pValue)}, effect size ${formatPercent(m.canary.effectSize)}`;
    if (m.burn)
        return ` burn ${formatNumber(m.burn.long.burnRate)}x over ${m.burn.long.window}, ${formatNumber(m.burn.short.burnRate)}x over ${m.burn.short.window}`;
    return '';
}
/** A canary objective: the last comparison and a chart of both series; a burn-rate one: both windows. */
function judgedSection(o) {
    const last = [...o.measurements].reverse().find((m) => m.canary ?? m.burn);
    const out = ['', `### ${icons[o.verdict]} ${cell(o.name)}`, '', inlineCode(o.query), ''];
    if (!last)
        return [...out, 'No measurement had data to judge.'];
    if (last.canary) {
        const c = last.canary;
        out.push('| U | p-value | effect size | canary median | baseline median | points (canary / baseline) | method |', '|---|---|---|---|---|---|---|', `| ${c.u} | ${formatPValue(c.pValue)} | ${formatPercent(c.effectSize)} | ${formatNumber(c.canaryMedian)} | ${formatNumber(c.baselineMedian)} | ${c.canarySample.length} / ${c.baselineSample.length} | ${c.method} |`, '');
        const chart = canaryChart(o.name, last);
        if (chart)
            out.push('```mermaid', chart, '```', '', 'First line: canary; second line: baseline.');
    }
    else if (last.burn) {
        const b = last.burn;
        out.push('| window | error ratio | burn rate | threshold |', '|---|---|---|---|', ...[b.long, b.short].map((w) => `| ${w.window} | ${formatNumber(w.errorRatio)} | ${formatNumber(w.burnRate)}x | ${w.threshold}x |`), '', `Error budget ${formatNumber(b.budget)}; the objective fails when both windows burn at or above their threshold.`);
    }
    return out;
}
/** Both samples of a canary measurement over their shared timestamps (a missing point repeats the last). */
function canaryChart(name, m) {
    if (!m.canary)
        return null;
    const finite = (sample) => new Map(sample.filter((p) => typeof p[1] === 'number' && Number.isFinite(p[1])));
    const canary = finite(m.canary.canarySample);
    const baseline = finite(m.canary.baselineSample);
    const times = [...new Set([...canary.keys(), ...baseline.keys()])].sort();
    if (times.length === 0)
        return null;
    const line = (series) => {
        let last = [...series.values()][0] ?? 0;
        return times.map((t) => (last = series.get(t) ?? last));
    };
    return xyChart(`${name}: canary vs baseline`, times, line(canary), line(baseline));
}
/** Mermaid reads plain decimals only, never 1e-7. */
function plain(v) {
    const text = String(Number(v.toPrecision(4)));
    return text.includes('e') ? v.toFixed(12).replace(/\.?0+$/, '') : text;
}

export { renderSloText as a, chartLegend as c, formatNumber as f, mermaidChart as m, renderSloMarkdown as r };
