import { isObject, type JsonObject } from '../load/location.js'
import { checkAdditionalProperties } from '../rules/additional-properties.js'
import {
  checkAllOf,
  checkAlternatives,
  checkDiscriminator,
  checkWrappedInOneOf
} from '../rules/schema-composition.js'
import { checkKeyedKeywords, checkPresenceKeywords } from '../rules/schema-keywords.js'
import { checkPropertiesAddedRemoved, checkPropertiesChanged } from '../rules/schema-properties.js'
import { checkNullable, checkTypeChanged } from '../rules/schema-type.js'
import {
  checkBounds,
  checkConst,
  checkDefault,
  checkEnum,
  checkPattern
} from '../rules/schema-values.js'
import { RefResolver } from '../load/resolver.js'
import {
  componentStep,
  FROM_ALTERNATIVES,
  type SchemaPair,
  type SchemaSite
} from './schema-pair.js'
import type { Side } from './side.js'

/** The checks run on every pair of schemas compared, in report order. */
const schemaChecks: ReadonlyArray<(pair: SchemaPair) => void> = [
  checkAllOf,
  checkTypeChanged,
  checkNullable,
  checkEnum,
  checkBounds,
  checkPattern,
  checkDefault,
  checkConst,
  checkPresenceKeywords,
  checkKeyedKeywords,
  checkAdditionalProperties,
  checkDiscriminator,
  checkPropertiesAddedRemoved,
  checkPropertiesChanged
]

function isNullSchema(node: unknown): boolean {
  return (
    isObject(node) &&
    (node.type === 'null' ||
      (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === 'null'))
  )
}

/** `oneOf/anyOf: [{type: 'null'}, X]` is X made nullable, not a new alternative. */
function unwrapNull(
  side: Side,
  schema: JsonObject
): { schema: JsonObject; nullable: boolean; wrapped?: JsonObject } {
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const list = schema[kind]
    if (!Array.isArray(list) || list.length !== 2) continue
    const resolved = list.map((x) => side.deref(x))
    const nullAt = resolved.findIndex(isNullSchema)
    if (nullAt < 0) continue
    const other = resolved[1 - nullAt]
    if (!isObject(other)) continue
    const rest: JsonObject = { ...schema }
    delete rest[kind]
    return {
      // keywords beside the wrapper (a default, a description) still apply: fold them in
      schema: Object.keys(rest).some((k) => k !== 'description' && k !== 'title')
        ? side.merge({ ...rest, allOf: [other] })
        : other,
      nullable: true,
      wrapped: other
    }
  }
  return { schema, nullable: nullableFlag(schema) }
}

const typeOnlyKeys = new Set(['type', 'format', 'description', 'title'])

/** `oneOf: [{type: string}, {type: integer}]` says the same as `type: [string, integer]`; compare it that way. */
function alternativesAsTypes(side: Side, schema: JsonObject): JsonObject {
  if (schema.type !== undefined) return schema
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const list = schema[kind]
    if (!Array.isArray(list) || list.length < 2) continue
    const types: string[] = []
    for (const item of list) {
      const branch = side.deref(item)
      if (!isObject(branch) || typeof branch.type !== 'string') return schema
      if (!Object.keys(branch).every((k) => typeOnlyKeys.has(k))) return schema
      types.push(branch.type)
    }
    const out: JsonObject = { ...schema, type: types }
    delete out[kind]
    ;(out as Record<symbol, unknown>)[FROM_ALTERNATIVES] = true
    return out
  }
  return schema
}

function nullableFlag(schema: JsonObject): boolean {
  if (schema.nullable === true || schema['x-nullable'] === true) return true
  return Array.isArray(schema.type) && schema.type.includes('null')
}

export interface SchemaFlags {
  readOnly: boolean
  writeOnly: boolean
}

function isRef(node: unknown): boolean {
  return isObject(node) && typeof node.$ref === 'string'
}

/** Everything about a place that decides the ids and levels reported below it. */
function placeOf(site: SchemaSite, path: string[], flags: SchemaFlags): string {
  return [
    site.dir,
    site.top,
    site.nested,
    site.mediaType ?? '',
    site.paramIn ?? '',
    site.flattenItems === true ? 'flat' : '',
    flags.readOnly ? 'ro' : '',
    flags.writeOnly ? 'wo' : '',
    path.length === 0 ? 'root' : 'nested'
  ].join('|')
}

/**
 * Compares two schemas at one place and everything below them. Identical contracts are skipped at once
 * (env.same, decided once per pair of nodes). A schema reached through a `$ref`, or at a root, is a scope:
 * compared once for every operation and path that reaches it (see SchemaScopes), which also ends cycles.
 */
