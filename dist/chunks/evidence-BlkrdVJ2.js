import { I as InputError, b as messageOf, i as isPlainName, f as isBranchName, a as assertRemoteName, t as tokenEnv, g as git, h as scrub, j as pushError, k as catFileBatch, S as ServiceError } from './revert-auth-D1fpjJ97.js';
import { e as escapeMarkdown, i as inlineCode, d as distExports } from './rules-BV59h7l_.js';
import { m as mermaidChart, c as chartLegend, r as renderSloMarkdown, f as formatNumber } from './markdown-DHpZ7sZ7.js';
import { mkdtemp, rm, mkdir, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix, dirname, isAbsolute, resolve } from 'node:path';
import { c as contractKinds } from './change-BNGh1OCi.js';
import { H as fitBody, J as defaultTruncationNote, K as maxBodyLength, F as httpStatusOf, I as gitHubMessageOf, a0 as gitHubErrorDetails, E as isForbidden, D as toGitHubError, W as contractEngines, Y as assembleReport, m as fingerprintOf, $ as emptyConfig } from './engines-2t0PYy3j.js';
import { g as markManifest$1 } from './manifest-D1692HQ7.js';

function pullSummaryOf(pull) {
    return {
        number: pull.number,
        url: pull.html_url,
        state: pull.state === 'closed' ? 'closed' : 'open',
        draft: pull.draft === true,
        merged: Boolean(pull.merged_at),
        title: pull.title,
        body: pull.body ?? '',
        head: pull.head.ref,
        base: pull.base.ref
    };
}
/** Pull requests from one head branch; GitHub ignores a head filter without `owner:`, so it is always given. */
async function pullsByHead(options) {
    const { client, owner, repo, head } = options;
    const pulls = await client.paginate('GET /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        head: `${options.headOwner ?? owner}:${head}`,
        state: options.state ?? 'open',
        per_page: 100
    });
    // Filtered again: the head filter is only honoured with the owner prefix, and forks share names.
    return pulls.filter((p) => p.head.ref === head).map(pullSummaryOf);
}
const actionsMayNotCreate = /not permitted to create or approve pull requests/i;
function pullRequestError(error, doing, owner, repo) {
    if (httpStatusOf(error) === 403 && actionsMayNotCreate.test(gitHubMessageOf(error))) {
        return new InputError(`GitHub refused ${doing}: "${gitHubMessageOf(error)}" Enable it in ${owner}/${repo} (or its organization): Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests", or pass a token of a GitHub App or user.`, { cause: error });
    }
    if (isForbidden(error)) {
        return new InputError(`GitHub refused ${doing} (403 ${gitHubMessageOf(error)}): the token needs 'pull-requests: write' and 'contents: write'; add them to the job's 'permissions:' block in the workflow.`, { cause: error });
    }
    return toGitHubError(error, doing);
}
/**
 * One pull request per deterministic branch: finds the open one from `head` carrying `marker` and
 * updates its title and body, or creates it. A closed one from the same branch with our marker is
 * reported, never reopened. A pull request from `head` that lacks our marker belongs to someone
 * else: an InputError, never an edit. Labels, assignees and reviewers are added on every run.
 */
async function createOrUpdatePull(spec) {
    const { client, owner, repo, head, base, marker } = spec;
    const warnings = [];
    const warn = (message) => {
        warnings.push(message);
        spec.log?.warn?.(message);
    };
    const { body, truncated } = fitBody(spec.body.includes(marker) ? spec.body : `${marker}\n${spec.body}`, maxBodyLength, defaultTruncationNote);
    if (truncated)
        warn(`the pull request body was cut to GitHub's ${maxBodyLength}-character limit`);
    let doing = `looking for pull requests from ${head} in ${owner}/${repo}`;
    try {
        const fromHead = await pullsByHead({ client, owner, repo, head, state: 'all' });
        const open = fromHead.find((p) => p.state === 'open');
        if (open)
            assertOurs(open, head, marker);
        let number;
        let url;
        let draft;
        let action;
        if (open) {
            ;
            ({ number, url, draft } = open);
            if (open.title === spec.title && open.body === body && open.base === base) {
                action = 'unchanged';
            }
            else {
                doing = `updating pull request #${number} in ${owner}/${repo}`;
                await client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
                    owner,
                    repo,
                    pull_number: number,
                    title: spec.title,
                    body,
                    base
                });
                action = 'updated';
            }
        }
        else {
            const closed = fromHead.find((p) => p.state === 'closed' && p.body.includes(marker));
            if (closed)
                return {
                    action: 'closed-exists',
                    number: closed.number,
                    url: closed.url,
                    merged: closed.merged,
                    warnings
                };
            doing = `opening a pull request from ${head} to ${base} in ${owner}/${repo}`;
            try {
                ;
                ({ number, url, draft } = await createPull(spec, body, warn));
                action = 'created';
            }
            catch (error) {
                ;
                ({ number, url, draft } = await alreadyOpened(spec, error));
                action = 'existing';
            }
        }
        // The winner of a race decorates its own pull request; this run leaves it as it is.
        if (action !== 'existing')
            await decorate(spec, number, warn);
        return { action, number, url, draft, warnings };
    }
    catch (error) {
        if (error instanceof InputError)
            throw error;
        throw pullRequestError(error, doing, owner, repo);
    }
}
/** An open pull request from `head` without our marker belongs to someone else: never edited. */
function assertOurs(pull, head, marker) {
    if (!pull.body.includes(marker)) {
        throw new InputError(`pull request #${pull.number} (${pull.url}) from branch '${head}' was not opened by rollback-guard; close it or delete the branch so rollback-guard can open its own.`);
    }
}
/**
 * A concurrent run opened the pull request between the look-up and the create: GitHub answers 422
 * "A pull request already exists". The look-up runs again and that pull request is the answer, when
 * it carries our marker; anything else is the original error.
 */
async function alreadyOpened(spec, error) {
    if (httpStatusOf(error) !== 422 ||
        !/already exists/i.test(`${gitHubMessageOf(error)} ${gitHubErrorDetails(error)}`))
        throw error;
    const { client, owner, repo, head, marker } = spec;
    const [open] = await pullsByHead({ client, owner, repo, head, state: 'open' });
    if (!open)
        throw error;
    assertOurs(open, head, marker);
    return open;
}
async function createPull(spec, body, warn) {
    const { client, owner, repo, head, base } = spec;
    const request = (draft) => client.request('POST /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        head,
        base,
        title: spec.title,
        body,
        draft,
        maintainer_can_modify: spec.maintainerCanModify ?? false
    });
    try {
        return pullSummaryOf((await request(spec.draft === true)).data);
    }
    catch (error) {
        // Private repositories on some plans cannot have drafts; GitHub says so in a 422.
        if (spec.draft &&
            httpStatusOf(error) === 422 &&
            /draft/i.test(`${gitHubMessageOf(error)} ${gitHubErrorDetails(error)}`)) {
            warn(`draft pull requests are not supported in ${owner}/${repo}; opening a ready one`);
            return pullSummaryOf((await request(false)).data);
        }
        throw error;
    }
}
/** Labels, assignees and reviewers: failures here are warnings, the pull request already exists. */
async function decorate(spec, number, warn) {
    const { client, owner, repo } = spec;
    const attempt = async (what, call) => {
        try {
            await call();
        }
        catch (error) {
            const status = httpStatusOf(error);
            if (status === undefined || status >= 500 || status === 401)
                throw error;
            warn(`could not ${what} on pull request #${number}: ${status} ${gitHubMessageOf(error)}${gitHubErrorDetails(error) ? ` (${gitHubErrorDetails(error)})` : ''}`);
        }
    };
    const labels = spec.labels?.filter(Boolean) ?? [];
    if (labels.length > 0) {
        await attempt('add labels', () => client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
            owner,
            repo,
            issue_number: number,
            labels
        }));
    }
    const assignees = spec.assignees?.filter(Boolean) ?? [];
    if (assignees.length > 0) {
        await attempt('add assignees', () => client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', {
            owner,
            repo,
            issue_number: number,
            assignees
        }));
    }
    const reviewers = spec.reviewers?.filter(Boolean) ?? [];
    const teamReviewers = (spec.teamReviewers ?? [])
        .map((t) => t.replace(/^@?[^/]+\//, ''))
        .filter(Boolean);
    if (reviewers.length > 0 || teamReviewers.length > 0) {
        await attempt('request reviewers', () => client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
            owner,
            repo,
            pull_number: number,
            reviewers,
            team_reviewers: teamReviewers
        }));
    }
}

/** How one incident is named everywhere: its branch, its markers, its commit trailer and its title. */
const revertBranchPrefix = 'rollback-guard/revert/';
const revertTrailerKey = 'Rollback-Guard-Revert';
/** `rollback-guard/revert/<service>/<env>/<bad-sha12>`: the same incident always lands on the same branch. */
function revertBranchName(incident) {
    return `${targetBranchPrefix(incident.service, incident.env)}${incident.badCommit.slice(0, 12)}`;
}
/** Every revert branch of one service and environment starts with this. */
function targetBranchPrefix(service, env) {
    return `${revertBranchPrefix}${service}/${env}/`;
}
/** The id of the hidden marker (`stickyMarker(id)`): one open revert pull request per service/env carries it. */
function revertMarkerId(service, env) {
    return `revert/${service}/${env}`;
}
/** A second hidden line naming the incident the pull request currently covers. */
function incidentMarker(badCommit) {
    return `<!-- rollback-guard:revert-incident:${badCommit} -->`;
}
function incidentOfBody(body) {
    return /<!-- rollback-guard:revert-incident:([0-9a-f]{7,64}) -->/.exec(body)?.[1] ?? null;
}
function revertTrailer(incident) {
    return `${revertTrailerKey}: ${incident.service}/${incident.env}/${incident.badCommit}`;
}
function hasRevertTrailer(message) {
    return new RegExp(`^${revertTrailerKey}:`, 'm').test(message);
}
/** The title; a squash merge keeps it, so it is recognised as ours later. */
function revertTitle(incident, goodCommit) {
    return `rollback-guard: revert ${incident.service}/${incident.env} to ${goodCommit.slice(0, 12)} (SLO gate failed on ${incident.badCommit.slice(0, 12)})`;
}
/**
 * A commit that is itself a rollback-guard revert, however it was merged: our trailer (merge or
 * rebase keeps it, a squash lists it in the body), our title (squash), or GitHub's merge message
 * naming one of our branches.
 */
