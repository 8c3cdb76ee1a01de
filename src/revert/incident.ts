/** How one incident is named everywhere: its branch, its markers, its commit trailer and its title. */

export const revertBranchPrefix = 'rollback-guard/revert/'
export const revertTrailerKey = 'Rollback-Guard-Revert'

export interface IncidentId {
  service: string
  env: string
  /** The source commit of the release that failed its SLOs. */
  badCommit: string
}

/** `rollback-guard/revert/<service>/<env>/<bad-sha12>`: the same incident always lands on the same branch. */
export function revertBranchName(incident: IncidentId): string {
  return `${targetBranchPrefix(incident.service, incident.env)}${incident.badCommit.slice(0, 12)}`
}

/** Every revert branch of one service and environment starts with this. */
export function targetBranchPrefix(service: string, env: string): string {
  return `${revertBranchPrefix}${service}/${env}/`
}

/** The id of the hidden marker (`stickyMarker(id)`): one open revert pull request per service/env carries it. */
export function revertMarkerId(service: string, env: string): string {
  return `revert/${service}/${env}`
}

/** A second hidden line naming the incident the pull request currently covers. */
export function incidentMarker(badCommit: string): string {
  return `<!-- rollback-guard:revert-incident:${badCommit} -->`
}

export function incidentOfBody(body: string): string | null {
  return /<!-- rollback-guard:revert-incident:([0-9a-f]{7,64}) -->/.exec(body)?.[1] ?? null
}

export function revertTrailer(incident: IncidentId): string {
  return `${revertTrailerKey}: ${incident.service}/${incident.env}/${incident.badCommit}`
}

export function hasRevertTrailer(message: string): boolean {
  return new RegExp(`^${revertTrailerKey}:`, 'm').test(message)
}

/** The title; a squash merge keeps it, so it is recognised as ours later. */
export function revertTitle(incident: IncidentId, goodCommit: string): string {
  return `rollback-guard: revert ${incident.service}/${incident.env} to ${goodCommit.slice(0, 12)} (SLO gate failed on ${incident.badCommit.slice(0, 12)})`
}

/**
 * A commit that is itself a rollback-guard revert, however it was merged: our trailer (merge or
 * rebase keeps it, a squash lists it in the body), our title (squash), or GitHub's merge message
 * naming one of our branches.
 */
export function isRevertCommitMessage(message: string): boolean {
  if (hasRevertTrailer(message)) return true
  if (/^rollback-guard: revert \S+\/\S+ to [0-9a-f]{7,}/m.test(message)) return true
  return new RegExp(
    `^Merge (pull request #\\d+ from \\S+/|branch ')${escapeRegExp(revertBranchPrefix)}`,
    'm'
  ).test(message)
}

/** A ref (GITHUB_REF or a branch name) that is one of our revert branches. */
export function isRevertRef(ref: string | null): boolean {
  if (!ref) return false
  return ref.replace(/^refs\/heads\//, '').startsWith(revertBranchPrefix)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The hidden first line of our pull request body (the same text as the GitHub edge's stickyMarker). */
export function revertMarker(service: string, env: string): string {
  return `<!-- rollback-guard:${revertMarkerId(service, env)} -->`
}
