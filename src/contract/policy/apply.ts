import type { ChangeLevel } from '../../core/change.js'
import type { IgnoreEntry } from '../config/types.js'
import type { ReportChange, ReportNote } from '../report/model.js'

/** What the config says about changes: new levels per rule id, and accepted changes. */
export interface ChangePolicy {
  overrides: Record<string, ChangeLevel>
  ignore: readonly IgnoreEntry[]
}

/**
 * Applies overrides, then ignore entries, to the engines' changes. An entry past its `expires` day
 * no longer applies; the notes say so (and which entries matched nothing), so stale entries get
 * cleaned up instead of silently hiding new breaks.
 */
export function applyPolicy(
  changes: readonly ReportChange[],
  policy: ChangePolicy,
  now: Date
): { changes: ReportChange[]; notes: ReportNote[] } {
  const notes: ReportNote[] = []
  const today = now.toISOString().slice(0, 10)
  const active = policy.ignore.map((entry) => ({
    entry,
    expired: entry.expires !== undefined && entry.expires < today,
    matched: 0
  }))
  const out = changes.map((original) => {
    const change: ReportChange = { ...original }
    const level = policy.overrides[change.id]
    if (level && level !== change.level) {
      change.originalLevel = change.level
      change.level = level
    }
    for (const candidate of active) {
      if (!matchesIgnore(candidate.entry, change)) continue
      candidate.matched += 1
      if (candidate.expired || change.ignored) continue
      change.ignored = true
      change.ignoreReason = candidate.entry.reason
    }
    return change
  })
  for (const { entry, expired, matched } of active) {
    const label = describeIgnore(entry)
    if (expired && matched > 0) {
      notes.push({
        level: 'warning',
        message: `ignore entry ${label} expired on ${entry.expires}; its ${matched} change${matched === 1 ? '' : 's'} count${matched === 1 ? 's' : ''} again. Fix the change or renew the entry with a new \`expires\`.`
      })
    } else if (expired) {
      notes.push({
        level: 'notice',
        message: `ignore entry ${label} expired on ${entry.expires} and matches nothing now; remove it.`
      })
    } else if (matched === 0) {
      notes.push({
        level: 'notice',
        message: `ignore entry ${label} matched no change; remove it if it is no longer needed.`
      })
    }
  }
  return { changes: out, notes }
}

function describeIgnore(entry: IgnoreEntry): string {
  const parts = (['id', 'operation', 'path', 'symbol', 'fingerprint', 'contract'] as const)
    .filter((key) => entry[key] !== undefined)
    .map((key) => `${key} ${entry[key]}`)
  return `(${parts.join(', ')}${entry.line ? `; line ${entry.line}` : ''})`
}

/** Every field the entry sets must match; fields it leaves out match anything. */
export function matchesIgnore(entry: IgnoreEntry, change: ReportChange): boolean {
  if (entry.id !== undefined && entry.id !== change.id) return false
  if (entry.fingerprint !== undefined && entry.fingerprint !== change.fingerprint) return false
  if (entry.contract !== undefined && entry.contract !== change.contract) return false
  if (entry.symbol !== undefined && !(change.symbol && globMatch(entry.symbol, change.symbol, '.')))
    return false
  // a change reaching many operations is ignored only when the entry covers every one of them
  const operations = change.operations ?? (change.operation ? [change.operation] : [])
  if (entry.operation !== undefined) {
    const pattern = normalizeOperation(entry.operation)
    if (
      operations.length === 0 ||
      !operations.every((op) => globMatch(pattern, normalizeOperation(op), '/'))
    )
      return false
  }
  if (entry.path !== undefined) {
    const pattern = normalizePath(entry.path)
    if (
      operations.length === 0 ||
      !operations.every((op) => globMatch(pattern, normalizePath(pathOfOperation(op)), '/'))
    )
      return false
  }
  return true
}

function pathOfOperation(operation: string): string {
  const space = operation.indexOf(' ')
  return space === -1 ? operation : operation.slice(space + 1)
}

/** Method case does not matter; path parameter names do not either (`{petId}` = `{id}`). */
function normalizeOperation(operation: string): string {
  const space = operation.indexOf(' ')
  if (space === -1) return normalizePath(operation)
  return `${operation.slice(0, space).toUpperCase()} ${normalizePath(operation.slice(space + 1))}`
}

function normalizePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}')
}

/** `*` matches within one segment (between separators), `**` across segments. */
export function globMatch(pattern: string, text: string, separator: string): boolean {
  if (!pattern.includes('*')) return pattern === text
  const sep = separator.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*'
      i++
    } else if (char === '*') source += `[^${sep}]*`
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(`^${source}$`).test(text)
}
