import type { StoredManifest } from '../manifest/store.js'
import { escapeMarkdown, inlineCode } from '../report/markdown-escape.js'
import type { ObjectiveEvidence, SloEvidence } from '../slo/render/evidence.js'
import { chartLegend, mermaidChart, renderSloMarkdown } from '../slo/render/markdown.js'
import { formatNumber } from '../slo/render/text.js'
import type { GateVerdict } from './decide.js'
import { incidentMarker, revertMarker, type IncidentId } from './incident.js'
import type { ManifestDiff } from './manifest-diff.js'
import { planMigrationRollback, renderMigrationRollback } from './migrations.js'
import { notUndoneMarkdown } from './not-undone.js'
import {
  releaseLabel,
  rollbackContractsMarkdown,
  rollbackWarningMarkdown,
  type RollbackImpact
} from './rollback-impact.js'
import { describeStrategy } from './strategies.js'
import type { CommitInfo, PreparedRevert, StrategyAttempt } from './types.js'

/** GitHub refuses pull request bodies longer than this. */
export const pullBodyLimit = 65536

export interface RevertReportInput {
  incident: IncidentId
  bad: StoredManifest
  good: StoredManifest
  diff: ManifestDiff
  /** What the rollback does to clients and what it leaves in place; absent in older callers. */
  rollback?: RollbackImpact
  prepared: PreparedRevert
  evidence: SloEvidence | null
  verdict: GateVerdict
  /** Free text from the person or workflow that asked for the revert. */
  reason: string | null
  branch: string
  links: { serverUrl: string; repository: string | null; runUrl: string | null }
  /** Earlier rollback-guard reverts inside the reverted range. */
  earlierReverts: CommitInfo[]
  /** The incident this pull request covered before a newer one updated it. */
  previousIncident: string | null
}

const short = (sha: string) => sha.slice(0, 12)
const icons = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const

function commitLink(input: RevertReportInput, sha: string): string {
  const { serverUrl, repository } = input.links
  return repository
    ? `[\`${short(sha)}\`](${serverUrl}/${repository}/commit/${sha})`
    : inlineCode(short(sha))
}

function imageText(value: { tag: string | null; digest: string | null } | null): string {
  if (!value) return '—'
  const text = `${value.tag ?? ''}${value.digest ? `@${value.digest.slice(0, 19)}…` : ''}`
  return inlineCode(text || '(no tag or digest)', { inTable: true })
}

function hash(value: string | null | undefined): string {
  return value ? inlineCode(value.slice(0, 12), { inTable: true }) : '—'
}

export function attemptLine(attempt: StrategyAttempt): string {
  const files =
    attempt.conflicts.length > 0
      ? `: ${attempt.conflicts.map((f) => inlineCode(f)).join(', ')}`
      : ''
  return `\`${attempt.strategy}\`: ${attempt.status}, ${escapeMarkdown(attempt.detail)}${files}`
}

function boundText(o: ObjectiveEvidence): string {
  if (o.bound.kind === 'absolute') return o.bound.text
  const threshold = o.measurements.find((m) => m.threshold !== null)?.threshold ?? null
  return `${o.bound.text} of ${formatNumber(o.baseline?.value ?? null)} (= ${formatNumber(threshold)})`
}

function evidenceTable(evidence: SloEvidence): string[] {
  const out = [
    '| | Objective | Query | Bound | Baseline | Last value | Why |',
    '|---|---|---|---|---|---|---|'
  ]
  for (const o of evidence.objectives) {
    const last = [...o.measurements].reverse().find((m) => m.value !== null)
    const name = `${escapeMarkdown(o.name)}${o.weight === 0 ? ' (informational)' : ''}`
    out.push(
      `| ${icons[o.verdict]} | ${name} | ${inlineCode(o.query, { inTable: true })} | ${inlineCode(boundText(o), { inTable: true })} | ${o.baseline ? formatNumber(o.baseline.value) : '—'} | ${last ? formatNumber(last.value) : 'no data'} | ${escapeMarkdown(o.reason)} |`
    )
  }
  return out
}

function diffSection(diff: ManifestDiff): string[] {
  const out: string[] = []
  const images = diff.images.filter((i) => i.change !== 'same')
  if (images.length > 0) {
    out.push('| Image | Now (failing) | After merge (last good) |', '|---|---|---|')
    for (const image of images)
      out.push(
        `| ${inlineCode(image.name, { inTable: true })} | ${imageText(image.now)} | ${imageText(image.restored)} |`
      )
    out.push('')
  }
  const modules = diff.go.filter((m) => m.change !== 'same')
  if (modules.length > 0) {
    out.push(
      '| Go module | go.mod sha256 now → after | go.sum sha256 now → after | go |',
      '|---|---|---|---|'
    )
    for (const m of modules) {
      out.push(
        `| ${inlineCode(m.module, { inTable: true })} | ${hash(m.now?.goModSha256)} → ${hash(m.restored?.goModSha256)} | ${hash(m.now?.goSumSha256)} → ${hash(m.restored?.goSumSha256)} | ${inlineCode(m.now?.goVersion ?? '—', { inTable: true })} → ${inlineCode(m.restored?.goVersion ?? '—', { inTable: true })} |`
      )
    }
    out.push('')
  }
  if (diff.config.change !== 'same') {
    out.push(
      `Config version: ${inlineCode(diff.config.now ?? 'none')} → ${inlineCode(diff.config.restored ?? 'none')} (files sha256 ${hash(diff.config.nowSha256)} → ${hash(diff.config.restoredSha256)}).`,
      ''
    )
  }
  if (out.length === 0)
    out.push('The two manifests record the same images, Go modules and config.', '')
  return out
}

