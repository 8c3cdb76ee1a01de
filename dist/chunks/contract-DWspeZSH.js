import { mkdtemp, rm, stat, realpath, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resolve, join, posix, relative, isAbsolute, dirname, sep } from 'node:path';
import { I as InputError, d as remainingSeconds, b as messageOf, E as ExitCode, e as defaultMaxSeconds, g as git, o as openStore } from './revert-auth-D1fpjJ97.js';
import { M as parseSemver, N as summarize, O as requiredBump, P as levelRank, F as httpStatusOf, D as toGitHubError, Q as formatSemver, R as compareSemver, m as fingerprintOf, r as loadContractConfig, S as defaultConfigFile, T as engineFor, U as unknownRuleNotes, V as upgradesRequirements, W as contractEngines, X as readDeclaredVersion, Y as assembleReport, Z as isInside, _ as parseContractKind, $ as emptyConfig, c as commandEngines } from './engines-2t0PYy3j.js';
import { e as escapeMarkdown, i as inlineCode } from './rules-BV59h7l_.js';
import { g as glob } from './index-DX77Szb2.js';
import { spawn } from 'node:child_process';

/** The runner shows at most this many annotations of each type per step; the rest are dropped. */
const annotationLimit = 10;
const command = {
    breaking: 'error',
    warning: 'warning',
    info: 'notice'
};
/** Message data of a workflow command: `%`, CR and LF escaped as the runner requires. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** Property values additionally escape `:` and `,`, which delimit properties. */
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/**
 * One workflow command. Annotations attach to the head side of the PR diff, so a removal (whose
 * `file`/`line` are base-side) goes on its `anchor`: the head's nearest surviving parent element, or the
 * file itself; with a null anchor (no head file) it is shown for the run, without a place.
 */
function annotationFor(change) {
    const properties = [];
    const place = change.anchor === undefined ? change : change.anchor;
    if (place?.file)
        properties.push(`file=${escapeProperty(place.file)}`);
    if (place?.file && place.line)
        properties.push(`line=${place.line}`);
    properties.push(`title=${escapeProperty(`${change.contract}: ${change.id}`)}`);
    return `::${command[change.level]} ${properties.join(',')}::${escapeData(change.message)}`;
}
/**
 * `--format github`: workflow commands, breaking first, at most `annotationLimit` per type (more
 * would be dropped by the runner without a word); `omitted` is how many were left out, for the
 * job summary to say so. Ignored changes are not annotated.
 */
function renderAnnotations(report, limit = annotationLimit) {
    const lines = [];
    let omitted = 0;
    for (const level of ['breaking', 'warning', 'info']) {
        const changes = report.changes.filter((c) => !c.ignored && c.level === level);
        for (const change of changes.slice(0, limit))
            lines.push(annotationFor(change));
        omitted += Math.max(0, changes.length - limit);
    }
    return { text: lines.length ? lines.join('\n') + '\n' : '', omitted };
}
/** The whole `github` format: annotations, any notes, and one closing line with the counts. */
function renderGithub(report) {
    const { text, omitted } = renderAnnotations(report);
    const lines = text ? [text.trimEnd()] : [];
    for (const note of report.notes)
        lines.push(`::${note.level === 'warning' ? 'warning' : 'notice'}::${escapeData(note.message)}`);
    const { breaking, warning, info, ignored } = report.summary;
    lines.push(`contract check: ${breaking} breaking, ${warning} warning, ${info} info, ${ignored} ignored; ${report.verdict}` +
        (omitted > 0
            ? ` (${omitted} more changes than the runner shows as annotations; see the report)`
            : ''));
    return lines.join('\n') + '\n';
}

/** Text from specs and configs, inert in GitHub markdown (no HTML, mentions, links, structure). */
const escapeInline = escapeMarkdown;
/** For terminals: control characters (escape sequences) shown as `?`, one line. */
function plainText(text) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    return text.replace(/\r\n?|\n|\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Fewer than this many are listed in full; the rest are counted. */
const listed = 50;
function removalLine(change) {
    const subject = change.operation ?? change.symbol ?? change.file ?? change.contract;
    return `- ${escapeInline(subject)}: ${escapeInline(change.message)}`;
}
/**
 * The "if this release is rolled back" block of the PR comment and the job summary: the additions
 * of this change that a rollback would take away again, counted, listed under a fold. Empty when
 * `rollback-impact` is off or the change adds nothing clients could adopt.
 */
function rollbackImpactBlock(report) {
    const removes = report.rollback?.removes ?? [];
    if (removes.length === 0)
        return [];
    const count = removes.length === 1 ? '1 addition' : `${removes.length} additions`;
    const lines = [
        `↩️ **If this release is rolled back:** ${count} of this change would be removed again, breaking clients that adopted them.`,
        '',
        '<details><summary>What a rollback would remove</summary>',
        '',
        ...removes.slice(0, listed).map(removalLine)
    ];
    if (removes.length > listed)
        lines.push(`- … and ${removes.length - listed} more`);
    lines.push('', '</details>', '');
    return lines;
}

/** GitHub rejects issue comments longer than this many characters. */
const commentLimit = 65_536;
/** GitHub shows at most 1 MiB of job summary per step. */
const summaryLimit = 1024 * 1024;
/** The comment's identity: `contract-check/<job id>`, reduced to the characters a marker allows. */
function commentId(jobId = 'contract-check') {
    const safe = jobId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80) || 'job';
    return `contract-check/${safe}`;
}
/**
 * The hidden marker that identifies this job's comment, in the form upsertStickyComment matches
 * (`<!-- rollback-guard:<id> -->`), one per workflow job.
 */
