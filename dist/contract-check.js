import { r as runAction, i as input, f as setSecret, b as booleanInput, e as actionLog, n as notice, w as warning, c as info, d as summary, a as setOutput, g as setFailed } from './chunks/runtime-CDJYe_Eh.js';
import { I as InputError, p as parseMaxSeconds, b as messageOf } from './chunks/revert-auth-CKzvVpr3.js';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { r as runContractCheck, m as manifestBaselineReader, g as gitBaseline } from './chunks/contract-check-DLi5E-NS.js';
import { H as isForbidden, E as httpStatusOf, F as toGitHubError, I as fitBody, J as gitHubMessageOf, K as defaultTruncationNote, L as maxBodyLength, M as parseReportFormat, D as runContractDiff, C as renderReport, N as renderAnnotations, O as commentId, P as renderPrComment, Q as commentLimit, R as renderJobSummary, S as failOnValues } from './chunks/body-limit-DKEvYjdc.js';
import { o as openStore } from './chunks/store-CUCmWg3A.js';
import { r as repositoryRoot } from './chunks/ci-source-BZBKCrbT.js';
import { c as createGitHubClient } from './chunks/client-B4-vmRwT.js';
import { g as getLatestRelease } from './chunks/releases-XXgZrt2d.js';
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
import 'node:child_process';
import './chunks/rules-Ch9TPdEO.js';
import 'process';
import 'buffer';
import 'url';
import 'module';
import 'node:v8';
import 'node:vm';
import './chunks/proxy--ZNbrEDD.js';
import './chunks/change-BNGh1OCi.js';
import 'node:fs';

/** The login that GITHUB_TOKEN writes as; installation tokens cannot ask GET /user who they are. */
const actionsBotLogin = 'github-actions[bot]';
/** null: the token is an installation token (GET /user answered 403, or 404 on some servers). */
const loginCache = new WeakMap();
/**
 * Who the client's token writes as: GET /user for a personal token; for an installation token
 * (GITHUB_TOKEN, which GET /user answers with 403 "Resource not accessible by integration")
 * `fallback`, by default `github-actions[bot]`. A GitHub App token writes as `<app-slug>[bot]`:
 * pass that as `fallback`.
 */
async function resolveAuthenticatedLogin(client, fallback = actionsBotLogin) {
    let login = loginCache.get(client);
    if (!login) {
        login = client.request('GET /user').then((response) => response.data.login, (error) => {
            if (isForbidden(error) || httpStatusOf(error) === 404)
                return null;
            throw toGitHubError(error, 'asking GitHub which user the token belongs to (GET /user)');
        });
        loginCache.set(client, login);
        login.catch(() => loginCache.delete(client));
    }
    return (await login) ?? fallback;
}

const markerId = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
/** The hidden line that identifies a rollback-guard comment: `<!-- rollback-guard:<id> -->`. */
function stickyMarker(id) {
    if (!markerId.test(id)) {
        throw new InputError(`comment marker '${id}' must be 1-100 letters, digits, '.', '_', '/' or '-', starting with a letter or digit.`);
    }
    return `<!-- rollback-guard:${id} -->`;
}
/**
 * Creates or updates the one comment of ours on an issue or pull request that carries `marker`.
 * A comment is ours when it has the marker AND was written by the token's user, so a marker
 * pasted by someone else is never touched. A 403 (a fork's read-only token) is not an error but
 * `{ action: 'skipped' }`: the caller then reports through the job summary and annotations.
 */
