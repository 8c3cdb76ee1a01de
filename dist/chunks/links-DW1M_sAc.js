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

export { revertLinks as r };