function commentMarker(jobId = 'contract-check') {
    return `<!-- rollback-guard:${commentId(jobId)} -->`;
}
const levelTitle = {
    breaking: 'Breaking',
    warning: 'Warning',
    info: 'Info'
};
const levelIcon = { breaking: '🔴', warning: '🟡', info: '🔵' };
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
function headline(report) {
    const { breaking, warning, info, ignored } = report.summary;
    const icon = report.verdict === 'fail' ? '❌' : breaking + warning > 0 ? '⚠️' : '✅';
    const counts = [`${breaking} breaking`, plural(warning, 'warning'), `${info} info`];
    if (ignored > 0)
        counts.push(`${ignored} ignored`);
    return `${icon} **API contract check**: ${counts.join(', ')}`;
}
function refText(side) {
    const ref = side.ref ? escapeInline(side.ref) : null;
    const sha = side.sha ? escapeInline(side.sha.slice(0, 7)) : null;
    return ref && sha ? `${ref} (${sha})` : (ref ?? sha ?? 'unknown');
}
const sourceText = {
    tag: 'the last release tag',
    'github-release': 'the latest GitHub release',
    manifest: 'the last release marked good',
    ref: 'the requested ref',
    path: 'the given file'
};
function context(report) {
    const lines = [];
    if (report.base.source === 'none' || (!report.base.ref && !report.base.sha)) {
        lines.push(`No earlier release was found, so every contract is reported as new (${refText(report.head)}).`);
    }
    else {
        // a given file names itself: "Compared v2.yaml with v1.yaml", not "…, the given file"
        const source = report.base.source && report.base.source !== 'path'
            ? `, ${sourceText[report.base.source] ?? report.base.source}`
            : '';
        lines.push(`Compared ${refText(report.head)} with ${refText(report.base)}${source}.`);
    }
    const { semver } = report;
    if (semver.base && semver.next) {
        let line = `Release: a **${semver.required}** version is required, next **${semver.next}** (from ${semver.base}).`;
        if (semver.declared && semver.sufficient === false) {
            line += ` ❌ This change declares ${semver.declared}, which is too small.`;
        }
        else if (semver.declared)
            line += ` This change declares ${semver.declared}.`;
        lines.push(line);
    }
    else {
        lines.push(`Release: a **${semver.required}** version is required.`);
    }
    return lines;
}
/** A link to the line at the commit that has it: the head for most changes, the base for removals. */
function lineLink(change, report, options) {
    if (!change.file || !options.repository)
        return null;
    // Removals, and what a change says is in the base code, are at the base.
    const atBase = (change.side === 'base' || /remov|delet/i.test(change.id)) && report.base.sha;
    const sha = atBase ? report.base.sha : report.head.sha;
    if (!sha)
        return null;
    const server = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
    const path = change.file.split('/').map(encodeURIComponent).join('/');
    return `${server}/${options.repository}/blob/${sha}/${path}${change.line ? `#L${change.line}` : ''}`;
}
/** How many of a shared element's operations a change's line names before "and N more". */
const operationsShown = 10;
/** What a change is about, first and in code format: `GET /pets` (every operation, once), or the symbol. */
function subjectOf(change) {
    const operations = change.operations?.length
        ? change.operations
        : change.operation
            ? [change.operation]
            : [];
    if (operations.length > 0) {
        const named = operations.slice(0, operationsShown).map((op) => inlineCode(op));
        const more = operations.length - named.length;
        return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''} `;
    }
    return change.symbol ? `${inlineCode(change.symbol)} ` : '';
}
/**
 * The table a comment opens with: one row per contract (breaking, warning, info, the release it needs)
 * and a total row with the next version, when there is more than one contract.
 */
function summaryTable(report) {
    const baseMajor = report.semver.base ? (parseSemver(report.semver.base)?.major ?? null) : null;
    const rows = report.contracts.map((contract) => {
        const changes = report.changes.filter((c) => c.contract === contract.name);
        const counts = summarize(changes);
        const bump = changes.some((c) => !c.ignored) ? requiredBump(counts, baseMajor, changes) : '—';
        return `| ${escapeInline(contract.name)} | ${counts.breaking} | ${counts.warning} | ${counts.info} | ${bump} |`;
    });
    const { breaking, warning, info } = report.summary;
    const next = report.semver.next ? ` → ${report.semver.next}` : '';
    const total = `| **all** | **${breaking}** | **${warning}** | **${info}** | **${report.semver.required}${next}** |`;
    return [
        '| contract | breaking | warning | info | semver |',
        '|:---|---:|---:|---:|:---|',
        ...rows,
        ...(rows.length === 1 ? [] : [total])
    ];
}
function changeLine(change, report, options) {
    const where = change.file ? `${change.file}${change.line ? `:${change.line}` : ''}` : null;
    const link = lineLink(change, report, options);
    const location = where
        ? link
            ? ` ([${escapeInline(where)}](${link}))`
            : ` (${escapeInline(where)})`
        : '';
    const level = change.originalLevel ? `, was ${change.originalLevel}` : '';
    const reason = change.ignored && change.ignoreReason ? ` — ignored: ${escapeInline(change.ignoreReason)}` : '';
    return `- ${subjectOf(change)}${escapeInline(change.message)}${location} <sub>${escapeInline(change.id)}${level}</sub>${reason}`;
}
/** Change lines; dependency-impact findings nested under their upgrade, in first-seen order. */
function groupedByDependency(items, report, options) {
    const upgrades = new Map();
    for (const c of items) {
        if (!c.dependency)
            continue;
        const group = upgrades.get(c.dependency);
        if (group)
            group.push(c);
        else
            upgrades.set(c.dependency, [c]);
    }
    const lines = [];
    for (const c of items) {
        if (!c.dependency) {
            lines.push(changeLine(c, report, options));
            continue;
        }
        // A group is listed where its first change is, and only there.
        const group = upgrades.get(c.dependency);
        if (!group)
            continue;
        upgrades.delete(c.dependency);
        lines.push(`- **${escapeInline(c.dependency)}** (${group.length})`);
        const prefix = `${c.dependency}: `;
        for (const g of group) {
            const message = g.message.startsWith(prefix) ? g.message.slice(prefix.length) : g.message;
            lines.push(`  ${changeLine({ ...g, message }, report, options)}`);
        }
    }
    return lines;
}
/**
 * The body of changes, grouped by contract (the worst first) and level (breaking first); info and
 * ignored changes folded in `<details>`. `limit` caps how many changes are listed.
 */
function changeSections(report, options, limit, foldInfo) {
    const byContract = new Map();
    for (const contract of report.contracts)
        byContract.set(contract.name, []);
    for (const change of report.changes) {
        const list = byContract.get(change.contract) ?? [];
        list.push(change);
        byContract.set(change.contract, list);
    }
    const worst = (changes) => Math.min(3, ...changes.filter((c) => !c.ignored).map((c) => levelRank[c.level]));
    const names = [...byContract.keys()];
    const order = names
        .map((name, index) => ({ name, index, rank: worst(byContract.get(name) ?? []) }))
        .sort((a, b) => a.rank - b.rank || a.index - b.index);
    let shown = 0;
    const sections = [];
    for (const { name } of order) {
        const changes = byContract.get(name) ?? [];
        const meta = report.contracts.find((c) => c.name === name);
        if (changes.length === 0 && meta?.status === 'compared')
            continue;
        const lines = [];
        const what = meta ? ` <sub>${meta.kind}, ${escapeInline(meta.paths.join(', '))}</sub>` : '';
        lines.push(`### ${escapeInline(name)}${what}`, '');
        if (meta && meta.status !== 'compared' && meta.note)
            lines.push(`_${escapeInline(meta.note)}_`, '');
        const groups = [
            ...['breaking', 'warning', 'info'].map((level) => ({
                title: `${levelIcon[level]} ${levelTitle[level]}`,
                fold: foldInfo && level === 'info',
                items: changes.filter((c) => !c.ignored && c.level === level)
            })),
            { title: 'Ignored by configuration', fold: true, items: changes.filter((c) => c.ignored) }
        ];
        for (const group of groups) {
            if (group.items.length === 0)
                continue;
            const items = group.items.slice(0, Math.max(0, limit - shown));
            shown += items.length;
            const body = groupedByDependency(items, report, options);
            if (items.length < group.items.length)
                body.push(`- … and ${group.items.length - items.length} more`);
            if (group.fold) {
                lines.push(`<details><summary>${group.title} (${group.items.length})</summary>`, '', ...body, '', '</details>', '');
            }
            else {
                lines.push(`**${group.title} (${group.items.length})**`, '', ...body, '');
            }
        }
        sections.push({ contract: name, lines });
    }
    return { sections, shown };
}
function notesBlock(report) {
    if (report.notes.length === 0)
        return [];
    return [
        ...report.notes.map((note) => `> ${note.level === 'warning' ? '⚠️' : 'ℹ️'} ${escapeInline(note.message)}`),
        ''
    ];
}
function footer(report) {
    const verdict = report.verdict === 'fail' ? 'fails' : 'passes';
    return `<sub>rollback-guard contract-check ${verdict} with fail-on: ${report.failOn}. Changes are judged from the client's side; change a rule's level or ignore a change in .rollback-guard.yml.</sub>`;
}
function renderBody(report, options, limit, foldInfo, marker) {
    const lines = [];
    if (marker)
        lines.push(marker);
    lines.push(headline(report), '');
    if (report.contracts.length > 0)
        lines.push(...summaryTable(report), '');
    lines.push(...context(report), '');
    const total = report.changes.length;
    if (total === 0) {
        lines.push('No contract changed: nothing breaking, nothing new. ✅', '');
    }
    else if (report.summary.breaking + report.summary.warning === 0) {
        lines.push('Nothing breaking: every change is safe for existing clients. ✅', '');
    }
    lines.push(...notesBlock(report));
    const { sections, shown } = changeSections(report, options, limit, foldInfo);
    for (const section of sections)
        lines.push(...section.lines);
    if (shown < total) {
        const where = options.summaryUrl
            ? `[the job summary](${options.summaryUrl})`
            : 'the job summary';
        lines.push(`> ✂️ ${total - shown} more changes are not listed here; see ${where} or the JSON report.`, '');
    }
    lines.push(...rollbackImpactBlock(report));
    lines.push(footer(report));
    return { text: lines.join('\n') + '\n', shown };
}
/** Largest `limit` whose rendering fits `max` characters (at most log2(n) renders). */
function fit(render, total, max) {
    const full = render(total);
    if (full.length <= max)
        return full;
    let low = 0;
    let high = total;
    let best = render(0);
    while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        const text = render(mid);
        if (text.length <= max) {
            best = text;
            low = mid;
        }
        else
            high = mid - 1;
    }
    if (best.length <= max)
        return best;
    return best.slice(0, max - 40) + '\n\n… (cut to fit the size limit)\n';
}
/** The sticky PR comment: one per job (hidden marker), grouped, linked, escaped, under 65,536 chars. */
function renderPrComment(report, options = {}) {
    const marker = options.marker === false ? null : commentMarker(options.jobId);
    return fit((limit) => renderBody(report, options, limit, true, marker).text, report.changes.length, options.maxLength ?? commentLimit);
}
/** The job summary: the same report (its table of counts first) with info expanded (1 MiB cap). */
function renderJobSummary(report, options = {}) {
    const extra = options.omittedAnnotations && options.omittedAnnotations > 0
        ? [
            `> ${options.omittedAnnotations} more findings than the runner shows as line annotations; all are listed below.`
        ]
        : [];
    return fit((limit) => {
        const body = renderBody(report, { ...options, summaryUrl: null }, limit, false, null).text;
        if (extra.length === 0)
            return body;
        const [first, second, ...rest] = body.split('\n\n');
        return [first, second, ...extra, ...rest].join('\n\n');
    }, report.changes.length, options.maxLength ?? summaryLimit);
}

