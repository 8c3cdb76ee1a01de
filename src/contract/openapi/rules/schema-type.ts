import { isObject, type JsonObject } from '../load/location.js'
import { emit, emitFirst, type SchemaPair } from '../diff/schema-pair.js'

/** The declared types without 'null' (nullability is its own rule); implied from keywords when absent. */
export function typesOf(schema: JsonObject): string[] {
  const t = schema.type
  if (typeof t === 'string') return t === 'null' ? [] : [t]
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string' && x !== 'null')
  return []
}

const formatWidth: Readonly<Record<string, number>> = { int32: 1, int64: 2, float: 1, double: 2 }

/** True when every value of type `from` is also of type `to` (integer ⊂ number). */
function accepts(to: string, from: string): boolean {
  return to === from || (to === 'number' && from === 'integer')
}

function coversAll(wider: string[], narrower: string[], asText = false): boolean {
  return narrower.every((n) =>
    wider.some(
      (w) => accepts(w, n) || (asText && w === 'string' && n !== 'array' && n !== 'object')
    )
  )
}

/** Media types other than JSON carry everything as text, so string and object/array convert freely. */
function isLooselyTyped(mediaType: string | null): boolean {
  if (mediaType === null) return false
  const m = mediaType.toLowerCase()
  return !(m.includes('json') || m === '*/*')
}

const itemConstraintKeys = [
  'pattern',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'multipleOf',
  'format'
]

/** A query value sent as a scalar still parses as a one-item form/explode array when the items accept it. */
function scalarWidensToArray(pair: SchemaPair, typesB: string[], typesH: string[]): boolean {
  const { site } = pair
  if (site.dir !== 'request' || site.paramIn !== 'query' || pair.path.length > 0) return false
  if (
    typesH.length !== 1 ||
    typesH[0] !== 'array' ||
    typesB.includes('array') ||
    typesB.includes('object')
  )
    return false
  const items = site.env.head.deref(pair.h.items)
  if (!isObject(items)) return false
  if (itemConstraintKeys.some((k) => items[k] !== undefined)) return false
  if (typeof pair.h.minItems === 'number' && pair.h.minItems > 1) return false
  const itemTypes = typesOf(items)
  return itemTypes.length === 0 || coversAll(itemTypes, typesB, true)
}

/** type / format / list-of-types changes, judged by direction (requests may widen, responses may narrow). */
export function checkTypeChanged(pair: SchemaPair): void {
  const typesB = typesOf(pair.b)
  const typesH = typesOf(pair.h)
  if (typesB.length === 0 || typesH.length === 0) return
  const request = pair.site.dir === 'request'
  const from = typesB.join('/')
  const to = typesH.join('/')
  const sameTypes = typesB.length === typesH.length && typesB.every((t) => typesH.includes(t))
  if (sameTypes) {
    if (typesB.length !== 1) return
    const fb = typeof pair.b.format === 'string' ? pair.b.format : ''
    const fh = typeof pair.h.format === 'string' ? pair.h.format : ''
    if (fb === fh) return
    // for numbers, no format means "any size", which is what int64/double allow in practice
    const widest = typesB[0] === 'integer' || typesB[0] === 'number' ? 2 : 3
    const wb = fb === '' ? widest : formatWidth[fb]
    const wh = fh === '' ? widest : formatWidth[fh]
    if (wb !== undefined && wb === wh) return
    const text = `changed format from '${fb || 'none'}' to '${fh || 'none'}'`
    if (wb !== undefined && wh !== undefined && wh > wb)
      emitFirst(pair, ['type-generalized', 'type-changed'], text)
    else if (!request && wb !== undefined && wh !== undefined && wh < wb)
      emit(pair, 'type-specialized', text)
    else if (!request && fb === '') emit(pair, 'type-specialized', text)
    else emit(pair, 'type-changed', text)
    return
  }
  const text = `changed type from '${from}' to '${to}'`
  if (typesB.length > 1 || typesH.length > 1) {
    if (scalarWidensToArray(pair, typesB, typesH)) {
      emit(pair, 'type-generalized', text)
      return
    }
    if (typesH.length > 1 && coversAll(typesH, typesB)) emit(pair, 'list-of-types-widened', text)
    else if (typesB.length > 1 && coversAll(typesB, typesH))
      emit(pair, 'list-of-types-narrowed', text)
    else emit(pair, 'type-changed', text)
    return
  }
  const tb = typesB[0] as string
  const th = typesH[0] as string
  if (accepts(th, tb)) {
    emitFirst(pair, ['type-generalized', 'type-changed'], text)
    return
  }
  if (accepts(tb, th)) {
    emit(pair, request ? 'type-changed' : 'type-specialized', text)
    return
  }
  if (
    request &&
    pair.site.paramIn !== null &&
    tb === 'string' &&
    th !== 'array' &&
    th !== 'object'
  ) {
    // a parameter travels as text: string → number/boolean narrows what is accepted
    emitFirst(pair, ['type-specialized', 'type-changed'], text)
    return
  }
  if (isLooselyTyped(pair.site.mediaType)) {
    const compatible = request
      ? th === 'string' && (tb === 'object' || tb === 'array')
      : tb === 'string' && (th === 'object' || th === 'array')
    if (compatible) {
      emit(pair, 'type-compatible', text)
      return
    }
  }
  if (scalarWidensToArray(pair, typesB, typesH)) {
    emit(pair, 'type-generalized', text)
    return
  }
  emit(pair, 'type-changed', text)
}

/** nullable / x-nullable / `type: [x, "null"]` / a oneOf-with-null wrapper, compared by direction through the level table. */
export function checkNullable(pair: SchemaPair): void {
  if (pair.nullableB === pair.nullableH) return
  if (pair.nullableH) emit(pair, 'became-nullable', 'became nullable')
  else emit(pair, 'became-not-nullable', 'became not nullable')
}
