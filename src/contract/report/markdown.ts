import type { ChangeLevel } from '../../core/change.js'
import { inlineCode } from '../../report/markdown-escape.js'
import { requiredBump } from '../policy/verdict.js'
import { parseSemver } from '../policy/semver.js'
import { rollbackImpactBlock } from './rollback-line.js'
import { escapeInline } from './escape.js'
import { levelRank, summarize, type ContractReport, type ReportChange } from './model.js'

/** GitHub rejects issue comments longer than this many characters. */
export const commentLimit = 65_536
/** GitHub shows at most 1 MiB of job summary per step. */
export const summaryLimit = 1024 * 1024

export interface MarkdownOptions {
  /** The workflow job id: one sticky comment per job. */
  jobId?: string
  /** https://github.com or a GitHub Enterprise Server URL, for links to lines. */
  serverUrl?: string
  /** owner/repo; without it, locations are shown without links. */
  repository?: string | null
  /** Where the full report is (the run's job summary), pointed at when the comment is cut. */
  summaryUrl?: string | null
  maxLength?: number
  /** Put the hidden marker on the first line (default); off when upsertStickyComment adds it. */
  marker?: boolean
}

/** The comment's identity: `contract-check/<job id>`, reduced to the characters a marker allows. */
export function commentId(jobId = 'contract-check'): string {
  const safe = jobId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80) || 'job'
  return `contract-check/${safe}`
}

/**
 * The hidden marker that identifies this job's comment, in the form upsertStickyComment matches
 * (`<!-- rollback-guard:<id> -->`), one per workflow job.
 */
export function commentMarker(jobId = 'contract-check'): string {
  return `<!-- rollback-guard:${commentId(jobId)} -->`
}

const levelTitle: Record<ChangeLevel, string> = {
  breaking: 'Breaking',
  warning: 'Warning',
  info: 'Info'
}
const levelIcon: Record<ChangeLevel, string> = { breaking: '🔴', warning: '🟡', info: '🔵' }

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function headline(report: ContractReport): string {
  const { breaking, warning, info, ignored } = report.summary
  const icon = report.verdict === 'fail' ? '❌' : breaking + warning > 0 ? '⚠️' : '✅'
  const counts = [`${breaking} breaking`, plural(warning, 'warning'), `${info} info`]
  if (ignored > 0) counts.push(`${ignored} ignored`)
  return `${icon} **API contract check**: ${counts.join(', ')}`
}

function refText(side: { ref: string | null; sha: string | null }): string {
  const ref = side.ref ? escapeInline(side.ref) : null
  const sha = side.sha ? escapeInline(side.sha.slice(0, 7)) : null
  return ref && sha ? `${ref} (${sha})` : (ref ?? sha ?? 'unknown')
}

const sourceText: Record<string, string> = {
  tag: 'the last release tag',
  'github-release': 'the latest GitHub release',
  manifest: 'the last release marked good',
  ref: 'the requested ref',
  path: 'the given file'
}

function context(report: ContractReport): string[] {
  const lines: string[] = []
  if (report.base.source === 'none' || (!report.base.ref && !report.base.sha)) {
    lines.push(
      `No earlier release was found, so every contract is reported as new (${refText(report.head)}).`
    )
  } else {
    // a given file names itself: "Compared v2.yaml with v1.yaml", not "…, the given file"
    const source =
      report.base.source && report.base.source !== 'path'
        ? `, ${sourceText[report.base.source] ?? report.base.source}`
        : ''
    lines.push(`Compared ${refText(report.head)} with ${refText(report.base)}${source}.`)
  }
  const { semver } = report
  if (semver.base && semver.next) {
    let line = `Release: a **${semver.required}** version is required, next **${semver.next}** (from ${semver.base}).`
    if (semver.declared && semver.sufficient === false) {
      line += ` ❌ This change declares ${semver.declared}, which is too small.`
    } else if (semver.declared) line += ` This change declares ${semver.declared}.`
    lines.push(line)
  } else {
    lines.push(`Release: a **${semver.required}** version is required.`)
  }
  return lines
}

/** A link to the line at the commit that has it: the head for most changes, the base for removals. */
export function lineLink(
  change: ReportChange,
  report: ContractReport,
  options: MarkdownOptions
): string | null {
  if (!change.file || !options.repository) return null
  // Removals, and what a change says is in the base code, are at the base.
  const atBase = (change.side === 'base' || /remov|delet/i.test(change.id)) && report.base.sha
  const sha = atBase ? report.base.sha : report.head.sha
  if (!sha) return null
  const server = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '')
  const path = change.file.split('/').map(encodeURIComponent).join('/')
  return `${server}/${options.repository}/blob/${sha}/${path}${change.line ? `#L${change.line}` : ''}`
}

/** How many of a shared element's operations a change's line names before "and N more". */
const operationsShown = 10

