import { w as workspaceRoot, i as input, b as booleanInput, s as storeSettingsFromInputs, c as info, r as runAction, a as setOutput, d as summary, j as setFailed, h as warning, o as openInputStore, f as actionLog } from './chunks/runtime-CMjfH61q.js';
import { e as deployedAtFromEvent, r as parseDeployedAt, u as renderSlo } from './chunks/slo-check-DpFR_jau.js';
import { w as writeFileAtomic } from './chunks/files-ConGNvR8.js';
import { s as shownPath, r as runSloGateJob } from './chunks/slo-gate-woXu6bWV.js';
import { resolve, join } from 'node:path';
import { I as InputError } from './chunks/revert-auth-D1fpjJ97.js';
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
import 'node:fs/promises';
import './chunks/rules-BV59h7l_.js';
import 'process';
import 'buffer';
import 'node:crypto';
import './chunks/ajv-CwPNZJXH.js';
import './chunks/markdown-DHpZ7sZ7.js';
import 'node:http';
import 'node:https';
import 'node:fs';
import './chunks/index-DX77Szb2.js';
import 'url';
import 'module';
import './chunks/manifest-D1692HQ7.js';
import 'node:assert';
import 'node:net';
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
import 'node:child_process';

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
/** The inputs as the SLO gate's settings; every error names an input. */
async function parseSloGateInputs() {
    const root = await workspaceRoot();
    const policy = input('policy');
    if (!policy) {
        throw new InputError("input 'policy' is empty: give the path of the SLO policy (slo.yml or OpenSLO documents), relative to the repository root.");
    }
    const service = input('service') || process.env.GITHUB_REPOSITORY?.split('/')[1] || 'service';
    const env = input('env') || 'production';
    const failOnInconclusive = booleanInput('fail-on-inconclusive', true);
    const evidencePath = evidencePathOf(root);
    const deployedAt = await deployTime();
    const store = booleanInput('record-verdict', true) ? await storeSettingsFromInputs(root) : null;
    if (store?.kind === 'none')
        info('store: none keeps no manifests; the verdict is not recorded');
    return {
        settings: {
            root,
            policyPath: shownPath(resolve(root, policy)),
            deployedAt,
            format: 'text',
            record: store && store.kind !== 'none'
                ? { store, service, env, manifestRef: input('manifest-ref') || 'latest' }
                : null,
            missingManifestHint: "the verdict goes on the release's manifest: run the manifest job first, or set record-verdict: false.",
            env: process.env
        },
        evidencePath,
        failOnInconclusive
    };
}

function recordedLine(service, env, marked, status) {
    const commit = marked.storeCommit ? ` (commit \`${marked.storeCommit.slice(0, 12)}\`)` : '';
    return `Manifest \`${marked.id}\` of ${service}/${env} marked **${status}**${commit}.`;
}
async function runSloGateAction() {
    const { settings, evidencePath, failOnInconclusive } = await parseSloGateInputs();
    const gate = await runSloGateJob(settings, actionLog, {
        open: openInputStore,
        onMeasured: (check) => writeFileAtomic(evidencePath, renderSlo(check.evidence, 'json'))
    });
    const { check, marked, target, status } = gate;
    info((check.output ?? '').trimEnd());
    const where = settings.record;
    let recorded = '';
    let manifestCommit = '';
    if (where && marked && status) {
        manifestCommit = marked.storeCommit ?? '';
        recorded = recordedLine(where.service, where.env, marked, status);
        info(recorded.replace(/[`*]/g, ''));
    }
    else if (where && target) {
        recorded = `Manifest \`${target.id}\` of ${where.service}/${where.env} stays **unknown**: an inconclusive gate marks nothing.`;
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
