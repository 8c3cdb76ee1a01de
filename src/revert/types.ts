/** The revert job's model: what failed, what to restore, how, and what happened when it was tried. */

export const revertStrategies = ['revert-commits', 'restore-paths', 'pin-digests'] as const
export type RevertStrategy = (typeof revertStrategies)[number]

/** A commit on the first-parent line between the last good release and the bad one. */
export interface CommitInfo {
  sha: string
  parents: string[]
  subject: string
  /** The whole message, to recognise a rollback-guard revert by its trailer. */
  message: string
}

/** One `git revert` of the revert-commits strategy; merges are reverted against their first parent. */
export interface RevertStep {
  sha: string
  subject: string
  /** 1 for a merge commit (`git revert -m 1`), null for an ordinary commit. */
  mainline: 1 | null
}

/** An image to move back: every reference to `name` at the bad tag or digest is rewritten to the good one. */
export interface ImagePin {
  name: string
  from: { tag: string | null; digest: string | null }
  to: { tag: string | null; digest: string | null }
}

/** One rewritten value in a YAML file (pin-digests). */
export interface PinEdit {
  file: string
  line: number
  /** Which shape it was found in: a Kubernetes `image:`, a kustomization `images:` entry or Helm values. */
  kind: 'image' | 'kustomize' | 'helm'
  field: string
  from: string
  to: string
}

export type AttemptStatus = 'applied' | 'conflict' | 'empty' | 'unavailable'

/** What trying one strategy on the base branch gave. */
export interface StrategyAttempt {
  strategy: RevertStrategy
  status: AttemptStatus
  /** One line: what was done, or why not. */
  detail: string
  /** Files git could not merge (status conflict). */
  conflicts: string[]
  /** The revert commits made (revert-commits), newest first. */
  reverted?: RevertStep[]
  /** Paths restored (restore-paths). */
  restored?: string[]
  /** Values rewritten (pin-digests). */
  edits?: PinEdit[]
  /** The commit that would be reverted next when a conflict stopped revert-commits. */
  conflictAt?: RevertStep
}

/** The branch prepared on top of the base: the commit to push, or a placeholder when every strategy failed. */
export interface PreparedRevert {
  baseBranch: string
  baseSha: string
  attempts: StrategyAttempt[]
  /** The attempt whose commits the branch holds, or null (the branch then holds one empty commit). */
  applied: StrategyAttempt | null
  /** The local commit to push; null when nothing could be prepared at all (nothing to do). */
  head: string | null
  /** The tree of `head`, to tell whether a remote branch already holds the same content. */
  tree: string | null
}
