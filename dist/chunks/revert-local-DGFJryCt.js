import { G as GitRevertRepository, c as planRevert, s as strategyOrder, e as renderRevertText } from './evidence-BlkrdVJ2.js';
import { c as commandEngines } from './engines-2t0PYy3j.js';

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

export { planLocalRevert as p };
