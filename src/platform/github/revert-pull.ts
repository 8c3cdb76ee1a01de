import type { RevertPulls } from '../../revert/ports.js'
import type { GitHubClient, GitHubLog } from './client.js'
import { toGitHubError } from './errors.js'
import { createOrUpdatePull, pullSummaryOf, type PullLike } from './pulls.js'

/** The pull request port of revert-pr on GitHub: look-ups by branch and by prefix, then createOrUpdatePull. */
export function gitHubRevertPulls(options: {
  client: GitHubClient
  owner: string
  repo: string
  log?: Partial<GitHubLog>
}): RevertPulls {
  const { client, owner, repo } = options
  const sameRepo = (p: PullLike) =>
    !p.head.repo?.full_name ||
    p.head.repo.full_name.toLowerCase() === `${owner}/${repo}`.toLowerCase()
  return {
    async fromBranch(branch) {
      try {
        const pulls = await client.paginate('GET /repos/{owner}/{repo}/pulls', {
          owner,
          repo,
          head: `${owner}:${branch}`,
          state: 'all',
          per_page: 100
        })
        return pulls.filter((p) => p.head.ref === branch && sameRepo(p)).map(pullSummaryOf)
      } catch (error) {
        throw toGitHubError(error, `looking for pull requests from ${branch} in ${owner}/${repo}`)
      }
    },
    async openFromPrefix(prefix, marker) {
      try {
        const pulls = await client.paginate('GET /repos/{owner}/{repo}/pulls', {
          owner,
          repo,
          state: 'open',
          per_page: 100
        })
        return pulls
          .filter(
            (p) => p.head.ref.startsWith(prefix) && sameRepo(p) && (p.body ?? '').includes(marker)
          )
          .map(pullSummaryOf)
      } catch (error) {
        throw toGitHubError(error, `listing the open pull requests of ${owner}/${repo}`)
      }
    },
    createOrUpdate(spec) {
      return createOrUpdatePull({ client, owner, repo, ...spec, log: options.log })
    }
  }
}
