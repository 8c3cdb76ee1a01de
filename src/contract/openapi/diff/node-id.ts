const ID = Symbol('openapi.nodeId')
let nextId = 1

/**
 * A number per document node, kept on the node itself (a non-enumerable symbol key: invisible to
 * Object.keys, JSON and spreads), so the comparison's memo tables are keyed by numbers instead of by WeakMap look-ups.
 */
export function nodeId(node: object): number {
  const holder = node as Record<symbol, number | undefined>
  let id = holder[ID]
  if (id === undefined) {
    id = nextId++
    // not enumerable: `{ ...node }` (merged and unwrapped views) must not copy the id
    Object.defineProperty(holder, ID, { value: id })
  }
  return id
}

const LIMIT = 2 ** 26

/** One key for an ordered pair of nodes: a number while ids are small, a string after. */
export function pairKey(a: object, b: object): number | string {
  const ia = nodeId(a)
  const ib = nodeId(b)
  return ia < LIMIT && ib < LIMIT ? ia * LIMIT + ib : `${ia}:${ib}`
}
