import { isObject, type JsonObject } from '../load/location.js'
import { RefResolver } from '../load/resolver.js'
import { shapeKey } from '../diff/equivalence.js'
import { emit, type SchemaPair } from '../diff/schema-pair.js'

export interface BranchMatch {
  /** Base/head index pairs: same content (`same`) or same component or position (`changed`, to compare inside). */
  pairs: Array<{ b: number; h: number; same: boolean }>
  added: number[]
  removed: number[]
}

/**
 * Matches subschemas of oneOf/anyOf/allOf: by component name, then by content (so an inline schema replaced by
 * an equivalent `$ref` is the same branch), then inline ones by position when as many are left on both sides.
 */
export function matchBranches(
  pair: SchemaPair,
  listB: unknown[],
  listH: unknown[],
  byPosition: boolean
): BranchMatch {
  const { env } = pair.site
  const freeB = new Set(listB.keys())
  const freeH = new Set(listH.keys())
  const pairs: BranchMatch['pairs'] = []
  const take = (i: number, j: number): void => {
    pairs.push({ b: i, h: j, same: env.same(listB[i], listH[j]) })
    freeB.delete(i)
    freeH.delete(j)
  }
  // indexes instead of scans: a oneOf of thousands of branches is matched in near-linear time
  const byName = new Map<string, number[]>()
  listH.forEach((node, j) => {
    const name = RefResolver.refName(node)
    if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), j])
  })
  for (const i of [...freeB]) {
    const name = RefResolver.refName(listB[i])
    if (name === undefined) continue
    const j = byName.get(name)?.find((k) => freeH.has(k))
    if (j !== undefined) take(i, j)
  }
  const byShape = new Map<string, number[]>()
  for (const j of freeH) {
    const key = shapeKey(env.head, listH[j])
    byShape.set(key, [...(byShape.get(key) ?? []), j])
  }
  for (const i of [...freeB]) {
    const refB = RefResolver.refName(listB[i])
    const j = byShape
      .get(shapeKey(env.base, listB[i]))
      ?.find(
        (k) =>
          freeH.has(k) &&
          (refB === undefined || RefResolver.refName(listH[k]) === undefined) &&
          env.same(listB[i], listH[k])
      )
    if (j !== undefined) take(i, j)
  }
  const inlineB = [...freeB].filter((i) => RefResolver.refName(listB[i]) === undefined)
  const inlineH = [...freeH].filter((j) => RefResolver.refName(listH[j]) === undefined)
  if (byPosition && inlineB.length === inlineH.length) {
    inlineB.forEach((i, k) => {
      const j = inlineH[k] as number
      pairs.push({ b: i, h: j, same: false })
      freeB.delete(i)
      freeH.delete(j)
    })
  }
  return { pairs, added: [...freeH], removed: [...freeB] }
}

const annotationOnlyKeys = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'externalDocs',
  '$comment'
])

function isAnnotationOnly(schema: unknown): boolean {
  return isObject(schema) && Object.keys(schema).every((k) => annotationOnlyKeys.has(k))
}

function branchName(node: unknown, index: number): string {
  const title = isObject(node) && typeof node.title === 'string' ? `'${node.title}'` : undefined
  return RefResolver.refName(node) ?? title ?? `#${index}`
}

/** allOf subschemas added or removed (the merged schema is compared separately, so these are the only allOf findings). */
export function checkAllOf(pair: SchemaPair): void {
  const listB = Array.isArray(pair.rawB.allOf) ? pair.rawB.allOf : []
  const listH = Array.isArray(pair.rawH.allOf) ? pair.rawH.allOf : []
  if (listB.length === 0 && listH.length === 0) return
  // splitting a schema into allOf parts (or joining them) without changing what it means is no change
  const sameMeaning = pair.site.env.same(pair.b, pair.h)
  const match = matchBranches(pair, listB, listH, false)
  const { head, base } = pair.site.env
  for (const j of match.added) {
    const annotation = isAnnotationOnly(head.deref(listH[j]))
    if (sameMeaning && !annotation) continue
    emit(
      pair,
      annotation ? 'all-of-added-annotation-only' : 'all-of-added',
      `gained the allOf subschema ${branchName(listH[j], j)}`,
      {
        subject: `allOf+${branchName(listH[j], j)}`
      }
    )
  }
  for (const i of match.removed) {
    const annotation = isAnnotationOnly(base.deref(listB[i]))
    if (sameMeaning && !annotation) continue
    emit(
      pair,
      annotation ? 'all-of-removed-annotation-only' : 'all-of-removed',
      `lost the allOf subschema ${branchName(listB[i], i)}`,
      {
        subject: `allOf-${branchName(listB[i], i)}`,
        side: 'base'
      }
    )
  }
}

