import { r as runAction, i as input, f as setSecret, b as booleanInput, d as actionLog, w as warning, n as notice, a as info, s as setOutput, c as summary } from './chunks/runtime-CQtloq1z.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { r as repositoryRoot, o as openStore } from './chunks/ci-source-BZEHVI23.js';
import { I as InputError } from './chunks/errors-CPLHv7me.js';
import { a as assertRemoteName, s as strategyOrder, b as parseVerdict, G as GitRevertRepository, p as planRevert, o as openRevert, r as renderRevertText, c as parseEvidence } from './chunks/revert-CSLeRPPX.js';
import { h as httpStatusOf, g as gitHubMessageOf, a as gitHubErrorDetails, i as isForbidden, t as toGitHubError, c as createGitHubClient } from './chunks/errors-Bw6wUSBb.js';
import { f as fitBody, d as defaultTruncationNote, m as maxBodyLength } from './chunks/body-limit-DEnkON2z.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'http';
import 'https';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:util';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
import 'node:tls';
import 'node:zlib';
import 'node:perf_hooks';
import 'node:util/types';
import 'node:worker_threads';
import 'node:url';
import 'node:async_hooks';
import 'node:console';
import 'node:dns';
import 'string_decoder';
import 'child_process';
import 'timers';
import './chunks/manifest-file-store-CmJx4j-b.js';
import 'process';
import 'buffer';
import 'node:os';
import 'node:child_process';
import 'node:crypto';
import './chunks/markdown-escape-C67i4v5f.js';
import './chunks/markdown-Dbo4ttbb.js';