function isRevertCommitMessage(message) {
    if (hasRevertTrailer(message))
        return true;
    if (/^rollback-guard: revert \S+\/\S+ to [0-9a-f]{7,}/m.test(message))
        return true;
    return new RegExp(`^Merge (pull request #\\d+ from \\S+/|branch ')${escapeRegExp(revertBranchPrefix)}`, 'm').test(message);
}
/** A ref (GITHUB_REF or a branch name) that is one of our revert branches. */
function isRevertRef(ref) {
    if (!ref)
        return false;
    return ref.replace(/^refs\/heads\//, '').startsWith(revertBranchPrefix);
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The hidden first line of our pull request body (the same text as the GitHub edge's stickyMarker). */
function revertMarker(service, env) {
    return `<!-- rollback-guard:${revertMarkerId(service, env)} -->`;
}

const skip = (reason, message) => ({
    kind: 'skip',
    reason,
    message
});
/**
 * Whether to revert at all, and between which releases. Only a `fail` verdict acts; the last good
 * release must exist, be older than the bad one and differ from it; a release that is itself a
 * rollback-guard revert is never reverted (a person must look).
 */
function decideRevert(situation) {
    const { service, env, verdict, bad, good } = situation;
    const target = `${service}/${env}`;
    if (verdict === 'pass')
        return skip('verdict-pass', `the SLO gate passed for ${target}: nothing to revert.`);
    if (verdict === 'inconclusive') {
        return skip('verdict-inconclusive', `the SLO gate was inconclusive for ${target} (no data or a provider failed): only a failed gate opens a revert; look at the gate's evidence.`);
    }
    if (!bad) {
        return skip('no-bad-release', `no manifest for ${target}: record each release with the manifest job so there is something to revert.`);
    }
    if (!good) {
        return skip('no-good-release', `no manifest of ${target} is marked good, so there is no release to go back to; mark one with 'rollback-guard manifest mark-good REF'.`);
    }
    const badCommit = bad.manifest.source.commit;
    const goodCommit = good.manifest.source.commit;
    if (good.id === bad.id || goodCommit === badCommit) {
        return skip('good-is-current', `the last good release of ${target} (${goodCommit.slice(0, 12)}) is the current one: nothing to revert.`);
    }
    if (good.id > bad.id) {
        return skip('good-is-newer', `the last good release of ${target} (${good.id}) is newer than the failing one (${bad.id}): the failure is already behind it.`);
    }
    if (isRevertRef(bad.manifest.source.ref) ||
        (situation.badCommitMessage !== null && isRevertCommitMessage(situation.badCommitMessage))) {
        return skip('bad-is-a-revert', `the failing release of ${target} (${badCommit.slice(0, 12)}) is itself a rollback-guard revert; reverting a revert would loop, so a person has to decide.`);
    }
    return { kind: 'revert', bad, good };
}

function changeOf(now, restored, same) {
    if (now && restored)
        return same(now, restored) ? 'same' : 'changed';
    return now ? 'removed' : 'added';
}
/** What merging the revert changes back, from the bad release's manifest to the good one's. */
function diffManifests(bad, good) {
    const names = [...new Set([...bad.images, ...good.images].map((i) => i.name))].sort();
    const images = names.map((name) => {
        const nowImage = bad.images.find((i) => i.name === name);
        const goodImage = good.images.find((i) => i.name === name);
        const now = nowImage ? { tag: nowImage.tag, digest: nowImage.digest } : null;
        const restored = goodImage ? { tag: goodImage.tag, digest: goodImage.digest } : null;
        return {
            name,
            now,
            restored,
            change: changeOf(now, restored, (a, b) => a.digest === b.digest && a.tag === b.tag)
        };
    });
    const paths = [...new Set([...bad.go, ...good.go].map((m) => m.path))].sort();
    const go = paths.map((path) => {
        const nowModule = bad.go.find((m) => m.path === path);
        const goodModule = good.go.find((m) => m.path === path);
        const pick = (m) => m ? { goModSha256: m.goModSha256, goSumSha256: m.goSumSha256, goVersion: m.goVersion } : null;
        const now = pick(nowModule);
        const restored = pick(goodModule);
        return {
            path,
            module: (nowModule ?? goodModule)?.module ?? path,
            now,
            restored,
            change: changeOf(now, restored, (a, b) => a.goModSha256 === b.goModSha256 && a.goSumSha256 === b.goSumSha256)
        };
    });
    const config = {
        now: bad.config.version,
        restored: good.config.version,
        nowSha256: bad.config.sha256,
        restoredSha256: good.config.sha256,
        change: (bad.config.version === good.config.version && bad.config.sha256 === good.config.sha256
            ? 'same'
            : 'changed')
    };
    return { images, go, config };
}
/** The images pin-digests moves back: present in both releases, with a different digest or tag. */
function imagePins(diff) {
    return diff.images
        .filter((i) => i.change === 'changed' && i.now !== null && i.restored !== null)
        .filter((i) => i.restored.digest !== null || i.restored.tag !== null)
        .map((i) => ({ name: i.name, from: i.now, to: i.restored }));
}

/** From the bad and last-good manifests' migration records: what a revert would have to undo. */
function planMigrationRollback(bad, good) {
    const directories = [];
    const reasons = [];
    let unknown = false;
    for (const now of bad ?? []) {
        const then = good?.find((g) => g.path === now.path);
        if (!then) {
            unknown = true;
            reasons.push(`${now.path}: the last good manifest has no record of it, so what it applied is unknown`);
            continue;
        }
        if (then.sha256 === now.sha256)
            continue;
        const released = new Set(then.migrations.map((m) => m.version));
        const crossed = now.migrations.filter((m) => !released.has(m.version)).reverse();
        const problems = [];
        const kept = new Set(now.migrations.map((m) => m.version));
        const vanished = then.migrations.filter((m) => !kept.has(m.version));
        if (vanished.length > 0) {
            problems.push(`the bad release deleted released migration(s) ${vanished.map((m) => m.version).join(', ')}; the tool cannot roll those back`);
        }
        for (const m of crossed.filter((m) => !m.hasDown)) {
            problems.push(`migration ${m.version} (${m.file}) has no down: roll forward with a fix or restore from a backup`);
        }
        for (const m of crossed) {
            for (const b of m.breaks)
                reasons.push(`${now.path}: migration ${m.version} ${b}`);
        }
        directories.push({
            path: now.path,
            tool: now.tool,
            target: then.version,
            crossed,
            commands: rollbackCommands(now.tool, now.path, then.version, crossed.length),
            problems
        });
    }
    const breaking = directories.some((d) => d.crossed.some((m) => m.breaks.length > 0));
    const notAnalysed = directories.flatMap((d) => d.crossed.filter((m) => m.analysed === false).map((m) => `${d.path}: migration ${m.version}`));
    for (const m of notAnalysed)
        reasons.push(`${m} was not analysed when its manifest was written (no SQL parser)`);
    return {
        directories,
        codeRevertSafe: breaking ? false : unknown || notAnalysed.length > 0 ? null : true,
        reasons
    };
}
/** The tool's own commands to go back `steps` migrations, to `target`. */
function rollbackCommands(tool, path, target, steps) {
    if (steps === 0)
        return [];
    const dir = shellWord(path);
    switch (tool) {
        case 'goose':
            return [`goose -dir ${dir} postgres "$DATABASE_URL" down-to ${target ?? '0'}`];
        case 'golang-migrate':
            return [`migrate -path ${dir} -database "$DATABASE_URL" down ${steps}`];
        case 'dbmate':
            return Array.from({ length: steps }, () => `dbmate --migrations-dir ${dir} rollback`);
        case 'flyway':
            // Each undo reverts the newest applied versioned migration with its U file (Flyway Teams).
            return Array.from({ length: steps }, () => `flyway -locations=filesystem:${dir} undo`);
        default:
            return [];
    }
}
function shellWord(value) {
    return /^[A-Za-z0-9_./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
/** The plan as markdown lines for the revert plan and pull request body; empty when nothing crossed. */
function renderMigrationRollback(plan) {
    if (plan.directories.length === 0 && plan.reasons.length === 0)
        return [];
    const out = ['### Database migrations crossed by this revert', ''];
    if (plan.codeRevertSafe === true) {
        out.push('✅ The last good release’s code runs on the current schema: a code-only revert is safe, and the migrations may stay.', '');
    }
    else if (plan.codeRevertSafe === false) {
        out.push('❌ The last good release’s code does **not** run on the current schema; roll the migrations back (commands below) with the code revert:', '');
    }
    else {
        out.push('⚠️ Whether the last good release’s code runs on the current schema is unknown:', '');
    }
    for (const reason of plan.reasons)
        out.push(`- ${escapeMarkdown(reason)}`);
    if (plan.reasons.length > 0)
        out.push('');
    for (const d of plan.directories) {
        out.push(`**${escapeMarkdown(d.path)}** (${escapeMarkdown(d.tool)}): back to ${d.target ? inlineCode(d.target) : 'no migration'} across ${d.crossed.length} migration(s): ${d.crossed.map((m) => inlineCode(m.file)).join(', ')}`, '');
        if (d.commands.length > 0)
            out.push('```sh', ...d.commands, '```', '');
        for (const p of d.problems)
            out.push(`- ⚠️ ${escapeMarkdown(p)}`);
        if (d.problems.length > 0)
            out.push('');
    }
    return out;
}
/** The plan as indented text lines for `revert plan` (the terminal and the demo). */
function renderMigrationRollbackText(plan) {
    if (plan.directories.length === 0 && plan.reasons.length === 0)
        return [];
    const verdict = plan.codeRevertSafe === true
        ? 'the last good code runs on the current schema: a code-only revert is safe'
        : plan.codeRevertSafe === false
            ? 'the last good code does NOT run on the current schema: roll these back with the revert'
            : 'unknown whether the last good code runs on the current schema';
    const lines = [`  migrations       ${verdict}`];
    for (const reason of plan.reasons)
        lines.push(`      ${reason}`);
    for (const d of plan.directories) {
        lines.push(`    ${d.path} (${d.tool}) back to ${d.target ?? 'no migration'}:`);
        for (const m of d.crossed)
            lines.push(`      crosses ${m.version} ${m.file}${m.hasDown ? '' : ' (no down)'}`);
        for (const command of d.commands)
            lines.push(`      $ ${command}`);
        for (const p of d.problems)
            lines.push(`      ! ${p}`);
    }
    return lines;
}
/** The migrations a rollback crosses, as items of "what a code revert does not undo". */
function migrationsNotUndone(plan) {
    return plan.directories
        .filter((dir) => dir.crossed.length > 0)
        .map((dir) => ({
        what: `${dir.crossed.length} ${dir.tool} migration${dir.crossed.length === 1 ? '' : 's'} in ${dir.path}`,
        why: 'a code revert leaves the database schema as the failing release migrated it',
        action: dir.commands.length > 0
            ? `if the last good code cannot run on this schema, roll back with: ${dir.commands.join(' && ')}`
            : 'roll the schema back by hand; the migrations have no down steps'
    }));
}

const short$3 = (digest) => digest.slice(0, 19);
/** Config whose version changed while its files are not in the repository (nothing to revert). */
function configItems(diff, bad, good) {
    if (diff.config.change === 'same')
        return [];
    if (bad.config.files.length > 0 || good.config.files.length > 0)
        return [];
    const from = diff.config.now ?? 'none';
    const to = diff.config.restored ?? 'none';
    return [
        {
            what: `config version ${from} (last good: ${to})`,
            why: 'the manifests record the config version but none of its files, so the config lives outside this repository and the revert does not touch it',
            action: `set the config back to ${to} where it is kept (config service, secret store, ConfigMap applied by hand)`
        }
    ];
}
/** Images pinned by tag whose tag now points at another image: the revert restores the tag only. */
function imageItems(diff) {
    const items = [];
    for (const image of diff.images) {
        const { now, restored } = image;
        if (!now || !restored || !restored.tag)
            continue;
        if (now.tag === restored.tag &&
            now.digest &&
            restored.digest &&
            now.digest !== restored.digest) {
            items.push({
                what: `image ${image.name}:${restored.tag}`,
                why: `the tag moved: it pointed at ${short$3(restored.digest)}… in the last good release and at ${short$3(now.digest)}… now, so deploying the tag again runs the failing image`,
                action: `deploy by digest (${image.name}@${restored.digest}), e.g. with the pin-digests strategy, or push the tag back to that digest`
            });
        }
        else if (!restored.digest && image.change !== 'same') {
            items.push({
                what: `image ${image.name}:${restored.tag}`,
                why: 'the last good release recorded a tag without a digest, and a tag can have moved since',
                action: `check which image ${image.name}:${restored.tag} points at today before deploying the revert`
            });
        }
    }
    return items;
}
/**
 * What a code revert does not undo, from the two manifests: config kept outside the repository and
 * image tags that moved. Items from other sources are appended by the caller.
 */
function notUndoneByRevert(diff, bad, good) {
    return [...configItems(diff, bad, good), ...imageItems(diff)];
}
function notUndoneText(items) {
    if (items.length === 0)
        return [];
    return [
        '  not undone by the revert:',
        ...items.flatMap((item) => [`    - ${item.what}: ${item.why}`, `      do: ${item.action}`])
    ];
}
function notUndoneMarkdown(items) {
    const out = ['### What a code revert does not undo', ''];
    if (items.length === 0) {
        out.push('Nothing the manifests record outside git changed between the two releases (config kept outside the repository, image tags). Database migrations are listed here only when the manifests record them.', '');
        return out;
    }
    for (const item of items) {
        out.push(`- **${escapeMarkdown(item.what)}**: ${escapeMarkdown(item.why)}.  `, `  What to do: ${escapeMarkdown(item.action)}.`);
    }
    out.push('');
    return out;
}

/** How a release is named to people: its tag when it has one, else its short commit. */
function releaseLabel(stored) {
    return stored.manifest.source.tag ?? stored.manifest.source.commit.slice(0, 12);
}
/** What clients of the failing release lose: the changes the rollback makes that break them. */
function lostByClients(report) {
    return report.changes.filter((c) => !c.ignored && c.level === 'breaking');
}
/** The subject of a change in one short phrase: its operation, symbol or file. */
function subjectOf(change) {
    return change.operation ?? change.symbol ?? change.file ?? change.contract;
}
/** Notes other than those about a contract already listed as not compared (it says why there). */
function notesNotListed(report) {
    const listed = new Set(report.contracts.filter((c) => c.status !== 'compared').map((c) => c.name));
    return report.notes.filter((note) => note.contract === undefined || !listed.has(note.contract));
}
function uncompared(report) {
    return report.contracts.filter((c) => c.status === 'skipped');
}
/** The plan as text: one line per change and per contract that could not be compared. */
function rollbackContractsText(report, badLabel) {
    const lines = [];
    const { breaking, warning, info } = report.summary;
    if (report.contracts.length === 0) {
        lines.push('  rollback contracts: neither release recorded contract snapshots');
        return lines;
    }
    lines.push(`  rollback contracts: ${breaking} breaking, ${warning} warning, ${info} info for clients of ${badLabel}`);
    for (const change of report.changes.filter((c) => !c.ignored)) {
        lines.push(`      ${change.level.padEnd(8)} ${subjectOf(change)}: ${change.message}`);
    }
    const notCompared = report.contracts.filter((c) => c.status !== 'compared');
    for (const contract of notCompared) {
        lines.push(`      ${contract.status.padEnd(8)} ${contract.name}: ${contract.note ?? ''}`);
    }
    for (const note of notesNotListed(report))
        lines.push(`      ${note.level}: ${note.message}`);
    return lines;
}
/**
 * The warning stated first in the pull request body when the rollback breaks clients of the
 * failing release; empty when it does not. It never stops the revert: the gate already failed.
 */
function rollbackWarningMarkdown(report, badLabel, maxItems) {
    const lost = lostByClients(report);
    if (lost.length === 0)
        return [];
    const shown = lost.slice(0, maxItems).map((c) => `${escapeMarkdown(subjectOf(c))} (${c.id})`);
    if (lost.length > maxItems)
        shown.push(`and ${lost.length - maxItems} more`);
    return [
        '> [!WARNING]',
        `> **Clients of ${escapeMarkdown(badLabel)} lose:** ${shown.join(', ')}.`,
        '> Rolling back removes what the failing release added: check who already uses these (access logs, API metrics) before merging, and tell them.',
        ''
    ];
}
function changeLine(change) {
    const where = change.operation ?? change.symbol;
    const subject = where ? `${inlineCode(where)} ` : '';
    return `- **${change.level}** ${subject}${escapeMarkdown(change.message)} (${inlineCode(change.contract)})`;
}
/** The section of the pull request body: every change the rollback makes to the contracts. */
function rollbackContractsMarkdown(report, badLabel, maxItems) {
    const out = ['### What the rollback does to clients (contracts)', ''];
    if (report.contracts.length === 0) {
        out.push('Neither manifest records contract snapshots, so what the rollback does to the API is unknown. Give the manifest job its contracts (`contracts:` in .rollback-guard.yml) to see it next time.', '');
        return out;
    }
    const changes = report.changes.filter((c) => !c.ignored);
    const { breaking, warning, info } = report.summary;
    const skipped = uncompared(report);
    let headline = `From ${escapeMarkdown(badLabel)} back to the last good release: **${breaking} breaking**, ${warning} warning, ${info} info for clients.`;
    if (changes.length === 0)
        headline =
            skipped.length > 0
                ? 'No change found in the contracts that could be compared; the ones listed below were not compared.'
                : `The contracts of ${escapeMarkdown(badLabel)} and the last good release are the same: the rollback changes nothing for clients.`;
    out.push(headline, '');
    out.push(...changes.slice(0, maxItems).map(changeLine));
    if (changes.length > maxItems)
        out.push(`- … and ${changes.length - maxItems} more`);
    if (changes.length > 0)
        out.push('');
    const oneSided = report.contracts.filter((c) => c.status === 'new' || c.status === 'removed');
    for (const contract of [...oneSided, ...skipped]) {
        const what = contract.status === 'skipped' ? 'not compared' : `only in one release (${contract.status})`;
        out.push(`- ${inlineCode(contract.name)}: ${what}: ${escapeMarkdown(contract.note ?? '')}`.trimEnd());
    }
    if (oneSided.length + skipped.length > 0)
        out.push('');
    for (const note of notesNotListed(report))
        out.push(`> ${note.level === 'warning' ? '⚠️' : 'ℹ️'} ${escapeMarkdown(note.message)}`, '');
    return out;
}

/** The revert job's model: what failed, what to restore, how, and what happened when it was tried. */
const revertStrategies = ['revert-commits', 'restore-paths', 'pin-digests'];

function parseStrategy(value, input) {
    const name = value.trim();
    if (revertStrategies.includes(name))
        return name;
    throw new InputError(`${input}: '${name}' is not a revert strategy; use one of ${revertStrategies.join(', ')}.`);
}
/** The strategies to try, in order: the chosen one, then the fallbacks (comma or line separated), each once. */
function strategyOrder(primary, fallbacks, inputs = { primary: 'strategy', fallbacks: 'fallback-strategies' }) {
    const list = typeof fallbacks === 'string' ? fallbacks.split(/[\s,]+/) : [...fallbacks];
    const order = [parseStrategy(primary || 'revert-commits', inputs.primary)];
    for (const entry of list.map((f) => f.trim()).filter((f) => f !== '' && f !== 'none')) {
        const strategy = parseStrategy(entry, inputs.fallbacks);
        if (!order.includes(strategy))
            order.push(strategy);
    }
    return order;
}
/**
 * The reverts of revert-commits: the first-parent commits after the good one up to the bad one,
 * newest first; a merge is reverted with `-m 1`, which undoes everything it brought in, so the
 * commits of the merged branch are not reverted again.
 */
function planCommitReverts(firstParentNewestFirst) {
    return firstParentNewestFirst.map((commit) => ({
        sha: commit.sha,
        subject: commit.subject,
        mainline: commit.parents.length > 1 ? 1 : null
    }));
}
/** Earlier rollback-guard reverts inside the range: reported, since reverting them re-applies a bad change. */
function revertsInRange(commits) {
    return commits.filter((commit) => isRevertCommitMessage(commit.message));
}
/** Which strategies need deploy paths, and a one-line description of each for the plan. */
function describeStrategy(strategy) {
    switch (strategy) {
        case 'revert-commits':
            return 'revert the commits since the last good release, newest first (merge commits with -m 1)';
        case 'restore-paths':
            return 'restore the deploy paths from the last good commit in one commit';
        case 'pin-digests':
            return "pin the image references in the deploy YAML back to the last good release's digests";
    }
}

/** GitHub refuses pull request bodies longer than this. */
const pullBodyLimit = 65536;
const short$2 = (sha) => sha.slice(0, 12);
const icons = { pass: '✅', fail: '❌', inconclusive: '⚠️' };
function commitLink(input, sha) {
    const { serverUrl, repository } = input.links;
    return repository
        ? `[\`${short$2(sha)}\`](${serverUrl}/${repository}/commit/${sha})`
        : inlineCode(short$2(sha));
}
function imageText(value) {
    if (!value)
        return '—';
    const text = `${value.tag ?? ''}${value.digest ? `@${value.digest.slice(0, 19)}…` : ''}`;
    return inlineCode(text || '(no tag or digest)', { inTable: true });
}
function hash(value) {
    return value ? inlineCode(value.slice(0, 12), { inTable: true }) : '—';
}
function attemptLine(attempt) {
    const files = attempt.conflicts.length > 0
        ? `: ${attempt.conflicts.map((f) => inlineCode(f)).join(', ')}`
        : '';
    return `\`${attempt.strategy}\`: ${attempt.status}, ${escapeMarkdown(attempt.detail)}${files}`;
}
function boundText(o) {
    if (o.bound.kind === 'absolute')
        return o.bound.text;
    const threshold = o.measurements.find((m) => m.threshold !== null)?.threshold ?? null;
    return `${o.bound.text} of ${formatNumber(o.baseline?.value ?? null)} (= ${formatNumber(threshold)})`;
}
function evidenceTable(evidence) {
    const out = [
        '| | Objective | Query | Bound | Baseline | Last value | Why |',
        '|---|---|---|---|---|---|---|'
    ];
    for (const o of evidence.objectives) {
        const last = [...o.measurements].reverse().find((m) => m.value !== null);
        const name = `${escapeMarkdown(o.name)}${o.weight === 0 ? ' (informational)' : ''}`;
        out.push(`| ${icons[o.verdict]} | ${name} | ${inlineCode(o.query, { inTable: true })} | ${inlineCode(boundText(o), { inTable: true })} | ${o.baseline ? formatNumber(o.baseline.value) : '—'} | ${last ? formatNumber(last.value) : 'no data'} | ${escapeMarkdown(o.reason)} |`);
    }
    return out;
}
function diffSection(diff) {
    const out = [];
    const images = diff.images.filter((i) => i.change !== 'same');
    if (images.length > 0) {
        out.push('| Image | Now (failing) | After merge (last good) |', '|---|---|---|');
        for (const image of images)
            out.push(`| ${inlineCode(image.name, { inTable: true })} | ${imageText(image.now)} | ${imageText(image.restored)} |`);
        out.push('');
    }
    const modules = diff.go.filter((m) => m.change !== 'same');
    if (modules.length > 0) {
        out.push('| Go module | go.mod sha256 now → after | go.sum sha256 now → after | go |', '|---|---|---|---|');
        for (const m of modules) {
            out.push(`| ${inlineCode(m.module, { inTable: true })} | ${hash(m.now?.goModSha256)} → ${hash(m.restored?.goModSha256)} | ${hash(m.now?.goSumSha256)} → ${hash(m.restored?.goSumSha256)} | ${inlineCode(m.now?.goVersion ?? '—', { inTable: true })} → ${inlineCode(m.restored?.goVersion ?? '—', { inTable: true })} |`);
        }
        out.push('');
    }
    if (diff.config.change !== 'same') {
        out.push(`Config version: ${inlineCode(diff.config.now ?? 'none')} → ${inlineCode(diff.config.restored ?? 'none')} (files sha256 ${hash(diff.config.nowSha256)} → ${hash(diff.config.restoredSha256)}).`, '');
    }
    if (out.length === 0)
        out.push('The two manifests record the same images, Go modules and config.', '');
    return out;
}
function appliedSection(input, maxItems) {
    const { applied, attempts } = input.prepared;
    const out = [];
    if (!applied)
        return out;
    const tried = attempts.filter((a) => a !== applied);
    out.push(`**Strategy:** \`${applied.strategy}\`: ${describeStrategy(applied.strategy)}.`);
    if (tried.length > 0) {
        out.push('', 'Tried first:', ...tried.map((a) => `- ${attemptLine(a)}`));
    }
    out.push('');
    const list = (items, line) => {
        const shown = items.slice(0, maxItems).map(line);
        if (items.length > maxItems)
            shown.push(`- … and ${items.length - maxItems} more`);
        return shown;
    };
    if (applied.reverted?.length) {
        out.push(`Commits reverted (newest first, on \`${escapeMarkdown(input.prepared.baseBranch)}\`):`, '');
        out.push(...list(applied.reverted, (s) => `- ${commitLink(input, s.sha)} ${escapeMarkdown(s.subject)}${s.mainline ? ' (merge, reverted with `-m 1`)' : ''}`), '');
    }
    if (applied.restored?.length) {
        out.push(`Paths restored from ${commitLink(input, input.good.manifest.source.commit)}:`, '');
        out.push(...list(applied.restored, (p) => `- ${inlineCode(p)}`), '');
    }
    if (applied.edits?.length) {
        out.push('| File | Line | Field | Now | After merge |', '|---|---|---|---|---|');
        out.push(...applied.edits
            .slice(0, maxItems)
            .map((e) => `| ${inlineCode(e.file, { inTable: true })} | ${e.line} | ${e.kind} ${inlineCode(e.field, { inTable: true })} | ${inlineCode(e.from, { inTable: true })} | ${inlineCode(e.to, { inTable: true })} |`));
        if (applied.edits.length > maxItems)
            out.push(`| … | | ${applied.edits.length - maxItems} more | | |`);
        out.push('');
    }
    return out;
}
function conflictSection(input) {
    const { attempts } = input.prepared;
    const conflicts = [...new Set(attempts.flatMap((a) => a.conflicts))];
    const stopped = attempts.find((a) => a.status === 'conflict' && a.conflictAt)?.conflictAt;
    const good = input.good.manifest.source.commit;
    const out = [
        '> [!WARNING]',
        '> No strategy applied cleanly, so this draft holds no change yet. A person has to finish the revert on this branch.',
        '',
        ...attempts.map((a) => `- ${attemptLine(a)}`),
        ''
    ];
    if (conflicts.length > 0) {
        out.push('Conflicting files:', '', ...conflicts.map((f) => `- ${inlineCode(f)}`), '');
    }
    out.push('What to do:', '', '```sh');
    out.push('git fetch origin', `git switch ${input.branch}`);
    const commits = attempts.find((a) => a.strategy === 'revert-commits');
    if (commits && stopped) {
        out.push(`git revert ${stopped.mainline ? '-m 1 ' : ''}${stopped.sha}   # resolve the conflicts, then git revert --continue`, '# then revert the older commits of the range the same way, newest first');
    }
    else {
        out.push(`git restore --source=${good} -- <deploy paths>   # or edit the deploy files by hand`);
        out.push(`git commit -m "Restore the last good release ${short$2(good)}"`);
    }
    out.push('git push', '```', '', 'Then mark this pull request ready for review.', '');
    return out;
}
function linksSection(input) {
    const { serverUrl, repository, runUrl } = input.links;
    const bad = input.bad.manifest.source;
    const good = input.good.manifest.source;
    const out = [];
    if (runUrl)
        out.push(`- This SLO gate and revert: [run](${runUrl})`);
    if (bad.runUrl)
        out.push(`- Failing release ${commitLink(input, bad.commit)}: [build run](${bad.runUrl})`);
    else
        out.push(`- Failing release ${commitLink(input, bad.commit)}`);
    if (good.runUrl)
        out.push(`- Last good release ${commitLink(input, good.commit)}: [build run](${good.runUrl})`);
    else
        out.push(`- Last good release ${commitLink(input, good.commit)}`);
    if (repository)
        out.push(`- [Everything between them](${serverUrl}/${repository}/compare/${good.commit}...${bad.commit})`);
    return out;
}
/**
 * The pull request body: why (the SLO evidence with its charts), what (the manifest diff, the
 * commits or files), and links, under GitHub's size limit. Parts that do not fit are dropped in
 * this order: the gate's full report, the charts, long lists; the hidden markers always stay.
 */
function renderRevertBody(input, limit = pullBodyLimit) {
    const variants = [
        { fullReport: true, charts: true, maxItems: 200 },
        { fullReport: false, charts: true, maxItems: 100 },
        { fullReport: false, charts: false, maxItems: 30 },
        { fullReport: false, charts: false, maxItems: 5 }
    ];
    let body = '';
    for (const variant of variants) {
        body = renderBody(input, variant);
        if (body.length <= limit)
            return body;
    }
    const note = '\n\n_Cut to fit GitHub\u2019s size limit; the job summary has everything._\n';
    return `${body.slice(0, limit - note.length)}${note}`;
}
function renderBody(input, variant) {
    const { incident, good, bad, evidence, prepared } = input;
    const target = `${incident.service}/${incident.env}`;
    const out = [
        revertMarker(incident.service, incident.env),
        incidentMarker(incident.badCommit)
    ];
    out.push(`## ↩️ Revert ${escapeMarkdown(target)} to the last good release`, '', `The SLO gate **failed** after release ${commitLink(input, bad.manifest.source.commit)} (manifest ${inlineCode(bad.id)}). Merging this pull request brings ${escapeMarkdown(target)} back to ${commitLink(input, good.manifest.source.commit)} (manifest ${inlineCode(good.id)}, marked good).`, '');
    if (input.previousIncident && input.previousIncident !== incident.badCommit) {
        out.push(`This pull request first covered release ${inlineCode(short$2(input.previousIncident))}; the newer failing release replaced it (one open revert per service and environment).`, '');
    }
    if (input.reason)
        out.push(`> ${escapeMarkdown(input.reason)}`, '');
    if (input.rollback)
        out.push(...rollbackWarningMarkdown(input.rollback.contracts, releaseLabel(bad), variant.maxItems));
    if (prepared.applied)
        out.push(...appliedSection(input, variant.maxItems));
    else
        out.push(...conflictSection(input));
    if (input.earlierReverts.length > 0) {
        out.push(`Note: the reverted range holds ${input.earlierReverts.length} earlier rollback-guard revert(s) (${input.earlierReverts.map((c) => commitLink(input, c.sha)).join(', ')}); reverting them re-applies what they undid, check before merging.`, '');
    }
    out.push('### Why: the SLO evidence', '');
    if (evidence) {
        out.push(`${icons[evidence.verdict]} Verdict **${evidence.verdict}** with ${inlineCode(evidence.policy)}, deployed at ${inlineCode(evidence.deployedAt)}, measured until ${inlineCode(evidence.finishedAt)}.`, '', ...evidenceTable(evidence), '');
        if (variant.charts) {
            for (const o of evidence.objectives.filter((x) => x.verdict === 'fail')) {
                const chart = mermaidChart(o);
                if (!chart)
                    continue;
                out.push(`**${escapeMarkdown(o.name)}**`, '', '```mermaid', chart, '```', '', chartLegend(`the bound ${inlineCode(boundText(o))}`), '');
            }
        }
    }
    else {
        out.push(`The gate's verdict was **${input.verdict}**; no evidence file was given.`, '');
    }
    out.push('### What changes back (manifests)', '', ...diffSection(input.diff));
    out.push(...renderMigrationRollback(planMigrationRollback(bad.manifest.migrations, good.manifest.migrations)));
    if (input.rollback) {
        out.push(...rollbackContractsMarkdown(input.rollback.contracts, releaseLabel(bad), variant.maxItems), ...notUndoneMarkdown(input.rollback.notUndone));
    }
    out.push('### Links', '', ...linksSection(input), '');
    if (evidence && variant.fullReport) {
        // The gate's own list of every measurement (its table and charts are above already).
        const report = renderSloMarkdown(evidence);
        const details = report.indexOf('<details>');
        if (details >= 0)
            out.push(report.slice(details).trimEnd(), '');
    }
    out.push('---', `Merge to roll back. Close it to keep the current release: rollback-guard does not reopen a closed revert of the same incident. Branch ${inlineCode(input.branch)}.`, '');
    return out.join('\n');
}

/** Kinds whose engine compares a folder of files (a proto tree, Go packages) rather than one file. */
const treeKinds = new Set(['protobuf', 'go']);
/** A snapshot recorded without a kind (a plain `--contract path`): the kind its name implies. */
function inferKind(path) {
    const name = posix.basename(path);
    if (name === 'go.mod')
        return 'gomod';
    if (name.endsWith('.proto'))
        return 'protobuf';
    if (name.endsWith('.go'))
        return 'go';
    if (/\.(ya?ml|json)$/i.test(name))
        return 'openapi';
    return null;
}
function kindOf(record) {
    if (record.kind && contractKinds.includes(record.kind))
        return record.kind;
    return record.kind ? null : inferKind(record.path);
}
/** A snapshot path safe to write under a scratch folder; null when it would leave it. */
function safePath(path) {
    const normal = posix.normalize(path.replace(/\\/g, '/'));
    return normal.startsWith('../') || normal === '..' || isAbsolute(normal) ? null : normal;
}
function commonFolder(paths) {
    const parts = paths.map((p) => posix.dirname(p).split('/'));
    const first = parts[0] ?? [];
    let length = first.length;
    for (const other of parts) {
        let i = 0;
        while (i < length && other[i] === first[i])
            i++;
        length = i;
    }
    const folder = first.slice(0, length).join('/');
    return folder === '' ? '.' : folder;
}
function oneSidedChange(contract, kind, path, side) {
    const id = side === 'bad' ? 'contract-removed' : 'contract-added';
    return {
        kind,
        id,
        level: side === 'bad' ? 'breaking' : 'info',
        message: side === 'bad'
            ? `${kind} contract ${path} exists only in the failing release: the rollback removes it`
            : `${kind} contract ${path} exists only in the last good release: the rollback brings it back`,
        operation: null,
        symbol: null,
        file: path,
        line: null,
        ignored: false,
        fingerprint: fingerprintOf({ kind, id, subject: path }),
        contract
    };
}
/** One unit per file for file kinds, one per kind for tree kinds (their files compared together). */
function unitsOf(bad, good) {
    const units = new Map();
    const unknown = [];
    for (const [side, stored] of [
        ['bad', bad],
        ['good', good]
    ]) {
        for (const record of stored.manifest.contracts ?? []) {
            const kind = kindOf(record);
            if (!kind) {
                if (!unknown.some((r) => r.path === record.path))
                    unknown.push(record);
                continue;
            }
            // a migrations snapshot is one file of its folder: the folder is the contract
            const folder = kind === 'migrations' ? posix.dirname(record.path) : null;
            const key = treeKinds.has(kind)
                ? `${kind}:`
                : folder !== null
                    ? `${kind}:${folder}`
                    : `${kind}:${record.path}`;
            const unit = units.get(key) ?? { name: folder ?? record.path, kind, bad: [], good: [] };
            unit[side].push(record);
            units.set(key, unit);
        }
    }
    for (const unit of units.values()) {
        if (treeKinds.has(unit.kind))
            unit.name = commonFolder([...unit.bad, ...unit.good].map((r) => r.path));
    }
    return { units: [...units.values()], unknown };
}
/** Writes a side's snapshots under `root`; returns the paths that could not be read. */
async function writeSide(store, stored, records, root) {
    const missing = [];
    for (const record of records) {
        const path = safePath(record.path);
        const content = path ? await store.readSnapshot(stored, record.path).catch(() => null) : null;
        if (!path || !content) {
            missing.push(record.path);
            continue;
        }
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), content);
    }
    return missing;
}
/**
 * The contract side of a rollback: each contract snapshot of the failing release against the same
 * contract of the last good release, with the contract engines, failing -> good. A contract kept by
 * one release only is stated; a snapshot that cannot be read, or an engine that cannot compare, makes
 * that contract `skipped` with the reason and a warning. Nothing here stops the revert.
 */
async function compareReleaseContracts(options) {
    const { bad, good, store } = options;
    const engines = options.engines ?? contractEngines;
    const { units, unknown } = unitsOf(bad, good);
    const contracts = [];
    const changes = [];
    const notes = [];
    const skip = (unit, note) => {
        contracts.push({
            name: unit.name,
            kind: unit.kind,
            paths: [unit.name],
            status: 'skipped',
            note
        });
        notes.push({
            level: 'warning',
            message: `contract ${unit.name} was not compared: ${note}; what the rollback does to it is unknown.`,
            contract: unit.name
        });
    };
    for (const { path, kind } of unknown) {
        notes.push({
            level: 'warning',
            message: kind
                ? `contract snapshot ${path} is of kind '${kind}', which this version of rollback-guard cannot compare; what the rollback does to it is unknown.`
                : `contract snapshot ${path} has no known kind, so it was not compared; record it as kind:path (e.g. openapi:${path}).`
        });
    }
    const scratch = await mkdtemp(join(tmpdir(), 'rollback-guard-rollback-'));
    try {
        // Every snapshot of a release in one tree, so a spec's references to its sibling files resolve.
        const badRoot = join(scratch, 'failing');
        const goodRoot = join(scratch, 'good');
        const unreadable = new Set([
            ...(await writeSide(store, bad, bad.manifest.contracts ?? [], badRoot)).map((p) => `bad:${p}`),
            ...(await writeSide(store, good, good.manifest.contracts ?? [], goodRoot)).map((p) => `good:${p}`)
        ]);
        for (const unit of units) {
            const engine = engines[unit.kind];
            if (unit.bad.length === 0 || unit.good.length === 0) {
                const side = unit.bad.length > 0 ? 'bad' : 'good';
                contracts.push({
                    name: unit.name,
                    kind: unit.kind,
                    paths: [unit.name],
                    status: side === 'bad' ? 'removed' : 'new',
                    note: side === 'bad'
                        ? `only the failing release ${bad.manifest.source.commit.slice(0, 12)} records it: the rollback removes it`
                        : `only the last good release ${good.manifest.source.commit.slice(0, 12)} records it: the rollback brings it back`
                });
                changes.push(oneSidedChange(unit.name, unit.kind, unit.name, side));
                continue;
            }
            if (!engine) {
                skip(unit, `this version of rollback-guard has no engine for ${unit.kind} contracts`);
                continue;
            }
            const missing = [
                ...unit.bad
                    .filter((r) => unreadable.has(`bad:${r.path}`))
                    .map((r) => `${r.path} (failing release)`),
                ...unit.good
                    .filter((r) => unreadable.has(`good:${r.path}`))
                    .map((r) => `${r.path} (last good release)`)
            ];
            if (missing.length > 0) {
                skip(unit, `snapshot missing or unreadable in the manifest store: ${missing.join(', ')}`);
                continue;
            }
            const target = treeKinds.has(unit.kind) || unit.kind === 'migrations'
                ? unit.name
                : unit.bad[0].path;
            options.log(`rollback: comparing ${unit.kind} contract ${unit.name} (failing -> last good)`);
            try {
                // The engines' own progress names the scratch folder, which means nothing to a reader.
                const found = await engine.diff(join(badRoot, target), join(goodRoot, target), {
                    baseRoot: badRoot,
                    headRoot: goodRoot,
                    now: options.now,
                    // Snapshots hold go.mod files, not the code whose calls dependency impact looks for.
                    settings: { dependencyImpact: 'off' }
                });
                contracts.push({ name: unit.name, kind: unit.kind, paths: [unit.name], status: 'compared' });
                for (const change of found)
                    changes.push({ ...change, contract: unit.name });
            }
            catch (error) {
                skip(unit, messageOf(error));
            }
        }
    }
    finally {
        await rm(scratch, { recursive: true, force: true });
    }
    return assembleReport({
        base: { ref: bad.manifest.source.tag, sha: bad.manifest.source.commit, source: 'manifest' },
        head: { ref: good.manifest.source.tag, sha: good.manifest.source.commit },
        contracts,
        changes,
        notes,
        config: emptyConfig(),
        failOn: 'never',
        baseVersion: null,
        declaredVersion: null,
        now: options.now
    });
}

const verdicts = ['pass', 'fail', 'inconclusive'];
/** The gate's evidence JSON (`slo check --format json`, slo-gate's evidence-path), checked enough to use. */
function parseEvidence(text, origin) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new InputError(`${origin} is not JSON (${error.message}); give the SLO gate's evidence file (slo check --format json).`);
    }
    const doc = parsed;
    if (typeof doc !== 'object' ||
        doc === null ||
        doc.schemaVersion !== 1 ||
        !verdicts.includes(doc.verdict) ||
        !Array.isArray(doc.objectives)) {
        throw new InputError(`${origin} is not SLO gate evidence (schemaVersion 1, verdict, objectives); give the file slo-gate writes (its evidence-path output) or 'slo check --format json' prints.`);
    }
    return doc;
}
function parseVerdict(value, input) {
    const v = value.trim().toLowerCase();
    if (v === '')
        return null;
    if (verdicts.includes(v))
        return v;
    throw new InputError(`${input} must be pass, fail or inconclusive, got '${value}'.`);
}
function verdictOf(options) {
    const fromEvidence = options.evidence?.verdict ?? null;
    if (fromEvidence && options.verdict && fromEvidence !== options.verdict) {
        throw new InputError(`the verdict '${options.verdict}' contradicts the evidence, whose verdict is '${fromEvidence}'; pass the outputs of the same slo-gate step.`);
    }
    const verdict = options.verdict ?? fromEvidence;
    if (!verdict) {
        throw new InputError("no SLO verdict: give the gate's evidence (evidence-path / --reason FILE) or its verdict.");
    }
    return verdict;
}
const skipped = (decision, reason, plan = null) => ({
    action: 'skipped',
    reason,
    decision,
    plan,
    branch: plan?.branch ?? null,
    number: null,
    url: null,
    draft: false,
    strategy: null,
    pushed: false,
    warnings: []
});
async function buildPlan(options, ports, decision, previousIncident) {
    const { bad, good } = decision;
    const incident = {
        service: options.service,
        env: options.env,
        badCommit: bad.manifest.source.commit
    };
    const goodCommit = good.manifest.source.commit;
    const commits = (await ports.git.commitsBetween(goodCommit, incident.badCommit)) ?? [];
    const steps = planCommitReverts(commits);
    const diff = diffManifests(bad.manifest, good.manifest);
    const prepared = await ports.git.prepare({
        base: options.base,
        good: goodCommit,
        bad: incident.badCommit,
        strategies: options.strategies,
        steps,
        deployPaths: options.deployPaths,
        pins: imagePins(diff),
        trailer: revertTrailer(incident)
    });
    const branch = revertBranchName(incident);
    const earlierReverts = revertsInRange(commits);
    const evidence = options.evidence;
    const rollback = {
        contracts: await compareReleaseContracts({
            bad,
            good,
            store: ports.store,
            engines: ports.engines,
            now: new Date(),
            log: ports.log
        }),
        notUndone: [
            ...notUndoneByRevert(diff, bad.manifest, good.manifest),
            ...migrationsNotUndone(planMigrationRollback(bad.manifest.migrations, good.manifest.migrations))
        ]
    };
    const body = renderRevertBody({
        incident,
        bad,
        good,
        diff,
        rollback,
        prepared,
        evidence,
        verdict: verdictOf(options),
        reason: options.reason,
        branch,
        links: options.links,
        earlierReverts,
        previousIncident
    });
    return {
        incident,
        bad,
        good,
        branch,
        steps,
        earlierReverts,
        diff,
        rollback,
        prepared,
        title: `${prepared.applied ? '' : '[needs a person] '}${revertTitle(incident, goodCommit)}`,
        body,
        marker: revertMarker(options.service, options.env)
    };
}
/** Names end up in paths, refspecs and git arguments: only plain ones are accepted. */
function assertOptions(options) {
    for (const [input, value] of [
        ['service', options.service],
        ['env', options.env]
    ]) {
        if (!isPlainName(value)) {
            throw new InputError(`${input} '${value}' is not a valid name: use letters, digits, '.', '_' or '-' (at most 63), as given to the manifest job.`);
        }
    }
    if (!isBranchName(options.base)) {
        throw new InputError(`base '${options.base}' is not a branch name; give the branch deploys come from (e.g. main).`);
    }
}
async function decide(options, ports) {
    assertOptions(options);
    const verdict = verdictOf(options);
    if (verdict !== 'fail') {
        return decideRevert({
            service: options.service,
            env: options.env,
            verdict,
            bad: null,
            good: null,
            badCommitMessage: null
        });
    }
    const bad = await ports.store.resolve(options.service, options.env, options.badRef);
    if (!bad && options.badRef !== 'latest') {
        throw new InputError(`no manifest '${options.badRef}' for ${options.service}/${options.env}: give the failing release as latest, a manifest id or its source commit.`);
    }
    const good = await ports.store.resolve(options.service, options.env, 'last-good');
    const badCommitMessage = bad ? await ports.git.commitMessage(bad.manifest.source.commit) : null;
    return decideRevert({
        service: options.service,
        env: options.env,
        verdict,
        bad,
        good,
        badCommitMessage
    });
}
/** `revert plan` and `--dry-run`: decides and prepares the branch in a scratch worktree; pushes and opens nothing. */
async function planRevert(options, ports) {
    try {
        const decision = await decide(options, ports);
        if (decision.kind === 'skip')
            return skipped(decision, decision.message);
        const plan = await buildPlan(options, ports, decision, null);
        if (!plan.prepared.head)
            return skipped(decision, nothingApplied(plan), plan);
        return {
            action: 'skipped',
            reason: 'dry run: nothing was pushed and no pull request was opened.',
            decision,
            plan,
            branch: plan.branch,
            number: null,
            url: null,
            draft: options.pull.draft || !plan.prepared.applied,
            strategy: plan.prepared.applied?.strategy ?? null,
            pushed: false,
            warnings: []
        };
    }
    finally {
        await ports.git.dispose();
    }
}
function nothingApplied(plan) {
    return `nothing to revert on ${plan.prepared.baseBranch}: ${plan.prepared.attempts.map(attemptLine).join('; ')}.`;
}
/**
 * `revert open` and the revert-pr action: one pull request per incident. Looks up before it
 * pushes: a closed pull request of this incident is never reopened; an open revert of the same
 * service/env (an older incident) is updated rather than joined by a second one. A branch pushed
 * by this run is deleted again when the pull request cannot be opened.
 */
async function openRevert(options, ports) {
    const pulls = ports.pulls;
    if (!pulls)
        throw new Error('openRevert needs the pull request port; use planRevert for a dry run');
    try {
        const decision = await decide(options, ports);
        if (decision.kind === 'skip') {
            ports.log(`revert: ${decision.message}`);
            return skipped(decision, decision.message);
        }
        const incident = {
            service: options.service,
            env: options.env,
            badCommit: decision.bad.manifest.source.commit
        };
        const ownBranch = revertBranchName(incident);
        const marker = revertMarker(options.service, options.env);
        const history = await pulls.fromBranch(ownBranch);
        const closed = history.find((p) => p.state === 'closed' && p.body.includes(marker));
        if (closed && !history.some((p) => p.state === 'open')) {
            const reason = closed.merged
                ? `the revert of this incident was already merged (#${closed.number}, ${closed.url}).`
                : `the revert of this incident (#${closed.number}, ${closed.url}) was closed by a person; it is not reopened. Delete the branch ${ownBranch} to allow a new one.`;
            ports.log(`revert: ${reason}`);
            return {
                ...skipped(decision, reason),
                branch: ownBranch,
                number: closed.number,
                url: closed.url
            };
        }
        const open = await pulls.openFromPrefix(targetBranchPrefix(options.service, options.env), marker);
        const current = open.find((p) => p.head === ownBranch) ?? open[0] ?? null;
        const branch = current?.head ?? ownBranch;
        const previousIncident = current ? incidentOfBody(current.body) : null;
        if (current && previousIncident && previousIncident !== incident.badCommit) {
            // A re-run of an older incident must not take the open revert back from a newer one.
            const covered = await ports.store.resolve(options.service, options.env, previousIncident);
            if (covered && covered.id > decision.bad.id) {
                const reason = `the open revert #${current.number} (${current.url}) covers a newer failing release (${previousIncident.slice(0, 12)}); it is left as it is.`;
                ports.log(`revert: ${reason}`);
                return { ...skipped(decision, reason), branch, number: current.number, url: current.url };
            }
        }
        if (current && current.head !== ownBranch) {
            ports.log(`revert: updating the open revert #${current.number} of ${options.service}/${options.env} (${current.head}) for the newer failing release`);
        }
        const plan = await buildPlan(options, ports, decision, previousIncident);
        const prepared = plan.prepared;
        if (!prepared.head || !prepared.tree) {
            const reason = nothingApplied(plan);
            ports.log(`revert: ${reason}`);
            return skipped(decision, reason, plan);
        }
        const warnings = [];
        const remote = await ports.git.remoteBranch(branch);
        let pushed = false;
        if (remote && !hasRevertTrailer(remote.message)) {
            warnings.push(`the branch ${branch} holds a commit that rollback-guard did not make (${remote.sha.slice(0, 12)}); it is left as it is.`);
        }
        else if (remote && remote.tree === prepared.tree) {
            ports.log(`revert: ${branch} already holds this revert`);
        }
        else {
            await ports.git.push(prepared.head, branch, remote?.sha ?? null);
            pushed = true;
        }
        try {
            const result = await pulls.createOrUpdate({
                head: branch,
                base: options.base,
                title: plan.title,
                body: plan.body,
                marker,
                draft: options.pull.draft || !prepared.applied,
                labels: options.pull.labels,
                reviewers: options.pull.reviewers,
                teamReviewers: options.pull.teamReviewers,
                assignees: options.pull.assignees
            });
            warnings.push(...result.warnings);
            if (result.action === 'closed-exists') {
                const reason = `pull request #${result.number} from ${branch} is closed; it is not reopened.`;
                return {
                    ...skipped(decision, reason, plan),
                    branch,
                    number: result.number,
                    url: result.url,
                    warnings
                };
            }
            const action = result.action === 'unchanged' && pushed ? 'updated' : result.action;
            ports.log(`revert: pull request #${result.number} ${action}: ${result.url}`);
            return {
                action,
                reason: null,
                decision,
                plan,
                branch,
                number: result.number,
                url: result.url,
                draft: result.draft,
                strategy: prepared.applied?.strategy ?? null,
                pushed,
                warnings
            };
        }
        catch (error) {
            // No stray branch: a branch this run created is removed when its pull request cannot exist,
            // unless an open pull request (a concurrent run's) uses it by now.
            if (pushed && !remote && !(await openPullUses(pulls, branch))) {
                await ports.git
                    .deleteRemoteBranch(branch, prepared.head)
                    .catch((cleanup) => ports.log(`revert: could not delete ${branch}: ${cleanup.message}`));
            }
            throw error;
        }
    }
    finally {
        await ports.git.dispose();
    }
}
async function openPullUses(pulls, branch) {
    try {
        return (await pulls.fromBranch(branch)).some((p) => p.state === 'open');
    }
    catch {
        return true;
    }
}
/** The plan as text: the CLI's `revert plan` and the demo. */
function renderRevertText(result) {
    const lines = [];
    const plan = result.plan;
    if (!plan) {
        lines.push(`revert: ${result.action}: ${result.reason ?? ''}`);
        return `${lines.join('\n')}\n`;
    }
    const { incident, bad, good, prepared, diff } = plan;
    lines.push(`Revert plan for ${incident.service}/${incident.env}`, `  failing release  ${bad.manifest.source.commit.slice(0, 12)} (manifest ${bad.id})`, `  last good        ${good.manifest.source.commit.slice(0, 12)} (manifest ${good.id})`, `  base             ${prepared.baseBranch} at ${prepared.baseSha.slice(0, 12)}`, `  branch           ${result.branch ?? plan.branch}`, `  title            ${plan.title}`);
    for (const attempt of prepared.attempts) {
        lines.push(`  ${attempt.strategy.padEnd(15)}  ${attempt.status}: ${attempt.detail}${attempt.conflicts.length ? ` [${attempt.conflicts.join(', ')}]` : ''}`);
        for (const step of attempt.reverted ?? [])
            lines.push(`      revert ${step.mainline ? '-m 1 ' : ''}${step.sha.slice(0, 12)} ${step.subject}`);
        for (const path of attempt.restored ?? [])
            lines.push(`      restore ${path}`);
        for (const edit of attempt.edits ?? [])
            lines.push(`      ${edit.file}:${edit.line} ${edit.field}: ${edit.from} -> ${edit.to}`);
    }
    for (const image of diff.images.filter((i) => i.change !== 'same')) {
        const text = (v) => (v ? `${v.tag ?? ''}@${v.digest ?? '-'}` : 'none');
        lines.push(`  image ${image.name}: ${text(image.now)} -> ${text(image.restored)}`);
    }
    for (const mod of diff.go.filter((m) => m.change !== 'same'))
        lines.push(`  go.mod ${mod.module}: ${mod.now?.goModSha256.slice(0, 12) ?? 'none'} -> ${mod.restored?.goModSha256.slice(0, 12) ?? 'none'}`);
    if (diff.config.change !== 'same')
        lines.push(`  config version: ${diff.config.now ?? 'none'} -> ${diff.config.restored ?? 'none'}`);
    lines.push(...renderMigrationRollbackText(planMigrationRollback(bad.manifest.migrations, good.manifest.migrations)));
    lines.push(...rollbackContractsText(plan.rollback.contracts, releaseLabel(bad)));
    lines.push(...notUndoneText(plan.rollback.notUndone));
    if (result.url)
        lines.push(`  pull request     #${result.number} ${result.action}: ${result.url}`);
    else if (result.reason)
        lines.push(`  ${result.reason}`);
    for (const warning of result.warnings)
        lines.push(`  warning: ${warning}`);
    return `${lines.join('\n')}\n`;
}

const short$1 = (sha) => sha.slice(0, 12);
/**
 * Tries the strategies in the order given, each from a clean tree at the base branch's tip, and
 * keeps the first that applies. When none applies but one conflicted, the branch still gets one
 * empty commit so that a draft pull request can show the conflicts to a person; when none could
 * even start (nothing to revert), there is nothing to push.
 */
async function prepareRevert(tree, request, log) {
    const baseSha = await tree.open(request);
    const attempts = [];
    let applied = null;
    for (const strategy of request.strategies) {
        await tree.reset(baseSha);
        const attempt = await tree.apply(strategy, request);
        attempts.push(attempt);
        log(`${strategy}: ${attempt.status} (${attempt.detail})`);
        if (attempt.status === 'applied') {
            applied = attempt;
            break;
        }
    }
    const prepared = { baseBranch: request.base, baseSha, attempts, applied };
    if (!applied) {
        await tree.reset(baseSha);
        if (!attempts.some((a) => a.status === 'conflict'))
            return { ...prepared, head: null, tree: null };
        // A draft needs a commit of its own; it carries the trailer so later runs know the branch is ours.
        await tree.commitEmpty(`rollback-guard: revert to ${short$1(request.good)} needs a person\n\nNo strategy applied cleanly; see the pull request for the conflicting files.\n\n${request.trailer}\n`);
    }
    return { ...prepared, ...(await tree.head()) };
}

/** `docker.io/library/nginx`, `index.docker.io/nginx` and `nginx` are one image. */
function normalizeImageName(name) {
    let n = name.trim().toLowerCase();
    n = n.replace(/^(index\.)?docker\.io\//, '');
    n = n.replace(/^library\//, '');
    return n;
}
/** Splits `name[:tag][@digest]` without judging it: values in YAML files are what they are. */
function splitImageRef(ref) {
    const text = ref.trim();
    if (text === '' || /\s/.test(text))
        return null;
    const at = text.indexOf('@');
    const namePart = at === -1 ? text : text.slice(0, at);
    const digest = at === -1 ? null : text.slice(at + 1);
    if (digest !== null && !/^sha256:[0-9a-f]{64}$/.test(digest))
        return null;
    const slash = namePart.lastIndexOf('/');
    const colon = namePart.lastIndexOf(':');
    const hasTag = colon > slash;
    const name = hasTag ? namePart.slice(0, colon) : namePart;
    if (!/^[a-z0-9][a-z0-9._/:-]*$/i.test(name))
        return null;
    return { name, tag: hasTag ? namePart.slice(colon + 1) : null, digest };
}
function pinFor(pins, name) {
    const wanted = normalizeImageName(name);
    return pins.find((pin) => normalizeImageName(pin.name) === wanted);
}
/** A value names the bad release when it carries its digest, or, having no digest, its tag. */
function namesBadRelease(pin, tag, digest) {
    if (digest)
        return pin.from.digest !== null && digest === pin.from.digest;
    return tag !== null && pin.from.tag !== null && tag === pin.from.tag;
}
function scalarText(node) {
    return distExports.isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
        ? String(node.value)
        : null;
}
function pairValue(map, key) {
    for (const item of map.items) {
        if (distExports.isPair(item) && scalarText(item.key) === key && distExports.isScalar(item.value))
            return item.value;
    }
    return null;
}
/**
 * Rewrites the image references of the bad release to the good one's, in place: a Kubernetes
 * `image:` value, a kustomization `images:` entry (`newTag`, `digest`) and Helm values
 * (`repository` with `tag` and/or `digest`, `registry` prepended). Only the edited scalars change;
 * the YAML is edited through its concrete syntax tree, so comments, quoting and layout survive.
 */
function pinImageReferences(text, file, pins) {
    // Parsing is the cost: a file that cannot name a failing release is not parsed at all.
    const needles = pins.flatMap((pin) => [pin.from.digest?.replace(/^sha256:/, ''), pin.from.tag].filter((n) => !!n));
    if (!needles.some((needle) => text.includes(needle)))
        return { text, edits: [] };
    const lines = new distExports.LineCounter();
    const tokens = Array.from(new distExports.Parser(lines.addNewLine).parse(text));
    const docs = Array.from(new distExports.Composer({ keepSourceTokens: true }).compose(tokens));
    const broken = docs.find((doc) => doc.errors.length > 0);
    if (broken)
        return { text, edits: [], error: broken.errors[0]?.message.split('\n')[0] ?? 'invalid YAML' };
    const edits = [];
    const set = (node, kind, field, value) => {
        const from = scalarText(node) ?? '';
        if (from === value || !node.srcToken)
            return;
        distExports.CST.setScalarValue(node.srcToken, value);
        const offset = node.range?.[0] ?? 0;
        edits.push({ file, line: lines.linePos(offset).line, kind, field, from, to: value });
    };
    for (const doc of docs) {
        distExports.visit(doc, {
            Map(_key, map, path) {
                const parent = path[path.length - 1];
                const grand = path[path.length - 2];
                const inImages = distExports.isSeq(parent) && distExports.isPair(grand) && scalarText(grand.key) === 'images';
                if (inImages && pairValue(map, 'name')) {
                    pinKustomizeEntry(map, pins, set);
                    return;
                }
                if (pairValue(map, 'repository'))
                    pinHelmImage(map, pins, set);
                for (const item of map.items) {
                    if (!distExports.isPair(item) || scalarText(item.key) !== 'image' || !distExports.isScalar(item.value))
                        continue;
                    const value = item.value;
                    const ref = splitImageRef(scalarText(value) ?? '');
                    const pin = ref && pinFor(pins, ref.name);
                    if (!ref || !pin || !namesBadRelease(pin, ref.tag, ref.digest))
                        continue;
                    const tag = ref.tag === null ? null : (pin.to.tag ?? null);
                    const digest = pin.to.digest;
                    if (tag === null && digest === null)
                        continue;
                    set(value, 'image', 'image', `${ref.name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`);
                }
            }
        });
    }
    if (edits.length === 0)
        return { text, edits };
    return { text: tokens.map((token) => distExports.CST.stringify(token)).join(''), edits };
}
/** kustomization.yaml: `images: [{ name, newName?, newTag?, digest? }]`. */
function pinKustomizeEntry(map, pins, set) {
    const name = scalarText(pairValue(map, 'newName')) ?? scalarText(pairValue(map, 'name'));
    const pin = name ? pinFor(pins, name) : undefined;
    if (!pin)
        return;
    const tagNode = pairValue(map, 'newTag');
    const digestNode = pairValue(map, 'digest');
    if (!namesBadRelease(pin, scalarText(tagNode), scalarText(digestNode)))
        return;
    if (digestNode && pin.to.digest)
        set(digestNode, 'kustomize', 'digest', pin.to.digest);
    if (tagNode && pin.to.tag)
        set(tagNode, 'kustomize', 'newTag', pin.to.tag);
}
/** Helm values: `{ registry?, repository, tag?, digest? }`; a digest may be written with or without `sha256:`. */
function pinHelmImage(map, pins, set) {
    const repository = scalarText(pairValue(map, 'repository'));
    const registry = scalarText(pairValue(map, 'registry'));
    const pin = pinFor(pins, registry ? `${registry.replace(/\/+$/, '')}/${repository}` : repository) ??
        pinFor(pins, repository);
    if (!pin)
        return;
    const tagNode = pairValue(map, 'tag');
    const digestNode = pairValue(map, 'digest');
    const rawTag = scalarText(tagNode);
    const tagAt = rawTag?.indexOf('@') ?? -1;
    const tag = rawTag !== null && tagAt >= 0 ? rawTag.slice(0, tagAt) : rawTag;
    const tagDigest = rawTag !== null && tagAt >= 0 ? rawTag.slice(tagAt + 1) : null;
    const rawDigest = scalarText(digestNode);
    const bare = rawDigest !== null && rawDigest !== '' && !rawDigest.startsWith('sha256:');
    const digest = rawDigest ? (bare ? `sha256:${rawDigest}` : rawDigest) : tagDigest;
    if (!namesBadRelease(pin, tag || null, digest))
        return;
    if (digestNode && rawDigest && pin.to.digest) {
        set(digestNode, 'helm', 'digest', bare ? pin.to.digest.slice('sha256:'.length) : pin.to.digest);
    }
    if (tagNode && rawTag !== null) {
        const newTag = pin.to.tag ?? tag ?? '';
        const newDigest = tagDigest !== null ? pin.to.digest : null;
        const value = `${newTag}${newDigest ? `@${newDigest}` : ''}`;
        if (value !== '' && (pin.to.tag !== null || newDigest !== null))
            set(tagNode, 'helm', 'tag', value);
    }
}

const defaultIdentity = {
    name: 'github-actions[bot]',
    email: '41898282+github-actions[bot]@users.noreply.github.com'
};
const short = (sha) => sha.slice(0, 12);
/** The git edge of revert-pr: history, a scratch worktree for the strategies, push and cleanup. */
class GitRevertRepository {
    options;
    worktree = null;
    /** The base commit the prepared branch builds on. */
    openedAt = null;
    token;
    serverUrl;
    identity;
    log;
    fetchedHistory = false;
    constructor(options) {
        this.options = options;
        if (options.remote !== null)
            assertRemoteName(options.remote);
        this.token = options.token?.trim() || null;
        this.serverUrl = options.serverUrl ?? 'https://github.com';
        this.identity = options.identity ?? defaultIdentity;
        this.log = options.log ?? (() => undefined);
    }
    auth = null;
    async run(args, extra = {}) {
        this.auth ??= tokenEnv(this.options.cwd, this.token, this.serverUrl);
        const auth = await this.auth;
        const identity = {
            GIT_AUTHOR_NAME: this.identity.name,
            GIT_AUTHOR_EMAIL: this.identity.email,
            GIT_COMMITTER_NAME: this.identity.name,
            GIT_COMMITTER_EMAIL: this.identity.email
        };
        // The repository's hooks (husky, pre-push checks) are not ours to run for a revert.
        return git(['-c', 'core.hooksPath=/dev/null', ...args], {
            cwd: this.options.cwd,
            ...extra,
            env: { ...auth, ...identity, ...extra.env }
        });
    }
    inTree(args, extra = {}) {
        if (!this.worktree)
            throw new Error('the revert worktree is not set up');
        return this.run(args, { ...extra, cwd: this.worktree });
    }
    /** A shallow checkout (actions/checkout's default) lacks the history to revert: fetch it, once. */
    async ensureHistory(commits) {
        if (this.fetchedHistory || !this.options.remote)
            return;
        const missing = [];
        for (const sha of commits) {
            const has = await this.run(['cat-file', '-e', `${sha}^{commit}`], { allowFailure: true });
            if (has.code !== 0)
                missing.push(sha);
        }
        const shallow = (await this.run(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
        if (missing.length === 0 && !shallow)
            return;
        this.fetchedHistory = true;
        this.log(`fetching history from ${this.options.remote} (${shallow ? 'the checkout is shallow' : `it lacks ${missing.map(short).join(', ')}`})`);
        const fetched = await this.run(['fetch', '--quiet', '--no-tags', ...(shallow ? ['--unshallow'] : []), this.options.remote], { allowFailure: true });
        if (fetched.code !== 0)
            this.log(`fetching history failed: ${scrub(fetched.stderr, this.token).trim()}`);
    }
    async commitMessage(sha) {
        await this.ensureHistory([sha]);
        const out = await this.run(['log', '-1', '--format=%B', sha, '--'], { allowFailure: true });
        return out.code === 0 ? out.stdout.trim() : null;
    }
    async commitsBetween(good, bad) {
        await this.ensureHistory([good, bad]);
        const ancestor = await this.run(['merge-base', '--is-ancestor', good, bad], {
            allowFailure: true
        });
        if (ancestor.code !== 0)
            return null;
        const out = await this.run([
            'log',
            '--first-parent',
            '--format=%H%x1f%P%x1f%s%x1f%B%x1e',
            `${good}..${bad}`,
            '--'
        ]);
        return out.stdout
            .split('\x1e')
            .map((record) => record.replace(/^\n/, ''))
            .filter((record) => record.trim() !== '')
            .map((record) => {
            const [sha = '', parents = '', subject = '', message = ''] = record.split('\x1f');
            return {
                sha,
                parents: parents.split(' ').filter(Boolean),
                subject,
                message: message.trim()
            };
        });
    }
    async baseSha(base) {
        const { remote } = this.options;
        if (remote) {
            const fetched = await this.run([
                'fetch',
                '--quiet',
                '--no-tags',
                remote,
                `+refs/heads/${base}:refs/remotes/${remote}/${base}`
            ], { allowFailure: true });
            if (fetched.code !== 0) {
                throw new InputError(`cannot fetch the base branch '${base}' from ${remote} (${scrub(fetched.stderr, this.token).trim().split('\n').pop()}); set the base input to the branch deploys come from.`);
            }
            return (await this.run(['rev-parse', `refs/remotes/${remote}/${base}`])).stdout.trim();
        }
        const local = await this.run(['rev-parse', '--verify', '--quiet', `refs/heads/${base}^{commit}`], {
            allowFailure: true
        });
        if (local.code !== 0)
            throw new InputError(`the base branch '${base}' does not exist here; set the base input.`);
        return local.stdout.trim();
    }
    prepare(request) {
        return prepareRevert(this, request, this.log);
    }
    async open(request) {
        await this.ensureHistory([request.good, request.bad]);
        const baseSha = await this.baseSha(request.base);
        this.openedAt = baseSha;
        await this.dispose();
        this.worktree = await mkdtemp(join(tmpdir(), 'rollback-guard-revert-'));
        await this.run(['worktree', 'add', '--quiet', '--detach', '--force', this.worktree, baseSha]);
        return baseSha;
    }
    async reset(sha) {
        await this.inTree(['reset', '--quiet', '--hard', sha]);
        await this.inTree(['clean', '-fdq']);
    }
    apply(strategy, request) {
        return strategy === 'revert-commits'
            ? this.revertCommits(request)
            : strategy === 'restore-paths'
                ? this.restorePaths(request)
                : this.pinDigests(request);
    }
    async commitEmpty(message) {
        await this.commit(message, ['--allow-empty']);
    }
    async head() {
        const head = (await this.inTree(['rev-parse', 'HEAD'])).stdout.trim();
        const tree = (await this.inTree(['rev-parse', 'HEAD^{tree}'])).stdout.trim();
        return { head, tree };
    }
    async commit(message, extra = []) {
        await this.inTree(['commit', '--quiet', '--no-verify', ...extra, '-F', '-'], { input: message });
    }
    async nothingStaged() {
        return (await this.inTree(['diff', '--cached', '--quiet'], { allowFailure: true })).code === 0;
    }
    async revertCommits(request) {
        const base = {
            strategy: 'revert-commits',
            status: 'unavailable',
            detail: '',
            conflicts: []
        };
        if (request.steps.length === 0) {
            return {
                ...base,
                detail: `the last good commit ${short(request.good)} is not an ancestor of the failing one ${short(request.bad)}, or nothing lies between them`
            };
        }
        const reverted = [];
        for (const step of request.steps) {
            const args = [
                'revert',
                '--no-commit',
                ...(step.mainline ? ['-m', String(step.mainline)] : []),
                step.sha
            ];
            const result = await this.inTree(args, { allowFailure: true });
            if (result.code !== 0) {
                const conflicts = (await this.inTree(['diff', '--name-only', '--diff-filter=U'])).stdout
                    .split('\n')
                    .filter(Boolean);
                await this.inTree(['revert', '--abort'], { allowFailure: true });
                if (conflicts.length === 0) {
                    return {
                        ...base,
                        detail: `git revert ${short(step.sha)} failed: ${scrub(result.stderr, this.token).trim().split('\n')[0] ?? ''}`
                    };
                }
                return {
                    ...base,
                    status: 'conflict',
                    detail: `reverting ${short(step.sha)} (${step.subject}) conflicts with the base branch`,
                    conflicts,
                    conflictAt: step,
                    reverted
                };
            }
            const merge = step.mainline ? ` (merge, reverted against its first parent)` : '';
            const committed = await this.inTree(['commit', '--quiet', '--no-verify', '-F', '-'], {
                input: `Revert "${step.subject}"\n\nThis reverts commit ${step.sha}${merge}.\n\n${request.trailer}\n`,
                allowFailure: true
            });
            if (committed.code !== 0) {
                // Nothing staged: the base branch already undid this commit's change.
                if (!(await this.nothingStaged()))
                    throw new Error(`git commit failed: ${committed.stderr.trim()}`);
                await this.inTree(['revert', '--quit'], { allowFailure: true });
                continue;
            }
            reverted.push(step);
        }
        if (reverted.length === 0) {
            return {
                ...base,
                status: 'empty',
                detail: 'every change of the range is already undone on the base branch'
            };
        }
        return {
            ...base,
            status: 'applied',
            detail: `reverted ${reverted.length} commit(s), newest first${reverted.length < request.steps.length ? ` (${request.steps.length - reverted.length} already undone)` : ''}`,
            reverted
        };
    }
    async restorePaths(request) {
        const base = {
            strategy: 'restore-paths',
            status: 'unavailable',
            detail: '',
            conflicts: []
        };
        if (request.deployPaths.length === 0) {
            return { ...base, detail: 'no deploy-paths were given' };
        }
        for (const path of request.deployPaths) {
            const inGood = await this.inTree(['cat-file', '-e', `${request.good}:${path.replace(/\/+$/, '')}`], {
                allowFailure: true
            });
            if (inGood.code === 0) {
                await this.inTree([
                    'restore',
                    `--source=${request.good}`,
                    '--staged',
                    '--worktree',
                    '--',
                    path
                ]);
            }
            else {
                await this.inTree(['rm', '-r', '-q', '--ignore-unmatch', '--', path]);
            }
        }
        if (await this.nothingStaged()) {
            return {
                ...base,
                status: 'empty',
                detail: 'the deploy paths already match the last good commit'
            };
        }
        const restored = (await this.inTree(['diff', '--cached', '--name-only'])).stdout
            .split('\n')
            .filter(Boolean);
        await this.commit(`Restore ${request.deployPaths.join(', ')} from ${short(request.good)}\n\nThe deploy paths of the last good release, restored in one commit.\n\n${request.trailer}\n`);
        return {
            ...base,
            status: 'applied',
            detail: `restored ${restored.length} file(s) from ${short(request.good)}`,
            restored
        };
    }
    async pinDigests(request) {
        const base = {
            strategy: 'pin-digests',
            status: 'unavailable',
            detail: '',
            conflicts: []
        };
        if (request.pins.length === 0) {
            return { ...base, detail: 'the two manifests record no image whose digest or tag changed' };
        }
        const listed = await this.inTree([
            'ls-files',
            '-z',
            '--',
            ...(request.deployPaths.length ? request.deployPaths : ['.'])
        ]);
        const files = listed.stdout.split('\0').filter((f) => /\.ya?ml$/i.test(f));
        const edits = [];
        const changed = [];
        for (const file of files) {
            const path = join(this.worktree, file);
            const text = await readFile(path, 'utf8');
            const result = pinImageReferences(text, file, request.pins);
            if (result.error)
                this.log(`pin-digests: skipped ${file}: ${result.error}`);
            if (result.edits.length === 0)
                continue;
            await writeFile(path, result.text);
            edits.push(...result.edits);
            changed.push(file);
        }
        if (changed.length === 0) {
            return {
                ...base,
                status: 'empty',
                detail: `no reference to the failing images in ${files.length} YAML file(s)`
            };
        }
        await this.inTree(['add', '--', ...changed]);
        const lines = request.pins.map((pin) => `- ${pin.name}: ${pin.from.tag ?? ''}@${pin.from.digest ?? '-'} -> ${pin.to.tag ?? ''}@${pin.to.digest ?? '-'}`);
        await this.commit(`Pin images back to the last good release ${short(request.good)}\n\n${lines.join('\n')}\n\n${request.trailer}\n`);
        return {
            ...base,
            status: 'applied',
            detail: `rewrote ${edits.length} image reference(s) in ${changed.length} file(s)`,
            edits
        };
    }
    async remoteBranch(branch) {
        const { remote } = this.options;
        let sha;
        if (remote) {
            const listed = await this.run(['ls-remote', '--heads', remote, `refs/heads/${branch}`], {
                allowFailure: true
            });
            if (listed.code !== 0) {
                throw pushError(listed.stderr, branch, remote, this.token);
            }
            sha = listed.stdout.split(/\s+/)[0] ?? '';
            if (!sha)
                return null;
            await this.run([
                'fetch',
                '--quiet',
                '--no-tags',
                remote,
                `+refs/heads/${branch}:refs/rollback-guard/remote/${branch}`
            ]);
        }
        else {
            const local = await this.run(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], {
                allowFailure: true
            });
            if (local.code !== 0)
                return null;
            sha = local.stdout.trim();
        }
        const out = await this.run(['log', '-1', '--format=%T%x1f%B', sha, '--']);
        const [tree = '', message = ''] = out.stdout.split('\x1f');
        return { sha, tree, message: message.trim() };
    }
    async push(head, branch, expected) {
        if (this.options.signedPush) {
            const base = this.openedAt;
            if (!base)
                throw new Error('internal error: push before prepare');
            const shas = (await this.run(['rev-list', '--reverse', `${base}..${head}`])).stdout
                .split('\n')
                .filter(Boolean);
            const listed = [];
            for (const sha of shas)
                listed.push(await this.listCommit(sha));
            const commits = await this.withContents(listed);
            const tree = (await this.run(['rev-parse', `${base}^{tree}`])).stdout.trim();
            const pushed = await this.options.signedPush({
                branch,
                expected,
                parent: { sha: base, tree },
                commits
            });
            this.log(`pushed ${branch} (${short(pushed)}, ${commits.length} signed commit(s)) through the GitHub API`);
            return;
        }
        const { remote } = this.options;
        if (!remote)
            throw new InputError(`there is no remote to push ${branch} to; give --remote (default origin).`);
        const result = await this.run([
            'push',
            '--quiet',
            '--porcelain',
            `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`,
            remote,
            `${head}:refs/heads/${branch}`
        ], { allowFailure: true });
        if (result.code !== 0)
            throw pushError(`${result.stdout}\n${result.stderr}`, branch, remote, this.token);
        this.log(`pushed ${branch} (${short(head)}) to ${remote}`);
    }
    /** A commit as the Git Data API recreates it: message, author, changed paths with their blob ids. */
    async listCommit(sha) {
        const meta = (await this.run(['show', '-s', '--format=%an%x00%ae%x00%aI%x00%B', sha])).stdout;
        const [name = '', email = '', date = '', ...message] = meta.split('\u0000');
        const raw = (await this.run(['diff-tree', '--no-commit-id', '-r', '--raw', '-z', `${sha}^`, sha])).stdout;
        const fields = raw.split('\u0000');
        const changes = [];
        for (let i = 0; i + 1 < fields.length; i += 2) {
            const [oldMode = '', newMode = '', , newSha = '', status = ''] = (fields[i] ?? '')
                .replace(/^:/, '')
                .split(' ');
            const path = fields[i + 1];
            changes.push(status.startsWith('D')
                ? { path, mode: oldMode, blob: null }
                : { path, mode: newMode, blob: newSha });
        }
        return {
            message: message.join('\u0000').trimEnd() + '\n',
            author: { name, email, date },
            changes
        };
    }
    /** The commits with the content of every new blob, all read in one `git cat-file --batch`. */
    async withContents(listed) {
        const blobs = await catFileBatch(this.options.cwd, listed.flatMap((commit) => commit.changes.flatMap(({ blob }) => (blob === null ? [] : [blob]))));
        return listed.map(({ changes, ...commit }) => ({
            ...commit,
            changes: changes.map(({ path, mode, blob }) => {
                if (blob === null)
                    return { path, mode, content: null };
                const content = blobs.get(blob);
                if (!content)
                    throw new ServiceError(`git cat-file found no blob ${blob} for ${path}`);
                return { path, mode, content };
            })
        }));
    }
    async deleteRemoteBranch(branch, expected) {
        const { remote } = this.options;
        if (!remote)
            return;
        const result = await this.run([
            'push',
            '--quiet',
            '--porcelain',
            `--force-with-lease=refs/heads/${branch}:${expected}`,
            remote,
            '--delete',
            `refs/heads/${branch}`
        ], { allowFailure: true });
        if (result.code !== 0)
            throw pushError(`${result.stdout}\n${result.stderr}`, branch, remote, this.token);
        this.log(`deleted ${branch} from ${remote}`);
    }
    async dispose() {
        if (!this.worktree)
            return;
        const dir = this.worktree;
        this.worktree = null;
        await this.run(['worktree', 'remove', '--force', dir], { allowFailure: true });
        await rm(dir, { recursive: true, force: true });
        await this.run(['worktree', 'prune'], { allowFailure: true });
    }
}

/** The pull request port of revert-pr on GitHub: look-ups by branch and by prefix, then createOrUpdatePull. */
function gitHubRevertPulls(options) {
    const { client, owner, repo } = options;
    const sameRepo = (p) => !p.head.repo?.full_name ||
        p.head.repo.full_name.toLowerCase() === `${owner}/${repo}`.toLowerCase();
    return {
        async fromBranch(branch) {
            try {
                const pulls = await client.paginate('GET /repos/{owner}/{repo}/pulls', {
                    owner,
                    repo,
                    head: `${owner}:${branch}`,
                    state: 'all',
                    per_page: 100
                });
                return pulls.filter((p) => p.head.ref === branch && sameRepo(p)).map(pullSummaryOf);
            }
            catch (error) {
                throw toGitHubError(error, `looking for pull requests from ${branch} in ${owner}/${repo}`);
            }
        },
        async openFromPrefix(prefix, marker) {
            try {
                const pulls = await client.paginate('GET /repos/{owner}/{repo}/pulls', {
                    owner,
                    repo,
                    state: 'open',
                    per_page: 100
                });
                return pulls
                    .filter((p) => p.head.ref.startsWith(prefix) && sameRepo(p) && (p.body ?? '').includes(marker))
                    .map(pullSummaryOf);
            }
            catch (error) {
                throw toGitHubError(error, `listing the open pull requests of ${owner}/${repo}`);
            }
        },
        createOrUpdate(spec) {
            return createOrUpdatePull({ client, owner, repo, ...spec, log: options.log });
        }
    };
}

async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
}
/**
 * The text of an evidence file as the user gave its path (relative to `cwd`; `-`: standard input).
 * `name` is how the error calls where the path came from (`--reason`, `input 'evidence-path'`),
 * `hint` what to give instead.
 */
async function readEvidenceText(path, at) {
    if (path === '-')
        return readStdin();
    return readFile(resolve(at.cwd ?? '.', path), 'utf8').catch(() => {
        throw new InputError(`${at.name}: cannot read '${path}'; ${at.hint}`);
    });
}
/**
 * An evidence JSON object from a file (`-`: standard input). `name` is how errors call where the
 * path came from (`--evidence`, `input 'evidence-path'`).
 */
async function readEvidenceFile(path, name = '--evidence') {
    const text = await readEvidenceText(path, {
        name,
        hint: "give the SLO evidence JSON file (slo-gate's evidence-path)."
    });
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            throw new Error('not an object');
        return parsed;
    }
    catch (error) {
        throw new InputError(`${name}: '${path}' is not a JSON object (${error.message}).`);
    }
}
/**
 * The library's `markManifest`: the evidence as an object, or the path of its JSON file (as
 * earlier versions took it).
 */
async function markManifest(store, service, env, ref, status, evidence, now) {
    const document = typeof evidence === 'string' ? await readEvidenceFile(evidence) : evidence;
    return markManifest$1(store, service, env, ref, status, document, now);
}

export { GitRevertRepository as G, diffManifests as a, pinImageReferences as b, planRevert as c, decideRevert as d, renderRevertText as e, parseVerdict as f, gitHubRevertPulls as g, readEvidenceText as h, readEvidenceFile as i, markManifest as m, openRevert as o, parseEvidence as p, renderRevertBody as r, strategyOrder as s };
