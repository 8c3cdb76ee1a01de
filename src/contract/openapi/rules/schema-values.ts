import {
  emit,
  FROM_ALTERNATIVES,
  emitFirst,
  sameValue,
  valueKey,
  show,
  type SchemaPair
} from '../diff/schema-pair.js'

function nonNull(values: unknown): unknown[] | undefined {
  return Array.isArray(values) ? values.filter((v) => v !== null) : undefined
}

/** The values not in `other`: one pass over each list (enums of 100k values stay linear). */
function missingFrom(values: unknown[], other: unknown[]): unknown[] {
  const present = new Set(other.map(valueKey))
  return values.filter((v) => !present.has(valueKey(v)))
}

/** A long enum is listed in a message by its first values and a count. */
function listValues(values: unknown[], limit = 20): string {
  const shown = values.slice(0, limit).map(show).join(', ')
  return values.length > limit ? `${shown}, … and ${values.length - limit} more` : shown
}

/** enum values by direction: a request losing a value or a response gaining one can break a client. */
export function checkEnum(pair: SchemaPair): void {
  const eb = nonNull(pair.b.enum)
  const eh = nonNull(pair.h.enum)
  const { site } = pair
  if (eb === undefined && eh !== undefined && eh.length > 0) {
    if (site.dir === 'request' && site.paramIn === 'header' && pair.path.length > 0) {
      emit(pair, '', 'became an enum', { id: 'request-header-property-became-enum' })
    } else emit(pair, 'became-enum', `became an enum (${listValues(eh)})`)
  }
  if (eb !== undefined && eh !== undefined) {
    for (const value of missingFrom(eb, eh)) {
      const atMediaType =
        site.dir === 'response' && pair.path.length === 0 && site.top === 'response-body'
      emit(pair, 'enum-value-removed', `lost the enum value ${show(value)}`, {
        subject: `enum:${JSON.stringify(value)}`,
        side: 'base',
        ...(atMediaType ? { id: 'response-mediatype-enum-value-removed' } : {})
      })
    }
    for (const value of missingFrom(eh, eb)) {
      emit(pair, 'enum-value-added', `gained the enum value ${show(value)}`, {
        subject: `enum:${JSON.stringify(value)}`
      })
    }
  }
  if (
    eb !== undefined &&
    eh === undefined &&
    (pair.h as Record<symbol, unknown>)[FROM_ALTERNATIVES] === true
  ) {
    // the enum went away in the same edit that turned the type into alternatives: report what it no longer lists
    for (const value of eb)
      emit(pair, 'enum-value-removed', `lost the enum value ${show(value)}`, {
        subject: `enum:${JSON.stringify(value)}`,
        side: 'base'
      })
  }
  const xb = nonNull(pair.b['x-extensible-enum'])
  const xh = nonNull(pair.h['x-extensible-enum'])
  if (xb !== undefined && xh !== undefined) {
    for (const value of missingFrom(xb, xh)) {
      emit(
        pair,
        'x-extensible-enum-value-removed',
        `lost the x-extensible-enum value ${show(value)}`,
        {
          subject: `xenum:${JSON.stringify(value)}`,
          side: 'base'
        }
      )
    }
  }
}

interface Bound {
  key: string
  /** Id stem: `max-length`, `min-items`, … */
  name: string
  /** Whether an absent bound means "no limit" above (max) or 0/none below (min). */
  upper: boolean
}

const bounds: readonly Bound[] = [
  { key: 'maxLength', name: 'max-length', upper: true },
  { key: 'minLength', name: 'min-length', upper: false },
  { key: 'maximum', name: 'max', upper: true },
  { key: 'minimum', name: 'min', upper: false },
  { key: 'maxItems', name: 'max-items', upper: true },
  { key: 'minItems', name: 'min-items', upper: false },
  { key: 'maxContains', name: 'max-contains', upper: true },
  { key: 'minContains', name: 'min-contains', upper: false },
  { key: 'exclusiveMaximum', name: 'exclusive-max', upper: true },
  { key: 'exclusiveMinimum', name: 'exclusive-min', upper: false }
]

/**
 * Numeric bounds. The ids carry the direction of the change; the level table says what it means on each side
 * (a request maximum decreasing breaks callers, a response maximum increasing does).
 */
export function checkBounds(pair: SchemaPair): void {
  for (const bound of bounds) {
    const vb = pair.b[bound.key]
    const vh = pair.h[bound.key]
    const nb = typeof vb === 'number' ? vb : undefined
    const nh = typeof vh === 'number' ? vh : undefined
    if (nb === nh) continue
    const label = bound.key
    if (nb !== undefined && nh !== undefined) {
      emit(
        pair,
        `${bound.name}-${nh > nb ? 'increased' : 'decreased'}`,
        `${label} ${nh > nb ? 'increased' : 'decreased'} from ${nb} to ${nh}`
      )
    } else if (nb === undefined && nh !== undefined) {
      const direction = bound.upper ? 'decreased' : 'increased'
      emitFirst(
        pair,
        [`${bound.name}-set`, `${bound.name}-${direction}`],
        `${label} was set to ${nh}`
      )
    } else if (nb !== undefined) {
      const direction = bound.upper ? 'increased' : 'decreased'
      emitFirst(
        pair,
        [`${bound.name}-unset`, `${bound.name}-${direction}`],
        `${label} ${nb} was removed`,
        { side: 'head' }
      )
    }
  }
}

const anything = new Set(['.*', '^.*$', '(.*)', '^(.*)$', '^.*', '.*$'])

/** pattern added / changed / removed / generalized (to match-anything). */
export function checkPattern(pair: SchemaPair): void {
  const pb =
    typeof pair.b.pattern === 'string' && pair.b.pattern !== '' ? pair.b.pattern : undefined
  const ph =
    typeof pair.h.pattern === 'string' && pair.h.pattern !== '' ? pair.h.pattern : undefined
  if (pb === ph) return
  if (pb === undefined) emit(pair, 'pattern-added', `gained the pattern '${ph}'`)
  else if (ph === undefined) emit(pair, 'pattern-removed', `lost the pattern '${pb}'`)
  else if (anything.has(ph))
    emitFirst(
      pair,
      ['pattern-generalized', 'pattern-changed'],
      `pattern changed from '${pb}' to '${ph}'`
    )
  else emit(pair, 'pattern-changed', `pattern changed from '${pb}' to '${ph}'`)
}

/** default values: for parameters a changed default changes what an omitted value means. */
export function checkDefault(pair: SchemaPair): void {
  const db = pair.b.default
  const dh = pair.h.default
  if (sameValue(db, dh)) return
  if (db === undefined) emit(pair, 'default-value-added', `gained the default ${show(dh)}`)
  else if (dh === undefined) emit(pair, 'default-value-removed', `lost the default ${show(db)}`)
  else emit(pair, 'default-value-changed', `default changed from ${show(db)} to ${show(dh)}`)
}

/** const (3.1). */
export function checkConst(pair: SchemaPair): void {
  const cb = pair.b.const
  const ch = pair.h.const
  if (sameValue(cb, ch)) return
  if (cb === undefined) emit(pair, 'const-added', `gained the const ${show(ch)}`)
  else if (ch === undefined) emit(pair, 'const-removed', `lost the const ${show(cb)}`)
  else emit(pair, 'const-changed', `const changed from ${show(cb)} to ${show(ch)}`)
}
