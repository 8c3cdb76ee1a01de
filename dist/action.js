import { g as getInput, r as runAction } from './chunks/runtime-CMjfH61q.js';
import { I as InputError } from './chunks/revert-auth-D1fpjJ97.js';
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
import 'node:path';
import 'node:fs/promises';
import 'node:os';
import 'node:crypto';
import 'node:child_process';

// One action for every job (`uses: owner/rollback-guard@v1` with `command:`); each job's entry
// runs itself when imported, so the umbrella only chooses which one to load.
const jobs = {
    manifest: () => import('./manifest.js'),
    'contract-check': () => import('./contract-check.js'),
    'slo-gate': () => import('./slo-gate.js'),
    'revert-pr': () => import('./revert-pr.js')
};
const command = getInput('command').trim();
const job = jobs[command];
if (job) {
    await job();
}
else {
    await runAction(async () => {
        throw new InputError(`input 'command' must be one of ${Object.keys(jobs).join(', ')}${command ? `, got '${command}'` : ''}; or use a job's own action (owner/rollback-guard/manifest@v1).`);
    });
}
