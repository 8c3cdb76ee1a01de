import type { JsonObject } from '../load/location.js'
import { isOpenApiRuleId, type OpenApiRuleId, type SchemaRuleSuffix } from '../rules/ids.js'
import type { Reporter } from './report.js'
import type { DiffEnv } from './side.js'

/** Marks a schema whose `oneOf`/`anyOf` of bare types was read as a list of types. */
export const FROM_ALTERNATIVES = Symbol('openapi.fromAlternatives')

export type Direction = 'request' | 'response'

/** Where a schema sits: its direction, the rule-id prefixes at its root and below it, and how to name it. */
export interface SchemaSite {
  env: DiffEnv
  reporter: Reporter
  operation: string | null
  dir: Direction
  /** Id prefix for changes at the root schema: `request-body`, `request-parameter`, `response-body`, `response-header`. */
  top: string
  /** Id prefix below the root: `request-property`, `request-parameter-property`, `response-property`. */
  nested: string
  /** "the request body (application/json) of POST /pets", "query parameter 'limit' of GET /pets". */
  where: string
  mediaType: string | null
  /** `in` of the parameter the schema belongs to, if any. */
  paramIn: string | null
  /** Report constraints below the root with the root's ids when no nested id exists (operation parameters). */
  flattenItems?: boolean
}

/** Two schemas compared at the same place, after `$ref`s, null-wrapping and `allOf` are resolved. */
export interface SchemaPair {
  site: SchemaSite
  path: string[]
  /** Merged views (allOf folded in), used by most checks. */
  b: JsonObject
  h: JsonObject
  /** Before folding allOf (for the allOf checks). */
  rawB: JsonObject
  rawH: JsonObject
  nullableB: boolean
  nullableH: boolean
  /** Inside a readOnly property on the request side, or a writeOnly one on the response side. */
  readOnly: boolean
  writeOnly: boolean
}

export interface EmitOptions {
  /** Full rule id instead of prefix + suffix. */
  id?: OpenApiRuleId
  side?: 'base' | 'head'
  /** Extra fingerprint subject (an enum value, a property name). */
  subject?: string
  path?: string[]
  /** The node to point at, when not the schema itself (a property), and its base-side counterpart. */
  node?: unknown
  baseNode?: unknown
}

export type Emit = (
  pair: SchemaPair,
  suffix: SchemaRuleSuffix | '',
  text: string,
  options?: EmitOptions
) => boolean

/**
 * The id a suffix gets at this place (`max-length-decreased` → `request-property-max-length-decreased`).
 * readOnly request / writeOnly response properties use their own informational ids where oasdiff has one;
 * below a parameter's root, constraints of its items count as the parameter's own when there is no nested id.
 */
export function idFor(pair: SchemaPair, suffix: string, path: string[] = pair.path): string {
  const { site } = pair
  const has = (id: string): boolean => site.reporter.has(id)
  // a body's root schema is reported with its own ids, or like a property where oasdiff has no root id
  if (path.length === 0) {
    const own = `${site.top}-${suffix}`
    return has(own) || !site.top.endsWith('-body') ? own : `${site.nested}-${suffix}`
  }
  if (pair.readOnly && site.dir === 'request' && has(`request-read-only-property-${suffix}`))
    return `request-read-only-property-${suffix}`
  if (pair.writeOnly && site.dir === 'response' && has(`response-write-only-property-${suffix}`))
    return `response-write-only-property-${suffix}`
  const nested = `${site.nested}-${suffix}`
  if (!has(nested) && site.flattenItems && has(`${site.top}-${suffix}`))
    return `${site.top}-${suffix}`
  return nested
}

const COMPONENT = '\u0001'

/** The first step of a path below a named component (paths restart there; see compareSchemas). */
export function componentStep(name: string): string {
  return COMPONENT + name
}

export function targetText(site: SchemaSite, path: string[]): string {
  if (path.length === 0) return site.where
  const first = path[0] as string
  if (!first.startsWith(COMPONENT)) return `property '${path.join('/')}' of ${site.where}`
  const schema = `the schema '${first.slice(1)}'`
  const rest = path.slice(1)
  return `${rest.length === 0 ? schema : `property '${rest.join('/')}' of ${schema}`} in ${site.where}`
}

export const emit: Emit = (pair, suffix, text, options = {}) => {
  const path = options.path ?? pair.path
  const id = options.id ?? idFor(pair, suffix, path)
  // a suffix some places have no rule for (a response header has no pattern rule) reports nothing there
  if (!isOpenApiRuleId(id)) return false
  const { site } = pair
  // a readOnly property is never sent by clients, a writeOnly one never returned: only the informational ids apply
  const exempt =
    (pair.readOnly && site.dir === 'request') || (pair.writeOnly && site.dir === 'response')
  if (exempt && path.length > 0 && !id.includes('read-only') && !id.includes('write-only'))
    return false
  const side = options.side ?? 'head'
  return site.reporter.report({
    id,
    message: `${targetText(site, path)} ${text}`,
    operation: site.operation,
    subject: `${site.where}|${path.join('/')}|${options.subject ?? ''}`,
    at: options.node ?? (side === 'base' ? pair.b : pair.h),
    side,
    other: options.node === undefined ? pair.b : options.baseNode
  })
}

/** Tries ids in order and reports the first one the registry knows. */
export function emitFirst(
  pair: SchemaPair,
  suffixes: Array<SchemaRuleSuffix>,
  text: string,
  options: EmitOptions = {}
): boolean {
  for (const suffix of suffixes) {
    if (pair.site.reporter.has(idFor(pair, suffix, options.path ?? pair.path)))
      return emit(pair, suffix, text, options)
  }
  return false
}

export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value)
}

/** A key equal for values that sameValue calls equal (object key order ignored). */
export function valueKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `${typeof value}:${JSON.stringify(value)}`
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`
  const obj = value as JsonObject
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${valueKey(obj[k])}`)
    .join(',')}}`
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (const k of ka) if (!sameValue((a as JsonObject)[k], (b as JsonObject)[k])) return false
  return true
}