/** `--format json`: the report object of INTERFACES.md, two-space indented, one trailing newline. */
function renderJson(report) {
    return JSON.stringify(report, null, 2) + '\n';
}

const label = {
    breaking: 'BREAKING',
    warning: 'WARNING ',
    info: 'info    '
};
function side(s) {
    const parts = [s.ref, s.sha?.slice(0, 7)].filter(Boolean).map((p) => plainText(p));
    return parts.length ? parts.join(' ') : 'unknown';
}
/** A shared element's change lists the operations it reaches, up to ten by name. */
function operationsLine(operations) {
    const shown = operations.slice(0, 10).map(plainText).join(', ');
    const more = operations.length > 10 ? ` and ${operations.length - 10} more` : '';
    return `reaches ${operations.length} operations: ${shown}${more}`;
}
/** `--format text`: for a terminal or a CI log; control characters from specs are neutralized. */
function renderText(report) {
    const { breaking, warning, info, ignored } = report.summary;
    const out = [];
    const base = report.base.source === 'none' ? 'none (every contract is new)' : side(report.base);
    out.push(`contract check: ${breaking} breaking, ${warning} warning, ${info} info, ${ignored} ignored`);
    out.push(`base: ${base}; head: ${side(report.head)}`);
    const semver = report.semver;
    out.push(`release: ${semver.required} required` +
        (semver.next ? `; next version ${semver.next} (from ${semver.base})` : '') +
        (semver.declared
            ? `; declared ${semver.declared}${semver.sufficient === false ? ' (too small)' : ''}`
            : ''));
    for (const contract of report.contracts) {
        const changes = report.changes.filter((c) => c.contract === contract.name);
        const status = contract.status === 'compared'
            ? ''
            : ` [${contract.status}${contract.note ? `: ${plainText(contract.note)}` : ''}]`;
        out.push('', `${plainText(contract.name)} (${contract.kind})${status}${changes.length === 0 ? ': no changes' : ''}`);
        for (const change of changes) {
            const where = change.file
                ? `${plainText(change.file)}${change.line ? `:${change.line}` : ''}`
                : '-';
            const tag = change.ignored ? 'ignored ' : label[change.level];
            out.push(`  ${tag} ${plainText(change.id)}  ${where}`);
            out.push(`           ${plainText(change.message)}`);
            if (change.operations && change.operations.length > 1)
                out.push(`           ${operationsLine(change.operations)}`);
            if (change.ignored && change.ignoreReason)
                out.push(`           ignored: ${plainText(change.ignoreReason)}`);
            if (change.originalLevel)
                out.push(`           level set by override (was ${change.originalLevel})`);
        }
    }
    if (report.notes.length > 0) {
        out.push('');
        for (const note of report.notes)
            out.push(`${note.level}: ${plainText(note.message)}`);
    }
    out.push('', `result: ${report.verdict.toUpperCase()} (fail-on ${report.failOn})`);
    return out.join('\n') + '\n';
}

