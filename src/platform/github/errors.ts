import { InputError, ServiceError } from '../../core/errors.js'

/** The HTTP status of an octokit RequestError, or undefined for anything else (network, bugs). */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** GitHub's own message ("Resource not accessible by integration"), without octokit's decorations. */
export function gitHubMessageOf(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data
  const message = (data as { message?: unknown } | null)?.message
  if (typeof message === 'string') return message
  return error instanceof Error ? error.message : String(error)
}

/** Validation details of a 422 ("A pull request already exists for …"), joined. */
export function gitHubErrorDetails(error: unknown): string {
  const data = (error as { response?: { data?: { errors?: unknown } } } | null)?.response?.data
  const errors = Array.isArray(data?.errors) ? data.errors : []
  return errors
    .map((e: unknown) =>
      typeof e === 'string'
        ? e
        : ((e as { message?: string; field?: string; code?: string }).message ??
          [(e as { field?: string }).field, (e as { code?: string }).code]
            .filter(Boolean)
            .join(' '))
    )
    .filter(Boolean)
    .join('; ')
}

export function isRateLimit(error: unknown): boolean {
  const status = httpStatusOf(error)
  if (status === 429) return true
  const headers = (error as { response?: { headers?: Record<string, string> } } | null)?.response
    ?.headers
  return (
    status === 403 &&
    (headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(gitHubMessageOf(error)))
  )
}

/** A 403 that means "this token may not do that" (a fork's read-only token, missing permissions). */
export function isForbidden(error: unknown): boolean {
  return httpStatusOf(error) === 403 && !isRateLimit(error)
}

/**
 * The error a user sees for a failed GitHub call: what we were doing, what GitHub said and what to do.
 * 5xx, rate limits and network failures (after the client's retries) are a ServiceError; the rest
 * (bad token, no access, refused input) an InputError.
 */
export function toGitHubError(error: unknown, doing: string): InputError | ServiceError {
  if (error instanceof InputError || error instanceof ServiceError) return error
  const status = httpStatusOf(error)
  const message = gitHubMessageOf(error)
  const details = gitHubErrorDetails(error)
  const said = `GitHub answered ${status ?? 'nothing'}${message ? ` (${message}${details ? `: ${details}` : ''})` : ''}`
  if (status === undefined || status >= 500 || isRateLimit(error)) {
    return new ServiceError(`${said} while ${doing}, after retries; try again later.`, {
      cause: error
    })
  }
  if (status === 401)
    return new InputError(`${said} while ${doing}: the github-token input is invalid or expired.`, {
      cause: error
    })
  if (status === 403) {
    return new InputError(
      `${said} while ${doing}: the token lacks a permission; grant it in the workflow's 'permissions:' block.`,
      { cause: error }
    )
  }
  if (status === 404) {
    return new InputError(
      `${said} while ${doing}: the repository or item does not exist, or the token cannot see it.`,
      { cause: error }
    )
  }
  return new InputError(`${said} while ${doing}.`, { cause: error })
}
