import { escapeMarkdown } from '../../report/markdown-escape.js'

/** Text from specs and configs, inert in GitHub markdown (no HTML, mentions, links, structure). */
export const escapeInline = escapeMarkdown

/** For terminals: control characters (escape sequences) shown as `?`, one line. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/\r\n?|\n|\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
}