const reportFormats = ['json', 'markdown', 'text', 'github'];
function parseReportFormat(value, source = '--format') {
    if (reportFormats.includes(value))
        return value;
    throw new InputError(`${source} must be one of ${reportFormats.join(', ')}, got '${value}'.`);
}
/** One report, the chosen way (markdown is the PR comment). */
function renderReport(report, format, options = {}) {
    switch (format) {
        case 'json':
            return renderJson(report);
        case 'markdown':
            return renderPrComment(report, options);
        case 'text':
            return renderText(report);
        case 'github':
            return renderGithub(report);
    }
}

/** The repository's latest release (newest published, not draft or prerelease), or null when it has none. */
async function getLatestRelease(options) {
    const { client, owner, repo } = options;
    try {
        const { data } = await client.request('GET /repos/{owner}/{repo}/releases/latest', {
            owner,
            repo
        });
        return {
            id: Number(data.id),
            tagName: data.tag_name,
            name: data.name,
            url: data.html_url,
            targetCommitish: data.target_commitish,
            publishedAt: data.published_at
        };
    }
    catch (error) {
        if (httpStatusOf(error) === 404)
            return null;
        throw toGitHubError(error, `reading the latest release of ${owner}/${repo}`);
    }
}

function patternRegex(pattern) {
    const [before, after] = pattern.split('{version}');
    const quote = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*');
    return new RegExp(`^${quote(before)}(.+)${quote(after ?? '')}$`);
}
/** The version a tag carries under the first pattern it fits (`v{version}`, `api/v{version}`…). */
function versionOfTag(tag, patterns) {
    for (const pattern of patterns) {
        const match = patternRegex(pattern).exec(tag);
        const version = match?.[1] ? parseSemver(match[1]) : null;
        if (version)
            return version;
    }
    return null;
}
/** Release tags, newest first by semver precedence (never by string order: v1.10.0 > v1.9.0). */
function releaseTags(tags, settings) {
    const releases = [];
    for (const tag of new Set(tags)) {
        const version = versionOfTag(tag, settings.tagPatterns);
        if (!version)
            continue;
        if (version.prerelease.length > 0 && !settings.includePrereleases)
            continue;
        releases.push({ tag, version });
    }
    return releases.sort((a, b) => compareSemver(b.version, a.version) || a.tag.localeCompare(b.tag));
}
/**
 * The release to compare against. `auto`: the newest semver tag, else the latest GitHub release,
 * else the last manifest marked good; nothing found is not an error (every contract is new).
 */
async function findBaseline(options) {
    const { settings, git } = options;
    const log = options.log ?? (() => { });
    if (options.against !== 'auto') {
        const sha = await git.resolveCommit(options.against);
        if (!sha) {
            throw new InputError(`against '${options.against}' names no tag, branch or commit here or on the remote '${settings.remote}'; check the name, or use 'auto' for the last release.`);
        }
        const version = versionOfTag(options.against, settings.tagPatterns);
        return {
            source: 'ref',
            ref: options.against,
            sha,
            version: version ? formatSemver(version) : null,
            notes: []
        };
    }
    const notes = [];
    const tags = await git.listTags();
    for (const candidate of releaseTags(tags, settings)) {
        const sha = await git.resolveCommit(candidate.tag);
        if (!sha) {
            notes.push({
                level: 'warning',
                message: `release tag ${candidate.tag} could not be fetched from '${settings.remote}'.`
            });
            break;
        }
        if (options.currentCommit && sha === options.currentCommit) {
            log(`baseline: skipping tag ${candidate.tag}, which is the commit being checked`);
            continue;
        }
        log(`baseline: tag ${candidate.tag} (${sha.slice(0, 7)}), the newest of ${tags.length} tags`);
        return {
            source: 'tag',
            ref: candidate.tag,
            sha,
            version: formatSemver(candidate.version),
            notes
        };
    }
    if (settings.githubReleases && options.releases) {
        const release = await options.releases.latestRelease();
        if (release) {
            const sha = await git.resolveCommit(release.tag);
            if (sha) {
                const version = versionOfTag(release.tag, settings.tagPatterns) ??
                    parseSemver(release.tag.replace(/^v/, ''));
                log(`baseline: latest GitHub release ${release.tag} (${sha.slice(0, 7)})`);
                return {
                    source: 'github-release',
                    ref: release.tag,
                    sha,
                    version: version ? formatSemver(version) : null,
                    notes
                };
            }
            notes.push({
                level: 'warning',
                message: `the latest GitHub release's tag ${release.tag} could not be fetched.`
            });
        }
    }
    if (settings.manifests && options.manifests && options.service && options.env) {
        const good = await options.manifests.lastGood(options.service, options.env);
        if (good) {
            if (good.contractsDir) {
                log(`baseline: contract snapshots of the last good manifest (${good.commit.slice(0, 7)})`);
                return {
                    source: 'manifest',
                    ref: null,
                    sha: good.commit,
                    version: null,
                    contractsDir: good.contractsDir,
                    notes
                };
            }
            const sha = await git.resolveCommit(good.commit);
            if (sha) {
                log(`baseline: commit ${sha.slice(0, 7)} of the last good manifest`);
                return { source: 'manifest', ref: null, sha, version: null, notes };
            }
        }
    }
    const tried = [
        `a tag like ${settings.tagPatterns.join(' or ')}${settings.includePrereleases ? '' : ' (pre-releases excluded)'}`
    ];
    if (settings.githubReleases && options.releases)
        tried.push('a GitHub release');
    if (settings.manifests && options.manifests && options.service && options.env)
        tried.push('a manifest marked good');
    notes.push({
        level: 'notice',
        message: `No earlier release found (looked for ${tried.join(', ')}); every contract is reported as new. Tag a release, or set --against REF.`
    });
    return { source: 'none', ref: null, sha: null, version: null, notes };
}

/**
 * What rolling this change back would remove: the same engine run the other way (head -> base),
 * whose breaking changes are exactly the additions that break clients once they adopt them.
 */