export function compareSchemas(
  site: SchemaSite,
  b: unknown,
  h: unknown,
  path: string[] = [],
  flags: SchemaFlags = { readOnly: false, writeOnly: false },
  stack: Set<object> = new Set()
): void {
  const { env } = site
  const { base, head } = env
  const rb = base.deref(b)
  const rh = head.deref(h)
  if (!isObject(rb) || !isObject(rh)) return
  // a $ref left unresolved in the base is reported once as such (api-base-ref-unresolved), not as changes
  if (isRef(rb) || isRef(rh)) return
  if (env.same(rb, rh)) return
  env.budget.tick()
  const scoped = path.length === 0 || isRef(b) || isRef(h)
  if (
    scoped &&
    !env.scopes.enter(
      env.scopes.keyOf(rb, rh, placeOf(site, path, flags)),
      site.operation,
      path.length > 0
    )
  )
    return
  // below a named component, places are named from the component: short, and the same from every path
  if (path.length > 0 && scoped) {
    const name = RefResolver.refName(h) ?? RefResolver.refName(b)
    if (name !== undefined) path = [componentStep(name)]
  }
  // inline schemas form trees; the stack only guards against documents that alias a node into itself
  if (stack.has(rb)) {
    if (scoped) env.scopes.leave()
    return
  }
  stack.add(rb)
  try {
    const ub = unwrapNull(base, rb)
    const uh = unwrapNull(head, rh)
    ub.schema = alternativesAsTypes(base, ub.schema)
    uh.schema = alternativesAsTypes(head, uh.schema)
    const pair: SchemaPair = {
      site,
      path,
      rawB: ub.schema,
      rawH: uh.schema,
      b: base.merge(ub.schema),
      h: head.merge(uh.schema),
      nullableB: ub.nullable || nullableFlag(base.merge(ub.schema)),
      nullableH: uh.nullable || nullableFlag(head.merge(uh.schema)),
      readOnly: flags.readOnly,
      writeOnly: flags.writeOnly
    }
    // a request null-wrapper around a schema that also changed is reported by what changed inside (oasdiff#1088);
    // a response that may now be null is reported whatever else changed
    if (site.dir === 'request' && (ub.wrapped === undefined) !== (uh.wrapped === undefined)) {
      const innerB = ub.wrapped ?? rb
      const innerH = uh.wrapped ?? rh
      if (!env.same(innerB, innerH)) pair.nullableB = pair.nullableH
    }
    if (checkWrappedInOneOf(pair)) return
    for (const check of schemaChecks) check(pair)
    recurse(pair, flags, stack)
  } finally {
    stack.delete(rb)
    if (scoped) env.scopes.leave()
  }
}

function recurse(pair: SchemaPair, flags: SchemaFlags, stack: Set<object>): void {
  const { site } = pair
  const { base, head } = site.env
  const pb = isObject(pair.b.properties) ? pair.b.properties : {}
  const ph = isObject(pair.h.properties) ? pair.h.properties : {}
  for (const name of Object.keys(ph)) {
    if (!(name in pb)) continue
    const propB = base.deref(pb[name])
    const propH = head.deref(ph[name])
    const childFlags: SchemaFlags = {
      readOnly:
        flags.readOnly ||
        (site.dir === 'request' && (isTrue(propB, 'readOnly') || isTrue(propH, 'readOnly'))),
      writeOnly:
        flags.writeOnly ||
        (site.dir === 'response' && (isTrue(propB, 'writeOnly') || isTrue(propH, 'writeOnly')))
    }
    compareSchemas(site, pb[name], ph[name], [...pair.path, name], childFlags, stack)
  }
  if (pair.b.items !== undefined && pair.h.items !== undefined) {
    compareSchemas(site, pair.b.items, pair.h.items, [...pair.path, 'items'], flags, stack)
  }
  if (isObject(pair.b.additionalProperties) && isObject(pair.h.additionalProperties)) {
    compareSchemas(
      site,
      pair.b.additionalProperties,
      pair.h.additionalProperties,
      [...pair.path, 'additionalProperties'],
      flags,
      stack
    )
  }
  if (pair.b.not !== undefined && pair.h.not !== undefined) {
    compareSchemas(site, pair.b.not, pair.h.not, [...pair.path, 'not'], flags, stack)
  }
  for (const key of [
    'if',
    'then',
    'else',
    'contains',
    'propertyNames',
    'unevaluatedItems',
    'unevaluatedProperties',
    'contentSchema'
  ]) {
    if (isObject(pair.b[key]) && isObject(pair.h[key]))
      compareSchemas(site, pair.b[key], pair.h[key], [...pair.path, key], flags, stack)
  }
  for (const key of ['patternProperties', 'dependentSchemas']) {
    const mb = pair.b[key]
    const mh = pair.h[key]
    if (!isObject(mb) || !isObject(mh)) continue
    for (const name of Object.keys(mh)) {
      if (name in mb)
        compareSchemas(site, mb[name], mh[name], [...pair.path, `${key}[${name}]`], flags, stack)
    }
  }
  if (Array.isArray(pair.b.prefixItems) && Array.isArray(pair.h.prefixItems)) {
    const count = Math.min(pair.b.prefixItems.length, pair.h.prefixItems.length)
    for (let i = 0; i < count; i++)
      compareSchemas(
        site,
        pair.b.prefixItems[i],
        pair.h.prefixItems[i],
        [...pair.path, `prefixItems[${i}]`],
        flags,
        stack
      )
  }
  for (const alt of checkAlternatives(pair)) {
    compareSchemas(site, alt.b, alt.h, [...pair.path, `${alt.kind}[${alt.index}]`], flags, stack)
  }
}

function isTrue(node: unknown, key: string): boolean {
  return isObject(node) && node[key] === true
}