function appliedSection(input: RevertReportInput, maxItems: number): string[] {
  const { applied, attempts } = input.prepared
  const out: string[] = []
  if (!applied) return out
  const tried = attempts.filter((a) => a !== applied)
  out.push(`**Strategy:** \`${applied.strategy}\`: ${describeStrategy(applied.strategy)}.`)
  if (tried.length > 0) {
    out.push('', 'Tried first:', ...tried.map((a) => `- ${attemptLine(a)}`))
  }
  out.push('')
  const list = <T>(items: T[], line: (item: T) => string): string[] => {
    const shown = items.slice(0, maxItems).map(line)
    if (items.length > maxItems) shown.push(`- … and ${items.length - maxItems} more`)
    return shown
  }
  if (applied.reverted?.length) {
    out.push(
      `Commits reverted (newest first, on \`${escapeMarkdown(input.prepared.baseBranch)}\`):`,
      ''
    )
    out.push(
      ...list(
        applied.reverted,
        (s) =>
          `- ${commitLink(input, s.sha)} ${escapeMarkdown(s.subject)}${s.mainline ? ' (merge, reverted with `-m 1`)' : ''}`
      ),
      ''
    )
  }
  if (applied.restored?.length) {
    out.push(`Paths restored from ${commitLink(input, input.good.manifest.source.commit)}:`, '')
    out.push(...list(applied.restored, (p) => `- ${inlineCode(p)}`), '')
  }
  if (applied.edits?.length) {
    out.push('| File | Line | Field | Now | After merge |', '|---|---|---|---|---|')
    out.push(
      ...applied.edits
        .slice(0, maxItems)
        .map(
          (e) =>
            `| ${inlineCode(e.file, { inTable: true })} | ${e.line} | ${e.kind} ${inlineCode(e.field, { inTable: true })} | ${inlineCode(e.from, { inTable: true })} | ${inlineCode(e.to, { inTable: true })} |`
        )
    )
    if (applied.edits.length > maxItems)
      out.push(`| … | | ${applied.edits.length - maxItems} more | | |`)
    out.push('')
  }
  return out
}

function conflictSection(input: RevertReportInput): string[] {
  const { attempts } = input.prepared
  const conflicts = [...new Set(attempts.flatMap((a) => a.conflicts))]
  const stopped = attempts.find((a) => a.status === 'conflict' && a.conflictAt)?.conflictAt
  const good = input.good.manifest.source.commit
  const out = [
    '> [!WARNING]',
    '> No strategy applied cleanly, so this draft holds no change yet. A person has to finish the revert on this branch.',
    '',
    ...attempts.map((a) => `- ${attemptLine(a)}`),
    ''
  ]
  if (conflicts.length > 0) {
    out.push('Conflicting files:', '', ...conflicts.map((f) => `- ${inlineCode(f)}`), '')
  }
  out.push('What to do:', '', '```sh')
  out.push('git fetch origin', `git switch ${input.branch}`)
  const commits = attempts.find((a) => a.strategy === 'revert-commits')
  if (commits && stopped) {
    out.push(
      `git revert ${stopped.mainline ? '-m 1 ' : ''}${stopped.sha}   # resolve the conflicts, then git revert --continue`,
      '# then revert the older commits of the range the same way, newest first'
    )
  } else {
    out.push(`git restore --source=${good} -- <deploy paths>   # or edit the deploy files by hand`)
    out.push(`git commit -m "Restore the last good release ${short(good)}"`)
  }
  out.push('git push', '```', '', 'Then mark this pull request ready for review.', '')
  return out
}

function linksSection(input: RevertReportInput): string[] {
  const { serverUrl, repository, runUrl } = input.links
  const bad = input.bad.manifest.source
  const good = input.good.manifest.source
  const out: string[] = []
  if (runUrl) out.push(`- This SLO gate and revert: [run](${runUrl})`)
  if (bad.runUrl)
    out.push(`- Failing release ${commitLink(input, bad.commit)}: [build run](${bad.runUrl})`)
  else out.push(`- Failing release ${commitLink(input, bad.commit)}`)
  if (good.runUrl)
    out.push(`- Last good release ${commitLink(input, good.commit)}: [build run](${good.runUrl})`)
  else out.push(`- Last good release ${commitLink(input, good.commit)}`)
  if (repository)
    out.push(
      `- [Everything between them](${serverUrl}/${repository}/compare/${good.commit}...${bad.commit})`
    )
  return out
}