/** What a change is about, first and in code format: `GET /pets` (every operation, once), or the symbol. */
function subjectOf(change: ReportChange): string {
  const operations = change.operations?.length
    ? change.operations
    : change.operation
      ? [change.operation]
      : []
  if (operations.length > 0) {
    const named = operations.slice(0, operationsShown).map((op) => inlineCode(op))
    const more = operations.length - named.length
    return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''} `
  }
  return change.symbol ? `${inlineCode(change.symbol)} ` : ''
}

/**
 * The table a comment opens with: one row per contract (breaking, warning, info, the release it needs)
 * and a total row with the next version, when there is more than one contract.
 */
export function summaryTable(report: ContractReport): string[] {
  const baseMajor = report.semver.base ? (parseSemver(report.semver.base)?.major ?? null) : null
  const rows = report.contracts.map((contract) => {
    const changes = report.changes.filter((c) => c.contract === contract.name)
    const counts = summarize(changes)
    const bump = changes.some((c) => !c.ignored) ? requiredBump(counts, baseMajor, changes) : '—'
    return `| ${escapeInline(contract.name)} | ${counts.breaking} | ${counts.warning} | ${counts.info} | ${bump} |`
  })
  const { breaking, warning, info } = report.summary
  const next = report.semver.next ? ` → ${report.semver.next}` : ''
  const total = `| **all** | **${breaking}** | **${warning}** | **${info}** | **${report.semver.required}${next}** |`
  return [
    '| contract | breaking | warning | info | semver |',
    '|:---|---:|---:|---:|:---|',
    ...rows,
    ...(rows.length === 1 ? [] : [total])
  ]
}

function changeLine(
  change: ReportChange,
  report: ContractReport,
  options: MarkdownOptions
): string {
  const where = change.file ? `${change.file}${change.line ? `:${change.line}` : ''}` : null
  const link = lineLink(change, report, options)
  const location = where
    ? link
      ? ` ([${escapeInline(where)}](${link}))`
      : ` (${escapeInline(where)})`
    : ''
  const level = change.originalLevel ? `, was ${change.originalLevel}` : ''
  const reason =
    change.ignored && change.ignoreReason ? ` — ignored: ${escapeInline(change.ignoreReason)}` : ''
  return `- ${subjectOf(change)}${escapeInline(change.message)}${location} <sub>${escapeInline(change.id)}${level}</sub>${reason}`
}

/** Change lines; dependency-impact findings nested under their upgrade, in first-seen order. */
function groupedByDependency(
  items: readonly ReportChange[],
  report: ContractReport,
  options: MarkdownOptions
): string[] {
  const upgrades = new Map<string, ReportChange[]>()
  for (const c of items) {
    if (!c.dependency) continue
    const group = upgrades.get(c.dependency)
    if (group) group.push(c)
    else upgrades.set(c.dependency, [c])
  }
  const lines: string[] = []
  for (const c of items) {
    if (!c.dependency) {
      lines.push(changeLine(c, report, options))
      continue
    }
    // A group is listed where its first change is, and only there.
    const group = upgrades.get(c.dependency)
    if (!group) continue
    upgrades.delete(c.dependency)
    lines.push(`- **${escapeInline(c.dependency)}** (${group.length})`)
    const prefix = `${c.dependency}: `
    for (const g of group) {
      const message = g.message.startsWith(prefix) ? g.message.slice(prefix.length) : g.message
      lines.push(`  ${changeLine({ ...g, message }, report, options)}`)
    }
  }
  return lines
}

interface Section {
  contract: string
  lines: string[]
}

/**
 * The body of changes, grouped by contract (the worst first) and level (breaking first); info and
 * ignored changes folded in `<details>`. `limit` caps how many changes are listed.
 */
function changeSections(
  report: ContractReport,
  options: MarkdownOptions,
  limit: number,
  foldInfo: boolean
): { sections: Section[]; shown: number } {
  const byContract = new Map<string, ReportChange[]>()
  for (const contract of report.contracts) byContract.set(contract.name, [])
  for (const change of report.changes) {
    const list = byContract.get(change.contract) ?? []
    list.push(change)
    byContract.set(change.contract, list)
  }
  const worst = (changes: ReportChange[]): number =>
    Math.min(3, ...changes.filter((c) => !c.ignored).map((c) => levelRank[c.level]))
  const names = [...byContract.keys()]
  const order = names
    .map((name, index) => ({ name, index, rank: worst(byContract.get(name) ?? []) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
  let shown = 0
  const sections: Section[] = []
  for (const { name } of order) {
    const changes = byContract.get(name) ?? []
    const meta = report.contracts.find((c) => c.name === name)
    if (changes.length === 0 && meta?.status === 'compared') continue
    const lines: string[] = []
    const what = meta ? ` <sub>${meta.kind}, ${escapeInline(meta.paths.join(', '))}</sub>` : ''
    lines.push(`### ${escapeInline(name)}${what}`, '')
    if (meta && meta.status !== 'compared' && meta.note)
      lines.push(`_${escapeInline(meta.note)}_`, '')
    const groups: { title: string; fold: boolean; items: ReportChange[] }[] = [
      ...(['breaking', 'warning', 'info'] as const).map((level) => ({
        title: `${levelIcon[level]} ${levelTitle[level]}`,
        fold: foldInfo && level === 'info',
        items: changes.filter((c) => !c.ignored && c.level === level)
      })),
      { title: 'Ignored by configuration', fold: true, items: changes.filter((c) => c.ignored) }
    ]
    for (const group of groups) {
      if (group.items.length === 0) continue
      const items = group.items.slice(0, Math.max(0, limit - shown))
      shown += items.length
      const body = groupedByDependency(items, report, options)
      if (items.length < group.items.length)
        body.push(`- … and ${group.items.length - items.length} more`)
      if (group.fold) {
        lines.push(
          `<details><summary>${group.title} (${group.items.length})</summary>`,
          '',
          ...body,
          '',
          '</details>',
          ''
        )
      } else {
        lines.push(`**${group.title} (${group.items.length})**`, '', ...body, '')
      }
    }
    sections.push({ contract: name, lines })
  }
  return { sections, shown }
}

