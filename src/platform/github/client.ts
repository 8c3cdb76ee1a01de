import { Octokit } from '@octokit/core'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { InputError } from '../../core/errors.js'
import { proxiedFetch } from '../../slo/providers/proxy.js'

/** Where the client reports retries and waits; the token never reaches it. */
export interface GitHubLog {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
}

export interface GitHubClientOptions {
  token: string
  /** The REST API root (GITHUB_API_URL); default the public API. */
  baseUrl?: string
  userAgent?: string
  log?: Partial<GitHubLog>
  /** Retries of a 5xx or network failure (default 3), waiting 1, 4, 9 × retryBaseDelayMs. */
  retries?: number
  retryBaseDelayMs?: number
  /** Rate-limit waits to sit out before giving up (default 2), each at most maxRateLimitWaitSeconds. */
  rateLimitRetries?: number
  maxRateLimitWaitSeconds?: number
  /**
   * `github` (default) spaces writes as GitHub asks of integrations (one write a second, three
   * seconds between notifying writes); `none` is for local fakes only.
   */
  pacing?: 'github' | 'none'
  /** A fetch to send requests with (e.g. one that goes through the runner's HTTPS proxy). */
  fetch?: typeof globalThis.fetch
  /** One deadline per request, connect to the last byte of the answer (default 30 s). */
  timeoutMs?: number
  /** The largest answer read (default 64 MiB); a longer one fails the request. */
  maxResponseBytes?: number
}

/** Reads a body whole, refusing one longer than `maxBytes` (a broken proxy or server, never GitHub's API). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return null
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw new Error(`GitHub's answer is larger than ${maxBytes} bytes; nothing was read from it`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}

/**
 * A fetch whose every call ends within `timeoutMs`, body included. The timeout is an AbortError so
 * octokit passes it through instead of retrying it as a 500: the caller reports it (exit 3).
 */
function fetchWithDeadline(
  fetch: typeof globalThis.fetch,
  timeoutMs: number,
  maxBytes = 64 * 1024 * 1024
): typeof globalThis.fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    try {
      const response = await fetch(input, { ...init, signal })
      // Read the whole body under the same deadline, then hand octokit a finished response.
      const body = await readCapped(response, maxBytes)
      const noBody = [101, 204, 205, 304].includes(response.status)
      return new Response(noBody ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      })
    } catch (error) {
      if (timeout.aborted) {
        const expired = new Error(`GitHub gave no complete answer within ${timeoutMs} ms`, {
          cause: error
        })
        expired.name = 'AbortError'
        throw expired
      }
      throw error
    }
  }
}

const GitHubOctokit = Octokit.plugin(paginateRest, retry, throttling)

/** An octokit with paginate, retry on 5xx and waits on rate limits. */
export type GitHubClient = InstanceType<typeof GitHubOctokit>

const defaultUserAgent = 'rollback-guard'

/** A Bottleneck group stand-in that runs every job at once (pacing: 'none'). */
const unpaced = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const fn = args.find(
        (a): a is (...rest: unknown[]) => unknown => typeof a === 'function'
      ) as (...rest: unknown[]) => unknown
      return Promise.resolve(fn(...args.slice(args.indexOf(fn) + 1)))
    }
  })
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const token = options.token.trim()
  if (token === '') {
    throw new InputError(
      'A GitHub token is required: set the github-token input (the default is ${{ github.token }}) or GITHUB_TOKEN.'
    )
  }
  const redact = (message: string): string => message.split(token).join('***')
  const log: GitHubLog = {
    debug: (message) => options.log?.debug?.(redact(message)),
    info: (message) => options.log?.info?.(redact(message)),
    warn: (message) => options.log?.warn?.(redact(message))
  }
  const rateLimitRetries = options.rateLimitRetries ?? 2
  const maxWait = options.maxRateLimitWaitSeconds ?? 120
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ): boolean => {
      const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait
      log.warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter}s` : `giving up after ${retryCount} wait(s)`}`
      )
      return retrying
    }
  const pacing =
    options.pacing === 'none' ? { write: unpaced, notifications: unpaced, search: unpaced } : {}
  // the runner's HTTPS_PROXY / NO_PROXY apply to the GitHub API as to every other request
  const fetch = options.fetch ?? proxiedFetch()
  return new GitHubOctokit({
    auth: token,
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: options.userAgent ?? defaultUserAgent,
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.warn(message)
    },
    request: {
      fetch: fetchWithDeadline(
        fetch ?? globalThis.fetch,
        options.timeoutMs ?? 30_000,
        options.maxResponseBytes
      )
    },
    retry: {
      retries: options.retries ?? 3,
      // Rate limits (403/429) are the throttling plugin's: it honours retry-after and the reset time.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retryAfterBaseValue: options.retryBaseDelayMs ?? 1000
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: options.pacing === 'none' ? 10 : 1000,
      ...(pacing as Record<string, never>)
    }
  })
}
