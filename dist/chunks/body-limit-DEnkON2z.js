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

export { defaultTruncationNote as d, fitBody as f, maxBodyLength as m };