async function upsertStickyComment(options) {
    const { client, owner, repo, issueNumber } = options;
    const marker = stickyMarker(options.marker);
    const { body, truncated } = fitBody(`${marker}\n${options.body}`, maxBodyLength, options.truncationNote ?? defaultTruncationNote);
    const where = `${owner}/${repo}#${issueNumber}`;
    let step = `listing the comments of ${where}`;
    try {
        const author = (await resolveAuthenticatedLogin(client, options.authorLogin)).toLowerCase();
        const listOurs = async () => (await client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            owner,
            repo,
            issue_number: issueNumber,
            per_page: 100
        }))
            .filter((c) => c.user?.login.toLowerCase() === author &&
            (c.body ?? '').split('\n', 1)[0]?.trim() === marker)
            .sort((a, b) => Number(a.id) - Number(b.id));
        const update = async (id) => {
            step = `updating comment ${id} on ${where}`;
            const { data } = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: id, body });
            return { id: Number(data.id), url: data.html_url };
        };
        const ours = (await listOurs())[0];
        if (ours && ours.body === body)
            return { action: 'unchanged', id: Number(ours.id), url: ours.html_url, truncated };
        if (ours)
            return { action: 'updated', ...(await update(Number(ours.id))), truncated };
        step = `commenting on ${where}`;
        const { data } = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: issueNumber, body });
        // Two runs that listed at the same time both create: keep the oldest, with our body, and
        // remove the others, so the runs converge on one comment.
        step = `looking for a comment a concurrent run posted on ${where}`;
        const [oldest, ...others] = await listOurs();
        if (!oldest || others.length === 0) {
            return { action: 'created', id: Number(data.id), url: data.html_url, truncated };
        }
        const kept = Number(oldest.id) === Number(data.id)
            ? { id: Number(data.id), url: data.html_url }
            : await update(Number(oldest.id));
        for (const extra of others) {
            step = `removing the duplicate comment ${extra.id} on ${where}`;
            await client
                .request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
                owner,
                repo,
                comment_id: extra.id
            })
                .catch((error) => {
                if (httpStatusOf(error) !== 404)
                    throw error;
            });
        }
        return {
            action: Number(oldest.id) === Number(data.id) ? 'created' : 'updated',
            ...kept,
            truncated
        };
    }
    catch (error) {
        if (isForbidden(error)) {
            return {
                action: 'skipped',
                reason: `GitHub refused ${step} (403 ${gitHubMessageOf(error)}): the token is read-only here, as on pull requests from forks, or lacks 'pull-requests: write'.`
            };
        }
        throw toGitHubError(error, step);
    }
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
function parseFailOn(value) {
    if (value === '')
        return null;
    if (failOnValues.includes(value))
        return value;
    throw new InputError(`input 'fail-on' must be one of ${failOnValues.join(', ')}, got '${value}'.`);
}
/** The latest GitHub release as a fallback baseline; a failure to ask is a warning, not an error. */
function releaseReader(client, owner, repo) {
    if (!client || !owner || !repo)
        return null;
    return {
        async latestRelease() {
            try {
                const release = await getLatestRelease({ client, owner, repo });
                return release ? { tag: release.tagName } : null;
            }
            catch (error) {
                warning(`could not read the latest GitHub release: ${messageOf(error)}`);
                return null;
            }
        }
    };
}
/** The last manifest marked good on the manifest branch, opened only when the search gets there. */
function manifestReader(root, snapshots) {
    return {
        async lastGood(service, env) {
            try {
                const branch = input('branch') || 'rollback-manifests';
                const store = await openStore(root, { store: 'branch', branch, remote: undefined, storePath: '' }, actionLog.debug);
                return store ? await manifestBaselineReader(store, snapshots).lastGood(service, env) : null;
            }
            catch (error) {
                warning(`could not read the manifest branch: ${messageOf(error)}`);
                return null;
            }
        }
    };
}
/**
 * Prints text that quotes the specs with workflow commands turned off, so a spec cannot smuggle a
 * `::command::` into the log (the runner reads commands after leading spaces too).
 */
