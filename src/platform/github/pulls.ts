import { InputError } from '../../core/errors.js'
import { defaultTruncationNote, fitBody, maxBodyLength } from './body-limit.js'
import type { GitHubClient, GitHubLog } from './client.js'
import {
  gitHubErrorDetails,
  gitHubMessageOf,
  httpStatusOf,
  isForbidden,
  toGitHubError
} from './errors.js'

export interface PullSummary {
  number: number
  url: string
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  title: string
  body: string
  head: string
  base: string
}

/** The fields of GitHub's pull-request objects (list and get answers) that we read. */
export interface PullLike {
  number: number
  html_url: string
  state: string
  draft?: boolean
  merged_at?: string | null
  title: string
  body?: string | null
  head: { ref: string; repo?: { full_name?: string } | null }
  base: { ref: string }
}

export function pullSummaryOf(pull: PullLike): PullSummary {
  return {
    number: pull.number,
    url: pull.html_url,
    state: pull.state === 'closed' ? 'closed' : 'open',
    draft: pull.draft === true,
    merged: Boolean(pull.merged_at),
    title: pull.title,
    body: pull.body ?? '',
    head: pull.head.ref,
    base: pull.base.ref
  }
}

export interface FindPullOptions {
  client: GitHubClient
  owner: string
  repo: string
  /** The head branch name (no `owner:` prefix). */
  head: string
  /** The owner of the head branch's repository; default `owner` (same-repository branches). */
  headOwner?: string
  state?: 'open' | 'closed' | 'all'
}

/** Pull requests from one head branch; GitHub ignores a head filter without `owner:`, so it is always given. */
async function pullsByHead(options: FindPullOptions): Promise<PullSummary[]> {
  const { client, owner, repo, head } = options
  const pulls = await client.paginate('GET /repos/{owner}/{repo}/pulls', {
    owner,
    repo,
    head: `${options.headOwner ?? owner}:${head}`,
    state: options.state ?? 'open',
    per_page: 100
  })
  // Filtered again: the head filter is only honoured with the owner prefix, and forks share names.
  return pulls.filter((p) => p.head.ref === head).map(pullSummaryOf)
}

/** The open pull request from `head`, or null. */
export async function findOpenPullByHead(options: FindPullOptions): Promise<PullSummary | null> {
  try {
    return (await pullsByHead({ ...options, state: 'open' }))[0] ?? null
  } catch (error) {
    throw toGitHubError(
      error,
      `looking for an open pull request from ${options.head} in ${options.owner}/${options.repo}`
    )
  }
}

export interface PullRequestSpec {
  client: GitHubClient
  owner: string
  repo: string
  /** A deterministic branch (e.g. from service/env/bad commit), already pushed. */
  head: string
  base: string
  title: string
  body: string
  /** Hidden marker that identifies our pull request, e.g. stickyMarker('revert/payments/prod'). */
  marker: string
  draft?: boolean
  labels?: string[]
  reviewers?: string[]
  teamReviewers?: string[]
  assignees?: string[]
  maintainerCanModify?: boolean
  log?: Partial<GitHubLog>
}

export type PullRequestResult =
  | {
      /** `existing`: another run opened it between our look-up and our create (GitHub's 422). */
      action: 'created' | 'updated' | 'unchanged' | 'existing'
      number: number
      url: string
      draft: boolean
      warnings: string[]
    }
  /** A closed pull request from the same branch with our marker: never reopened, nothing created. */
  | { action: 'closed-exists'; number: number; url: string; merged: boolean; warnings: string[] }

const actionsMayNotCreate = /not permitted to create or approve pull requests/i

function pullRequestError(error: unknown, doing: string, owner: string, repo: string): Error {
  if (httpStatusOf(error) === 403 && actionsMayNotCreate.test(gitHubMessageOf(error))) {
    return new InputError(
      `GitHub refused ${doing}: "${gitHubMessageOf(error)}" Enable it in ${owner}/${repo} (or its organization): Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests", or pass a token of a GitHub App or user.`,
      { cause: error }
    )
  }
  if (isForbidden(error)) {
    return new InputError(
      `GitHub refused ${doing} (403 ${gitHubMessageOf(error)}): the token needs 'pull-requests: write' and 'contents: write'; add them to the job's 'permissions:' block in the workflow.`,
      { cause: error }
    )
  }
  return toGitHubError(error, doing)
}

/**
 * One pull request per deterministic branch: finds the open one from `head` carrying `marker` and
 * updates its title and body, or creates it. A closed one from the same branch with our marker is
 * reported, never reopened. A pull request from `head` that lacks our marker belongs to someone
 * else: an InputError, never an edit. Labels, assignees and reviewers are added on every run.
 */
