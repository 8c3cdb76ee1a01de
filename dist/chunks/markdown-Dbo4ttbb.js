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
        const weight = o.weight === 0 ? ' [informational]' : '';
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
            lines.push(`  ${m.at}  ${formatNumber(m.value).padStart(10)}  ${m.result}${why}`);
        }
    }
    return `${lines.join('\n')}\n`;
}

const icons = { pass: '✅', fail: '❌', inconclusive: '⚠️' };
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/**
 * The job summary: the verdict, one row per objective, and for each failing objective a Mermaid
 * `xychart-beta` of its measurements (first line) against its bound (second line).
 */
function renderSloMarkdown(evidence) {
    const out = [];
    out.push(`## ${icons[evidence.verdict]} SLO gate: ${evidence.verdict}`, '');
    out.push(`Deployed at \`${evidence.deployedAt}\`; measured from \`${evidence.startedAt}\` to \`${evidence.finishedAt}\` with \`${evidence.policy}\`.`, '');
    if (evidence.verdict === 'inconclusive') {
        out.push('> Inconclusive is not a pass: the release is neither marked good nor reverted.', '');
    }
    out.push('| | Objective | Bound | Last value | Why |', '|---|---|---|---|---|');
    for (const o of evidence.objectives) {
        const last = [...o.measurements].reverse().find((m) => m.value !== null);
        const name = o.weight === 0 ? `${o.name} (informational)` : o.name;
        out.push(`| ${icons[o.verdict]} | ${cell(name)} | ${cell(boundText(o))} | ${last ? formatNumber(last.value) : 'no data'} | ${cell(o.reason)} |`);
    }
    for (const o of evidence.objectives.filter((x) => x.verdict === 'fail')) {
        out.push('', `### ${cell(o.name)}`, '', `\`${o.query}\``, '');
        const chart = mermaidChart(o);
        if (chart)
            out.push('```mermaid', chart, '```', '', `First line: measured value; second line: the bound (${boundText(o)}).`);
    }
    out.push('', '<details><summary>Every measurement</summary>', '');
    for (const o of evidence.objectives) {
        out.push(`**${cell(o.name)}** (${o.provider}): \`${cell(o.query)}\``, '', '| Time | Window | Value | Threshold | Result |', '|---|---|---|---|---|');
        // A job summary holds at most 1 MiB: long runs show their latest rows, the JSON evidence has all.
        const shown = o.measurements.slice(-50);
        if (shown.length < o.measurements.length) {
            out.push(`| … | | | | ${o.measurements.length - shown.length} earlier measurements are in the evidence JSON |`);
        }
        for (const m of shown) {
            const why = m.error ? `: ${m.error}` : m.reason ? ` (${m.reason})` : '';
            out.push(`| ${m.at} | ${m.window} | ${formatNumber(m.value)} | ${formatNumber(m.threshold)} | ${m.result}${cell(why)} |`);
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
function quote(text) {
    return `"${text.replace(/"/g, "'")}"`;
}
/** The chart of one objective, or null when it has no finite value to draw. */
function mermaidChart(o) {
    const points = o.measurements.filter((m) => typeof m.value === 'number' &&
        Number.isFinite(m.value) &&
        typeof m.threshold === 'number' &&
        Number.isFinite(m.threshold));
    if (points.length === 0)
        return null;
    const values = points.map((m) => m.value);
    const bounds = points.map((m) => m.threshold);
    const low = Math.min(...values, ...bounds);
    const high = Math.max(...values, ...bounds);
    const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
    const min = low >= 0 && low - pad < 0 ? 0 : low - pad;
    // Mermaid reads plain decimals only, never 1e-7.
    const number = (v) => {
        const text = String(Number(v.toPrecision(4)));
        return text.includes('e') ? v.toFixed(12).replace(/\.?0+$/, '') : text;
    };
    return [
        'xychart-beta',
        `  title ${quote(o.name)}`,
        `  x-axis [${points.map((m) => quote(m.at.slice(11, 19))).join(', ')}]`,
        `  y-axis ${quote('value')} ${number(min)} --> ${number(high + pad)}`,
        `  line [${values.map(number).join(', ')}]`,
        `  line [${bounds.map(number).join(', ')}]`
    ].join('\n');
}

export { renderSloText as a, formatNumber as f, mermaidChart as m, renderSloMarkdown as r };
