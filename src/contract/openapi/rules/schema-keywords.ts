import { isObject, type JsonObject } from '../load/location.js'
import { emit, sameValue, type SchemaPair } from '../diff/schema-pair.js'

/** JSON Schema 2020-12 keywords (OpenAPI 3.1) whose presence constrains instances. */
const presenceKeywords = [
  ['contains', 'contains-added', 'contains-removed'],
  ['if', 'if-added', 'if-removed'],
  ['then', 'then-added', 'then-removed'],
  ['else', 'else-added', 'else-removed'],
  ['propertyNames', 'property-names-added', 'property-names-removed'],
  ['unevaluatedItems', 'unevaluated-items-added', 'unevaluated-items-removed'],
  ['unevaluatedProperties', 'unevaluated-properties-added', 'unevaluated-properties-removed'],
  ['contentSchema', 'content-schema-added', 'content-schema-removed']
] as const

/** A keyword appearing constrains (breaking in requests), disappearing relaxes (breaking in responses). */
export function checkPresenceKeywords(pair: SchemaPair): void {
  for (const [key, added, removed] of presenceKeywords) {
    const inB = pair.b[key] !== undefined
    const inH = pair.h[key] !== undefined
    if (inB && !inH) emit(pair, removed, `lost '${key}'`, { side: 'base', subject: key })
    else if (!inB && inH) emit(pair, added, `gained '${key}'`, { subject: key })
  }
  for (const [key, stem] of [
    ['contentMediaType', 'content-media-type'],
    ['contentEncoding', 'content-encoding']
  ] as const) {
    if (!sameValue(pair.b[key], pair.h[key])) {
      emit(
        pair,
        `${stem}-changed`,
        `${key} changed from ${JSON.stringify(pair.b[key] ?? null)} to ${JSON.stringify(pair.h[key] ?? null)}`
      )
    }
  }
}

function keyedMap(value: unknown): JsonObject {
  return isObject(value) ? value : {}
}

/** dependentRequired, dependentSchemas, patternProperties and prefixItems, entry by entry. */
export function checkKeyedKeywords(pair: SchemaPair): void {
  const drB = keyedMap(pair.b.dependentRequired)
  const drH = keyedMap(pair.h.dependentRequired)
  for (const key of Object.keys(drH)) {
    if (!(key in drB))
      emit(pair, 'dependent-required-added', `gained dependentRequired for '${key}'`, {
        subject: `dr+${key}`
      })
    else if (!sameValue(drB[key], drH[key]))
      emit(pair, 'dependent-required-changed', `dependentRequired for '${key}' changed`, {
        subject: `dr~${key}`
      })
  }
  for (const key of Object.keys(drB)) {
    if (!(key in drH))
      emit(pair, 'dependent-required-removed', `lost dependentRequired for '${key}'`, {
        subject: `dr-${key}`,
        side: 'base'
      })
  }
  for (const [key, stem] of [
    ['dependentSchemas', 'dependent-schema'],
    ['patternProperties', 'pattern-property']
  ] as const) {
    const mb = keyedMap(pair.b[key])
    const mh = keyedMap(pair.h[key])
    for (const k of Object.keys(mh))
      if (!(k in mb))
        emit(pair, `${stem}-added`, `gained ${key} '${k}'`, { subject: `${key}+${k}` })
    for (const k of Object.keys(mb))
      if (!(k in mh))
        emit(pair, `${stem}-removed`, `lost ${key} '${k}'`, {
          subject: `${key}-${k}`,
          side: 'base'
        })
  }
  const pb = Array.isArray(pair.b.prefixItems) ? pair.b.prefixItems.length : 0
  const ph = Array.isArray(pair.h.prefixItems) ? pair.h.prefixItems.length : 0
  if (ph > pb) emit(pair, 'prefix-items-added', `gained ${ph - pb} prefixItems`)
  else if (pb > ph)
    emit(pair, 'prefix-items-removed', `lost ${pb - ph} prefixItems`, { side: 'base' })
}
