import { relative } from 'node:path'
import type { Change } from '../../../core/change.js'
import { fingerprintOf } from '../../../core/fingerprint.js'
import { locationOf, type SourceLocation } from '../load/location.js'
import type { OpenApiRuleId } from '../rules/ids.js'
import { ruleById } from '../rules/registry.js'
import type { SchemaScopes } from './scopes.js'

export interface Finding {
  /** Rule id, from the catalog only: an id outside it is a bug and throws, never a dropped finding. */
  id: OpenApiRuleId
  message: string
  operation: string | null
  /** What the finding is about, for the fingerprint: never a line number. */
  subject: string
  /** The node to point at, and whether it lives on the base side (something removed) or the head side. */
  at: unknown
  side: 'base' | 'head'
  /** The matching node on the other side, for a base-side location next to the head one. */
  other?: unknown
}

/** Collects findings as Changes, with files relative to each side's root. */
export class Reporter {
  readonly changes: Change[] = []
  private readonly seen = new Set<string>()

  constructor(
    private readonly baseRoot: string,
    private readonly headRoot: string,
    private readonly baseFile: string,
    private readonly headFile: string,
    private readonly scopes?: SchemaScopes,
    /** The loaded documents, to anchor a removal on the head's nearest surviving parent element. */
    private readonly documents?: { base: unknown; head: unknown }
  ) {}

  /** Each base node's parent and key, built on the first removal (one walk of the base document). */
  private parents?: Map<object, { parent: object; key: string }>

  /**
   * The head-side place for a removed base node: the node at the same path in the head, or its nearest
   * surviving parent object (arrays are not followed by index: their items may have moved), else the
   * head file itself.
   */
  private anchorOf(node: unknown): { file: string; line: number | null } {
    const fileLevel = { file: this.relativeTo(this.headRoot, this.headFile), line: null }
    if (!this.documents || typeof node !== 'object' || node === null) return fileLevel
    this.parents ??= parentsOf(this.documents.base)
    const keys: string[] = []
    for (let at: object = node; at !== this.documents.base;) {
      const up = this.parents.get(at)
      if (!up) return fileLevel
      keys.unshift(up.key)
      at = up.parent
    }
    let at: unknown = this.documents.head
    let best: SourceLocation | undefined
    for (const key of keys) {
      if (typeof at !== 'object' || at === null || Array.isArray(at)) break
      at = (at as Record<string, unknown>)[key]
      const loc = typeof at === 'object' && at !== null ? locationOf(at) : undefined
      if (!loc) break
      best = loc
    }
    return best ? { file: this.relativeTo(this.headRoot, best.file), line: best.line } : fileLevel
  }

  private relativeTo(root: string, file: string): string {
    return relative(root, file).split('\\').join('/')
  }

  has(id: string): boolean {
    return ruleById.has(id)
  }

  report(finding: Finding): boolean {
    const rule = ruleById.get(finding.id)
    if (!rule)
      throw new Error(`internal error: OpenAPI rule id '${finding.id}' is not in the catalog`)
    const fingerprint = fingerprintOf({
      kind: 'openapi',
      id: finding.id,
      operation: finding.operation,
      subject: finding.subject
    })
    const dedupe = `${fingerprint}\u0000${finding.message}`
    if (this.seen.has(dedupe)) return true
    this.seen.add(dedupe)
    const loc = locationOf(finding.at)
    const isBase = finding.side === 'base'
    const root = isBase ? this.baseRoot : this.headRoot
    const file = loc?.file ?? (isBase ? this.baseFile : this.headFile)
    const change: Change = {
      kind: 'openapi',
      id: finding.id,
      level: rule.level,
      message: finding.message,
      operation: finding.operation,
      symbol: null,
      file: this.relativeTo(root, file),
      line: loc?.line ?? null,
      ignored: false,
      fingerprint
    }
    if (isBase) change.anchor = this.anchorOf(finding.at)
    if (!isBase && finding.other !== undefined) {
      const other = locationOf(finding.other)
      if (other) {
        change.baseFile = this.relativeTo(this.baseRoot, other.file)
        change.baseLine = other.line
      }
    }
    this.changes.push(change)
    this.scopes?.record(change)
    return true
  }
}

/** Every object and array node of a document with its parent and key, breadth first (first path wins). */
function parentsOf(root: unknown): Map<object, { parent: object; key: string }> {
  const parents = new Map<object, { parent: object; key: string }>()
  if (typeof root !== 'object' || root === null) return parents
  const seen = new Set<object>([root])
  const queue: object[] = [root]
  for (let i = 0; i < queue.length; i++) {
    const parent = queue[i] as Record<string, unknown>
    for (const key of Object.keys(parent)) {
      const child = parent[key]
      if (typeof child !== 'object' || child === null || seen.has(child)) continue
      seen.add(child)
      parents.set(child, { parent, key })
      queue.push(child)
    }
  }
  return parents
}
