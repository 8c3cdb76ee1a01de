import { isObject, type JsonObject } from '../load/location.js'
import type { OpenApiSpec } from '../load/loader.js'
import type { WorkBudget } from '../../../core/budget.js'
import type { SchemaScopes } from './scopes.js'

/** Marks a schema the diff built itself by folding `allOf` branches into their parent. */
export const MERGED = Symbol('openapi.merged')

/** One side of the comparison: its spec plus caches for references and merged schemas. */
export class Side {
  private readonly merged = new WeakMap<object, JsonObject>()

  constructor(readonly spec: OpenApiSpec) {}

  deref<T = unknown>(node: T): T {
    return this.spec.resolver.deref(node)
  }

  /** The schema with its `allOf` branches folded in (properties and required united), cached per node. */
  merge(schema: JsonObject): JsonObject {
    if (!Array.isArray(schema.allOf) || schema.allOf.length === 0) return schema
    const cached = this.merged.get(schema)
    if (cached) return cached
    const out: JsonObject = { ...schema }
    delete out.allOf
    ;(out as Record<symbol, unknown>)[MERGED] = true
    this.merged.set(schema, out)
    for (const branch of schema.allOf) {
      const resolved = this.deref(branch)
      if (!isObject(resolved)) continue
      const part = this.merge(resolved)
      for (const [key, value] of Object.entries(part)) {
        if (key === 'properties' && isObject(value)) {
          const props: JsonObject = isObject(out.properties) ? { ...out.properties } : { ...value }
          if (isObject(out.properties)) {
            for (const [name, prop] of Object.entries(value)) {
              const existing = props[name]
              if (existing === undefined) props[name] = prop
              else if (existing !== prop)
                props[name] = { ...(this.deref(existing) as object), allOf: [existing, prop] }
            }
          }
          out.properties = props
        } else if (key === 'required' && Array.isArray(value)) {
          const set = new Set<unknown>(Array.isArray(out.required) ? out.required : [])
          for (const name of value) set.add(name)
          out.required = [...set].sort()
        } else if (out[key] === undefined) {
          out[key] = value
        }
      }
    }
    return out
  }
}

/** Both sides plus what every rule needs. */
export interface DiffEnv {
  base: Side
  head: Side
  now: Date
  /** Whether a base node and a head node say the same thing (references followed, annotations ignored). */
  same(b: unknown, h: unknown): boolean
  /** Schema comparisons done once per place and shared by every operation that reaches it. */
  scopes: SchemaScopes
  /** Progress and the time budget of the whole comparison. */
  budget: WorkBudget
  /** Operations at these x-stability-level values are left out (default alpha and draft). */
  exemptStability: ReadonlySet<string>
}