export async function createOrUpdatePull(spec: PullRequestSpec): Promise<PullRequestResult> {
  const { client, owner, repo, head, base, marker } = spec
  const warnings: string[] = []
  const warn = (message: string): void => {
    warnings.push(message)
    spec.log?.warn?.(message)
  }
  const { body, truncated } = fitBody(
    spec.body.includes(marker) ? spec.body : `${marker}\n${spec.body}`,
    maxBodyLength,
    defaultTruncationNote
  )
  if (truncated) warn(`the pull request body was cut to GitHub's ${maxBodyLength}-character limit`)
  let doing = `looking for pull requests from ${head} in ${owner}/${repo}`
  try {
    const fromHead = await pullsByHead({ client, owner, repo, head, state: 'all' })
    const open = fromHead.find((p) => p.state === 'open')
    if (open) assertOurs(open, head, marker)
    let number: number
    let url: string
    let draft: boolean
    let action: 'created' | 'updated' | 'unchanged' | 'existing'
    if (open) {
      ;({ number, url, draft } = open)
      if (open.title === spec.title && open.body === body && open.base === base) {
        action = 'unchanged'
      } else {
        doing = `updating pull request #${number} in ${owner}/${repo}`
        await client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
          owner,
          repo,
          pull_number: number,
          title: spec.title,
          body,
          base
        })
        action = 'updated'
      }
    } else {
      const closed = fromHead.find((p) => p.state === 'closed' && p.body.includes(marker))
      if (closed)
        return {
          action: 'closed-exists',
          number: closed.number,
          url: closed.url,
          merged: closed.merged,
          warnings
        }
      doing = `opening a pull request from ${head} to ${base} in ${owner}/${repo}`
      try {
        ;({ number, url, draft } = await createPull(spec, body, warn))
        action = 'created'
      } catch (error) {
        ;({ number, url, draft } = await alreadyOpened(spec, error))
        action = 'existing'
      }
    }
    // The winner of a race decorates its own pull request; this run leaves it as it is.
    if (action !== 'existing') await decorate(spec, number, warn)
    return { action, number, url, draft, warnings }
  } catch (error) {
    if (error instanceof InputError) throw error
    throw pullRequestError(error, doing, owner, repo)
  }
}

/** An open pull request from `head` without our marker belongs to someone else: never edited. */
function assertOurs(pull: PullSummary, head: string, marker: string): void {
  if (!pull.body.includes(marker)) {
    throw new InputError(
      `pull request #${pull.number} (${pull.url}) from branch '${head}' was not opened by rollback-guard; close it or delete the branch so rollback-guard can open its own.`
    )
  }
}

/**
 * A concurrent run opened the pull request between the look-up and the create: GitHub answers 422
 * "A pull request already exists". The look-up runs again and that pull request is the answer, when
 * it carries our marker; anything else is the original error.
 */
async function alreadyOpened(spec: PullRequestSpec, error: unknown): Promise<PullSummary> {
  if (
    httpStatusOf(error) !== 422 ||
    !/already exists/i.test(`${gitHubMessageOf(error)} ${gitHubErrorDetails(error)}`)
  )
    throw error
  const { client, owner, repo, head, marker } = spec
  const [open] = await pullsByHead({ client, owner, repo, head, state: 'open' })
  if (!open) throw error
  assertOurs(open, head, marker)
  return open
}

async function createPull(
  spec: PullRequestSpec,
  body: string,
  warn: (message: string) => void
): Promise<PullSummary> {
  const { client, owner, repo, head, base } = spec
  const request = (draft: boolean) =>
    client.request('POST /repos/{owner}/{repo}/pulls', {
      owner,
      repo,
      head,
      base,
      title: spec.title,
      body,
      draft,
      maintainer_can_modify: spec.maintainerCanModify ?? false
    })
  try {
    return pullSummaryOf((await request(spec.draft === true)).data)
  } catch (error) {
    // Private repositories on some plans cannot have drafts; GitHub says so in a 422.
    if (
      spec.draft &&
      httpStatusOf(error) === 422 &&
      /draft/i.test(`${gitHubMessageOf(error)} ${gitHubErrorDetails(error)}`)
    ) {
      warn(`draft pull requests are not supported in ${owner}/${repo}; opening a ready one`)
      return pullSummaryOf((await request(false)).data)
    }
    throw error
  }
}

/** Labels, assignees and reviewers: failures here are warnings, the pull request already exists. */
async function decorate(
  spec: PullRequestSpec,
  number: number,
  warn: (message: string) => void
): Promise<void> {
  const { client, owner, repo } = spec
  const attempt = async (what: string, call: () => Promise<unknown>): Promise<void> => {
    try {
      await call()
    } catch (error) {
      const status = httpStatusOf(error)
      if (status === undefined || status >= 500 || status === 401) throw error
      warn(
        `could not ${what} on pull request #${number}: ${status} ${gitHubMessageOf(error)}${gitHubErrorDetails(error) ? ` (${gitHubErrorDetails(error)})` : ''}`
      )
    }
  }
  const labels = spec.labels?.filter(Boolean) ?? []
  if (labels.length > 0) {
    await attempt('add labels', () =>
      client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
        owner,
        repo,
        issue_number: number,
        labels
      })
    )
  }
  const assignees = spec.assignees?.filter(Boolean) ?? []
  if (assignees.length > 0) {
    await attempt('add assignees', () =>
      client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', {
        owner,
        repo,
        issue_number: number,
        assignees
      })
    )
  }
  const reviewers = spec.reviewers?.filter(Boolean) ?? []
  const teamReviewers = (spec.teamReviewers ?? [])
    .map((t) => t.replace(/^@?[^/]+\//, ''))
    .filter(Boolean)
  if (reviewers.length > 0 || teamReviewers.length > 0) {
    await attempt('request reviewers', () =>
      client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
        owner,
        repo,
        pull_number: number,
        reviewers,
        team_reviewers: teamReviewers
      })
    )
  }
}
