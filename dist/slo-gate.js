import { r as runAction, i as input, b as booleanInput, s as storeFromInputs, c as info, a as setOutput, d as summary, g as setFailed, w as warning, e as actionLog } from './chunks/runtime-BjbGo0Bk.js';
import { readFile } from 'node:fs/promises';
import { resolve, join, relative, isAbsolute } from 'node:path';
import { I as InputError } from './chunks/revert-auth-vpl0Mztc.js';
import { s as showManifest, w as writeFileAtomic, f as markManifest } from './chunks/manifest-DoGtjMtl.js';
import { x as runSloCheck, u as renderSlo, m as manifestVerdictOf, e as deployedAtFromEvent, r as parseDeployedAt } from './chunks/slo-check-DfPTOIeP.js';
import { r as repositoryRoot } from './chunks/ci-source-BM6GTtOG.js';
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
import './chunks/store-BuGXegmm.js';
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
import './chunks/rules-wly9Ezx0.js';
import 'process';
import 'buffer';
import 'url';
import 'module';
import 'node:fs';
import './chunks/proxy-D5oP2ya1.js';
import 'node:https';
import './chunks/markdown-CVZSGi4R.js';

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
/** The deploy time: the input, else the deployment / deployment_status event, else now. */
async function deployTime() {
    const given = input('deployed-at');
    const fromEvent = given ? null : deployedAtFromEvent(await readEvent());
    const text = given || fromEvent;
    if (!text) {
        info("no 'deployed-at' input and no deployment event: measuring from now, as if the deploy just finished");
        return new Date();
    }
    try {
        const at = parseDeployedAt(text, new Date());
        if (fromEvent)
            info(`deployed-at ${fromEvent}, from the ${process.env.GITHUB_EVENT_NAME} event`);
        return at;
    }
    catch {
        throw new InputError(given
            ? `input 'deployed-at' is '${given}', not an RFC 3339 time; write it like 2026-05-01T12:00:00Z (date -u +%Y-%m-%dT%H:%M:%SZ).`
            : `the ${process.env.GITHUB_EVENT_NAME} event's time '${fromEvent}' is not an RFC 3339 time; give the input 'deployed-at'.`);
    }
}
/** The policy as the evidence shows it: relative to the step's folder when inside it. */
function shownPath(path) {
    const inside = relative(process.cwd(), path);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
function evidencePathOf(root) {
    const given = input('evidence-path');
    if (given)
        return resolve(root, given);
    const temp = process.env.RUNNER_TEMP;
    if (!temp) {
        throw new InputError("input 'evidence-path' is empty and RUNNER_TEMP is not set; give a path for the evidence JSON.");
    }
    return join(temp, 'rollback-guard', 'slo-evidence.json');
}
function recordedLine(service, env, marked, status) {
    const commit = marked.storeCommit ? ` (commit \`${marked.storeCommit.slice(0, 12)}\`)` : '';
    return `Manifest \`${marked.id}\` of ${service}/${env} marked **${status}**${commit}.`;
}
async function runSloGateAction() {
    const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd();
    const root = (await repositoryRoot(workspace)) ?? workspace;
    const policy = input('policy');
    if (!policy) {
        throw new InputError("input 'policy' is empty: give the path of the SLO policy (slo.yml or OpenSLO documents), relative to the repository root.");
    }
    const service = input('service') || process.env.GITHUB_REPOSITORY?.split('/')[1] || 'service';
    const env = input('env') || 'production';
    const failOnInconclusive = booleanInput('fail-on-inconclusive', true);
    const evidencePath = evidencePathOf(root);
    const deployedAt = await deployTime();
    // Find the manifest before measuring: a wrong service or store fails now, not after the schedule.
    const record = booleanInput('record-verdict', true);
    const store = record ? await storeFromInputs(root) : null;
    if (record && !store)
        info('store: none keeps no manifests; the verdict is not recorded');
    const target = store
        ? await showManifest(store, service, env, input('manifest-ref') || 'latest').catch((error) => {
            throw error instanceof InputError
                ? new InputError(`${error.message.replace(/\.$/, '')}; the verdict goes on the release's manifest: run the manifest job first, or set record-verdict: false.`)
                : error;
        })
        : null;
    if (target)
        info(`the verdict goes on manifest ${target.id} of ${service}/${env}`);
    const check = await runSloCheck({
        policyPath: shownPath(resolve(root, policy)),
        deployedAt,
        format: 'text',
        ports: { log: actionLog }
    });
    await writeFileAtomic(evidencePath, renderSlo(check.evidence, 'json'));
    info((check.output ?? '').trimEnd());
    const status = manifestVerdictOf(check.verdict);
    let recorded = '';
    let manifestCommit = '';
    if (store && target && status) {
        const marked = await markManifest(store, service, env, target.id, status, evidencePath, new Date());
        manifestCommit = marked.storeCommit ?? '';
        recorded = recordedLine(service, env, marked, status);
        info(recorded.replace(/[`*]/g, ''));
    }
    else if (target) {
        recorded = `Manifest \`${target.id}\` of ${service}/${env} stays **unknown**: an inconclusive gate marks nothing.`;
    }
    setOutput('verdict', check.verdict);
    setOutput('failed-objectives', check.failedObjectives.join(','));
    setOutput('evidence-path', evidencePath);
    setOutput('manifest-commit', manifestCommit);
    const markdown = renderSlo(check.evidence, 'markdown');
    await summary.addRaw(recorded ? `${markdown.trimEnd()}\n\n${recorded}\n` : markdown).write();
    if (check.verdict === 'fail') {
        setFailed(`SLO gate failed: ${check.failedObjectives.join(', ')} out of bounds after the deploy; evidence in ${evidencePath}.`);
        return check.exitCode;
    }
    if (check.verdict === 'inconclusive') {
        const inconclusive = check.evidence.inconclusiveObjectives.join(', ');
        const why = `SLO gate inconclusive${inconclusive ? ` (${inconclusive})` : ''}: no data or the metrics backend failed, so the release is neither good nor bad`;
        if (failOnInconclusive) {
            setFailed(`${why}; set fail-on-inconclusive: false to only warn.`);
            return check.exitCode;
        }
        warning(`${why}; fail-on-inconclusive is false, so the step passes.`);
    }
    return 0;
}
await runAction(runSloGateAction);

export { runSloGateAction };
