import { FILE, isObject, locationOf, type JsonObject } from './location.js'
import { dirname, resolve as resolvePath } from 'node:path'

/** Splits a `$ref` into the absolute file it points into and its JSON pointer. */
export function splitRef(ref: string, fromFile: string): { file: string; pointer: string } {
  const hash = ref.indexOf('#')
  const filePart = hash < 0 ? ref : ref.slice(0, hash)
  const pointer = hash < 0 ? '' : ref.slice(hash + 1)
  const file = filePart === '' ? fromFile : resolvePath(dirname(fromFile), decodeURI(filePart))
  return { file, pointer }
}

export function isExternalUrl(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref)
}

function lookup(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root
  let node = root
  for (const raw of pointer.slice(1).split('/')) {
    const unescaped = raw.indexOf('~') < 0 ? raw : raw.replace(/~1/g, '/').replace(/~0/g, '~')
    const key = unescaped.indexOf('%') < 0 ? unescaped : decodeURIComponent(unescaped)
    if (Array.isArray(node)) node = node[Number(key)]
    else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key]
    else return undefined
  }
  return node
}

const annotationSiblings = new Set(['$ref', 'description', 'summary', 'title', '$comment'])

/** The target with the keywords written beside its `$ref` laid over it, located at the reference. */
function withSiblings(refNode: JsonObject, target: JsonObject): JsonObject {
  const keys = Object.keys(refNode)
  if (keys.every((k) => annotationSiblings.has(k))) return target
  const merged: JsonObject = { ...target }
  for (const key of keys) if (key !== '$ref') merged[key] = refNode[key]
  for (const symbol of Object.getOwnPropertySymbols(refNode))
    (merged as Record<symbol, unknown>)[symbol] = (refNode as Record<symbol, unknown>)[symbol]
  return merged
}

/** Follows `$ref`s lazily, across the files of one side; results are cached per reference node. */
export class RefResolver {
  private readonly cache = new WeakMap<object, unknown>()
  private readonly targets = new Map<string, unknown>()

  /**
   * `siblings`: keywords written beside a `$ref` apply too (OpenAPI 3.1, where a schema may say
   * `{$ref: X, readOnly: true}`); 3.0 and 2.0 ignore them, as their specifications say.
   */
  constructor(
    private readonly files: ReadonlyMap<string, unknown>,
    private readonly options: { siblings?: boolean } = {}
  ) {}

  /** The node a `$ref` node points at (or the node itself when it is not a reference). */
  deref<T = unknown>(node: T): T {
    if (!isObject(node) || typeof node.$ref !== 'string') return node
    const cached = this.cache.get(node)
    if (cached !== undefined) return cached as T
    let current: unknown = node
    const seen = new Set<unknown>()
    while (isObject(current) && typeof current.$ref === 'string') {
      if (seen.has(current)) break
      seen.add(current)
      const target = this.target(current)
      if (target === undefined) break
      current = target
    }
    if (this.options.siblings && isObject(current)) current = withSiblings(node, current)
    this.cache.set(node, current)
    return current as T
  }

  /** The direct target of one `$ref` node, or undefined when it does not resolve. */
  target(refNode: JsonObject): unknown {
    const from = refNode[FILE] ?? ''
    const ref = refNode.$ref as string
    const key = ref.startsWith('#') ? `${from}${ref}` : `${from}\u0000${ref}`
    if (this.targets.has(key)) return this.targets.get(key)
    const { file, pointer } = splitRef(ref, from)
    const root = this.files.get(file)
    const target = root === undefined ? undefined : lookup(root, pointer)
    this.targets.set(key, target)
    return target
  }

  /** The name of the component a `$ref` points at (`Pet` for `#/components/schemas/Pet`). */
  static refName(node: unknown): string | undefined {
    if (!isObject(node) || typeof node.$ref !== 'string') return undefined
    const at = node.$ref.lastIndexOf('/')
    return at < 0 ? undefined : node.$ref.slice(at + 1)
  }

  static locationOf = locationOf
}
