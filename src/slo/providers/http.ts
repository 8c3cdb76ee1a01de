import { request as httpRequestRaw } from 'node:http'
import { request as httpsRequestRaw } from 'node:https'
import { request as undiciRequest, type Dispatcher } from 'undici'
import { MetricsUnavailableError, type Sleep } from '../ports.js'
import { proxyDispatcher } from './proxy.js'

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: URL
  headers: Record<string, string>
  body?: string
  /** The whole exchange: connect, send, and the last byte of the answer (not just idle time). */
  timeoutMs: number
  /** Extra certificate authorities (PEM), for a backend behind a private CA. */
  ca?: string
  /** The largest answer read (default 64 MiB); a longer one is a transport failure, not a read. */
  maxResponseBytes?: number
}

export interface HttpResponse {
  status: number
  text: string
  /** The Retry-After header of the answer, when it has one. */
  retryAfter?: string
}

/** An answer larger than this is not a metric result; it is refused before it fills the memory. */
const defaultMaxResponseBytes = 64 * 1024 * 1024

/** A network failure or timeout: worth a retry. */
export class HttpTransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'HttpTransportError'
  }
}

/**
 * One HTTP request with node's own client (it takes a custom CA per request, which fetch cannot
 * without an extra package). Resolves with any status; rejects only on transport failure or timeout.
 */
export function sendHttp(req: HttpRequest): Promise<HttpResponse> {
  const proxy = proxyDispatcher(process.env, req.ca)
  if (proxy) return sendThroughProxy(req, proxy)
  return new Promise((resolve, reject) => {
    const send = req.url.protocol === 'https:' ? httpsRequestRaw : httpRequestRaw
    const headers = requestHeaders(req)
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body))
    const options = { method: req.method, headers, ...(req.ca ? { ca: req.ca } : {}) }
    const maxBytes = req.maxResponseBytes ?? defaultMaxResponseBytes
    const fail = (error: HttpTransportError): void => {
      clearTimeout(deadline)
      outgoing.destroy(error)
      reject(error)
    }
    // One deadline for the whole exchange: a server that drips a byte at a time still ends in time.
    const deadline = setTimeout(
      () => fail(new HttpTransportError(`no complete answer within ${req.timeoutMs} ms`)),
      req.timeoutMs
    )
    const outgoing = send(req.url, options, (response) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) {
          fail(tooLarge(maxBytes))
          return
        }
        chunks.push(chunk)
      })
      response.on('end', () => {
        clearTimeout(deadline)
        resolve(answerOf(response.statusCode ?? 0, chunks, response.headers['retry-after']))
      })
      response.on('error', (error) =>
        fail(
          error instanceof HttpTransportError
            ? error
            : new HttpTransportError(error.message, { cause: error })
        )
      )
    })
    outgoing.on('error', (error) =>
      fail(
        error instanceof HttpTransportError
          ? error
          : new HttpTransportError(describeNetworkError(error), { cause: error })
      )
    )
    if (req.body !== undefined) outgoing.write(req.body)
    outgoing.end()
  })
}

/**
 * The same request through the runner's proxy (HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY), under the
 * same rules as a direct one: one deadline for the whole exchange, the size cap, Retry-After kept.
 */
async function sendThroughProxy(req: HttpRequest, dispatcher: Dispatcher): Promise<HttpResponse> {
  const headers = requestHeaders(req)
  const maxBytes = req.maxResponseBytes ?? defaultMaxResponseBytes
  const signal = AbortSignal.timeout(req.timeoutMs)
  try {
    const response = await undiciRequest(req.url, {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      dispatcher,
      signal
    })
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBytes) {
        response.body.destroy()
        throw tooLarge(maxBytes)
      }
      chunks.push(chunk)
    }
    return answerOf(response.statusCode, chunks, response.headers['retry-after'])
  } catch (error) {
    if (error instanceof HttpTransportError) throw error
    if (signal.aborted)
      throw new HttpTransportError(
        `no complete answer within ${req.timeoutMs} ms (through the proxy)`,
        {
          cause: error
        }
      )
    const cause = error as Error & { code?: string; cause?: Error & { code?: string } }
    const inner = cause.cause && cause.cause.code ? cause.cause : cause
    throw new HttpTransportError(`${describeNetworkError(inner)} (through the proxy)`, {
      cause: error
    })
  }
}