/**
 * oneOf/anyOf subschemas added or removed; returns the matched pairs whose insides differ, for the caller to
 * compare. A concrete object wrapped into a oneOf is reported once as `wrapped-in-one-of`.
 */
export function checkAlternatives(
  pair: SchemaPair
): Array<{ kind: 'oneOf' | 'anyOf'; b: unknown; h: unknown; index: number }> {
  const inside: Array<{ kind: 'oneOf' | 'anyOf'; b: unknown; h: unknown; index: number }> = []
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const listB = Array.isArray(pair.b[kind]) ? (pair.b[kind] as unknown[]) : []
    const listH = Array.isArray(pair.h[kind]) ? (pair.h[kind] as unknown[]) : []
    if (listB.length === 0 && listH.length === 0) continue
    const match = matchBranches(pair, listB, listH, true)
    const stem = kind === 'oneOf' ? 'one-of' : 'any-of'
    for (const j of match.added) {
      emit(pair, `${stem}-added`, `gained the ${kind} subschema ${branchName(listH[j], j)}`, {
        subject: `${kind}+${branchName(listH[j], j)}`
      })
    }
    for (const i of match.removed) {
      emit(pair, `${stem}-removed`, `lost the ${kind} subschema ${branchName(listB[i], i)}`, {
        subject: `${kind}-${branchName(listB[i], i)}`,
        side: 'base'
      })
    }
    for (const p of match.pairs)
      if (!p.same) inside.push({ kind, b: listB[p.b], h: listH[p.h], index: p.h })
  }
  return inside
}

/** A concrete schema that becomes a oneOf of alternatives: payloads may now match several and be rejected. */
export function checkWrappedInOneOf(pair: SchemaPair): boolean {
  const listH = pair.h.oneOf
  if (!Array.isArray(listH) || listH.length < 2) return false
  if (Array.isArray(pair.b.oneOf) || Array.isArray(pair.b.anyOf)) return false
  if (pair.b.type === undefined && pair.b.properties === undefined) return false
  return emit(pair, 'wrapped-in-one-of', `was wrapped in a oneOf of ${listH.length} alternatives`)
}

/** A mapping value names a schema by reference or by its bare component name (`Cat`, the same as `#/components/schemas/Cat`). */
function mappingTarget(value: unknown): string {
  const text = String(value)
  return /^[A-Za-z0-9._-]+$/.test(text) ? `#/components/schemas/${text}` : text
}

/**
 * discriminator added/removed, propertyName changed, mapping entries added/deleted/retargeted. A renamed
 * property or a value that loses or changes its target dispatches payloads differently (breaking, registry.ts).
 */
export function checkDiscriminator(pair: SchemaPair): void {
  const db = isObject(pair.b.discriminator) ? pair.b.discriminator : undefined
  const dh = isObject(pair.h.discriminator) ? pair.h.discriminator : undefined
  if (!db && !dh) return
  if (!db) {
    emit(pair, 'discriminator-added', 'gained a discriminator')
    return
  }
  if (!dh) {
    emit(pair, 'discriminator-removed', 'lost its discriminator', { side: 'base' })
    return
  }
  if (db.propertyName !== dh.propertyName) {
    emit(
      pair,
      'discriminator-property-name-changed',
      `discriminator property changed from '${String(db.propertyName)}' to '${String(dh.propertyName)}'`
    )
  }
  const mb = (isObject(db.mapping) ? db.mapping : {}) as JsonObject
  const mh = (isObject(dh.mapping) ? dh.mapping : {}) as JsonObject
  for (const key of Object.keys(mh)) {
    if (!(key in mb))
      emit(pair, 'discriminator-mapping-added', `discriminator mapping gained '${key}'`, {
        subject: `map+${key}`
      })
    else if (mappingTarget(mb[key]) !== mappingTarget(mh[key]))
      emit(pair, 'discriminator-mapping-changed', `discriminator mapping '${key}' changed`, {
        subject: `map~${key}`
      })
  }
  for (const key of Object.keys(mb)) {
    if (!(key in mh))
      emit(pair, 'discriminator-mapping-deleted', `discriminator mapping lost '${key}'`, {
        subject: `map-${key}`,
        side: 'base'
      })
  }
}
