import type { Change } from '../../../core/change.js'
import { pairKey } from './node-id.js'

/** One schema comparison that many operations and paths can reach: compared once, reported once. */
interface Scope {
  changes: Change[]
  /** Scopes whose comparison reached this one. */
  parents: Set<Scope>
  /** Operations that reached this scope directly (from a parameter, body or response root). */
  entries: Set<string>
  /** Reached below a schema's root (nested in another schema), not at the root of a body or parameter. */
  nested: boolean
}

/**
 * Makes schema comparison linear in the size of the documents. A schema reached through a `$ref` (or at
 * the root of a body, parameter or header) is compared once per place kind — its base and head nodes,
 * direction, id prefixes, media type and readOnly/writeOnly context, which together decide every id and
 * level below it — however many operations and paths lead there. The first walk reports what changed;
 * every later visit only records that its operation reaches the scope too, so a change in a shared
 * component is one finding listing every affected operation (`operations`), not one finding per path
 * (which, with recursive models, is exponentially many).
 */
export class SchemaScopes {
  private readonly scopes = new Map<string, Scope>()
  private readonly stack: Scope[] = []
  private readonly operationOrder = new Map<string, number>()

  /** A key for the place: the two nodes plus everything else that decides ids and levels. */
  keyOf(b: object, h: object, place: string): string {
    return `${pairKey(b, h)}|${place}`
  }

  /**
   * Enters a scope. Returns false when the scope was compared already or is being compared (a cycle):
   * the caller must not walk it again; its findings now also count for `operation`. `nested`: the
   * scope is below a schema's root (part of the place, so the same for every visit of the key).
   */
  enter(key: string, operation: string | null, nested: boolean): boolean {
    if (operation !== null && !this.operationOrder.has(operation))
      this.operationOrder.set(operation, this.operationOrder.size)
    const parent = this.stack[this.stack.length - 1]
    let scope = this.scopes.get(key)
    const fresh = scope === undefined
    if (!scope) {
      scope = { changes: [], parents: new Set(), entries: new Set(), nested }
      this.scopes.set(key, scope)
    }
    if (parent) {
      if (parent !== scope) scope.parents.add(parent)
    } else if (operation !== null) scope.entries.add(operation)
    if (fresh) this.stack.push(scope)
    return fresh
  }

  leave(): void {
    this.stack.pop()
  }

  /** Called by the reporter for every change: it belongs to the innermost scope being compared. */
  record(change: Change): void {
    this.stack[this.stack.length - 1]?.changes.push(change)
  }

  get size(): number {
    return this.scopes.size
  }

  /**
   * Sets `operations` on every change that more than one operation reaches (first-reached first),
   * and returns the changes to drop: a component used both as a whole body and nested in others is
   * compared at two places (the root checks differ), so a change inside it (same rule, same node)
   * is found at both; it is kept once, named from the component, with every operation it reaches.
   */
  finish(): Set<Change> {
    const byNode = new Map<string, { change: Change; nested: boolean; operations: string[] }[]>()
    for (const scope of this.scopes.values()) {
      if (scope.changes.length === 0) continue
      const reaching = this.operationsReaching(scope)
      const { nested } = scope
      for (const change of scope.changes) {
        const first = change.operation
        const operations =
          first === null ? reaching : [first, ...reaching.filter((op) => op !== first)]
        if (operations.length > 1) change.operations = operations
        const node = [change.id, change.file, change.line, change.baseFile, change.baseLine].join(
          '\u0000'
        )
        const group = byNode.get(node) ?? []
        group.push({ change, nested, operations })
        byNode.set(node, group)
      }
    }
    const dropped = new Set<Change>()
    for (const group of byNode.values()) {
      const [head] = group
      if (!head || group.length < 2 || head.change.line === null) continue
      const keep = group.find((entry) => entry.nested) ?? head
      const operations = new Set(keep.operations)
      for (const entry of group) {
        if (entry === keep) continue
        for (const op of entry.operations) operations.add(op)
        dropped.add(entry.change)
      }
      const [first, ...rest] = [...operations]
      if (first !== undefined && rest.length > 0) {
        const order = this.operationOrder
        rest.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        keep.change.operations = [first, ...rest]
      }
    }
    return dropped
  }

  private operationsReaching(start: Scope): string[] {
    const found = new Set<string>()
    const seen = new Set<Scope>([start])
    const queue = [start]
    while (queue.length > 0) {
      const scope = queue.pop() as Scope
      for (const op of scope.entries) found.add(op)
      for (const parent of scope.parents) {
        if (seen.has(parent)) continue
        seen.add(parent)
        queue.push(parent)
      }
    }
    const order = this.operationOrder
    return [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
  }
}
