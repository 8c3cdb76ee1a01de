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

export { readEvent as r };