function notesBlock(report: ContractReport): string[] {
  if (report.notes.length === 0) return []
  return [
    ...report.notes.map(
      (note) => `> ${note.level === 'warning' ? '⚠️' : 'ℹ️'} ${escapeInline(note.message)}`
    ),
    ''
  ]
}

function footer(report: ContractReport): string {
  const verdict = report.verdict === 'fail' ? 'fails' : 'passes'
  return `<sub>rollback-guard contract-check ${verdict} with fail-on: ${report.failOn}. Changes are judged from the client's side; change a rule's level or ignore a change in .rollback-guard.yml.</sub>`
}

function renderBody(
  report: ContractReport,
  options: MarkdownOptions,
  limit: number,
  foldInfo: boolean,
  marker: string | null
): { text: string; shown: number } {
  const lines: string[] = []
  if (marker) lines.push(marker)
  lines.push(headline(report), '')
  if (report.contracts.length > 0) lines.push(...summaryTable(report), '')
  lines.push(...context(report), '')
  const total = report.changes.length
  if (total === 0) {
    lines.push('No contract changed: nothing breaking, nothing new. ✅', '')
  } else if (report.summary.breaking + report.summary.warning === 0) {
    lines.push('Nothing breaking: every change is safe for existing clients. ✅', '')
  }
  lines.push(...notesBlock(report))
  const { sections, shown } = changeSections(report, options, limit, foldInfo)
  for (const section of sections) lines.push(...section.lines)
  if (shown < total) {
    const where = options.summaryUrl
      ? `[the job summary](${options.summaryUrl})`
      : 'the job summary'
    lines.push(
      `> ✂️ ${total - shown} more changes are not listed here; see ${where} or the JSON report.`,
      ''
    )
  }
  lines.push(...rollbackImpactBlock(report))
  lines.push(footer(report))
  return { text: lines.join('\n') + '\n', shown }
}

/** Largest `limit` whose rendering fits `max` characters (at most log2(n) renders). */
function fit(render: (limit: number) => string, total: number, max: number): string {
  const full = render(total)
  if (full.length <= max) return full
  let low = 0
  let high = total
  let best = render(0)
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    const text = render(mid)
    if (text.length <= max) {
      best = text
      low = mid
    } else high = mid - 1
  }
  if (best.length <= max) return best
  return best.slice(0, max - 40) + '\n\n… (cut to fit the size limit)\n'
}

/** The sticky PR comment: one per job (hidden marker), grouped, linked, escaped, under 65,536 chars. */
export function renderPrComment(report: ContractReport, options: MarkdownOptions = {}): string {
  const marker = options.marker === false ? null : commentMarker(options.jobId)
  return fit(
    (limit) => renderBody(report, options, limit, true, marker).text,
    report.changes.length,
    options.maxLength ?? commentLimit
  )
}

/** The job summary: the same report (its table of counts first) with info expanded (1 MiB cap). */
export function renderJobSummary(
  report: ContractReport,
  options: MarkdownOptions & { omittedAnnotations?: number } = {}
): string {
  const extra =
    options.omittedAnnotations && options.omittedAnnotations > 0
      ? [
          `> ${options.omittedAnnotations} more findings than the runner shows as line annotations; all are listed below.`
        ]
      : []
  return fit(
    (limit) => {
      const body = renderBody(report, { ...options, summaryUrl: null }, limit, false, null).text
      if (extra.length === 0) return body
      const [first, second, ...rest] = body.split('\n\n')
      return [first, second, ...extra, ...rest].join('\n\n')
    },
    report.changes.length,
    options.maxLength ?? summaryLimit
  )
}