function summaryOf$2(pull) {
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
    return pulls.filter((p) => p.head.ref === head).map(summaryOf$2);
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
        if (open && !open.body.includes(marker)) {
            throw new InputError(`pull request #${open.number} (${open.url}) from branch '${head}' was not opened by rollback-guard; close it or delete the branch so rollback-guard can open its own.`);
        }
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
            const created = await createPull(spec, body, warn);
            ({ number, url, draft } = created);
            action = 'created';
        }
        await decorate(spec, number, warn);
        return { action, number, url, draft, warnings };
    }
    catch (error) {
        if (error instanceof InputError)
            throw error;
        throw pullRequestError(error, doing, owner, repo);
    }
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
        return summaryOf$2((await request(spec.draft === true)).data);
    }
    catch (error) {
        // Private repositories on some plans cannot have drafts; GitHub says so in a 422.
        if (spec.draft &&
            httpStatusOf(error) === 422 &&
            /draft/i.test(`${gitHubMessageOf(error)} ${gitHubErrorDetails(error)}`)) {
            warn(`draft pull requests are not supported in ${owner}/${repo}; opening a ready one`);
            return summaryOf$2((await request(false)).data);
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

function summaryOf$1(pull) {
    return {
        number: pull.number,
        url: pull.html_url,
        state: pull.state === 'closed' ? 'closed' : 'open',
        draft: pull.draft === true,
        merged: Boolean(pull.merged_at),
        title: pull.title,
        body: pull.body ?? '',
        head: pull.head.ref
    };
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
                return pulls.filter((p) => p.head.ref === branch && sameRepo(p)).map(summaryOf$1);
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
                    .map(summaryOf$1);
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

/** A list input: one entry per line or comma. */
function listInput(name) {
    return input(name)
        .split(/[\n,]/)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '' && !entry.startsWith('#'));
}
async function readEvent() {
    const path = process.env.GITHUB_EVENT_PATH;
    if (!path)
        return {};
    try {
        return JSON.parse(await readFile(path, 'utf8'));
    }
    catch {
        return {};
    }
}
async function readEvidenceInput(root) {
    const path = input('evidence-path');
    if (!path)
        return null;
    const full = resolve(root, path);
    const text = await readFile(full, 'utf8').catch(() => {
        throw new InputError(`input 'evidence-path': cannot read '${path}'; pass the slo-gate step's evidence-path output.`);
    });
    return parseEvidence(text, `input 'evidence-path' ('${path}')`);
}
function summaryOf(result) {
    const head = `### ↩️ revert-pr: ${result.action}${result.url ? ` [#${result.number}](${result.url})` : ''}`;
    const why = result.reason ? `\n\n${result.reason}` : '';
    const plan = result.plan
        ? `\n\n\`\`\`text\n${renderRevertText(result)}\`\`\`\n\n${result.plan.body}`
        : '';
    return `${head}${why}${plan}\n`;
}
async function runRevertPrAction() {
    const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd();
    const root = (await repositoryRoot(workspace)) ?? workspace;
    const token = input('github-token');
    if (token)
        setSecret(token);
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const [owner = '', repo = ''] = repository.split('/');
    const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com';
    const runId = process.env.GITHUB_RUN_ID;
    const event = await readEvent();
    const refName = process.env.GITHUB_REF?.startsWith('refs/heads/')
        ? process.env.GITHUB_REF.slice('refs/heads/'.length)
        : '';
    const dryRun = booleanInput('dry-run', false);
    const remote = input('remote') || 'origin';
    assertRemoteName(remote, "input 'remote'");
    const options = {
        service: input('service') || repo || 'service',
        env: input('env') || 'production',
        evidence: await readEvidenceInput(root),
        verdict: parseVerdict(input('verdict'), "input 'verdict'"),
        badRef: input('bad') || 'latest',
        base: input('base') || event.repository?.default_branch || refName || 'main',
        strategies: strategyOrder(input('strategy'), input('fallback-strategies')),
        deployPaths: listInput('deploy-paths'),
        reason: input('reason') || null,
        links: {
            serverUrl,
            repository: repository || null,
            runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : null
        },
        pull: {
            draft: booleanInput('draft', false),
            labels: listInput('labels'),
            reviewers: listInput('reviewers'),
            teamReviewers: listInput('team-reviewers'),
            assignees: listInput('assignees')
        }
    };
    const store = await openStore(root, {
        store: input('store') || 'branch',
        branch: input('branch') || 'rollback-manifests',
        remote: input('remote') || undefined,
        storePath: input('store-path') || '.rollback-guard/manifests'
    }, actionLog.info);
    if (!store) {
        throw new InputError("input 'store: none' keeps no manifests; revert-pr needs the store the manifest job writes to (branch or file).");
    }
    const git = new GitRevertRepository({
        cwd: root,
        remote,
        token: token || null,
        serverUrl,
        log: actionLog.info
    });
    let result;
    if (dryRun) {
        result = await planRevert(options, { store, git, pulls: null, log: actionLog.info });
    }
    else {
        if (!token) {
            throw new InputError("input 'github-token' is empty: revert-pr opens a pull request; leave the default (${{ github.token }}) or pass a token.");
        }
        if (!owner || !repo)
            throw new InputError('GITHUB_REPOSITORY is not set; run revert-pr in GitHub Actions.');
        const client = createGitHubClient({
            token,
            baseUrl: process.env.GITHUB_API_URL,
            log: actionLog
        });
        const pulls = gitHubRevertPulls({ client, owner, repo, log: actionLog });
        result = await openRevert(options, { store, git, pulls, log: actionLog.info });
    }
    for (const warning$1 of result.warnings)
        warning(warning$1);
    if (result.action === 'skipped' && result.reason)
        notice(`revert-pr: ${result.reason}`);
    info(renderRevertText(result).trimEnd());
    setOutput('action', result.action);
    setOutput('pull-request-number', result.number === null ? '' : String(result.number));
    setOutput('pull-request-url', result.url ?? '');
    setOutput('branch', result.branch ?? '');
    setOutput('strategy', result.strategy ?? '');
    setOutput('reason', result.reason ?? '');
    await summary.addRaw(summaryOf(result)).write();
    return 0;
}
await runAction(runRevertPrAction);

export { runRevertPrAction };
