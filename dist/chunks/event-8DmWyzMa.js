import { readFile } from 'node:fs/promises';

/** The payload of the event that started the workflow (GITHUB_EVENT_PATH); {} when there is none. */
async function readEvent() {
    const path = process.env.GITHUB_EVENT_PATH;
    if (!path)
        return {};
    try {
        const payload = JSON.parse(await readFile(path, 'utf8'));
        return typeof payload === 'object' && payload !== null ? payload : {};
    }
    catch {
        return {};
    }
}
/** The repository's GitHub settings from the runner's environment and the job's token. */
function gitHubFromEnv(token) {
    const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    return {
        token,
        apiUrl: process.env.GITHUB_API_URL || undefined,
        serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
        owner,
        repo
    };
}

export { gitHubFromEnv as g, readEvent as r };
