import { createGitHubClient, type GitHubClient, type GitHubLog } from '../platform/github/index.js'
import type { GitHubSettings } from './settings.js'

/**
 * The repository and API the environment names (GITHUB_REPOSITORY, GITHUB_API_URL,
 * GITHUB_SERVER_URL), with `token`; `repository` (owner/name) when the caller knows better.
 */
export function gitHubSettingsFrom(
  env: Record<string, string | undefined>,
  token: string,
  repository = env.GITHUB_REPOSITORY
): GitHubSettings {
  const [owner = '', repo = ''] = (repository ?? '').split('/')
  return {
    token,
    apiUrl: env.GITHUB_API_URL || undefined,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    owner,
    repo
  }
}

/** A client for the settings' repository, or null when no token was given. */
export function gitHubClientFor(
  github: GitHubSettings | null,
  log?: GitHubLog
): GitHubClient | null {
  if (!github?.token) return null
  return createGitHubClient({
    token: github.token,
    baseUrl: github.apiUrl,
    ...(log ? { log } : {})
  })
}
