import { InputError } from '../../core/errors.js'
import type { GitHubClient } from './client.js'
import { toGitHubError } from './errors.js'

/** One local commit as the Git Data API recreates it: its message, author and changed files. */
export interface ApiCommit {
  message: string
  author: { name: string; email: string; date: string }
  /** Changed paths; `content` null deletes the path. */
  changes: Array<{ path: string; mode: string; content: Buffer | null }>
}

export interface SignedPushRequest {
  owner: string
  repo: string
  branch: string
  /** The commit the first one builds on (on the remote already) and its tree. */
  parent: { sha: string; tree: string }
  commits: ApiCommit[]
  /** The remote branch's sha this push replaces (null: it must not exist yet). */
  expected: string | null
}

/**
 * Pushes commits through the Git Data API instead of `git push`, the way create-pull-request's
 * `sign-commits` does: each commit is recreated by GitHub (blobs, a tree on the parent's tree, a
 * commit), so GitHub signs it with its own key and branch rules requiring signed commits accept
 * the branch. The branch ref moves last, and only from `expected` (a lease, as with git push).
 * Returns the sha the branch points to.
 */
export async function pushSignedCommits(
  client: GitHubClient,
  request: SignedPushRequest
): Promise<string> {
  const { owner, repo, branch } = request
  const what = `creating the signed commits of ${branch} through the Git Data API`
  let parent = request.parent
  try {
    for (const commit of request.commits) {
      const tree = []
      for (const change of commit.changes) {
        if (change.content === null) {
          tree.push({
            path: change.path,
            mode: change.mode as '100644',
            type: 'blob' as const,
            sha: null
          })
          continue
        }
        const blob = await client.request('POST /repos/{owner}/{repo}/git/blobs', {
          owner,
          repo,
          content: change.content.toString('base64'),
          encoding: 'base64'
        })
        tree.push({
          path: change.path,
          mode: change.mode as '100644',
          type: 'blob' as const,
          sha: blob.data.sha
        })
      }
      // an empty commit (a draft revert that needs a person) keeps its parent's tree
      const treeSha =
        tree.length === 0
          ? parent.tree
          : (
              await client.request('POST /repos/{owner}/{repo}/git/trees', {
                owner,
                repo,
                base_tree: parent.tree,
                tree
              })
            ).data.sha
      const made = await client.request('POST /repos/{owner}/{repo}/git/commits', {
        owner,
        repo,
        message: commit.message,
        tree: treeSha,
        parents: [parent.sha],
        author: commit.author
      })
      parent = { sha: made.data.sha, tree: treeSha }
    }
  } catch (error) {
    throw toGitHubError(error, what)
  }
  await moveBranch(client, request, parent.sha)
  return parent.sha
}

async function moveBranch(
  client: GitHubClient,
  { owner, repo, branch, expected }: SignedPushRequest,
  sha: string
): Promise<void> {
  const ref = `heads/${branch}`
  const changedMeanwhile = new InputError(
    `the branch ${branch} changed meanwhile (another run pushed to it); run the job again.`
  )
  try {
    if (expected === null) {
      await client.request('POST /repos/{owner}/{repo}/git/refs', {
        owner,
        repo,
        ref: `refs/${ref}`,
        sha
      })
      return
    }
    const current = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner,
      repo,
      ref
    })
    if (current.data.object.sha !== expected) throw changedMeanwhile
    await client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
      owner,
      repo,
      ref,
      sha,
      force: true
    })
  } catch (error) {
    if (error === changedMeanwhile) throw error
    if ((error as { status?: number }).status === 422 && expected === null) throw changedMeanwhile
    throw toGitHubError(error, `moving ${branch} to the signed commits`)
  }
}
