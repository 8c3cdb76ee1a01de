import type { ChangeLevel } from '../../core/change.js'
import type { ContractReport, ReportChange } from './model.js'

/** The runner shows at most this many annotations of each type per step; the rest are dropped. */
export const annotationLimit = 10

const command: Record<ChangeLevel, 'error' | 'warning' | 'notice'> = {
  breaking: 'error',
  warning: 'warning',
  info: 'notice'
}

/** Message data of a workflow command: `%`, CR and LF escaped as the runner requires. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Property values additionally escape `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * One workflow command. Annotations attach to the head side of the PR diff, so a removal (whose
 * `file`/`line` are base-side) goes on its `anchor`: the head's nearest surviving parent element, or the
 * file itself; with a null anchor (no head file) it is shown for the run, without a place.
 */
export function annotationFor(change: ReportChange): string {
  const properties: string[] = []
  const place = change.anchor === undefined ? change : change.anchor
  if (place?.file) properties.push(`file=${escapeProperty(place.file)}`)
  if (place?.file && place.line) properties.push(`line=${place.line}`)
  properties.push(`title=${escapeProperty(`${change.contract}: ${change.id}`)}`)
  return `::${command[change.level]} ${properties.join(',')}::${escapeData(change.message)}`
}

/**
 * `--format github`: workflow commands, breaking first, at most `annotationLimit` per type (more
 * would be dropped by the runner without a word); `omitted` is how many were left out, for the
 * job summary to say so. Ignored changes are not annotated.
 */
export function renderAnnotations(
  report: ContractReport,
  limit = annotationLimit
): { text: string; omitted: number } {
  const lines: string[] = []
  let omitted = 0
  for (const level of ['breaking', 'warning', 'info'] as const) {
    const changes = report.changes.filter((c) => !c.ignored && c.level === level)
    for (const change of changes.slice(0, limit)) lines.push(annotationFor(change))
    omitted += Math.max(0, changes.length - limit)
  }
  return { text: lines.length ? lines.join('\n') + '\n' : '', omitted }
}

/** The whole `github` format: annotations, any notes, and one closing line with the counts. */
export function renderGithub(report: ContractReport): string {
  const { text, omitted } = renderAnnotations(report)
  const lines = text ? [text.trimEnd()] : []
  for (const note of report.notes)
    lines.push(`::${note.level === 'warning' ? 'warning' : 'notice'}::${escapeData(note.message)}`)
  const { breaking, warning, info, ignored } = report.summary
  lines.push(
    `contract check: ${breaking} breaking, ${warning} warning, ${info} info, ${ignored} ignored; ${report.verdict}` +
      (omitted > 0
        ? ` (${omitted} more changes than the runner shows as annotations; see the report)`
        : '')
  )
  return lines.join('\n') + '\n'
}