async function rollbackRemovals(engine, contract, sides, options) {
    const found = await engine.diff(sides.headPath, sides.basePath, {
        baseRoot: sides.headRoot,
        headRoot: sides.baseRoot,
        now: options.now,
        settings: options.settings
    });
    return found
        .filter((change) => change.level === 'breaking')
        .map((change) => ({ ...change, contract: contract.name }));
}
/** A contract new in this change: a rollback removes all of it. */
function newContractRemoval(contract, path) {
    const id = 'contract-removed';
    return {
        kind: contract.kind,
        id,
        level: 'breaking',
        message: `${contract.kind} contract ${path} is new in this change; a rollback removes all of it`,
        operation: null,
        symbol: null,
        file: path,
        line: null,
        ignored: false,
        fingerprint: fingerprintOf({ kind: contract.kind, id: `rollback-${id}`, subject: path }),
        contract: contract.name
    };
}

/**
 * The manifest store as the baseline search sees it: the last manifest marked good, with its
 * contract snapshots written under `dest` at their repository paths.
 */
function manifestBaselineReader(store, dest) {
    return {
        async lastGood(service, env) {
            const stored = await store.resolve(service, env, 'last-good');
            if (!stored)
                return null;
            let written = 0;
            for (const record of stored.manifest.contracts ?? []) {
                const path = posix.normalize(record.path);
                if (path.startsWith('../') || isAbsolute(path))
                    continue;
                const content = await store.readSnapshot(stored, record.path);
                if (!content)
                    continue;
                await mkdir(dirname(join(dest, path)), { recursive: true });
                await writeFile(join(dest, path), content);
                written += 1;
            }
            return written > 0
                ? { commit: stored.manifest.source.commit, contractsDir: dest }
                : { commit: stored.manifest.source.commit };
        }
    };
}
/**
 * A contract reached through a symlink that leaves the repository would put an outside file
 * (a runner secret, say) into a public report: refuse it.
 */
async function assertInside(root, path, where) {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
    if (!isInside(realRoot, realPath)) {
        throw new InputError(`${where}: contract path ${relative(root, path)} leads outside the repository (through a symlink); point \`path:\` at a file inside it.`);
    }
}
async function exists(path) {
    try {
        await stat(path);
        return true;
    }
    catch {
        return false;
    }
}
function contractChange(contract, path, id, level, message) {
    return {
        kind: contract.kind,
        id,
        level,
        message,
        operation: null,
        symbol: null,
        file: path,
        line: null,
        ignored: false,
        fingerprint: fingerprintOf({ kind: contract.kind, id, subject: path }),
        contract: contract.name
    };
}
/** Settings as written (`exempt-stability`) and in camelCase (`exemptStability`), for the engines. */
function engineSettings(settings) {
    const out = { ...settings };
    for (const [key, value] of Object.entries(settings)) {
        out[key.replace(/-([a-z])/g, (_m, c) => c.toUpperCase())] = value;
    }
    return out;
}
/** A contract's engine settings, with the `--dependency-impact` override on gomod contracts. */
function settingsOf(contract, options) {
    return engineSettings(contract.kind === 'gomod' && options.dependencyImpact
        ? { ...contract.settings, dependencyImpact: options.dependencyImpact }
        : contract.settings);
}
/** The error the Go engine throws when no Go toolchain is installed (matched by name: no import cycle). */
function isMissingToolchain(error) {
    return error instanceof Error && error.name === 'GoToolchainMissingError';
}
/**
 * `contract check`: every contract of the config against the last release (or `against`). The base
 * side is written from git into a temporary folder that mirrors the repository's paths, so the
 * engines see two ordinary trees; it is removed afterwards.
 */
