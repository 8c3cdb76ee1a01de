import { InputError } from '../../core/errors.js'
import { resolveAuthenticatedLogin } from './author.js'
import { defaultTruncationNote, fitBody, maxBodyLength } from './body-limit.js'
import type { GitHubClient } from './client.js'
import { gitHubMessageOf, httpStatusOf, isForbidden, toGitHubError } from './errors.js'

export interface StickyCommentOptions {
  client: GitHubClient
  owner: string
  repo: string
  issueNumber: number
  /** The comment's identity, e.g. `contract-check` or `contract-check/payments`; see stickyMarker. */
  marker: string
  /** Markdown; the hidden marker is put on the first line for you. */
  body: string
  /** Who the token writes as when GET /user cannot tell (GitHub App tokens: `<app-slug>[bot]`). */
  authorLogin?: string
  /** The line that ends a body cut to GitHub's size limit. */
  truncationNote?: string
}

export type StickyCommentResult =
  | { action: 'created' | 'updated' | 'unchanged'; id: number; url: string; truncated: boolean }
  | { action: 'skipped'; reason: string }

const markerId = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/

/** The hidden line that identifies a rollback-guard comment: `<!-- rollback-guard:<id> -->`. */
export function stickyMarker(id: string): string {
  if (!markerId.test(id)) {
    throw new InputError(
      `comment marker '${id}' must be 1-100 letters, digits, '.', '_', '/' or '-', starting with a letter or digit.`
    )
  }
  return `<!-- rollback-guard:${id} -->`
}

/**
 * Creates or updates the one comment of ours on an issue or pull request that carries `marker`.
 * A comment is ours when it has the marker AND was written by the token's user, so a marker
 * pasted by someone else is never touched. A 403 (a fork's read-only token) is not an error but
 * `{ action: 'skipped' }`: the caller then reports through the job summary and annotations.
 */
export async function upsertStickyComment(
  options: StickyCommentOptions
): Promise<StickyCommentResult> {
  const { client, owner, repo, issueNumber } = options
  const marker = stickyMarker(options.marker)
  const { body, truncated } = fitBody(
    `${marker}\n${options.body}`,
    maxBodyLength,
    options.truncationNote ?? defaultTruncationNote
  )
  const where = `${owner}/${repo}#${issueNumber}`
  let step = `listing the comments of ${where}`
  try {
    const author = (await resolveAuthenticatedLogin(client, options.authorLogin)).toLowerCase()
    const listOurs = async () =>
      (
        await client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: 100
        })
      )
        .filter(
          (c) =>
            c.user?.login.toLowerCase() === author &&
            (c.body ?? '').split('\n', 1)[0]?.trim() === marker
        )
        .sort((a, b) => Number(a.id) - Number(b.id))
    const update = async (id: number) => {
      step = `updating comment ${id} on ${where}`
      const { data } = await client.request(
        'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
        { owner, repo, comment_id: id, body }
      )
      return { id: Number(data.id), url: data.html_url }
    }
    const ours = (await listOurs())[0]
    if (ours && ours.body === body)
      return { action: 'unchanged', id: Number(ours.id), url: ours.html_url, truncated }
    if (ours) return { action: 'updated', ...(await update(Number(ours.id))), truncated }
    step = `commenting on ${where}`
    const { data } = await client.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { owner, repo, issue_number: issueNumber, body }
    )
    // Two runs that listed at the same time both create: keep the oldest, with our body, and
    // remove the others, so the runs converge on one comment.
    step = `looking for a comment a concurrent run posted on ${where}`
    const [oldest, ...others] = await listOurs()
    if (!oldest || others.length === 0) {
      return { action: 'created', id: Number(data.id), url: data.html_url, truncated }
    }
    const kept =
      Number(oldest.id) === Number(data.id)
        ? { id: Number(data.id), url: data.html_url }
        : await update(Number(oldest.id))
    for (const extra of others) {
      step = `removing the duplicate comment ${extra.id} on ${where}`
      await client
        .request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner,
          repo,
          comment_id: extra.id
        })
        .catch((error: unknown) => {
          if (httpStatusOf(error) !== 404) throw error
        })
    }
    return {
      action: Number(oldest.id) === Number(data.id) ? 'created' : 'updated',
      ...kept,
      truncated
    }
  } catch (error) {
    if (isForbidden(error)) {
      return {
        action: 'skipped',
        reason: `GitHub refused ${step} (403 ${gitHubMessageOf(error)}): the token is read-only here, as on pull requests from forks, or lacks 'pull-requests: write'.`
      }
    }
    throw toGitHubError(error, step)
  }
}
