import { createHash } from 'node:crypto'

/**
 * A change's fingerprint: the rule, the contract kind and the element it is about, never the line,
 * so it survives edits elsewhere in the file and can be referred to by ignore entries.
 */
export function fingerprintOf(parts: {
  kind: string
  id: string
  operation?: string | null
  symbol?: string | null
  subject?: string | null
}): string {
  const key = [
    parts.kind,
    parts.id,
    parts.operation ?? '',
    parts.symbol ?? '',
    parts.subject ?? ''
  ].join('\u0000')
  return createHash('sha256').update(key).digest('hex').slice(0, 12)
}
