import { relative } from 'node:path'
import type { Change } from '../../../core/change.js'
import { fingerprintOf } from '../../../core/fingerprint.js'
import { locationOf } from '../load/location.js'
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
    private readonly scopes?: SchemaScopes
  ) {}

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
      file: relative(root, file).split('\\').join('/'),
      line: loc?.line ?? null,
      ignored: false,
      fingerprint
    }
    if (!isBase && finding.other !== undefined) {
      const other = locationOf(finding.other)
      if (other) {
        change.baseFile = relative(this.baseRoot, other.file).split('\\').join('/')
        change.baseLine = other.line
      }
    }
    this.changes.push(change)
    this.scopes?.record(change)
    return true
  }
}
