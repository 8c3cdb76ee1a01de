import { InputError, ServiceError } from '../../core/errors.js'
import { redactText } from '../../core/redact.js'
import { git } from './exec.js'

/**
 * Git configuration passed through the environment (GIT_CONFIG_COUNT, git 2.31+), so the token
 * reaches git without appearing in an argument list, a remote URL or the repository's config.
 */
export async function tokenEnv(
  cwd: string,
  token: string | null,
  serverUrl: string
): Promise<Record<string, string>> {
  if (!token) return {}
  const key = `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`
  // actions/checkout persists its own header; a second Authorization header would be refused.
  const persisted = await git(['config', '--get-all', key], { cwd, allowFailure: true })
  if (persisted.code === 0 && persisted.stdout.trim() !== '') return {}
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64')
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`
  }
}

/** Anything git printed, without credentials. */
export function scrub(text: string, token: string | null): string {
  const redacted = redactText(text)
  return token ? redacted.split(token).join('***') : redacted
}

const forbidden =
  /\b403\b|permission to .* denied|write access to repository not granted|not permitted|denied to /i

/** The one error a user sees when a push of the revert branch fails, naming what to change. */
export function pushError(
  stderr: string,
  branch: string,
  remote: string,
  token: string | null
): Error {
  const said = scrub(stderr, token)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-3)
    .join(' ')
  if (forbidden.test(said)) {
    return new InputError(
      `git push of ${branch} to ${remote} was refused (${said}): the token needs 'contents: write'. Add 'permissions: { contents: write, pull-requests: write }' to the job, or pass a token that may push branches (github-token input).`
    )
  }
  if (/GH013|GH006|protected branch|rule violations/i.test(said)) {
    return new InputError(
      `git push of ${branch} to ${remote} was refused by a branch rule (${said}): exempt 'rollback-guard/revert/**' from the ruleset, or pass a token that may bypass it.`
    )
  }
  if (/stale info|fetch first|non-fast-forward|\[rejected\]/i.test(said)) {
    return new InputError(
      `git push of ${branch} to ${remote} was rejected because the branch changed meanwhile (${said}); run the job again.`
    )
  }
  return new ServiceError(`git push of ${branch} to ${remote} failed (${said}); try again later.`)
}