/**
 * The pull request body: why (the SLO evidence with its charts), what (the manifest diff, the
 * commits or files), and links, under GitHub's size limit. Parts that do not fit are dropped in
 * this order: the gate's full report, the charts, long lists; the hidden markers always stay.
 */
export function renderRevertBody(input: RevertReportInput, limit = pullBodyLimit): string {
  const variants: Array<{ fullReport: boolean; charts: boolean; maxItems: number }> = [
    { fullReport: true, charts: true, maxItems: 200 },
    { fullReport: false, charts: true, maxItems: 100 },
    { fullReport: false, charts: false, maxItems: 30 },
    { fullReport: false, charts: false, maxItems: 5 }
  ]
  let body = ''
  for (const variant of variants) {
    body = renderBody(input, variant)
    if (body.length <= limit) return body
  }
  const note = '\n\n_Cut to fit GitHub\u2019s size limit; the job summary has everything._\n'
  return `${body.slice(0, limit - note.length)}${note}`
}

function renderBody(
  input: RevertReportInput,
  variant: { fullReport: boolean; charts: boolean; maxItems: number }
): string {
  const { incident, good, bad, evidence, prepared } = input
  const target = `${incident.service}/${incident.env}`
  const out: string[] = [
    revertMarker(incident.service, incident.env),
    incidentMarker(incident.badCommit)
  ]
  out.push(
    `## ↩️ Revert ${escapeMarkdown(target)} to the last good release`,
    '',
    `The SLO gate **failed** after release ${commitLink(input, bad.manifest.source.commit)} (manifest ${inlineCode(bad.id)}). Merging this pull request brings ${escapeMarkdown(target)} back to ${commitLink(input, good.manifest.source.commit)} (manifest ${inlineCode(good.id)}, marked good).`,
    ''
  )
  if (input.previousIncident && input.previousIncident !== incident.badCommit) {
    out.push(
      `This pull request first covered release ${inlineCode(short(input.previousIncident))}; the newer failing release replaced it (one open revert per service and environment).`,
      ''
    )
  }
  if (input.reason) out.push(`> ${escapeMarkdown(input.reason)}`, '')
  if (input.rollback)
    out.push(
      ...rollbackWarningMarkdown(input.rollback.contracts, releaseLabel(bad), variant.maxItems)
    )
  if (prepared.applied) out.push(...appliedSection(input, variant.maxItems))
  else out.push(...conflictSection(input))
  if (input.earlierReverts.length > 0) {
    out.push(
      `Note: the reverted range holds ${input.earlierReverts.length} earlier rollback-guard revert(s) (${input.earlierReverts.map((c) => commitLink(input, c.sha)).join(', ')}); reverting them re-applies what they undid, check before merging.`,
      ''
    )
  }
  out.push('### Why: the SLO evidence', '')
  if (evidence) {
    out.push(
      `${icons[evidence.verdict]} Verdict **${evidence.verdict}** with ${inlineCode(evidence.policy)}, deployed at ${inlineCode(evidence.deployedAt)}, measured until ${inlineCode(evidence.finishedAt)}.`,
      '',
      ...evidenceTable(evidence),
      ''
    )
    if (variant.charts) {
      for (const o of evidence.objectives.filter((x) => x.verdict === 'fail')) {
        const chart = mermaidChart(o)
        if (!chart) continue
        out.push(
          `**${escapeMarkdown(o.name)}**`,
          '',
          '```mermaid',
          chart,
          '```',
          '',
          chartLegend(`the bound ${inlineCode(boundText(o))}`),
          ''
        )
      }
    }
  } else {
    out.push(`The gate's verdict was **${input.verdict}**; no evidence file was given.`, '')
  }
  out.push('### What changes back (manifests)', '', ...diffSection(input.diff))
  out.push(
    ...renderMigrationRollback(
      planMigrationRollback(bad.manifest.migrations, good.manifest.migrations)
    )
  )
  if (input.rollback) {
    out.push(
      ...rollbackContractsMarkdown(input.rollback.contracts, releaseLabel(bad), variant.maxItems),
      ...notUndoneMarkdown(input.rollback.notUndone)
    )
  }
  out.push('### Links', '', ...linksSection(input), '')
  if (evidence && variant.fullReport) {
    // The gate's own list of every measurement (its table and charts are above already).
    const report = renderSloMarkdown(evidence)
    const details = report.indexOf('<details>')
    if (details >= 0) out.push(report.slice(details).trimEnd(), '')
  }
  out.push(
    '---',
    `Merge to roll back. Close it to keep the current release: rollback-guard does not reopen a closed revert of the same incident. Branch ${inlineCode(input.branch)}.`,
    ''
  )
  return out.join('\n')
}
