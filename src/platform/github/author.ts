import type { GitHubClient } from './client.js'
import { isForbidden, httpStatusOf, toGitHubError } from './errors.js'

/** The login that GITHUB_TOKEN writes as; installation tokens cannot ask GET /user who they are. */
export const actionsBotLogin = 'github-actions[bot]'

/** null: the token is an installation token (GET /user answered 403, or 404 on some servers). */
const loginCache = new WeakMap<GitHubClient, Promise<string | null>>()

/**
 * Who the client's token writes as: GET /user for a personal token; for an installation token
 * (GITHUB_TOKEN, which GET /user answers with 403 "Resource not accessible by integration")
 * `fallback`, by default `github-actions[bot]`. A GitHub App token writes as `<app-slug>[bot]`:
 * pass that as `fallback`.
 */
export async function resolveAuthenticatedLogin(
  client: GitHubClient,
  fallback = actionsBotLogin
): Promise<string> {
  let login = loginCache.get(client)
  if (!login) {
    login = client.request('GET /user').then(
      (response) => response.data.login,
      (error: unknown) => {
        if (isForbidden(error) || httpStatusOf(error) === 404) return null
        throw toGitHubError(error, 'asking GitHub which user the token belongs to (GET /user)')
      }
    )
    loginCache.set(client, login)
    login.catch(() => loginCache.delete(client))
  }
  return (await login) ?? fallback
}
