import { g as git, I as InputError, r as redactNullable } from './revert-auth-D1fpjJ97.js';

const value = (text) => text && text.trim() !== '' ? text.trim() : null;
/**
 * Where the build came from, read from the CI's environment (GitHub Actions, GitLab CI,
 * Buildkite) and completed from git, so the CLI works on a laptop too.
 */
async function detectSource(root, env, overrides = {}) {
    const fromCi = env.GITHUB_ACTIONS === 'true'
        ? fromGitHub(env)
        : env.GITLAB_CI
            ? fromGitLab(env)
            : env.BUILDKITE
                ? fromBuildkite(env)
                : {};
    const merged = { ...fromCi, ...definedOnly(overrides) };
    let commit = merged.commit ?? null;
    if (!commit) {
        const head = await git(['rev-parse', 'HEAD'], { cwd: root, allowFailure: true });
        commit = head.code === 0 ? head.stdout.trim() : null;
    }
    if (!commit || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) {
        throw new InputError(commit
            ? `commit '${commit}' is not a full commit hash; give the 40-character sha (--commit).`
            : `no source commit: run inside a git checkout, or give --commit <sha>.`);
    }
    let tag = merged.tag ?? null;
    if (!tag) {
        const exact = await git(['describe', '--tags', '--exact-match', commit], {
            cwd: root,
            allowFailure: true
        });
        tag = exact.code === 0 ? exact.stdout.trim() : null;
    }
    let ref = merged.ref ?? null;
    if (!ref) {
        const branch = await git(['symbolic-ref', '-q', 'HEAD'], { cwd: root, allowFailure: true });
        ref = branch.code === 0 ? branch.stdout.trim() : null;
    }
    // CI variables may carry credentials (BUILDKITE_REPO, CI_REPOSITORY_URL with `user:token@`).
    return {
        repository: redactNullable(merged.repository ?? null),
        commit,
        ref: redactNullable(ref),
        tag: redactNullable(tag),
        runUrl: redactNullable(merged.runUrl ?? null),
        runAttempt: merged.runAttempt ?? null,
        actor: redactNullable(merged.actor ?? null)
    };
}
function fromGitHub(env) {
    const server = value(env.GITHUB_SERVER_URL) ?? 'https://github.com';
    const repository = value(env.GITHUB_REPOSITORY);
    const runId = value(env.GITHUB_RUN_ID);
    const ref = value(env.GITHUB_REF);
    return {
        repository,
        commit: value(env.GITHUB_SHA) ?? undefined,
        ref,
        tag: ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : null,
        runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : null,
        runAttempt: value(env.GITHUB_RUN_ATTEMPT) ? Number(env.GITHUB_RUN_ATTEMPT) : null,
        actor: value(env.GITHUB_ACTOR)
    };
}
function fromGitLab(env) {
    return {
        repository: value(env.CI_PROJECT_PATH) ?? value(env.CI_REPOSITORY_URL),
        commit: value(env.CI_COMMIT_SHA) ?? undefined,
        ref: value(env.CI_COMMIT_REF_NAME),
        tag: value(env.CI_COMMIT_TAG),
        runUrl: value(env.CI_JOB_URL) ?? value(env.CI_PIPELINE_URL),
        runAttempt: null,
        actor: value(env.GITLAB_USER_LOGIN)
    };
}
function fromBuildkite(env) {
    return {
        repository: value(env.BUILDKITE_REPO),
        commit: value(env.BUILDKITE_COMMIT) ?? undefined,
        ref: value(env.BUILDKITE_BRANCH),
        tag: value(env.BUILDKITE_TAG),
        runUrl: value(env.BUILDKITE_BUILD_URL),
        runAttempt: value(env.BUILDKITE_RETRY_COUNT) ? Number(env.BUILDKITE_RETRY_COUNT) + 1 : null,
        actor: value(env.BUILDKITE_BUILD_CREATOR)
    };
}
function definedOnly(object) {
    return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}
/** The repository root of a path (for stores and relative paths). */
async function repositoryRoot(cwd) {
    const result = await git(['rev-parse', '--show-toplevel'], { cwd, allowFailure: true });
    return result.code === 0 ? result.stdout.trim() : null;
}

export { detectSource as d, repositoryRoot as r };
