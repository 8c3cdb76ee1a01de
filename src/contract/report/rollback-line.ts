import { escapeInline } from './escape.js'
import type { ContractReport, ReportChange } from './model.js'

/** Fewer than this many are listed in full; the rest are counted. */
const listed = 50

function removalLine(change: ReportChange): string {
  const subject = change.operation ?? change.symbol ?? change.file ?? change.contract
  return `- ${escapeInline(subject)}: ${escapeInline(change.message)}`
}

/**
 * The "if this release is rolled back" block of the PR comment and the job summary: the additions
 * of this change that a rollback would take away again, counted, listed under a fold. Empty when
 * `rollback-impact` is off or the change adds nothing clients could adopt.
 */
export function rollbackImpactBlock(report: ContractReport): string[] {
  const removes = report.rollback?.removes ?? []
  if (removes.length === 0) return []
  const count = removes.length === 1 ? '1 addition' : `${removes.length} additions`
  const lines = [
    `↩️ **If this release is rolled back:** ${count} of this change would be removed again, breaking clients that adopted them.`,
    '',
    '<details><summary>What a rollback would remove</summary>',
    '',
    ...removes.slice(0, listed).map(removalLine)
  ]
  if (removes.length > listed) lines.push(`- … and ${removes.length - listed} more`)
  lines.push('', '</details>', '')
  return lines
}
