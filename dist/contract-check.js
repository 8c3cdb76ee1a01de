import { w as workspaceRoot, t as tokenInput, i as input, b as booleanInput, r as runAction, n as notice, h as warning, c as info, d as summary, a as setOutput, j as setFailed, f as actionLog } from './chunks/runtime-CMjfH61q.js';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { p as parseReportFormat, c as runContractJob, r as renderReport, d as renderAnnotations, e as commentId, f as renderPrComment, g as commentLimit, h as renderJobSummary } from './chunks/contract-DWspeZSH.js';
import { I as InputError, p as parseMaxSeconds, b as messageOf } from './chunks/revert-auth-D1fpjJ97.js';
import { E as isForbidden, F as httpStatusOf, D as toGitHubError, H as fitBody, I as gitHubMessageOf, J as defaultTruncationNote, K as maxBodyLength, L as failOnValues } from './chunks/engines-2t0PYy3j.js';
import { g as gitHubSettingsFrom, a as gitHubClientFor } from './chunks/github-CRI6Pj-t.js';
import { r as readEvent } from './chunks/event-BBqUxHs3.js';
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
import 'node:os';
import './chunks/rules-BV59h7l_.js';
import 'process';
import 'buffer';
import './chunks/index-DX77Szb2.js';
import 'url';
import 'module';
import 'node:child_process';
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
import './chunks/ajv-CwPNZJXH.js';
import './chunks/change-BNGh1OCi.js';
import 'node:fs';
import 'node:v8';
import 'node:vm';

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

function parseFailOn(value) {
    if (value === '')
        return null;
    if (failOnValues.includes(value))
        return value;
    throw new InputError(`input 'fail-on' must be one of ${failOnValues.join(', ')}, got '${value}'.`);
}
/** The inputs as the contract job's settings; every error names an input. */
async function parseContractCheckInputs() {
    const root = await workspaceRoot();
    const github = gitHubSettingsFrom(process.env, tokenInput());
    const runUrl = process.env.GITHUB_RUN_ID
        ? `${github.serverUrl}/${github.owner}/${github.repo}/actions/runs/${process.env.GITHUB_RUN_ID}`
        : null;
    const event = await readEvent();
    const pull = event.pull_request ?? null;
    const format = parseReportFormat(input('format') || 'text', "input 'format'");
    const failOn = parseFailOn(input('fail-on'));
    const jobId = input('comment-id') || process.env.GITHUB_JOB || 'contract-check';
    let against = input('against') || 'auto';
    if (against === 'pr-base') {
        if (!pull)
            throw new InputError("input 'against: pr-base' needs a pull_request event; use 'auto' or a ref on other events.");
        against = pull.base.sha;
    }
    const head = pull
        ? { ref: pull.head.ref, sha: pull.head.sha }
        : { ref: process.env.GITHUB_REF_NAME || null, sha: process.env.GITHUB_SHA || null };
    // One spec, no config (as oasdiff-action takes them): `base` and `revision` are two files.
    const base = input('base');
    const revision = input('revision');
    if (Boolean(base) !== Boolean(revision))
        throw new InputError(`input '${base ? 'revision' : 'base'}' is empty: give both 'base' and 'revision' (two spec files relative to the repository root), or neither to use the config.`);
    const dependencyImpact = dependencyImpactInput(input('dependency-impact'));
    const skipLabel = input('skip-label');
    const skipped = Boolean(skipLabel && pull?.labels?.some((label) => label.name === skipLabel));
    const maxSeconds = parseMaxSeconds(input('max-seconds'), "input 'max-seconds'");
    const source = base
        ? {
            mode: 'diff',
            kind: input('kind') || 'openapi',
            basePath: base,
            headPath: revision,
            // the config is optional here: its overrides and ignore entries apply when the file exists
            configPath: ['', '.rollback-guard.yml'].includes(input('config')) ? null : input('config'),
            engineSettings: {}
        }
        : {
            mode: 'check',
            configPath: input('config') || '.rollback-guard.yml',
            against,
            rollbackImpact: input('rollback-impact') ? booleanInput('rollback-impact', true) : null,
            service: null,
            env: null,
            manifestBranch: input('branch') || 'rollback-manifests',
            head: head.sha ? head : null,
            releasing: process.env.GITHUB_REF?.startsWith('refs/tags/')
                ? process.env.GITHUB_SHA || null
                : null
        };
    return {
        settings: {
            root,
            source,
            format,
            failOn: skipped ? 'never' : failOn,
            dependencyImpact,
            maxSeconds,
            github,
            lookupFailures: 'warn',
            markdown: {
                jobId,
                repository: github.owner && github.repo ? `${github.owner}/${github.repo}` : null,
                serverUrl: github.serverUrl,
                summaryUrl: runUrl
            },
            now: new Date()
        },
        presentation: {
            pull,
            wantComment: booleanInput('comment', true),
            wantAnnotations: booleanInput('annotations', true),
            wantSummary: booleanInput('job-summary', true),
            jobId,
            skipLabel,
            skipped
        }
    };
}
/** The `dependency-impact` input: direct, all or off (empty: the config decides). */
function dependencyImpactInput(value) {
    const v = value.trim();
    if (v === '')
        return null;
    if (v === 'direct' || v === 'all' || v === 'off')
        return v;
    throw new InputError(`input 'dependency-impact' must be direct, all or off, got '${v}'.`);
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
    const { settings, presentation } = await parseContractCheckInputs();
    const { pull, jobId, skipLabel, skipped, wantComment, wantAnnotations, wantSummary } = presentation;
    const { root, format, github } = settings;
    const { owner, repo } = github ?? { owner: '', repo: '' };
    const markdown = settings.markdown ?? {};
    const client = gitHubClientFor(github, actionLog);
    const result = await runContractJob(settings, actionLog, client);
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

export { runContractCheckAction };
