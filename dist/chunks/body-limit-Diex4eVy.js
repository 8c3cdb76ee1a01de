import { I as InputError, S as ServiceError } from './manifest-file-store-GbDQ8YhB.js';

/** A zero-width space as an HTML entity: splits `@team` and `#12` so GitHub neither notifies nor links. */
const zeroWidth = '&#8203;';
/**
 * Text from specs, configs and pull requests made inert for GitHub-flavoured markdown, on one line:
 * - no HTML at all, so no `<img onerror>`, no `<details>` and no fake `<!-- rollback-guard:… -->` marker;
 * - no @mentions (people and teams are not notified) and no #123 references;
 * - no markdown structure: emphasis, links and images, code spans, table pipes, headings, lists;
 * - no autolinked URLs (`https://…`, `www.…`), so a spec cannot plant a clickable link.
 * Safe inside table cells and list items.
 */
/** Control characters (C0, DEL, C1) and the Unicode line separators: never wanted in one-line text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
function escapeMarkdown(text) {
    return text
        .replace(/\r\n?|\n|\t/g, ' ')
        .replace(controlCharacters, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_{}[\]()+\-.!|~:]/g, '\\$&')
        .replace(/[@#]/g, (sign) => `${sign}${zeroWidth}`)
        .replace(/\b(www)\\?\./gi, `$1${zeroWidth}\\.`);
}
/**
 * Text shown as an inline code span: a fence longer than any backtick run inside, padded when the
 * text starts or ends with a backtick. In a table cell pipes are escaped (GitHub removes the backslash).
 */
function inlineCode(text, options = {}) {
    let code = text.replace(/\r\n?|\n/g, ' ').replace(controlCharacters, '');
    if (options.inTable)
        code = code.replace(/\|/g, '\\|');
    const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = code.startsWith('`') || code.endsWith('`') || /^ .* $/.test(code) ? ' ' : '';
    return `${fence}${pad}${code}${pad}${fence}`;
}

/** The HTTP status of an octokit RequestError, or undefined for anything else (network, bugs). */
function httpStatusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/** GitHub's own message ("Resource not accessible by integration"), without octokit's decorations. */
function gitHubMessageOf(error) {
    const data = error?.response?.data;
    const message = data?.message;
    if (typeof message === 'string')
        return message;
    return error instanceof Error ? error.message : String(error);
}
/** Validation details of a 422 ("A pull request already exists for …"), joined. */
function gitHubErrorDetails(error) {
    const data = error?.response?.data;
    const errors = Array.isArray(data?.errors) ? data.errors : [];
    return errors
        .map((e) => typeof e === 'string'
        ? e
        : (e.message ??
            [e.field, e.code]
                .filter(Boolean)
                .join(' ')))
        .filter(Boolean)
        .join('; ');
}
function isRateLimit(error) {
    const status = httpStatusOf(error);
    if (status === 429)
        return true;
    const headers = error?.response
        ?.headers;
    return (status === 403 &&
        (headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(gitHubMessageOf(error))));
}
/** A 403 that means "this token may not do that" (a fork's read-only token, missing permissions). */
function isForbidden(error) {
    return httpStatusOf(error) === 403 && !isRateLimit(error);
}
/**
 * The error a user sees for a failed GitHub call: what we were doing, what GitHub said and what to do.
 * 5xx, rate limits and network failures (after the client's retries) are a ServiceError; the rest
 * (bad token, no access, refused input) an InputError.
 */
function toGitHubError(error, doing) {
    if (error instanceof InputError || error instanceof ServiceError)
        return error;
    const status = httpStatusOf(error);
    const message = gitHubMessageOf(error);
    const details = gitHubErrorDetails(error);
    const said = `GitHub answered ${status ?? 'nothing'}${message ? ` (${message}${details ? `: ${details}` : ''})` : ''}`;
    if (status === undefined || status >= 500 || isRateLimit(error)) {
        return new ServiceError(`${said} while ${doing}, after retries; try again later.`, {
            cause: error
        });
    }
    if (status === 401)
        return new InputError(`${said} while ${doing}: the github-token input is invalid or expired.`, {
            cause: error
        });
    if (status === 403) {
        return new InputError(`${said} while ${doing}: the token lacks a permission; grant it in the workflow's 'permissions:' block.`, { cause: error });
    }
    if (status === 404) {
        return new InputError(`${said} while ${doing}: the repository or item does not exist, or the token cannot see it.`, { cause: error });
    }
    return new InputError(`${said} while ${doing}.`, { cause: error });
}

/** GitHub refuses issue/PR comments and PR bodies longer than this many characters. */
const maxBodyLength = 65536;
const defaultTruncationNote = "_This report was cut to fit GitHub's 65,536-character limit; the job summary has all of it._";
/**
 * Fits `body` into `limit` characters: cuts at the last line break that leaves room for the note,
 * closes a code fence left open by the cut, never splits a surrogate pair, and ends with `note`.
 */
function fitBody(body, limit = maxBodyLength, note = defaultTruncationNote) {
    if (body.length <= limit)
        return { body, truncated: false };
    const tail = `\n\n${note}`;
    const fenceReserve = 12;
    let cut = body.slice(0, Math.max(0, limit - tail.length - fenceReserve));
    if (/[\ud800-\udbff]$/.test(cut))
        cut = cut.slice(0, -1);
    const lineBreak = cut.lastIndexOf('\n');
    if (lineBreak > cut.length / 2)
        cut = cut.slice(0, lineBreak);
    const fences = cut.match(/^ {0,3}(```|~~~)/gm) ?? [];
    if (fences.length % 2 === 1)
        cut += `\n${fences.at(-1).trim()}`;
    return { body: `${cut}${tail}`, truncated: true };
}

export { gitHubErrorDetails as a, inlineCode as b, defaultTruncationNote as d, escapeMarkdown as e, fitBody as f, gitHubMessageOf as g, httpStatusOf as h, isForbidden as i, maxBodyLength as m, toGitHubError as t };
