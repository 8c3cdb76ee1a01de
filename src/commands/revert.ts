import { InputError } from '../core/errors.js'
import { isBranchName, isPlainName } from '../core/names.js'
import type { ManifestStore, StoredManifest } from '../manifest/store.js'
import { decideRevert, type GateVerdict, type RevertDecision } from '../revert/decide.js'
import {
  hasRevertTrailer,
  incidentOfBody,
  revertBranchName,
  revertMarker,
  revertTitle,
  revertTrailer,
  targetBranchPrefix,
  type IncidentId
} from '../revert/incident.js'
import { diffManifests, imagePins, type ManifestDiff } from '../revert/manifest-diff.js'
import type { RevertGit, RevertPulls } from '../revert/ports.js'
import { attemptLine, renderRevertBody } from '../revert/render.js'
import {
  migrationsNotUndone,
  planMigrationRollback,
  renderMigrationRollbackText
} from '../revert/migrations.js'
import { planCommitReverts, revertsInRange } from '../revert/strategies.js'
import type { CommitInfo, PreparedRevert, RevertStep, RevertStrategy } from '../revert/types.js'
import type { SloEvidence } from '../slo/render/evidence.js'
import type { ContractKind } from '../core/change.js'
import type { ContractEngine } from '../core/engine.js'
import { notUndoneByRevert } from '../revert/not-undone.js'
import {
  releaseLabel,
  rollbackContractsText,
  type RollbackImpact
} from '../revert/rollback-impact.js'
import { notUndoneText } from '../revert/not-undone.js'
import { compareReleaseContracts } from './rollback-contracts.js'

export interface RevertOptions {
  service: string
  env: string
  /** The SLO gate's evidence document, or null when only a verdict is known. */
  evidence: SloEvidence | null
  /** The gate's verdict when given apart from the evidence (the slo-gate `verdict` output). */
  verdict: GateVerdict | null
  /** The failing release: `latest` (default), a manifest id or a source commit. */
  badRef: string
  /** The branch the pull request targets (deploys come from it). */
  base: string
  strategies: RevertStrategy[]
  deployPaths: string[]
  reason: string | null
  links: { serverUrl: string; repository: string | null; runUrl: string | null }
  pull: {
    draft: boolean
    labels: string[]
    reviewers: string[]
    teamReviewers: string[]
    assignees: string[]
  }
}

export interface RevertPorts {
  store: ManifestStore
  git: RevertGit
  /** null for a plan (dry run): nothing is pushed or opened. */
  pulls: RevertPulls | null
  log: (message: string) => void
  /** The contract engines for what the rollback does to clients; default every engine. */
  engines?: Partial<Record<ContractKind, ContractEngine>>
}

export interface RevertPlan {
  incident: IncidentId
  bad: StoredManifest
  good: StoredManifest
  /** The incident's own branch. */
  branch: string
  steps: RevertStep[]
  earlierReverts: CommitInfo[]
  diff: ManifestDiff
  rollback: RollbackImpact
  prepared: PreparedRevert
  title: string
  body: string
  marker: string
}

export type RevertAction = 'created' | 'updated' | 'unchanged' | 'existing' | 'skipped'

export interface RevertResult {
  action: RevertAction
  /** Why nothing was done (skipped), in one line. */
  reason: string | null
  decision: RevertDecision
  plan: RevertPlan | null
  /** The branch that holds (or would hold) the revert. */
  branch: string | null
  number: number | null
  url: string | null
  draft: boolean
  strategy: RevertStrategy | null
  pushed: boolean
  warnings: string[]
}

const verdicts = ['pass', 'fail', 'inconclusive'] as const

/** The gate's evidence JSON (`slo check --format json`, slo-gate's evidence-path), checked enough to use. */
export function parseEvidence(text: string, origin: string): SloEvidence {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new InputError(
      `${origin} is not JSON (${(error as Error).message}); give the SLO gate's evidence file (slo check --format json).`
    )
  }
  const doc = parsed as Partial<SloEvidence> | null
  if (
    typeof doc !== 'object' ||
    doc === null ||
    doc.schemaVersion !== 1 ||
    !verdicts.includes(doc.verdict as GateVerdict) ||
    !Array.isArray(doc.objectives)
  ) {
    throw new InputError(
      `${origin} is not SLO gate evidence (schemaVersion 1, verdict, objectives); give the file slo-gate writes (its evidence-path output) or 'slo check --format json' prints.`
    )
  }
  return doc as SloEvidence
}

export function parseVerdict(value: string, input: string): GateVerdict | null {
  const v = value.trim().toLowerCase()
  if (v === '') return null
  if ((verdicts as readonly string[]).includes(v)) return v as GateVerdict
  throw new InputError(`${input} must be pass, fail or inconclusive, got '${value}'.`)
}

