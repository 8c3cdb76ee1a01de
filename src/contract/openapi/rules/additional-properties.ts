import { isObject, type JsonObject } from '../load/location.js'
import { emit, type SchemaPair } from '../diff/schema-pair.js'
import { typesOf } from './schema-type.js'

/** An object schema accepts unlisted properties unless `additionalProperties` is false (absent means true). */
function allowsMore(schema: JsonObject): boolean {
  return schema.additionalProperties !== false
}

function isObjectSchema(schema: JsonObject): boolean {
  return typesOf(schema).includes('object') || isObject(schema.properties)
}

/**
 * `additionalProperties` turning false (requests carrying extra properties are rejected) or turning permissive
 * (responses may carry properties a strict client refuses). A schema on both sides is compared by the recursion.
 */
export function checkAdditionalProperties(pair: SchemaPair): void {
  if (!isObjectSchema(pair.b) && !isObjectSchema(pair.h)) return
  const before = allowsMore(pair.b)
  const after = allowsMore(pair.h)
  if (before && !after) {
    emit(pair, 'additional-properties-restricted', 'no longer allows properties it does not list', {
      subject: 'additionalProperties'
    })
  } else if (!before && after) {
    const what = isObject(pair.h.additionalProperties)
      ? 'now allows properties it does not list (matching a schema)'
      : 'now allows properties it does not list'
    emit(pair, 'additional-properties-allowed', what, { subject: 'additionalProperties' })
  }
}
