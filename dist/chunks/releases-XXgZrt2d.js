import { E as httpStatusOf, F as toGitHubError } from './body-limit-DKEvYjdc.js';

/** The repository's latest release (newest published, not draft or prerelease), or null when it has none. */
async function getLatestRelease(options) {
    const { client, owner, repo } = options;
    try {
        const { data } = await client.request('GET /repos/{owner}/{repo}/releases/latest', {
            owner,
            repo
        });
        return {
            id: Number(data.id),
            tagName: data.tag_name,
            name: data.name,
            url: data.html_url,
            targetCommitish: data.target_commitish,
            publishedAt: data.published_at
        };
    }
    catch (error) {
        if (httpStatusOf(error) === 404)
            return null;
        throw toGitHubError(error, `reading the latest release of ${owner}/${repo}`);
    }
}

export { getLatestRelease as g };