function verdictOf(options: RevertOptions): GateVerdict {
  const fromEvidence = options.evidence?.verdict ?? null
  if (fromEvidence && options.verdict && fromEvidence !== options.verdict) {
    throw new InputError(
      `the verdict '${options.verdict}' contradicts the evidence, whose verdict is '${fromEvidence}'; pass the outputs of the same slo-gate step.`
    )
  }
  const verdict = options.verdict ?? fromEvidence
  if (!verdict) {
    throw new InputError(
      "no SLO verdict: give the gate's evidence (evidence-path / --reason FILE) or its verdict."
    )
  }
  return verdict
}

const skipped = (
  decision: RevertDecision,
  reason: string,
  plan: RevertPlan | null = null
): RevertResult => ({
  action: 'skipped',
  reason,
  decision,
  plan,
  branch: plan?.branch ?? null,
  number: null,
  url: null,
  draft: false,
  strategy: null,
  pushed: false,
  warnings: []
})

async function buildPlan(
  options: RevertOptions,
  ports: RevertPorts,
  decision: Extract<RevertDecision, { kind: 'revert' }>,
  previousIncident: string | null
): Promise<RevertPlan> {
  const { bad, good } = decision
  const incident: IncidentId = {
    service: options.service,
    env: options.env,
    badCommit: bad.manifest.source.commit
  }
  const goodCommit = good.manifest.source.commit
  const commits = (await ports.git.commitsBetween(goodCommit, incident.badCommit)) ?? []
  const steps = planCommitReverts(commits)
  const diff = diffManifests(bad.manifest, good.manifest)
  const prepared = await ports.git.prepare({
    base: options.base,
    good: goodCommit,
    bad: incident.badCommit,
    strategies: options.strategies,
    steps,
    deployPaths: options.deployPaths,
    pins: imagePins(diff),
    trailer: revertTrailer(incident)
  })
  const branch = revertBranchName(incident)
  const earlierReverts = revertsInRange(commits)
  const evidence = options.evidence
  const rollback: RollbackImpact = {
    contracts: await compareReleaseContracts({
      bad,
      good,
      store: ports.store,
      engines: ports.engines,
      now: new Date(),
      log: ports.log
    }),
    notUndone: [
      ...notUndoneByRevert(diff, bad.manifest, good.manifest),
      ...migrationsNotUndone(
        planMigrationRollback(bad.manifest.migrations, good.manifest.migrations)
      )
    ]
  }
  const body = renderRevertBody({
    incident,
    bad,
    good,
    diff,
    rollback,
    prepared,
    evidence,
    verdict: verdictOf(options),
    reason: options.reason,
    branch,
    links: options.links,
    earlierReverts,
    previousIncident
  })
  return {
    incident,
    bad,
    good,
    branch,
    steps,
    earlierReverts,
    diff,
    rollback,
    prepared,
    title: `${prepared.applied ? '' : '[needs a person] '}${revertTitle(incident, goodCommit)}`,
    body,
    marker: revertMarker(options.service, options.env)
  }
}

/** Names end up in paths, refspecs and git arguments: only plain ones are accepted. */
function assertOptions(options: RevertOptions): void {
  for (const [input, value] of [
    ['service', options.service],
    ['env', options.env]
  ] as const) {
    if (!isPlainName(value)) {
      throw new InputError(
        `${input} '${value}' is not a valid name: use letters, digits, '.', '_' or '-' (at most 63), as given to the manifest job.`
      )
    }
  }
  if (!isBranchName(options.base)) {
    throw new InputError(
      `base '${options.base}' is not a branch name; give the branch deploys come from (e.g. main).`
    )
  }
}

async function decide(options: RevertOptions, ports: RevertPorts): Promise<RevertDecision> {
  assertOptions(options)
  const verdict = verdictOf(options)
  if (verdict !== 'fail') {
    return decideRevert({
      service: options.service,
      env: options.env,
      verdict,
      bad: null,
      good: null,
      badCommitMessage: null
    })
  }
  const bad = await ports.store.resolve(options.service, options.env, options.badRef)
  if (!bad && options.badRef !== 'latest') {
    throw new InputError(
      `no manifest '${options.badRef}' for ${options.service}/${options.env}: give the failing release as latest, a manifest id or its source commit.`
    )
  }
  const good = await ports.store.resolve(options.service, options.env, 'last-good')
  const badCommitMessage = bad ? await ports.git.commitMessage(bad.manifest.source.commit) : null
  return decideRevert({
    service: options.service,
    env: options.env,
    verdict,
    bad,
    good,
    badCommitMessage
  })
}

