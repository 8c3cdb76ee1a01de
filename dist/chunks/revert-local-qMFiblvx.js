import { readFile } from 'node:fs/promises';
import { h as markManifest$1 } from './files-B3cH7hv1.js';
import { I as InputError } from './revert-auth-CplxVm3W.js';
import { G as GitRevertRepository, c as planRevert, s as strategyOrder, e as renderRevertText } from './revert-pull-BH5Ny6dm.js';
import { c as commandEngines } from './engines-G8xNIxpX.js';

async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
}
/**
 * An evidence JSON object from a file (`-`: standard input). `name` is how errors call where the
 * path came from (`--evidence`, `input 'evidence-path'`).
 */
async function readEvidenceFile(path, name = '--evidence') {
    const text = path === '-'
        ? await readStdin()
        : await readFile(path, 'utf8').catch(() => {
            throw new InputError(`${name}: cannot read '${path}'; give the SLO evidence JSON file (slo-gate's evidence-path).`);
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
async function markManifest(...args) {
    const [store, service, env, ref, status, evidence, now] = args;
    const document = typeof evidence === 'string' ? await readEvidenceFile(evidence) : evidence;
    return markManifest$1(store, service, env, ref, status, document, now);
}

/**
 * The dry run of a revert in a local repository, no token and no GitHub: what `rollback-guard
 * demo` ends with. Returns the result and its text.
 */
async function planLocalRevert(options) {
    const log = options.log ?? (() => undefined);
    const git = new GitRevertRepository({
        cwd: options.root,
        remote: options.remote === undefined ? 'origin' : options.remote,
        log
    });
    const result = await planRevert({
        service: options.service,
        env: options.env,
        evidence: options.evidence,
        verdict: null,
        badRef: 'latest',
        base: options.base ?? 'main',
        strategies: strategyOrder(options.strategy ?? 'revert-commits', options.fallbackStrategies ?? 'restore-paths'),
        deployPaths: options.deployPaths ?? [],
        reason: null,
        links: { serverUrl: 'https://github.com', repository: null, runUrl: null },
        pull: { draft: false, labels: [], reviewers: [], teamReviewers: [], assignees: [] }
    }, { store: options.store, git, pulls: null, log, engines: commandEngines });
    return { result, text: renderRevertText(result), body: result.plan?.body ?? null };
}

export { markManifest as m, planLocalRevert as p, readEvidenceFile as r };
