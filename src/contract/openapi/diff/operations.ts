import { isObject, type JsonObject } from '../load/location.js'
import type { Side } from './side.js'

export const httpMethods = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace'
] as const

export interface OperationRef {
  method: string
  /** The path as written on this side. */
  path: string
  /** "GET /pets/{petId}". */
  name: string
  op: JsonObject
  pathItem: JsonObject
}

/** `/pets/{petId}` and `/pets/{id}` are the same endpoint: parameter names are not part of the match. */
export function pathKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}')
}

export function operationsOf(side: Side, holder: unknown): Map<string, OperationRef> {
  const out = new Map<string, OperationRef>()
  if (!isObject(holder)) return out
  for (const [path, rawItem] of Object.entries(holder)) {
    const pathItem = side.deref(rawItem)
    if (!isObject(pathItem)) continue
    for (const method of httpMethods) {
      const op = side.deref(pathItem[method])
      if (!isObject(op)) continue
      out.set(`${method.toUpperCase()} ${pathKey(path)}`, {
        method,
        path,
        name: `${method.toUpperCase()} ${path}`,
        op,
        pathItem
      })
    }
  }
  return out
}

/** Path keys of a paths object, normalized. */
export function pathKeysOf(holder: unknown): Set<string> {
  return new Set(isObject(holder) ? Object.keys(holder).map(pathKey) : [])
}
