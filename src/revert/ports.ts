import type {
  CommitInfo,
  ImagePin,
  PreparedRevert,
  RevertStep,
  RevertStrategy,
  StrategyAttempt
} from './types.js'

export interface PrepareRequest {
  /** The branch the pull request goes to; the revert is built on its current tip. */
  base: string
  good: string
  bad: string
  strategies: RevertStrategy[]
  /** revert-commits: what to revert, newest first. */
  steps: RevertStep[]
  /** restore-paths (and where pin-digests looks): paths relative to the repository root. */
  deployPaths: string[]
  pins: ImagePin[]
  /** The trailer every commit carries (`Rollback-Guard-Revert: service/env/sha`). */
  trailer: string
}

export interface RemoteBranch {
  sha: string
  tree: string
  message: string
}

/** A scratch worktree the strategies run in (revert/prepare.ts drives it). */
export interface RevertWorktree {
  /** Makes sure good and bad are known, puts a worktree at the base branch's tip; returns its sha. */
  open(request: PrepareRequest): Promise<string>
  /** Back to a clean tree at `sha`. */
  reset(sha: string): Promise<void>
  /** Runs one strategy on the clean tree, committing what it changes. */
  apply(strategy: RevertStrategy, request: PrepareRequest): Promise<StrategyAttempt>
  commitEmpty(message: string): Promise<void>
  head(): Promise<{ head: string; tree: string }>
}

/** The git side of a revert: read history, build the branch in a scratch worktree, push it. */
export interface RevertGit {
  /** The full message of a commit, or null when git does not have it. */
  commitMessage(sha: string): Promise<string | null>
  /** First-parent commits after `good` up to `bad`, newest first; null when good is not an ancestor of bad. */
  commitsBetween(good: string, bad: string): Promise<CommitInfo[] | null>
  prepare(request: PrepareRequest): Promise<PreparedRevert>
  remoteBranch(branch: string): Promise<RemoteBranch | null>
  /** Pushes `head` to `branch`, only if the remote branch is still at `expected` (null: absent). */
  push(head: string, branch: string, expected: string | null): Promise<void>
  deleteRemoteBranch(branch: string, expected: string): Promise<void>
  /** Removes the scratch worktree. */
  dispose(): Promise<void>
}

export interface RevertPullSummary {
  number: number
  url: string
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  title: string
  body: string
  head: string
}

export interface RevertPullSpec {
  head: string
  base: string
  title: string
  body: string
  marker: string
  draft: boolean
  labels: string[]
  reviewers: string[]
  teamReviewers: string[]
  assignees: string[]
}

export type RevertPullResult =
  | {
      /** `existing`: a concurrent run opened it first; this run left it as it is. */
      action: 'created' | 'updated' | 'unchanged' | 'existing'
      number: number
      url: string
      draft: boolean
      warnings: string[]
    }
  | { action: 'closed-exists'; number: number; url: string; merged: boolean; warnings: string[] }

/** The pull request side (GitHub). */
export interface RevertPulls {
  /** Every pull request (open or closed) from `branch` of this repository. */
  fromBranch(branch: string): Promise<RevertPullSummary[]>
  /** Open pull requests from a branch starting with `prefix` whose body carries `marker`. */
  openFromPrefix(prefix: string, marker: string): Promise<RevertPullSummary[]>
  createOrUpdate(spec: RevertPullSpec): Promise<RevertPullResult>
}
