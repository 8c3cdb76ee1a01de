import type { Change, ChangeLevel, ContractKind } from '../../core/change.js'
import type { FailOn } from '../config/types.js'
import type { Bump } from '../policy/semver.js'

/** A change as reported: the engine's Change plus the contract (config `name`) it belongs to. */
export interface ReportChange extends Change {
  contract: string
  /** The engine's level when an override changed it. */
  originalLevel?: ChangeLevel
}

export type ContractStatus = 'compared' | 'new' | 'removed' | 'skipped'

export interface ReportContract {
  name: string
  kind: ContractKind
  /** Head-side paths (base-side for a removed contract), relative to the repository root. */
  paths: string[]
  status: ContractStatus
  /** Why it is new/removed/skipped, when it is. */
  note?: string
}

export interface ReportNote {
  level: 'notice' | 'warning'
  message: string
  /** The contract the note is about, when it is about one (renderers that list it say it there). */
  contract?: string
}

export type BaselineSource = 'tag' | 'github-release' | 'manifest' | 'ref' | 'path' | 'none'

/** The JSON report of INTERFACES.md (`--format json`); fields after `changes` are additions. */
export interface ContractReport {
  schemaVersion: 1
  base: { ref: string | null; sha: string | null; source?: BaselineSource }
  head: { ref: string | null; sha: string | null }
  summary: { breaking: number; warning: number; info: number; ignored: number }
  semver: {
    base: string | null
    required: Bump
    next: string | null
    /** The version the head declares (package.json, VERSION), when it changed it. */
    declared?: string | null
    /** False when the declared version is smaller than `next`. */
    sufficient?: boolean
  }
  changes: ReportChange[]
  failOn: FailOn
  verdict: 'pass' | 'fail'
  contracts: ReportContract[]
  notes: ReportNote[]
  /**
   * What rolling this release back would remove: the head -> base diff's breaking changes, i.e.
   * additions clients may adopt. Absent when `rollback-impact` is off.
   */
  rollback?: { removes: ReportChange[] }
}

export const levelRank: Record<ChangeLevel, number> = { breaking: 0, warning: 1, info: 2 }

/** Breaking first, then warning, then info; within a level by contract order, file and line. */
export function sortChanges(
  changes: readonly ReportChange[],
  contractOrder: readonly string[]
): ReportChange[] {
  const order = new Map(contractOrder.map((name, index) => [name, index]))
  return [...changes].sort(
    (a, b) =>
      Number(a.ignored) - Number(b.ignored) ||
      levelRank[a.level] - levelRank[b.level] ||
      (order.get(a.contract) ?? 1e9) - (order.get(b.contract) ?? 1e9) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.id.localeCompare(b.id) ||
      a.message.localeCompare(b.message)
  )
}

export function summarize(changes: readonly ReportChange[]): ContractReport['summary'] {
  const summary = { breaking: 0, warning: 0, info: 0, ignored: 0 }
  for (const change of changes) {
    if (change.ignored) summary.ignored += 1
    else summary[change.level] += 1
  }
  return summary
}