async function runContractCheck$1(options) {
    const { ports } = options;
    const startedAt = performance.now();
    const cwd = resolve(options.cwd);
    const configPath = options.configPath ?? defaultConfigFile;
    const config = await loadContractConfig(resolve(cwd, configPath), configPath);
    if (config.contracts.length === 0) {
        throw new InputError(`${configPath} lists no contracts; add a \`contracts:\` entry such as \`- { kind: openapi, path: api/openapi.yaml }\`.`);
    }
    const git = typeof ports.git === 'function' ? ports.git(config.baseline.remote) : ports.git;
    const engines = options.engines ?? contractEngines;
    for (const contract of config.contracts)
        engineFor(contract.kind, engines);
    const failOn = options.failOn ?? config.failOn;
    const manifestSettings = config.manifest;
    const baseline = await findBaseline({
        currentCommit: options.releasing ?? null,
        against: options.against || 'auto',
        settings: config.baseline,
        git,
        releases: ports.releases ?? null,
        manifests: ports.manifests ?? null,
        service: options.service ??
            (typeof manifestSettings.service === 'string' ? manifestSettings.service : null),
        env: options.env ?? (typeof manifestSettings.env === 'string' ? manifestSettings.env : null),
        log: ports.log
    });
    const head = options.head ?? (git.head ? await git.head() : { ref: null, sha: null });
    const usedEngines = [...new Set(config.contracts.map((c) => engineFor(c.kind, engines)))];
    const notes = [...baseline.notes, ...unknownRuleNotes(config, usedEngines)];
    const contracts = [];
    const changes = [];
    const rollbackImpact = options.rollbackImpact ?? config.rollbackImpact;
    const removes = [];
    const scratch = await mkdtemp(join(tmpdir(), 'rollback-guard-base-'));
    try {
        // A manifest's snapshot is what was released (even generated files); git fills in the rest.
        const snapshot = baseline.contractsDir ?? null;
        const inSnapshot = new Set();
        const missingAtBase = new Set();
        let gitSha = snapshot ? undefined : baseline.sha;
        const baseCommit = async () => {
            if (gitSha === undefined)
                gitSha = baseline.sha ? await git.resolveCommit(baseline.sha) : null;
            return gitSha;
        };
        const baseRootOf = (path) => (snapshot && inSnapshot.has(path) ? snapshot : scratch);
        for (const contract of config.contracts) {
            const fromGit = [];
            for (const path of contract.paths) {
                if (snapshot && (await exists(join(snapshot, path))))
                    inSnapshot.add(path);
                else
                    fromGit.push(path);
            }
            if (fromGit.length === 0)
                continue;
            const sha = await baseCommit();
            const missing = sha ? await git.materialize(sha, fromGit, scratch, contract.kind) : fromGit;
            for (const path of missing)
                missingAtBase.add(path);
        }
        // Dependency impact looks for the uses of dependencies in the Go code beside the base go.mod,
        // read from git only when a requirement it assesses changed (it is on by default). A go.mod
        // from a manifest's snapshot has no code beside it (the engine says so).
        for (const contract of config.contracts) {
            if (contract.kind !== 'gomod')
                continue;
            const settings = settingsOf(contract, options);
            const fromGit = contract.paths.filter((path) => !inSnapshot.has(path));
            let upgraded = false;
            for (const path of fromGit) {
                upgraded = await upgradesRequirements(join(scratch, path), join(cwd, path), settings);
                if (upgraded)
                    break;
            }
            const sha = upgraded ? await baseCommit() : null;
            if (!sha)
                continue;
            const folders = fromGit.map((p) => (p.endsWith('go.mod') ? posix.dirname(p) : p));
            await git.materialize(sha, folders, scratch, 'gomod-code');
        }
        for (const contract of config.contracts) {
            const engine = engineFor(contract.kind, engines);
            let status = 'compared';
            let note;
            for (const path of contract.paths) {
                const headPath = join(cwd, path);
                const baseRoot = baseRootOf(path);
                const basePath = join(baseRoot, path);
                const atHead = await exists(headPath);
                if (atHead)
                    await assertInside(cwd, headPath, `${configPath}:${contract.line ?? 1}`);
                const atBase = baseline.source !== 'none' && !missingAtBase.has(path) && (await exists(basePath));
                if (!atHead && !atBase) {
                    throw new InputError(`${configPath}:${contract.line ?? 1}: contract '${contract.name}' path '${path}' exists neither in the working tree nor at ${baseline.ref ?? baseline.sha ?? 'the base'}; fix \`path:\`.`);
                }
                if (!atBase) {
                    status = 'new';
                    note =
                        baseline.source === 'none'
                            ? 'no earlier release to compare with'
                            : `not in ${baseline.ref ?? baseline.sha?.slice(0, 7)}; new in this change`;
                    changes.push(contractChange(contract, path, 'contract-added', 'info', `new ${contract.kind} contract ${path} (${note})`));
                    if (rollbackImpact && atHead && baseline.source !== 'none')
                        removes.push(newContractRemoval(contract, path));
                    continue;
                }
                if (!atHead) {
                    status = 'removed';
                    note = `${path} is gone at head; if it moved, update \`path:\` in ${configPath}`;
                    changes.push(contractChange(contract, path, 'contract-removed', 'breaking', `${contract.kind} contract ${path} was removed; clients of the last release still use it`));
                    continue;
                }
                try {
                    const found = await engine.diff(basePath, headPath, {
                        baseRoot,
                        headRoot: cwd,
                        now: options.now,
                        settings: settingsOf(contract, options),
                        log: ports.log,
                        maxSeconds: remainingSeconds(startedAt, options.maxSeconds)
                    });
                    for (const change of found)
                        changes.push({ ...change, contract: contract.name });
                    if (rollbackImpact) {
                        const sides = { basePath, headPath, baseRoot, headRoot: cwd };
                        // What a rollback removes is read from go.mod lines; the upgrade's call sites are above.
                        const settings = { ...engineSettings(contract.settings), dependencyImpact: 'off' };
                        removes.push(...(await rollbackRemovals(engine, contract, sides, { now: options.now, settings })));
                    }
                }
                catch (error) {
                    if (isMissingToolchain(error) && contract.settings['missing-toolchain'] !== 'fail') {
                        status = 'skipped';
                        note = messageOf(error);
                        notes.push({
                            level: 'warning',
                            message: `contract '${contract.name}' was not checked: ${messageOf(error)} (set \`missing-toolchain: fail\` to fail instead).`
                        });
                        break;
                    }
                    throw error;
                }
            }
            contracts.push({
                name: contract.name,
                kind: contract.kind,
                paths: contract.paths,
                status,
                ...(note ? { note } : {})
            });
        }
    }
    finally {
        await rm(scratch, { recursive: true, force: true });
    }
    const declaredVersion = await readDeclaredVersion(cwd, config.version.files);
    const report = assembleReport({
        base: { ref: baseline.ref, sha: baseline.sha, source: baseline.source },
        head,
        contracts,
        changes,
        notes,
        config,
        failOn,
        baseVersion: baseline.version,
        declaredVersion,
        now: options.now
    });
    if (rollbackImpact)
        report.rollback = { removes };
    return {
        report,
        output: renderReport(report, options.format, options.markdown),
        exitCode: report.verdict === 'fail' ? ExitCode.found : ExitCode.ok
    };
}

async function existing(path, label, given) {
    try {
        return (await stat(path)).isDirectory() ? 'dir' : 'file';
    }
    catch {
        throw new InputError(`${label} ${given}: no such file or directory.`);
    }
}
/** The folder that paths in the report are relative to: `cwd` when the contract is inside it. */
function rootFor(path, kind, cwd) {
    const inside = !relative(cwd, path).startsWith('..') && !isAbsolute(relative(cwd, path));
    if (inside)
        return cwd;
    return kind === 'dir' ? path : dirname(path);
}
async function configFor(path, cwd) {
    if (path)
        return loadContractConfig(resolve(cwd, path), path);
    try {
        await stat(resolve(cwd, defaultConfigFile));
    }
    catch {
        return emptyConfig();
    }
    return loadContractConfig(resolve(cwd, defaultConfigFile), defaultConfigFile);
}
/** What a folder must hold for a kind to read anything in it. */
const sourcesOf = {
    protobuf: { pattern: '**/*.proto', what: '.proto files' },
    go: { pattern: '**/*.go', what: 'Go package (.go files)' }
};
/** A folder with nothing of its kind in it would compare as "no changes": say so instead. */
async function requireSources(kind, dir, label, given) {
    const sources = sourcesOf[kind];
    if (!sources)
        return;
    const found = await glob(sources.pattern, {
        cwd: dir,
        ignore: ['**/node_modules/**', '**/.git/**'],
        expandDirectories: false
    });
    if (found.length === 0)
        throw new InputError(`${label} ${given} has no ${sources.what}: nothing would be compared. Give the folder that holds them, or another --kind.`);
}
/** `contract diff`: two files or folders, no git; exit 1 when a change reaches fail-on. */
async function runContractDiff$1(options) {
    const cwd = options.cwd ?? process.cwd();
    const kind = parseContractKind(options.kind);
    const engine = engineFor(kind, options.engines ?? contractEngines);
    const basePath = resolve(cwd, options.basePath);
    const headPath = resolve(cwd, options.headPath);
    const baseKind = await existing(basePath, '--base', options.basePath);
    const headKind = await existing(headPath, '--head', options.headPath);
    if (baseKind !== headKind) {
        throw new InputError(`--base is a ${baseKind === 'dir' ? 'directory' : 'file'} but --head is not; pass two files or two directories.`);
    }
    if (baseKind === 'dir') {
        await requireSources(kind, basePath, '--base', options.basePath);
        await requireSources(kind, headPath, '--head', options.headPath);
    }
    const config = await configFor(options.configPath, cwd);
    const failOn = options.failOn ?? config.failOn;
    const name = relative(cwd, headPath).split(sep).join('/') || options.headPath;
    const changes = await engine.diff(basePath, headPath, {
        baseRoot: rootFor(basePath, baseKind, cwd),
        headRoot: rootFor(headPath, headKind, cwd),
        now: options.now,
        settings: options.settings ?? {},
        log: options.log,
        maxSeconds: options.maxSeconds ?? defaultMaxSeconds
    });
    const report = assembleReport({
        base: { ref: options.basePath, sha: null, source: 'path' },
        head: { ref: options.headPath, sha: null },
        contracts: [{ name, kind, paths: [name], status: 'compared' }],
        changes: changes.map((change) => ({ ...change, contract: name })),
        notes: unknownRuleNotes(config, [engine]),
        config,
        failOn,
        baseVersion: null,
        declaredVersion: null,
        now: options.now
    });
    return {
        report,
        output: renderReport(report, options.format, options.markdown),
        exitCode: report.verdict === 'fail' ? ExitCode.found : ExitCode.ok
    };
}

