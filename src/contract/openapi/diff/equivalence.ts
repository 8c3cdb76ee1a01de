import { isObject, type JsonObject } from '../load/location.js'
import { pairKey } from './node-id.js'
import type { Side } from './side.js'

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

type Pair = readonly [unknown, unknown]

type Key = number | string

interface Frame {
  key: Key
  index: number
  low: number
  children: Pair[]
  next: number
  equal: boolean
}

function isScalarArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.every((v) => typeof v !== 'object')
}

function refOf(node: unknown): string {
  return isObject(node) && typeof node.$ref === 'string' ? node.$ref : ''
}

function contentKeys(node: JsonObject): string[] {
  return Object.keys(node).filter((key) => !annotationKeys.has(key))
}

/**
 * Decides whether a base node and a head node say the same thing (references followed, annotations
 * ignored, sets compared as sets, the component each oneOf/anyOf/allOf branch names included).
 *
 * Nodes may sit on cycles (recursive models), so equality is the greatest fixpoint: pairs are visited
 * once each, with Tarjan's strongly connected components over the pair graph. A pair met again while
 * its component is still open is assumed equal; when the component closes, one difference anywhere in
 * it makes every pair in it different (they all depend on each other). Every pair is decided once and
 * remembered, so the cost is linear in the pairs reached. The walk keeps its own stack: deep documents
 * cannot overflow the call stack.
 */
export class Equivalence {
  private readonly decided = new Map<Key, boolean>()
  /** Tarjan index of each pair still open. */
  private readonly open = new Map<Key, number>()
  private readonly sccStack: Key[] = []
  private readonly differs = new Set<Key>()
  private counter = 0

  constructor(
    private readonly base: Side,
    private readonly head: Side,
    private readonly tick: () => void = () => {}
  ) {}

  /** Pairs decided so far (for progress and tests). */
  get size(): number {
    return this.decided.size
  }

  same(b: unknown, h: unknown): boolean {
    const rb = this.base.deref(b)
    const rh = this.head.deref(h)
    const trivial = this.trivially(rb, rh)
    if (trivial !== undefined) return trivial
    const key = this.keyOf(rb as object, rh as object)
    const known = this.decided.get(key)
    if (known !== undefined) return known
    this.walk(key, rb as object, rh as object)
    return this.decided.get(key) as boolean
  }

  /** Scalars and mismatched kinds are decided at once; undefined means both are objects of one kind. */
  private trivially(rb: unknown, rh: unknown): boolean | undefined {
    const objB = typeof rb === 'object' && rb !== null
    const objH = typeof rh === 'object' && rh !== null
    if (!objB || !objH) return !objB && !objH && rb === rh
    if (Array.isArray(rb) !== Array.isArray(rh)) return false
    return undefined
  }

  private keyOf(rb: object, rh: object): Key {
    return pairKey(rb, rh)
  }

  /** The pairs below this one, or null when the two differ at this level already. */
  private expand(rb: object, rh: object): Pair[] | null {
    if (Array.isArray(rb)) {
      const list = rh as unknown[]
      if (rb.length !== list.length) return null
      return rb.map((item, i) => [item, list[i]] as const)
    }
    const objB = rb as JsonObject
    const objH = rh as JsonObject
    const keys = contentKeys(objB)
    const keysH = contentKeys(objH)
    if (keys.length !== keysH.length) return null
    const children: Pair[] = []
    for (const key of keys) {
      if (!Object.hasOwn(objH, key)) return null
      const vb = objB[key]
      const vh = objH[key]
      if (compositionKeys.has(key) && (Array.isArray(vb) || Array.isArray(vh))) {
        if (!Array.isArray(vb) || !Array.isArray(vh) || vb.length !== vh.length) return null
        for (let i = 0; i < vb.length; i++) {
          if (refOf(vb[i]) !== refOf(vh[i])) return null
          children.push([vb[i], vh[i]])
        }
      } else if (unorderedKeys.has(key) && (isScalarArray(vb) || isScalarArray(vh))) {
        if (!isScalarArray(vb) || !isScalarArray(vh) || vb.length !== vh.length) return null
        if (JSON.stringify([...vb].sort()) !== JSON.stringify([...vh].sort())) return null
      } else {
        children.push([vb, vh])
      }
    }
    return children
  }

  private push(frames: Frame[], key: Key, rb: object, rh: object): void {
    const index = this.counter++
    const children = this.expand(rb, rh)
    this.open.set(key, index)
    this.sccStack.push(key)
    frames.push({
      key,
      index,
      low: index,
      children: children ?? [],
      next: 0,
      equal: children !== null
    })
  }

  private walk(rootKey: Key, rb: object, rh: object): void {
    const frames: Frame[] = []
    this.push(frames, rootKey, rb, rh)
    while (frames.length > 0) {
      this.tick()
      const frame = frames[frames.length - 1] as Frame
      if (frame.equal && frame.next < frame.children.length) {
        const [cb, ch] = frame.children[frame.next++] as Pair
        const db = this.base.deref(cb)
        const dh = this.head.deref(ch)
        const trivial = this.trivially(db, dh)
        if (trivial !== undefined) {
          if (!trivial) frame.equal = false
          continue
        }
        const key = this.keyOf(db as object, dh as object)
        const known = this.decided.get(key)
        if (known !== undefined) {
          if (!known) frame.equal = false
          continue
        }
        const openIndex = this.open.get(key)
        if (openIndex !== undefined) {
          // on a cycle: assumed equal until its component closes
          frame.low = Math.min(frame.low, openIndex)
          continue
        }
        this.push(frames, key, db as object, dh as object)
        continue
      }
      frames.pop()
      if (!frame.equal) this.differs.add(frame.key)
      let result = frame.equal
      if (frame.low === frame.index) {
        const members: Key[] = []
        let different = false
        for (;;) {
          const member = this.sccStack.pop() as Key
          members.push(member)
          if (this.differs.has(member)) different = true
          if (member === frame.key) break
        }
        for (const member of members) {
          this.decided.set(member, !different)
          this.open.delete(member)
          this.differs.delete(member)
        }
        result = !different
      }
      const parent = frames[frames.length - 1]
      if (parent) {
        parent.low = Math.min(parent.low, frame.low)
        if (!result) parent.equal = false
      }
    }
  }
}

/**
 * A cheap key that equal nodes always share (the top level's content keys, scalar values and branch
 * references), for bucketing candidates before the exact `same` check.
 */
export function shapeKey(side: Side, node: unknown): string {
  const target = side.deref(node)
  if (typeof target !== 'object' || target === null) return `=${JSON.stringify(target)}`
  if (Array.isArray(target)) return `[${target.length}]`
  const obj = target as JsonObject
  const parts: string[] = []
  for (const key of contentKeys(obj).sort()) {
    const value = obj[key]
    if (compositionKeys.has(key) && Array.isArray(value)) {
      parts.push(`${key}:${value.map(refOf).join(',')}`)
    } else if (unorderedKeys.has(key) && isScalarArray(value)) {
      parts.push(`${key}=${JSON.stringify([...value].sort())}`)
    } else if (typeof value !== 'object' || value === null) {
      parts.push(`${key}=${JSON.stringify(value)}`)
    } else {
      parts.push(key)
    }
  }
  return parts.join('\u0000')
}
