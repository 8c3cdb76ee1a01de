import type { ChangeLevel } from '../../core/change.js'
import { plainText } from './escape.js'
import type { ContractReport } from './model.js'

const label: Record<ChangeLevel, string> = {
  breaking: 'BREAKING',
  warning: 'WARNING ',
  info: 'info    '
}

function side(s: { ref: string | null; sha: string | null }): string {
  const parts = [s.ref, s.sha?.slice(0, 7)].filter(Boolean).map((p) => plainText(p as string))
  return parts.length ? parts.join(' ') : 'unknown'
}

/** A shared element's change lists the operations it reaches, up to ten by name. */
function operationsLine(operations: readonly string[]): string {
  const shown = operations.slice(0, 10).map(plainText).join(', ')
  const more = operations.length > 10 ? ` and ${operations.length - 10} more` : ''
  return `reaches ${operations.length} operations: ${shown}${more}`
}

/** `--format text`: for a terminal or a CI log; control characters from specs are neutralized. */
export function renderText(report: ContractReport): string {
  const { breaking, warning, info, ignored } = report.summary
  const out: string[] = []
  const base = report.base.source === 'none' ? 'none (every contract is new)' : side(report.base)
  out.push(
    `contract check: ${breaking} breaking, ${warning} warning, ${info} info, ${ignored} ignored`
  )
  out.push(`base: ${base}; head: ${side(report.head)}`)
  const semver = report.semver
  out.push(
    `release: ${semver.required} required` +
      (semver.next ? `; next version ${semver.next} (from ${semver.base})` : '') +
      (semver.declared
        ? `; declared ${semver.declared}${semver.sufficient === false ? ' (too small)' : ''}`
        : '')
  )
  for (const contract of report.contracts) {
    const changes = report.changes.filter((c) => c.contract === contract.name)
    const status =
      contract.status === 'compared'
        ? ''
        : ` [${contract.status}${contract.note ? `: ${plainText(contract.note)}` : ''}]`
    out.push(
      '',
      `${plainText(contract.name)} (${contract.kind})${status}${changes.length === 0 ? ': no changes' : ''}`
    )
    for (const change of changes) {
      const where = change.file
        ? `${plainText(change.file)}${change.line ? `:${change.line}` : ''}`
        : '-'
      const tag = change.ignored ? 'ignored ' : label[change.level]
      out.push(`  ${tag} ${plainText(change.id)}  ${where}`)
      out.push(`           ${plainText(change.message)}`)
      if (change.operations && change.operations.length > 1)
        out.push(`           ${operationsLine(change.operations)}`)
      if (change.ignored && change.ignoreReason)
        out.push(`           ignored: ${plainText(change.ignoreReason)}`)
      if (change.originalLevel)
        out.push(`           level set by override (was ${change.originalLevel})`)
    }
  }
  if (report.notes.length > 0) {
    out.push('')
    for (const note of report.notes) out.push(`${note.level}: ${plainText(note.message)}`)
  }
  out.push('', `result: ${report.verdict.toUpperCase()} (fail-on ${report.failOn})`)
  return out.join('\n') + '\n'
}
