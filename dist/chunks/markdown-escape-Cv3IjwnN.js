import { r as requireAjv } from './rules-Cn4qIMer.js';

var ajvExports = /*@__PURE__*/ requireAjv();

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

export { ajvExports as a, escapeMarkdown as e, inlineCode as i };