/** What every request sends: our user agent and JSON accept, under the provider's own headers. */
function requestHeaders(req: HttpRequest): Record<string, string> {
  return { 'user-agent': 'rollback-guard', accept: 'application/json', ...req.headers }
}

function tooLarge(maxBytes: number): HttpTransportError {
  return new HttpTransportError(`the answer is larger than ${maxBytes} bytes; narrow the query`)
}

/** The answer read whole: its status, its text, and its Retry-After when it has exactly one. */
function answerOf(status: number, chunks: Buffer[], retryAfter: unknown): HttpResponse {
  return {
    status,
    text: Buffer.concat(chunks).toString('utf8'),
    ...(typeof retryAfter === 'string' ? { retryAfter } : {})
  }
}

function describeNetworkError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ENOTFOUND':
      return 'host not found'
    case 'ECONNRESET':
      return 'connection reset'
    default:
      if (error.code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.code)) {
        return `${error.message} (${error.code}); set the provider's caFile to trust a private certificate authority`
      }
      return error.code ? `${error.code}: ${error.message}` : error.message
  }
}

/** Statuses that may pass on their own: rate limits and server or gateway trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 500
}

/**
 * Calls `attempt` up to 1 + retries times, waiting backoff, 2×backoff, 4×… (capped at 30 s) between
 * tries, while `retryable` says the failure may pass. The last failure is rethrown.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: {
    retries: number
    backoffMs: number
    sleep: Sleep
    retryable: (error: unknown) => boolean
    /** How long to wait before the next try (null: give up now); default the backoff. */
    waitMs?: (error: unknown, backoffMs: number) => number | null
  }
): Promise<T> {
  for (let tryNumber = 0; ; tryNumber++) {
    try {
      return await attempt()
    } catch (error) {
      if (tryNumber >= options.retries || !options.retryable(error)) throw error
      const backoff = Math.min(30_000, options.backoffMs * 2 ** tryNumber)
      const wait = options.waitMs ? options.waitMs(error, backoff) : backoff
      if (wait === null) throw error
      await options.sleep(wait)
    }
  }
}

/** A Retry-After longer than this is not waited for: the measurement is inconclusive instead. */
const maxRetryAfterMs = 120_000

/** `${NAME}` in header values from the environment; a missing variable is reported by name. */
export function expandEnv(
  value: string,
  env: Record<string, string | undefined>,
  missing: (name: string) => never
): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
    (_, name: string) => env[name] ?? missing(name)
  )
}

class RetryableStatus extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null
  ) {
    super(message)
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | null {
  if (value === undefined || value.trim() === '') return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/**
 * Sends a request with the provider's retries: transport failures and 429/5xx answers are retried
 * with backoff, and still failing afterwards is a MetricsUnavailableError naming `where` (so the
 * measurement is inconclusive). Other answers, 4xx included, are returned for the caller to judge.
 */
export async function sendWithRetries(
  request: HttpRequest,
  options: {
    where: string
    retries: number
    backoffMs: number
    sleep: Sleep
    /** Adds the server's words to the status line of a retryable answer. */
    describe?: (answer: HttpResponse) => string
  }
): Promise<HttpResponse> {
  try {
    return await withRetries(
      async () => {
        const answer = await sendHttp(request)
        if (isRetryableStatus(answer.status)) {
          throw new RetryableStatus(
            `HTTP ${answer.status}${options.describe?.(answer) ?? ''}`,
            retryAfterMs(answer.retryAfter)
          )
        }
        return answer
      },
      {
        retries: options.retries,
        backoffMs: options.backoffMs,
        sleep: options.sleep,
        retryable: (error) =>
          error instanceof HttpTransportError || error instanceof RetryableStatus,
        // The server's Retry-After, when it says one, within the total time the retries may take.
        waitMs: (error, backoff) => {
          if (!(error instanceof RetryableStatus) || error.retryAfterMs === null) return backoff
          return error.retryAfterMs <= maxRetryAfterMs
            ? Math.max(backoff, error.retryAfterMs)
            : null
        }
      }
    )
  } catch (error) {
    if (error instanceof HttpTransportError || error instanceof RetryableStatus) {
      throw new MetricsUnavailableError(
        `${options.where}: ${error.message} (after ${options.retries + 1} attempts)`,
        { cause: error }
      )
    }
    throw error
  }
}
