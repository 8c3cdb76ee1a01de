import { r as runAction, i as input, f as setSecret, b as booleanInput, s as storeFromInputs, e as actionLog, w as warning, n as notice, c as info, a as setOutput, d as summary } from './chunks/runtime-CDJYe_Eh.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { a as assertRemoteName, I as InputError } from './chunks/revert-auth-CKzvVpr3.js';
import { s as strategyOrder, f as parseVerdict, G as GitRevertRepository, c as planRevert, o as openRevert, e as renderRevertText, p as parseEvidence, g as gitHubRevertPulls } from './chunks/revert-pull-CYH0DSNA.js';
import { r as repositoryRoot } from './chunks/ci-source-BZBKCrbT.js';
import { c as createGitHubClient } from './chunks/client-B4-vmRwT.js';
import { r as revertLinks, p as pushSignedCommits } from './chunks/links-BZx5yL3A.js';
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
import 'string_decoder';
import 'child_process';
import 'timers';
import './chunks/store-CUCmWg3A.js';
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
import 'node:os';
import 'node:crypto';
import 'node:child_process';
import './chunks/rules-Ch9TPdEO.js';
import 'process';
import 'buffer';
import 'url';
import 'module';
import './chunks/markdown-NqDS0PGv.js';
import './chunks/change-BNGh1OCi.js';
import './chunks/body-limit-DKEvYjdc.js';
import 'node:v8';
import 'node:vm';
import './chunks/proxy--ZNbrEDD.js';
import 'node:fs';

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
    const links = revertLinks({
        serverUrl: process.env.GITHUB_SERVER_URL,
        apiUrl: process.env.GITHUB_API_URL,
        repository: repository || null,
        runId: process.env.GITHUB_RUN_ID
    });
    const serverUrl = links.serverUrl;
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
        links,
        pull: {
            draft: booleanInput('draft', false),
            labels: listInput('labels'),
            reviewers: listInput('reviewers'),
            teamReviewers: listInput('team-reviewers'),
            assignees: listInput('assignees')
        }
    };
    const store = await storeFromInputs(root);
    if (!store) {
        throw new InputError("input 'store: none' keeps no manifests; revert-pr needs the store the manifest job writes to (branch or file).");
    }
    // sign-commits: the branch is pushed through the Git Data API, so GitHub signs its commits
    let client = null;
    const signCommits = booleanInput('sign-commits', false);
    const git = new GitRevertRepository({
        cwd: root,
        remote,
        token: token || null,
        serverUrl,
        log: actionLog.info,
        ...(signCommits
            ? {
                signedPush: (request) => {
                    if (!client)
                        throw new Error('internal error: signed push before the GitHub client');
                    return pushSignedCommits(client, { owner, repo, ...request });
                }
            }
            : {})
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
        client = createGitHubClient({
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
await runAction(runRevertPrAction, { maxSecondsInput: 'max-seconds', defaultMaxSeconds: 600 });

export { runRevertPrAction };