/** Refuses what git would read as an option, or what is not a ref name at all. */
function checkRef(ref) {
    if (ref === '' ||
        ref.startsWith('-') ||
        /[\s:?*[\\\p{Cc}]/u.test(ref.replace(/\^\{commit\}$/, ''))) {
        throw new InputError(`'${ref}' is not a valid git ref name; pass a tag, branch or commit.`);
    }
}
/**
 * BaselineGit over a local clone. CI clones are often shallow and tag-less: tags are listed on the
 * remote as well, and a missing ref is fetched alone (depth 1 when the clone is shallow).
 */
function gitBaseline(options) {
    const { cwd } = options;
    const remote = options.remote ?? 'origin';
    const log = options.log ?? (() => { });
    let remoteTags = null;
    async function hasRemote() {
        const result = await git(['remote'], { cwd, allowFailure: true });
        return result.code === 0 && result.stdout.split('\n').includes(remote);
    }
    async function listRemoteTags() {
        if (remoteTags)
            return remoteTags;
        remoteTags = new Map();
        if (!(await hasRemote()))
            return remoteTags;
        const result = await git(['ls-remote', '--tags', '--refs', remote], { cwd, allowFailure: true });
        if (result.code !== 0) {
            log(`could not list the tags of '${remote}' (${result.stderr.trim().split('\n').pop() ?? ''}); using local tags`);
            return remoteTags;
        }
        for (const line of result.stdout.split('\n')) {
            const [sha, ref] = line.split('\t');
            if (sha && ref?.startsWith('refs/tags/'))
                remoteTags.set(ref.slice('refs/tags/'.length), sha);
        }
        return remoteTags;
    }
    async function localCommit(ref) {
        const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
            cwd,
            allowFailure: true
        });
        return result.code === 0 ? result.stdout.trim() : null;
    }
    async function isShallow() {
        const result = await git(['rev-parse', '--is-shallow-repository'], { cwd, allowFailure: true });
        return result.stdout.trim() === 'true';
    }
    async function fetch(refspec) {
        const depth = (await isShallow()) ? ['--depth=1'] : [];
        log(`fetching ${refspec} from ${remote}`);
        const result = await git(['fetch', '--quiet', '--no-tags', ...depth, remote, refspec], {
            cwd,
            allowFailure: true
        });
        if (result.code !== 0)
            log(`fetch failed: ${result.stderr.trim().split('\n').pop() ?? ''}`);
        return result.code === 0;
    }
    let checkedRepo = false;
    async function ensureRepository() {
        if (checkedRepo)
            return;
        const inside = await git(['rev-parse', '--git-dir'], { cwd, allowFailure: true });
        if (inside.code !== 0) {
            throw new InputError(`'${cwd}' is not a git repository, so there is no release to compare with; run inside a clone, or compare two files with \`rollback-guard contract diff\`.`);
        }
        checkedRepo = true;
    }
    return {
        async listTags() {
            await ensureRepository();
            const local = await git(['tag', '--list'], { cwd });
            const names = local.stdout.split('\n').filter(Boolean);
            return [...new Set([...names, ...(await listRemoteTags()).keys()])];
        },
        async resolveCommit(ref) {
            checkRef(ref);
            await ensureRepository();
            const direct = (await localCommit(`refs/tags/${ref}`)) ?? (await localCommit(ref));
            if (direct)
                return direct;
            if (!(await hasRemote()))
                return null;
            const tags = await listRemoteTags();
            if (tags.has(ref)) {
                if (await fetch(`+refs/tags/${ref}:refs/tags/${ref}`))
                    return localCommit(`refs/tags/${ref}`);
                return null;
            }
            const tracking = await localCommit(`refs/remotes/${remote}/${ref}`);
            if (tracking)
                return tracking;
            if (await fetch(ref))
                return localCommit('FETCH_HEAD');
            return null;
        },
        async head() {
            const sha = await localCommit('HEAD');
            const branch = await git(['symbolic-ref', '--short', '-q', 'HEAD'], {
                cwd,
                allowFailure: true
            });
            return { ref: branch.code === 0 ? branch.stdout.trim() : null, sha };
        },
        async materialize(sha, paths, dest, kind) {
            return materializeAt(cwd, sha, paths, dest, kind);
        }
    };
}
async function listTree(cwd, sha, path) {
    const result = await git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', path], { cwd });
    return result.stdout
        .split('\0')
        .filter(Boolean)
        .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, type, object] = line.slice(0, tab).split(' ');
        return { mode, type, object, path: line.slice(tab + 1) };
    });
}
/** Blob contents by object id through one `git cat-file --batch` (binary-safe). */
function readBlobs(cwd, objects) {
    return new Promise((resolve, reject) => {
        if (objects.length === 0) {
            resolve(new Map());
            return;
        }
        const child = spawn('git', ['cat-file', '--batch'], {
            cwd,
            env: { ...process.env, LC_ALL: 'C' }
        });
        const chunks = [];
        const errors = [];
        child.stdout.on('data', (chunk) => chunks.push(chunk));
        child.stderr.on('data', (chunk) => errors.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => {
            if (code !== 0) {
                reject(new Error(`git cat-file failed (exit ${code}): ${Buffer.concat(errors).toString().trim()}`));
                return;
            }
            const out = Buffer.concat(chunks);
            const blobs = new Map();
            let offset = 0;
            while (offset < out.length) {
                const newline = out.indexOf(0x0a, offset);
                const header = out.subarray(offset, newline).toString();
                const [object, type, size] = header.split(' ');
                if (type === 'missing' || !object || size === undefined) {
                    offset = newline + 1;
                    continue;
                }
                const start = newline + 1;
                const end = start + Number(size);
                blobs.set(object, out.subarray(start, end));
                offset = end + 1;
            }
            resolve(blobs);
        });
        child.stdin.end(objects.join('\n') + '\n');
    });
}
/**
 * Inside a contract folder, only the files its engine reads (a gomod folder may be the whole
 * repository). Go folders come whole: `//go:embed` files must exist for the package to load.
 */
