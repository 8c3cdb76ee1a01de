import {
  emit,
  FROM_ALTERNATIVES,
  emitFirst,
  sameValue,
  valueKey,
  show,
  type SchemaPair
} from '../diff/schema-pair.js'
import type { SchemaRuleSuffix } from './ids.js'

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

/**
 * A numeric bound and the suffixes of its rules: `set`/`unset` list what a newly set or removed bound is reported
 * as, first match wins (where no `-set` rule exists, setting an upper bound is reported as decreasing it).
 */
interface Bound {
  key: string
  increased: SchemaRuleSuffix
  decreased: SchemaRuleSuffix
  set: SchemaRuleSuffix[]
  unset: SchemaRuleSuffix[]
}

const bounds: readonly Bound[] = [
  {
    key: 'maxLength',
    increased: 'max-length-increased',
    decreased: 'max-length-decreased',
    set: ['max-length-set', 'max-length-decreased'],
    unset: ['max-length-unset', 'max-length-increased']
  },
  {
    key: 'minLength',
    increased: 'min-length-increased',
    decreased: 'min-length-decreased',
    set: ['min-length-increased'],
    unset: ['min-length-decreased']
  },
  {
    key: 'maximum',
    increased: 'max-increased',
    decreased: 'max-decreased',
    set: ['max-set', 'max-decreased'],
    unset: ['max-increased']
  },
  {
    key: 'minimum',
    increased: 'min-increased',
    decreased: 'min-decreased',
    set: ['min-set', 'min-increased'],
    unset: ['min-decreased']
  },
  {
    key: 'maxItems',
    increased: 'max-items-increased',
    decreased: 'max-items-decreased',
    set: ['max-items-decreased'],
    unset: ['max-items-increased']
  },
  {
    key: 'minItems',
    increased: 'min-items-increased',
    decreased: 'min-items-decreased',
    set: ['min-items-set', 'min-items-increased'],
    unset: ['min-items-unset', 'min-items-decreased']
  },
  {
    key: 'maxContains',
    increased: 'max-contains-increased',
    decreased: 'max-contains-decreased',
    set: ['max-contains-decreased'],
    unset: ['max-contains-increased']
  },
  {
    key: 'minContains',
    increased: 'min-contains-increased',
    decreased: 'min-contains-decreased',
    set: ['min-contains-increased'],
    unset: ['min-contains-decreased']
  },
  {
    key: 'exclusiveMaximum',
    increased: 'exclusive-max-increased',
    decreased: 'exclusive-max-decreased',
    set: ['exclusive-max-set', 'exclusive-max-decreased'],
    unset: ['exclusive-max-increased']
  },
  {
    key: 'exclusiveMinimum',
    increased: 'exclusive-min-increased',
    decreased: 'exclusive-min-decreased',
    set: ['exclusive-min-set', 'exclusive-min-increased'],
    unset: ['exclusive-min-decreased']
  }
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
        nh > nb ? bound.increased : bound.decreased,
        `${label} ${nh > nb ? 'increased' : 'decreased'} from ${nb} to ${nh}`
      )
    } else if (nb === undefined && nh !== undefined) {
      emitFirst(pair, bound.set, `${label} was set to ${nh}`)
    } else if (nb !== undefined) {
      emitFirst(pair, bound.unset, `${label} ${nb} was removed`, { side: 'head' })
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