/** `revert plan` and `--dry-run`: decides and prepares the branch in a scratch worktree; pushes and opens nothing. */
export async function planRevert(
  options: RevertOptions,
  ports: RevertPorts
): Promise<RevertResult> {
  try {
    const decision = await decide(options, ports)
    if (decision.kind === 'skip') return skipped(decision, decision.message)
    const plan = await buildPlan(options, ports, decision, null)
    if (!plan.prepared.head) return skipped(decision, nothingApplied(plan), plan)
    return {
      action: 'skipped',
      reason: 'dry run: nothing was pushed and no pull request was opened.',
      decision,
      plan,
      branch: plan.branch,
      number: null,
      url: null,
      draft: options.pull.draft || !plan.prepared.applied,
      strategy: plan.prepared.applied?.strategy ?? null,
      pushed: false,
      warnings: []
    }
  } finally {
    await ports.git.dispose()
  }
}

function nothingApplied(plan: RevertPlan): string {
  return `nothing to revert on ${plan.prepared.baseBranch}: ${plan.prepared.attempts.map(attemptLine).join('; ')}.`
}

/**
 * `revert open` and the revert-pr action: one pull request per incident. Looks up before it
 * pushes: a closed pull request of this incident is never reopened; an open revert of the same
 * service/env (an older incident) is updated rather than joined by a second one. A branch pushed
 * by this run is deleted again when the pull request cannot be opened.
 */
export async function openRevert(
  options: RevertOptions,
  ports: RevertPorts
): Promise<RevertResult> {
  const pulls = ports.pulls
  if (!pulls)
    throw new Error('openRevert needs the pull request port; use planRevert for a dry run')
  try {
    const decision = await decide(options, ports)
    if (decision.kind === 'skip') {
      ports.log(`revert: ${decision.message}`)
      return skipped(decision, decision.message)
    }
    const incident: IncidentId = {
      service: options.service,
      env: options.env,
      badCommit: decision.bad.manifest.source.commit
    }
    const ownBranch = revertBranchName(incident)
    const marker = revertMarker(options.service, options.env)

    const history = await pulls.fromBranch(ownBranch)
    const closed = history.find((p) => p.state === 'closed' && p.body.includes(marker))
    if (closed && !history.some((p) => p.state === 'open')) {
      const reason = closed.merged
        ? `the revert of this incident was already merged (#${closed.number}, ${closed.url}).`
        : `the revert of this incident (#${closed.number}, ${closed.url}) was closed by a person; it is not reopened. Delete the branch ${ownBranch} to allow a new one.`
      ports.log(`revert: ${reason}`)
      return {
        ...skipped(decision, reason),
        branch: ownBranch,
        number: closed.number,
        url: closed.url
      }
    }
    const open = await pulls.openFromPrefix(
      targetBranchPrefix(options.service, options.env),
      marker
    )
    const current = open.find((p) => p.head === ownBranch) ?? open[0] ?? null
    const branch = current?.head ?? ownBranch
    const previousIncident = current ? incidentOfBody(current.body) : null
    if (current && previousIncident && previousIncident !== incident.badCommit) {
      // A re-run of an older incident must not take the open revert back from a newer one.
      const covered = await ports.store.resolve(options.service, options.env, previousIncident)
      if (covered && covered.id > decision.bad.id) {
        const reason = `the open revert #${current.number} (${current.url}) covers a newer failing release (${previousIncident.slice(0, 12)}); it is left as it is.`
        ports.log(`revert: ${reason}`)
        return { ...skipped(decision, reason), branch, number: current.number, url: current.url }
      }
    }
    if (current && current.head !== ownBranch) {
      ports.log(
        `revert: updating the open revert #${current.number} of ${options.service}/${options.env} (${current.head}) for the newer failing release`
      )
    }

    const plan = await buildPlan(options, ports, decision, previousIncident)
    const prepared = plan.prepared
    if (!prepared.head || !prepared.tree) {
      const reason = nothingApplied(plan)
      ports.log(`revert: ${reason}`)
      return skipped(decision, reason, plan)
    }

    const warnings: string[] = []
    const remote = await ports.git.remoteBranch(branch)
    let pushed = false
    if (remote && !hasRevertTrailer(remote.message)) {
      warnings.push(
        `the branch ${branch} holds a commit that rollback-guard did not make (${remote.sha.slice(0, 12)}); it is left as it is.`
      )
    } else if (remote && remote.tree === prepared.tree) {
      ports.log(`revert: ${branch} already holds this revert`)
    } else {
      await ports.git.push(prepared.head, branch, remote?.sha ?? null)
      pushed = true
    }

    try {
      const result = await pulls.createOrUpdate({
        head: branch,
        base: options.base,
        title: plan.title,
        body: plan.body,
        marker,
        draft: options.pull.draft || !prepared.applied,
        labels: options.pull.labels,
        reviewers: options.pull.reviewers,
        teamReviewers: options.pull.teamReviewers,
        assignees: options.pull.assignees
      })
      warnings.push(...result.warnings)
      if (result.action === 'closed-exists') {
        const reason = `pull request #${result.number} from ${branch} is closed; it is not reopened.`
        return {
          ...skipped(decision, reason, plan),
          branch,
          number: result.number,
          url: result.url,
          warnings
        }
      }
      const action: RevertAction =
        result.action === 'unchanged' && pushed ? 'updated' : result.action
      ports.log(`revert: pull request #${result.number} ${action}: ${result.url}`)
      return {
        action,
        reason: null,
        decision,
        plan,
        branch,
        number: result.number,
        url: result.url,
        draft: result.draft,
        strategy: prepared.applied?.strategy ?? null,
        pushed,
        warnings
      }
    } catch (error) {
      // No stray branch: a branch this run created is removed when its pull request cannot exist,
      // unless an open pull request (a concurrent run's) uses it by now.
      if (pushed && !remote && !(await openPullUses(pulls, branch))) {
        await ports.git
          .deleteRemoteBranch(branch, prepared.head)
          .catch((cleanup: unknown) =>
            ports.log(`revert: could not delete ${branch}: ${(cleanup as Error).message}`)
          )
      }
      throw error
    }
  } finally {
    await ports.git.dispose()
  }
}

