import { G as GitRevertRepository, c as planRevert, o as openRevert, g as gitHubRevertPulls } from './evidence-BlkrdVJ2.js';
import { I as InputError, o as openStore } from './revert-auth-D1fpjJ97.js';
import { D as toGitHubError, C as createGitHubClient, c as commandEngines } from './engines-2t0PYy3j.js';

/**
 * Pushes commits through the Git Data API instead of `git push`, the way create-pull-request's
 * `sign-commits` does: each commit is recreated by GitHub (blobs, a tree on the parent's tree, a
 * commit), so GitHub signs it with its own key and branch rules requiring signed commits accept
 * the branch. The branch ref moves last, and only from `expected` (a lease, as with git push).
 * Returns the sha the branch points to.
 */
async function pushSignedCommits(client, request) {
    const { owner, repo, branch } = request;
    const what = `creating the signed commits of ${branch} through the Git Data API`;
    let parent = request.parent;
    try {
        for (const commit of request.commits) {
            const tree = [];
            for (const change of commit.changes) {
                if (change.content === null) {
                    tree.push({
                        path: change.path,
                        mode: change.mode,
                        type: 'blob',
                        sha: null
                    });
                    continue;
                }
                const blob = await client.request('POST /repos/{owner}/{repo}/git/blobs', {
                    owner,
                    repo,
                    content: change.content.toString('base64'),
                    encoding: 'base64'
                });
                tree.push({
                    path: change.path,
                    mode: change.mode,
                    type: 'blob',
                    sha: blob.data.sha
                });
            }
            // an empty commit (a draft revert that needs a person) keeps its parent's tree
            const treeSha = tree.length === 0
                ? parent.tree
                : (await client.request('POST /repos/{owner}/{repo}/git/trees', {
                    owner,
                    repo,
                    base_tree: parent.tree,
                    tree
                })).data.sha;
            const made = await client.request('POST /repos/{owner}/{repo}/git/commits', {
                owner,
                repo,
                message: commit.message,
                tree: treeSha,
                parents: [parent.sha],
                author: commit.author
            });
            parent = { sha: made.data.sha, tree: treeSha };
        }
    }
    catch (error) {
        throw toGitHubError(error, what);
    }
    await moveBranch(client, request, parent.sha);
    return parent.sha;
}
async function moveBranch(client, { owner, repo, branch, expected }, sha) {
    const ref = `heads/${branch}`;
    const changedMeanwhile = new InputError(`the branch ${branch} changed meanwhile (another run pushed to it); run the job again.`);
    try {
        if (expected === null) {
            await client.request('POST /repos/{owner}/{repo}/git/refs', {
                owner,
                repo,
                ref: `refs/${ref}`,
                sha
            });
            return;
        }
        const current = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
            owner,
            repo,
            ref
        });
        if (current.data.object.sha !== expected)
            throw changedMeanwhile;
        await client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
            owner,
            repo,
            ref,
            sha,
            force: true
        });
    }
    catch (error) {
        if (error === changedMeanwhile)
            throw error;
        if (error.status === 422 && expected === null)
            throw changedMeanwhile;
        throw toGitHubError(error, `moving ${branch} to the signed commits`);
    }
}

/**
 * The revert-pr job, for the action and the CLI alike: a plan builds the revert branch in a scratch
 * worktree and pushes nothing; open pushes it (through the Git Data API with `signCommits`, so
 * GitHub signs the commits) and opens or updates its one pull request. The settings were checked
 * by the face that made them (a token and a repository for open).
 */
