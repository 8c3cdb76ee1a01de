import { w as workspaceRoot, t as tokenInput, b as booleanInput, i as input, s as storeSettingsFromInputs, r as runAction, h as warning, n as notice, c as info, a as setOutput, d as summary, f as actionLog } from './chunks/runtime-CMjfH61q.js';
import { s as strategyOrder, f as parseVerdict, h as readEvidenceText, p as parseEvidence, e as renderRevertText } from './chunks/evidence-BlkrdVJ2.js';
import { r as revertLinks, a as runRevertJob } from './chunks/links-Cziu8ev4.js';
import { a as assertRemoteName, I as InputError } from './chunks/revert-auth-D1fpjJ97.js';
import { r as readEvent } from './chunks/event-BBqUxHs3.js';
import { g as gitHubSettingsFrom } from './chunks/github-CRI6Pj-t.js';
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
import './chunks/ci-source-Du9gr27e.js';
import './chunks/rules-BV59h7l_.js';
import 'process';
import 'buffer';
import 'node:crypto';
import 'node:fs/promises';
import 'node:path';
import './chunks/markdown-DHpZ7sZ7.js';
import 'node:os';
import './chunks/change-BNGh1OCi.js';
import './chunks/engines-2t0PYy3j.js';
import './chunks/ajv-CwPNZJXH.js';
import 'node:fs';
import 'node:v8';
import 'node:vm';
import 'node:url';
import 'node:child_process';
import './chunks/manifest-D1692HQ7.js';
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
import 'node:async_hooks';
import 'node:console';
import 'node:dns';

/** A list input: one entry per line or comma. */
function listInput(name) {
    return input(name)
        .split(/[\n,]/)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '' && !entry.startsWith('#'));
}
async function readEvidenceInput(root) {
    const path = input('evidence-path');
    if (!path)
        return null;
    const text = await readEvidenceText(path, {
        cwd: root,
        name: "input 'evidence-path'",
        hint: "pass the slo-gate step's evidence-path output."
    });
    return parseEvidence(text, `input 'evidence-path' ('${path}')`);
}
/** The inputs as the revert job's settings; every error names an input. */
async function parseRevertPrInputs() {
    const root = await workspaceRoot();
    const github = gitHubSettingsFrom(process.env, tokenInput());
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const links = revertLinks({
        serverUrl: process.env.GITHUB_SERVER_URL,
        apiUrl: process.env.GITHUB_API_URL,
        repository: repository || null,
        runId: process.env.GITHUB_RUN_ID
    });
    const event = await readEvent();
    const refName = process.env.GITHUB_REF?.startsWith('refs/heads/')
        ? process.env.GITHUB_REF.slice('refs/heads/'.length)
        : '';
    const dryRun = booleanInput('dry-run', false);
    const remote = input('remote') || 'origin';
    assertRemoteName(remote, "input 'remote'");
    const store = await storeSettingsFromInputs(root);
    if (store.kind === 'none') {
        throw new InputError("input 'store: none' keeps no manifests; revert-pr needs the store the manifest job writes to (branch or file).");
    }
    if (!dryRun && !github.token) {
        throw new InputError("input 'github-token' is empty: revert-pr opens a pull request; leave the default (${{ github.token }}) or pass a token.");
    }
    if (!dryRun && (!github.owner || !github.repo))
        throw new InputError('GITHUB_REPOSITORY is not set; run revert-pr in GitHub Actions.');
    return {
        root,
        mode: dryRun ? 'plan' : 'open',
        store,
        remote,
        github: { ...github, serverUrl: links.serverUrl },
        signCommits: booleanInput('sign-commits', false),
        options: {
            service: input('service') || github.repo || 'service',
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
        }
    };
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
    const settings = await parseRevertPrInputs();
    const result = await runRevertJob(settings, actionLog, {
        store: "input 'store'",
        storePath: "input 'store-path'"
    });
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
