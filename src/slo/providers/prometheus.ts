import { InputError } from '../../core/errors.js'
import {
  MetricsUnavailableError,
  type MetricsProvider,
  type Sample,
  type Series
} from '../ports.js'
import type { ProviderConfig } from '../types.js'
import { providerCa, providerHeaders, type ProviderContext } from './context.js'
import { sendWithRetries, type HttpResponse } from './http.js'

interface PrometheusBody {
  status?: 'success' | 'error'
  errorType?: string
  error?: string
  data?: { resultType: 'vector' | 'scalar' | 'matrix' | 'string'; result: unknown }
}

type VectorItem = { metric: Record<string, string>; value: [number, string] }
type MatrixItem = { metric: Record<string, string>; values: [number, string][] }

/** Prometheus' sample values are strings; NaN and ±Inf included. */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY
  if (text === '-Inf') return Number.NEGATIVE_INFINITY
  if (text === 'NaN') return Number.NaN
  return Number(text)
}

/**
 * The Prometheus HTTP API (also Thanos, Mimir, Cortex, VictoriaMetrics): instant and range queries
 * with explicit times. A query the server rejects (bad_data) is an InputError carrying the server's
 * message; unreachable or failing after the retries is a MetricsUnavailableError.
 */
export async function createPrometheusProvider(
  config: ProviderConfig,
  context: ProviderContext
): Promise<MetricsProvider> {
  const base = new URL(config.url as string)
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  const headers = providerHeaders(config, context.env)
  const ca = await providerCa(config, context)

  // One measurement round asks for its queries together: identical ones share one request, and at
  // most `concurrency` are in flight so a policy of many objectives does not flood the server.
  const inFlight = new Map<string, Promise<PrometheusBody['data']>>()
  const limit = limiter(config.concurrency ?? 4)
  function call(
    path: 'api/v1/query' | 'api/v1/query_range',
    params: Record<string, string>
  ): Promise<PrometheusBody['data']> {
    const key = `${path}?${new URLSearchParams(params).toString()}`
    const pending = inFlight.get(key)
    if (pending) return pending
    const started = limit(() => send(path, params)).finally(() => inFlight.delete(key))
    inFlight.set(key, started)
    return started
  }

  async function send(
    path: 'api/v1/query' | 'api/v1/query_range',
    params: Record<string, string>
  ): Promise<PrometheusBody['data']> {
    const url = new URL(path, base)
    const form = new URLSearchParams(params).toString()
    // POST keeps long queries out of URL length limits; every Prometheus-compatible API accepts it.
    const request = {
      method: 'POST' as const,
      url,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      timeoutMs: config.timeoutMs,
      ca
    }
    const where = `Prometheus at ${base.origin}${base.pathname}`
    const response = await sendWithRetries(request, {
      where,
      retries: config.retries,
      backoffMs: config.backoffMs,
      sleep: context.sleep,
      describe: (answer: HttpResponse) => errorText(answer.text)
    })
    const body = parseBody(response.text)
    if (body?.status === 'success' && body.data) return body.data
    if (body?.errorType === 'bad_data' || response.status === 400) {
      throw new InputError(
        `${where} rejected the query: ${body?.error ?? response.text.slice(0, 300)}`
      )
    }
    if (response.status === 401 || response.status === 403) {
      throw new InputError(
        `${where} answered HTTP ${response.status}: check the provider's auth (the token or password variable)`
      )
    }
    if (response.status === 404) {
      throw new InputError(
        `${where} answered HTTP 404 for ${path}: check the provider url (it is the base URL, before /api/v1)`
      )
    }
    const reason = body?.error
      ? `${body.errorType ?? 'error'}: ${body.error}`
      : `HTTP ${response.status}${errorText(response.text)}`
    throw new MetricsUnavailableError(`${where}: ${reason}`)
  }

  return {
    name: config.name,
    async instant(query: string, at: Date): Promise<Sample[]> {
      const data = await call('api/v1/query', { query, time: unixSeconds(at) })
      if (!data) return []
      switch (data.resultType) {
        case 'vector':
          return (data.result as VectorItem[]).map((item) => ({
            labels: item.metric,
            value: parseSampleValue(item.value[1])
          }))
        case 'scalar': {
          const [, value] = data.result as [number, string]
          return [{ labels: {}, value: parseSampleValue(value) }]
        }
        case 'matrix':
          throw new InputError(
            `the query returns a range vector, which has no single value: wrap it in a function such as rate(...) or avg_over_time(...): ${query}`
          )
        default:
          throw new InputError(`the query returns a ${data.resultType}, not a number: ${query}`)
      }
    },
    async range(query: string, start: Date, end: Date, stepMs: number): Promise<Series[]> {
      const data = await call('api/v1/query_range', {
        query,
        start: unixSeconds(start),
        end: unixSeconds(end),
        step: String(Math.max(1, stepMs / 1000))
      })
      if (!data || data.resultType !== 'matrix') return []
      return (data.result as MatrixItem[]).map((item) => ({
        labels: item.metric,
        points: item.values.map(([t, v]) => ({
          at: new Date(t * 1000),
          value: parseSampleValue(v)
        }))
      }))
    }
  }
}

/** Runs at most `size` tasks at once, the rest in the order they came. */
export function limiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const queue: (() => void)[] = []
  // A finished task hands its slot to the next waiting one, or frees it.
  const next = (): void => {
    const waiting = queue.shift()
    if (waiting) waiting()
    else running -= 1
  }
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => queue.push(resolve))
    else running += 1
    try {
      return await task()
    } finally {
      next()
    }
  }
}

function unixSeconds(date: Date): string {
  return (date.getTime() / 1000).toFixed(3)
}

function parseBody(text: string): PrometheusBody | null {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as PrometheusBody) : null
  } catch {
    return null
  }
}

function errorText(text: string): string {
  const body = parseBody(text)
  if (body?.error) return `: ${body.error}`
  const trimmed = text.trim().split('\n')[0]?.slice(0, 200)
  return trimmed ? `: ${trimmed}` : ''
}