async function runRevertJob(settings, log, names = { store: '--store', storePath: '--store-path' }) {
    const store = await openStore(settings.root, settings.store, log.info, names);
    if (!store) {
        throw new InputError(`${names.store} none keeps no manifests; revert needs the store the manifest job writes to (branch or file).`);
    }
    const { token, owner, repo, serverUrl, apiUrl } = settings.github;
    let client = null;
    const git = new GitRevertRepository({
        cwd: settings.root,
        remote: settings.remote,
        token: token || null,
        serverUrl,
        log: log.info,
        ...(settings.signCommits
            ? {
                signedPush: (request) => {
                    if (!client)
                        throw new Error('internal error: signed push before the GitHub client');
                    return pushSignedCommits(client, { owner, repo, ...request });
                }
            }
            : {})
    });
    if (settings.mode === 'plan') {
        return planRevert(settings.options, {
            store,
            git,
            pulls: null,
            log: log.info,
            engines: commandEngines
        });
    }
    client = createGitHubClient({ token, baseUrl: apiUrl, log });
    return openRevert(settings.options, {
        store,
        git,
        pulls: gitHubRevertPulls({ client, owner, repo, log }),
        log: log.info,
        engines: commandEngines
    });
}

const repositoryPattern = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** scheme://host[:port] only: credentials, paths and queries never reach a link. */
function webOrigin(value) {
    if (!value)
        return null;
    try {
        const url = new URL(value);
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            return null;
        return `${url.protocol}//${url.host}`;
    }
    catch {
        return null;
    }
}
/** The web host behind an API URL: `https://HOST/api/v3` -> `https://HOST`, `api.github.com` -> `github.com`. */
function serverOfApiUrl(apiUrl) {
    const origin = webOrigin(apiUrl);
    if (!origin || !apiUrl)
        return null;
    const url = new URL(apiUrl);
    if (/^\/api\/v3\/?$/.test(url.pathname))
        return origin;
    if (url.hostname.startsWith('api.'))
        return `${url.protocol}//${url.host.slice('api.'.length)}`;
    return null;
}
/**
 * The web host and owner/name of a hosted remote (`https://HOST/owner/name.git`,
 * `git@HOST:owner/name.git`, `ssh://git@HOST/owner/name`); null for a local path, a file:// URL
 * or an ssh alias that names no real host.
 */
function hostedRemote(remoteUrl) {
    const url = remoteUrl?.trim();
    if (!url)
        return null;
    let host;
    let path;
    const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/)(.+)$/.exec(url);
    if (/^(https?|ssh|git):\/\//.test(url)) {
        try {
            const parsed = new URL(url);
            host = parsed.protocol.startsWith('http') ? parsed.host : parsed.hostname;
            path = parsed.pathname;
        }
        catch {
            return null;
        }
    }
    else if (scp) {
        host = scp[1];
        path = scp[2];
    }
    else {
        return null;
    }
    if (!host.includes('.'))
        return null;
    const repository = path
        .replace(/^\/+|\/+$/g, '')
        .replace(/\.git$/, '')
        .split('/')
        .slice(-2)
        .join('/');
    if (!repositoryPattern.test(repository))
        return null;
    const scheme = url.startsWith('http://') ? 'http' : 'https';
    return { serverUrl: `${scheme}://${host}`, repository };
}
/**
 * The links of the revert pull request. The host comes from GITHUB_SERVER_URL, else the API URL
 * (GitHub Enterprise), else the remote it was cloned from; a named repository with none of them is
 * on github.com, where the API client goes too. A repository guessed from a local remote gets no
 * links at all.
 */
function revertLinks(sources) {
    const named = sources.repository && repositoryPattern.test(sources.repository) ? sources.repository : null;
    const remote = named ? null : hostedRemote(sources.remoteUrl);
    const serverUrl = webOrigin(sources.serverUrl) ??
        serverOfApiUrl(sources.apiUrl) ??
        remote?.serverUrl ??
        (named ? 'https://github.com' : null);
    const repository = serverUrl ? (named ?? remote?.repository ?? null) : null;
    const runId = sources.runId && /^\d+$/.test(sources.runId) ? sources.runId : null;
    return {
        serverUrl: serverUrl ?? 'https://github.com',
        repository,
        runUrl: serverUrl && repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : null
    };
}

export { runRevertJob as a, revertLinks as r };
