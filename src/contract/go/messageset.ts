import type { GoRuleId } from './rules.js'

/** apidiff's messageset.go: one message per object and part, sorted for output. */

export type Side = 'old' | 'new'

export interface Position {
  side: Side
  file?: string
  line?: number
}

/** One apidiff message: `${object}${part}: ${message}`. */
export interface ApiMessage {
  id: GoRuleId
  compatible: boolean
  /** apidiff's object path: `T`, `T.M`, `(*T).M`, `S.F`. */
  symbol: string
  text: string
  /** Head side, or base side for something removed. */
  position: Position
  /** Where the changed object was in the base, when `position` is on the head side. */
  basePosition?: Position
  /** Tells apart findings of one kind on one symbol (the interface no longer implemented). */
  detail?: string
}

export interface Obj {
  display: string
  position: Position
  /** The same object on the other side, when it is there (a change rather than a removal). */
  counterpart?: Position
}

const removals: ReadonlySet<GoRuleId> = new Set([
  'object-removed',
  'method-removed',
  'field-removed'
])

export class MessageSet {
  private readonly entries = new Map<string, Map<string, ApiMessage>>()

  add(
    obj: Obj,
    part: string,
    id: GoRuleId,
    compatible: boolean,
    text: string,
    at?: Position,
    detail?: string
  ): void {
    let parts = this.entries.get(obj.display)
    if (!parts) {
      parts = new Map()
      this.entries.set(obj.display, parts)
    }
    const symbol = part.startsWith(',') ? obj.display + part : dotjoin(obj.display, part)
    const position = at ?? (!removals.has(id) && obj.counterpart ? obj.counterpart : obj.position)
    const message: ApiMessage = { id, compatible, symbol, text, position }
    if (obj.position.side === 'old' && position.side === 'new') message.basePosition = obj.position
    if (detail) message.detail = detail
    // apidiff keeps one message per object and part; a type that stopped implementing two
    // interfaces keeps one of them at random (Go map order). Both are kept here.
    parts.set(detail ? `${part}\u0000${detail}` : part, message)
  }

  collect(): ApiMessage[] {
    const all = [...this.entries.values()].flatMap((parts) => [...parts.values()])
    return all.sort((a, b) => compareStrings(messageOf(a), messageOf(b)))
  }
}

/** The message exactly as apidiff prints it. */
export function messageOf(m: ApiMessage): string {
  return `${m.symbol}: ${m.text}`
}

function dotjoin(a: string, b: string): string {
  if (a === '') return b
  if (b === '') return a
  return `${a}.${b}`
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
