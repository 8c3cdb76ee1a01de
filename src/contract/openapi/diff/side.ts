import { isObject, type JsonObject } from '../load/location.js'
import type { OpenApiSpec } from '../load/loader.js'

/** Keywords that never change what is valid on the wire: edits to them are not changes. */
const annotationKeys = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'externalDocs',
  '$comment'
])

const compositionKeys = new Set(['oneOf', 'anyOf', 'allOf'])
/** Arrays of scalars that are sets: their order is not part of the contract. */
const unorderedKeys = new Set(['required', 'enum', 'type'])

/** Marks a schema the diff built itself by folding `allOf` branches into their parent. */
export const MERGED = Symbol('openapi.merged')

function scalarHash(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/** A 53-bit string hash (two 32-bit lanes), printed compactly. */
function cyrb53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0).toString(36) + ':' + (h1 >>> 0).toString(36)
}

/** One side of the comparison: its spec plus caches for references, content hashes and merged schemas. */
export class Side {
  private readonly hashes = new WeakMap<object, string>()
  private readonly merged = new WeakMap<object, JsonObject>()
  private readonly hashing = new Set<object>()

  constructor(readonly spec: OpenApiSpec) {}

  deref<T = unknown>(node: T): T {
    return this.spec.resolver.deref(node)
  }

  /** A content hash of a node with its references followed, ignoring annotations; equal hash = same contract. */
  hash(node: unknown): string {
    this.tainted = false
    return this.hashOf(node)
  }

  /** Set while hashing when a cycle was cut short: such hashes depend on where the walk began, so are not cached. */
  private tainted = false

  private hashOf(node: unknown): string {
    if (typeof node !== 'object' || node === null) return scalarHash(node)
    const target = this.deref(node) as object
    if (typeof target !== 'object' || target === null) return scalarHash(target)
    const cached = this.hashes.get(target)
    if (cached !== undefined) return cached
    if (this.hashing.has(target)) {
      this.tainted = true
      return `cycle(${isObject(node) && typeof node.$ref === 'string' ? node.$ref : 'self'})`
    }
    this.hashing.add(target)
    const outer = this.tainted
    this.tainted = false
    let text: string
    if (Array.isArray(target)) {
      text = '['
      for (let i = 0; i < target.length; i++) text += (i > 0 ? ',' : '') + this.hashOf(target[i])
      text += ']'
    } else {
      text = '{'
      const keys = Object.keys(target).sort()
      for (const key of keys) {
        if (annotationKeys.has(key)) continue
        const value = (target as JsonObject)[key]
        text += JSON.stringify(key) + ':'
        if (compositionKeys.has(key) && Array.isArray(value)) {
          // which component a branch names is part of the contract oasdiff reports on (Cat → Rabbit)
          text += '['
          for (const item of value) {
            const ref = isObject(item) && typeof item.$ref === 'string' ? item.$ref : ''
            text += ref + '=' + this.hashOf(item) + ','
          }
          text += '],'
        } else if (
          unorderedKeys.has(key) &&
          Array.isArray(value) &&
          value.every((v) => typeof v !== 'object')
        ) {
          text += JSON.stringify([...value].sort()) + ','
        } else {
          text += this.hashOf(value) + ','
        }
      }
      text += '}'
    }
    this.hashing.delete(target)
    const hash = text.length > 24 ? cyrb53(text) : text
    const tainted = this.tainted
    this.tainted = outer || tainted
    if (!tainted) this.hashes.set(target, hash)
    return hash
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
  /** Operations at these x-stability-level values are left out (default alpha and draft). */
  exemptStability: ReadonlySet<string>
}