function logInert(text) {
    const resume = randomBytes(16).toString('hex');
    process.stdout.write(`::stop-commands::${resume}\n${text}\n::${resume}::\n`);
}
async function runContractCheckAction() {
    const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd();
    const root = (await repositoryRoot(workspace)) ?? workspace;
    const token = input('github-token');
    if (token)
        setSecret(token);
    const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com';
    const runUrl = process.env.GITHUB_RUN_ID
        ? `${serverUrl}/${owner}/${repo}/actions/runs/${process.env.GITHUB_RUN_ID}`
        : null;
    const event = await readEvent();
    const pull = event.pull_request ?? null;
    const format = parseReportFormat(input('format') || 'text', "input 'format'");
    const failOn = parseFailOn(input('fail-on'));
    const wantComment = booleanInput('comment', true);
    const wantAnnotations = booleanInput('annotations', true);
    const wantSummary = booleanInput('job-summary', true);
    const jobId = input('comment-id') || process.env.GITHUB_JOB || 'contract-check';
    let against = input('against') || 'auto';
    if (against === 'pr-base') {
        if (!pull)
            throw new InputError("input 'against: pr-base' needs a pull_request event; use 'auto' or a ref on other events.");
        against = pull.base.sha;
    }
    const client = token
        ? createGitHubClient({ token, baseUrl: process.env.GITHUB_API_URL, log: actionLog })
        : null;
    const head = pull
        ? { ref: pull.head.ref, sha: pull.head.sha }
        : { ref: process.env.GITHUB_REF_NAME || null, sha: process.env.GITHUB_SHA || null };
    const markdown = {
        jobId,
        repository: owner && repo ? `${owner}/${repo}` : null,
        serverUrl,
        summaryUrl: runUrl
    };
    // One spec, no config (as oasdiff-action takes them): `base` and `revision` are two files.
    const base = input('base');
    const revision = input('revision');
    if (Boolean(base) !== Boolean(revision))
        throw new InputError(`input '${base ? 'revision' : 'base'}' is empty: give both 'base' and 'revision' (two spec files relative to the repository root), or neither to use the config.`);
    const dependencyImpact = dependencyImpactInput(input('dependency-impact'));
    const skipLabel = input('skip-label');
    const skipped = Boolean(skipLabel && pull?.labels?.some((label) => label.name === skipLabel));
    const effectiveFailOn = skipped ? 'never' : failOn;
    const result = base
        ? await runContractDiff({
            kind: input('kind') || 'openapi',
            basePath: base,
            headPath: revision,
            format,
            failOn: effectiveFailOn,
            // the config is optional here: its overrides and ignore entries apply when the file exists
            configPath: [undefined, '', '.rollback-guard.yml'].includes(input('config'))
                ? null
                : input('config'),
            cwd: root,
            now: new Date(),
            log: actionLog.info,
            maxSeconds: parseMaxSeconds(input('max-seconds'), "input 'max-seconds'"),
            settings: dependencyImpact ? { dependencyImpact } : {},
            markdown
        })
        : await runContractCheck({
            cwd: root,
            configPath: input('config') || '.rollback-guard.yml',
            maxSeconds: parseMaxSeconds(input('max-seconds'), "input 'max-seconds'"),
            against,
            format,
            failOn: effectiveFailOn,
            rollbackImpact: input('rollback-impact') ? booleanInput('rollback-impact', true) : null,
            dependencyImpact,
            head: head.sha ? head : null,
            releasing: process.env.GITHUB_REF?.startsWith('refs/tags/')
                ? process.env.GITHUB_SHA || null
                : null,
            ports: {
                git: (remote) => gitBaseline({ cwd: root, remote, log: actionLog.info }),
                releases: releaseReader(client, owner, repo),
                manifests: manifestReader(root, join(process.env.RUNNER_TEMP || tmpdir(), 'rollback-guard', 'manifest-contracts')),
                log: actionLog.info
            },
            now: new Date(),
            markdown
        });
    const { report } = result;
    if (skipped) {
        const note = `The pull request carries the label '${skipLabel}': changes are reported, but none fails the check.`;
        report.notes.push({ level: 'warning', message: note });
        notice(note);
    }
    const reportPath = join(process.env.RUNNER_TEMP || root, 'rollback-guard', 'contract-report.json');
    await mkdir(join(reportPath, '..'), { recursive: true });
    await writeFile(reportPath, renderReport(report, 'json'));
    // The github format is the annotations themselves; print them once.
    const annotations = renderAnnotations(report);
    if (format !== 'github')
        logInert(result.output.trimEnd());
    if (wantAnnotations || format === 'github')
        process.stdout.write(format === 'github' ? result.output : annotations.text);
    for (const note of report.notes)
        (note.level === 'warning' ? warning : notice)(note.message);
    let commentUrl = '';
    if (wantComment && pull) {
        const isFork = Boolean(pull.head.repo?.full_name &&
            pull.base.repo?.full_name &&
            pull.head.repo.full_name !== pull.base.repo.full_name);
        if (!client) {
            notice('No PR comment: no github-token was given; the job summary and annotations carry the report.');
        }
        else if (isFork && process.env.GITHUB_EVENT_NAME === 'pull_request') {
            notice(`No PR comment: this pull request comes from the fork ${pull.head.repo?.full_name}, and its token is read-only. The job summary and annotations carry the report.`);
        }
        else {
            const id = commentId(jobId);
            try {
                const outcome = await upsertStickyComment({
                    client,
                    owner,
                    repo,
                    issueNumber: pull.number,
                    marker: id,
                    body: renderPrComment(report, {
                        ...markdown,
                        marker: false,
                        maxLength: commentLimit - stickyMarker(id).length - 1
                    })
                });
                if (outcome.action === 'skipped') {
                    notice(`No PR comment: ${outcome.reason} The job summary and annotations carry the report.`);
                }
                else {
                    commentUrl = outcome.url;
                    info(`PR comment ${outcome.action}: ${outcome.url}`);
                }
            }
            catch (error) {
                warning(`The PR comment could not be written (${messageOf(error)}); the job summary and annotations carry the report.`);
            }
        }
    }
    if (wantSummary) {
        const omitted = wantAnnotations ? annotations.omitted : 0;
        await summary
            .addRaw(renderJobSummary(report, { ...markdown, omittedAnnotations: omitted }))
            .write();
    }
    setOutput('breaking-count', String(report.summary.breaking));
    setOutput('warning-count', String(report.summary.warning));
    setOutput('info-count', String(report.summary.info));
    setOutput('ignored-count', String(report.summary.ignored));
    setOutput('report-path', reportPath);
    setOutput('semver-required', report.semver.required);
    setOutput('next-version', report.semver.next ?? '');
    setOutput('comment-url', commentUrl);
    setOutput('verdict', report.verdict);
    if (report.verdict === 'fail') {
        const { breaking, warning } = report.summary;
        const reasons = [];
        if (breaking > 0 || (report.failOn === 'warning' && warning > 0)) {
            reasons.push(report.failOn === 'warning'
                ? `${breaking} breaking and ${warning} warning changes`
                : `${breaking} breaking changes`);
        }
        if (report.semver.sufficient === false) {
            reasons.push(`the declared version ${report.semver.declared} is below the required ${report.semver.next}`);
        }
        setFailed(`contract check failed (fail-on: ${report.failOn}): ${reasons.join('; ')}.`);
    }
    return result.exitCode;
}
await runAction(runContractCheckAction);
/** The `dependency-impact` input: direct, all or off (empty: the config decides). */
function dependencyImpactInput(value) {
    const v = value.trim();
    if (v === '')
        return null;
    if (v === 'direct' || v === 'all' || v === 'off')
        return v;
    throw new InputError(`input 'dependency-impact' must be direct, all or off, got '${v}'.`);
}

export { runContractCheckAction };
