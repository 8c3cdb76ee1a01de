import type { ContractReport, ReportChange } from '../contract/report/model.js'
import { escapeMarkdown, inlineCode } from '../report/markdown-escape.js'
import type { StoredManifest } from '../manifest/store.js'
import type { NotUndoneItem } from './not-undone.js'

/**
 * What the rollback does to the API: every contract of the failing release compared with the same
 * contract of the last good release, failing -> good (the direction the revert deploys). `base` is
 * the failing release, `head` the good one, so "removed" means removed by the rollback.
 */
export type RollbackContracts = ContractReport

/** What the rollback itself does: to clients of the failing release, and what it leaves in place. */
export interface RollbackImpact {
  contracts: RollbackContracts
  /** Items from the manifests; other sources (crossed database migrations) are appended. */
  notUndone: NotUndoneItem[]
}

/** How a release is named to people: its tag when it has one, else its short commit. */
export function releaseLabel(stored: StoredManifest): string {
  return stored.manifest.source.tag ?? stored.manifest.source.commit.slice(0, 12)
}

/** What clients of the failing release lose: the changes the rollback makes that break them. */
export function lostByClients(report: RollbackContracts): ReportChange[] {
  return report.changes.filter((c) => !c.ignored && c.level === 'breaking')
}

/** The subject of a change in one short phrase: its operation, symbol or file. */
function subjectOf(change: ReportChange): string {
  return change.operation ?? change.symbol ?? change.file ?? change.contract
}

/** Notes other than those about a contract already listed as not compared (it says why there). */
function notesNotListed(report: RollbackContracts) {
  const listed = new Set(report.contracts.filter((c) => c.status !== 'compared').map((c) => c.name))
  return report.notes.filter((note) => note.contract === undefined || !listed.has(note.contract))
}

function uncompared(report: RollbackContracts) {
  return report.contracts.filter((c) => c.status === 'skipped')
}

/** The plan as text: one line per change and per contract that could not be compared. */
export function rollbackContractsText(report: RollbackContracts, badLabel: string): string[] {
  const lines: string[] = []
  const { breaking, warning, info } = report.summary
  if (report.contracts.length === 0) {
    lines.push('  rollback contracts: neither release recorded contract snapshots')
    return lines
  }
  lines.push(
    `  rollback contracts: ${breaking} breaking, ${warning} warning, ${info} info for clients of ${badLabel}`
  )
  for (const change of report.changes.filter((c) => !c.ignored)) {
    lines.push(`      ${change.level.padEnd(8)} ${subjectOf(change)}: ${change.message}`)
  }
  const notCompared = report.contracts.filter((c) => c.status !== 'compared')
  for (const contract of notCompared) {
    lines.push(`      ${contract.status.padEnd(8)} ${contract.name}: ${contract.note ?? ''}`)
  }
  for (const note of notesNotListed(report)) lines.push(`      ${note.level}: ${note.message}`)
  return lines
}

/**
 * The warning stated first in the pull request body when the rollback breaks clients of the
 * failing release; empty when it does not. It never stops the revert: the gate already failed.
 */
export function rollbackWarningMarkdown(
  report: RollbackContracts,
  badLabel: string,
  maxItems: number
): string[] {
  const lost = lostByClients(report)
  if (lost.length === 0) return []
  const shown = lost.slice(0, maxItems).map((c) => `${escapeMarkdown(subjectOf(c))} (${c.id})`)
  if (lost.length > maxItems) shown.push(`and ${lost.length - maxItems} more`)
  return [
    '> [!WARNING]',
    `> **Clients of ${escapeMarkdown(badLabel)} lose:** ${shown.join(', ')}.`,
    '> Rolling back removes what the failing release added: check who already uses these (access logs, API metrics) before merging, and tell them.',
    ''
  ]
}

function changeLine(change: ReportChange): string {
  const where = change.operation ?? change.symbol
  const subject = where ? `${inlineCode(where)} ` : ''
  return `- **${change.level}** ${subject}${escapeMarkdown(change.message)} (${inlineCode(change.contract)})`
}

/** The section of the pull request body: every change the rollback makes to the contracts. */
export function rollbackContractsMarkdown(
  report: RollbackContracts,
  badLabel: string,
  maxItems: number
): string[] {
  const out = ['### What the rollback does to clients (contracts)', '']
  if (report.contracts.length === 0) {
    out.push(
      'Neither manifest records contract snapshots, so what the rollback does to the API is unknown. Give the manifest job its contracts (`contracts:` in .rollback-guard.yml) to see it next time.',
      ''
    )
    return out
  }
  const changes = report.changes.filter((c) => !c.ignored)
  const { breaking, warning, info } = report.summary
  const skipped = uncompared(report)
  let headline = `From ${escapeMarkdown(badLabel)} back to the last good release: **${breaking} breaking**, ${warning} warning, ${info} info for clients.`
  if (changes.length === 0)
    headline =
      skipped.length > 0
        ? 'No change found in the contracts that could be compared; the ones listed below were not compared.'
        : `The contracts of ${escapeMarkdown(badLabel)} and the last good release are the same: the rollback changes nothing for clients.`
  out.push(headline, '')
  out.push(...changes.slice(0, maxItems).map(changeLine))
  if (changes.length > maxItems) out.push(`- … and ${changes.length - maxItems} more`)
  if (changes.length > 0) out.push('')
  const oneSided = report.contracts.filter((c) => c.status === 'new' || c.status === 'removed')
  for (const contract of [...oneSided, ...skipped]) {
    const what =
      contract.status === 'skipped' ? 'not compared' : `only in one release (${contract.status})`
    out.push(
      `- ${inlineCode(contract.name)}: ${what}: ${escapeMarkdown(contract.note ?? '')}`.trimEnd()
    )
  }
  if (oneSided.length + skipped.length > 0) out.push('')
  for (const note of notesNotListed(report))
    out.push(`> ${note.level === 'warning' ? '⚠️' : 'ℹ️'} ${escapeMarkdown(note.message)}`, '')
  return out
}