function wanted(kind, path) {
    const name = posix.basename(path);
    switch (kind) {
        case 'gomod':
            return name === 'go.mod' || name === 'go.sum';
        case 'gomod-code': // the module's code, for the uses of its dependencies
            return (name === 'go.mod' ||
                name === 'go.sum' ||
                (name.endsWith('.go') && !name.endsWith('_test.go')) ||
                path.endsWith('vendor/modules.txt'));
        case 'protobuf':
            return name.endsWith('.proto') || /^buf(\.work)?\.ya?ml$|^buf\.lock$/.test(name);
        default:
            return true;
    }
}
/** Relative `$ref` targets of an OpenAPI document (fragments and URLs left out). */
function relativeRefs(text) {
    const refs = new Set();
    for (const match of text.matchAll(/["']?\$ref["']?\s*:\s*["']?([^"'\s,}]+)/g)) {
        const target = (match[1] ?? '').split('#')[0] ?? '';
        if (target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target))
            refs.add(decodeURIComponent(target));
    }
    return [...refs];
}
/**
 * Writes the contracts' files as they were at `sha` into `dest`, at their repository paths.
 * Directories (protobuf, go) come whole; an OpenAPI file comes with the files its relative `$ref`s
 * reach. Returns the paths that did not exist at `sha`.
 */
async function materializeAt(cwd, sha, paths, dest, kind) {
    const missing = [];
    const done = new Set();
    let queue = [...paths];
    while (queue.length > 0) {
        const entries = [];
        for (const path of queue) {
            const clean = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
            if (done.has(clean) || clean.startsWith('../'))
                continue;
            done.add(clean);
            const listed = (await listTree(cwd, sha, clean)).filter((e) => e.type === 'blob' && e.mode !== '120000' && (e.path === clean || wanted(kind, e.path)));
            if (listed.length === 0 && paths.includes(path))
                missing.push(path);
            entries.push(...listed);
        }
        const blobs = await readBlobs(cwd, entries.map((e) => e.object));
        const next = [];
        for (const entry of entries) {
            const content = blobs.get(entry.object);
            if (!content)
                continue;
            const target = join(dest, ...entry.path.split('/'));
            await mkdir(dirname(target), { recursive: true });
            await writeFile(target, content);
            if (kind === 'openapi' && /\.(ya?ml|json)$/i.test(entry.path)) {
                const folder = posix.dirname(entry.path);
                for (const ref of relativeRefs(content.toString('utf8')))
                    next.push(posix.join(folder, ref));
            }
        }
        queue = next;
    }
    return missing;
}

/** `contract diff` with every engine (Go and Postgres included) unless the caller names others. */
function runContractDiff(options) {
    return runContractDiff$1({ ...options, engines: options.engines ?? commandEngines });
}
/** `contract check` with every engine unless the caller names others. */
function runContractCheck(options) {
    return runContractCheck$1({ ...options, engines: options.engines ?? commandEngines });
}
/**
 * The ports for a run with git only (the CLI on any CI): tags and refs from the clone and its
 * remote; add `releases` (a GitHub token) or `manifests` (the manifest store) when available.
 */
function localContractCheckPorts(cwd, log) {
    return {
        git: (remote) => gitBaseline({ cwd, remote, log }),
        releases: null,
        manifests: null,
        log
    };
}
/** Runs a lookup of the baseline search; with `warn`, a failure is a warning and finds nothing. */
function lookup(failures, log, what, body) {
    if (failures === 'fail')
        return body();
    return body().catch((error) => {
        log.warn(`could not read ${what}: ${messageOf(error)}`);
        return null;
    });
}
function releaseReader(client, github, settings, log) {
    if (!client || !github?.owner || !github.repo)
        return null;
    const { owner, repo } = github;
    return {
        latestRelease: () => lookup(settings.lookupFailures, log, 'the latest GitHub release', async () => {
            const release = await getLatestRelease({ client, owner, repo });
            return release ? { tag: release.tagName } : null;
        })
    };
}
/** The last manifest marked good on the manifest branch, opened only when the search gets there. */
function manifestReader(settings, branch, snapshots, log) {
    return {
        lastGood: (service, env) => lookup(settings.lookupFailures, log, 'the manifest branch', async () => {
            const store = await openStore(settings.root, { kind: 'branch', branch, remote: undefined, path: '' }, log.debug);
            return store ? manifestBaselineReader(store, snapshots).lastGood(service, env) : null;
        })
    };
}
/**
 * The contract-check job, for the action and the CLI alike: two paths compared directly, or every
 * contract of the config against the last release (git tags, the latest GitHub release, the last
 * good manifest). `client` is the GitHub client of the settings' repository, when there is one.
 */
async function runContractJob(settings, log, client) {
    const { source } = settings;
    if (source.mode === 'diff') {
        return runContractDiff({
            kind: source.kind,
            basePath: source.basePath,
            headPath: source.headPath,
            format: settings.format,
            failOn: settings.failOn,
            configPath: source.configPath,
            cwd: settings.root,
            now: settings.now,
            log: log.info,
            maxSeconds: settings.maxSeconds,
            settings: {
                ...source.engineSettings,
                ...(settings.dependencyImpact ? { dependencyImpact: settings.dependencyImpact } : {})
            },
            ...(settings.markdown ? { markdown: settings.markdown } : {})
        });
    }
    const snapshots = await mkdtemp(join(tmpdir(), 'rollback-guard-snapshots-'));
    try {
        return await runContractCheck({
            cwd: settings.root,
            configPath: source.configPath,
            against: source.against,
            format: settings.format,
            failOn: settings.failOn,
            rollbackImpact: source.rollbackImpact,
            dependencyImpact: settings.dependencyImpact,
            head: source.head,
            releasing: source.releasing,
            service: source.service,
            env: source.env,
            maxSeconds: settings.maxSeconds,
            ports: {
                ...localContractCheckPorts(settings.root, log.info),
                releases: releaseReader(client, settings.github, settings, log),
                manifests: manifestReader(settings, source.manifestBranch, snapshots, log)
            },
            now: settings.now,
            ...(settings.markdown ? { markdown: settings.markdown } : {})
        });
    }
    finally {
        await rm(snapshots, { recursive: true, force: true });
    }
}

export { runContractCheck as a, runContractDiff as b, runContractJob as c, renderAnnotations as d, commentId as e, renderPrComment as f, commentLimit as g, renderJobSummary as h, reportFormats as i, localContractCheckPorts as l, parseReportFormat as p, renderReport as r };