async function openPullUses(pulls: RevertPulls, branch: string): Promise<boolean> {
  try {
    return (await pulls.fromBranch(branch)).some((p) => p.state === 'open')
  } catch {
    return true
  }
}

/** The plan as text: the CLI's `revert plan` and the demo. */
export function renderRevertText(result: RevertResult): string {
  const lines: string[] = []
  const plan = result.plan
  if (!plan) {
    lines.push(`revert: ${result.action}: ${result.reason ?? ''}`)
    return `${lines.join('\n')}\n`
  }
  const { incident, bad, good, prepared, diff } = plan
  lines.push(
    `Revert plan for ${incident.service}/${incident.env}`,
    `  failing release  ${bad.manifest.source.commit.slice(0, 12)} (manifest ${bad.id})`,
    `  last good        ${good.manifest.source.commit.slice(0, 12)} (manifest ${good.id})`,
    `  base             ${prepared.baseBranch} at ${prepared.baseSha.slice(0, 12)}`,
    `  branch           ${result.branch ?? plan.branch}`,
    `  title            ${plan.title}`
  )
  for (const attempt of prepared.attempts) {
    lines.push(
      `  ${attempt.strategy.padEnd(15)}  ${attempt.status}: ${attempt.detail}${attempt.conflicts.length ? ` [${attempt.conflicts.join(', ')}]` : ''}`
    )
    for (const step of attempt.reverted ?? [])
      lines.push(
        `      revert ${step.mainline ? '-m 1 ' : ''}${step.sha.slice(0, 12)} ${step.subject}`
      )
    for (const path of attempt.restored ?? []) lines.push(`      restore ${path}`)
    for (const edit of attempt.edits ?? [])
      lines.push(`      ${edit.file}:${edit.line} ${edit.field}: ${edit.from} -> ${edit.to}`)
  }
  for (const image of diff.images.filter((i) => i.change !== 'same')) {
    const text = (v: typeof image.now) => (v ? `${v.tag ?? ''}@${v.digest ?? '-'}` : 'none')
    lines.push(`  image ${image.name}: ${text(image.now)} -> ${text(image.restored)}`)
  }
  for (const mod of diff.go.filter((m) => m.change !== 'same'))
    lines.push(
      `  go.mod ${mod.module}: ${mod.now?.goModSha256.slice(0, 12) ?? 'none'} -> ${mod.restored?.goModSha256.slice(0, 12) ?? 'none'}`
    )
  if (diff.config.change !== 'same')
    lines.push(
      `  config version: ${diff.config.now ?? 'none'} -> ${diff.config.restored ?? 'none'}`
    )
  lines.push(
    ...renderMigrationRollbackText(
      planMigrationRollback(bad.manifest.migrations, good.manifest.migrations)
    )
  )
  lines.push(...rollbackContractsText(plan.rollback.contracts, releaseLabel(bad)))
  lines.push(...notUndoneText(plan.rollback.notUndone))
  if (result.url) lines.push(`  pull request     #${result.number} ${result.action}: ${result.url}`)
  else if (result.reason) lines.push(`  ${result.reason}`)
  for (const warning of result.warnings) lines.push(`  warning: ${warning}`)
  return `${lines.join('\n')}\n`
}
