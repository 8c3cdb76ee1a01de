import { C as createGitHubClient } from './engines-2t0PYy3j.js';

/**
 * The repository and API the environment names (GITHUB_REPOSITORY, GITHUB_API_URL,
 * GITHUB_SERVER_URL), with `token`; `repository` (owner/name) when the caller knows better.
 */
function gitHubSettingsFrom(env, token, repository = env.GITHUB_REPOSITORY) {
    const [owner = '', repo = ''] = (repository ?? '').split('/');
    return {
        token,
        apiUrl: env.GITHUB_API_URL || undefined,
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        owner,
        repo
    };
}
/** A client for the settings' repository, or null when no token was given. */
function gitHubClientFor(github, log) {
    if (!github?.token)
        return null;
    return createGitHubClient({
        token: github.token,
        baseUrl: github.apiUrl,
        ...(log ? { log } : {})
    });
}

export { gitHubClientFor as a, gitHubSettingsFrom as g };
