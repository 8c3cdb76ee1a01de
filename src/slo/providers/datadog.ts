import { InputError } from '../../core/errors.js'
import {
  MetricsUnavailableError,
  type MetricsProvider,
  type Point,
  type Sample,
  type Series
} from '../ports.js'
import type { ProviderConfig } from '../types.js'
import { providerCa, providerHeaders, type ProviderContext } from './context.js'
import { sendWithRetries } from './http.js'

interface DatadogBody {
  status?: string
  error?: string
  errors?: string[]
  series?: { pointlist: [number, number | null][]; scope?: string; tag_set?: string[] }[]
}

/**
 * Datadog's metrics query API (`/api/v1/query`, from/to in seconds). An instant measurement is the
 * last point of each series over the window before the measurement time.
 */
export async function createDatadogProvider(
  config: ProviderConfig,
  context: ProviderContext
): Promise<MetricsProvider> {
  const base = new URL(config.url ?? 'https://api.datadoghq.com')
  const headers = providerHeaders(config, context.env)
  for (const [header, variable, field] of [
    ['dd-api-key', config.apiKeyEnv ?? 'DD_API_KEY', 'apiKeyEnv'],
    ['dd-application-key', config.appKeyEnv ?? 'DD_APP_KEY', 'appKeyEnv']
  ] as const) {
    const value = context.env[variable]
    if (!value)
      throw new InputError(
        `provider '${config.name}': environment variable ${variable} (${field}) is not set`
      )
    headers[header] = value
  }
  const ca = await providerCa(config, context)
  const where = `Datadog at ${base.origin}`

  async function query(text: string, from: Date, to: Date): Promise<Series[]> {
    const url = new URL('/api/v1/query', base)
    url.searchParams.set('from', String(Math.floor(from.getTime() / 1000)))
    url.searchParams.set('to', String(Math.ceil(to.getTime() / 1000)))
    url.searchParams.set('query', text)
    const response = await sendWithRetries(
      {
        method: 'GET',
        url,
        headers,
        timeoutMs: config.timeoutMs,
        ca
      },
      {
        where,
        retries: config.retries,
        backoffMs: config.backoffMs,
        sleep: context.sleep
      }
    )
    let body: DatadogBody | null
    try {
      body = JSON.parse(response.text) as DatadogBody
    } catch {
      body = null
    }
    const message = body?.errors?.join('; ') ?? body?.error
    if (response.status === 400 || (response.status === 200 && body?.status === 'error')) {
      throw new InputError(`${where} rejected the query: ${message ?? response.text.slice(0, 300)}`)
    }
    if (response.status === 401 || response.status === 403) {
      throw new InputError(
        `${where} answered HTTP ${response.status}: check the API and application keys`
      )
    }
    if (response.status !== 200 || !body) {
      throw new MetricsUnavailableError(
        `${where}: HTTP ${response.status}${message ? `: ${message}` : ''}`
      )
    }
    return (body.series ?? []).map((s) => ({
      labels: Object.fromEntries(
        (s.tag_set ?? []).map((tag) => tag.split(':', 2) as [string, string])
      ),
      points: s.pointlist
        .filter(([, value]) => value !== null)
        .map(([at, value]) => ({ at: new Date(at), value: value as number }))
    }))
  }

  return {
    name: config.name,
    async instant(text: string, at: Date, windowMs: number): Promise<Sample[]> {
      const series = await query(text, new Date(at.getTime() - windowMs), at)
      return series
        .filter((s) => s.points.length > 0)
        .map((s) => ({ labels: s.labels, value: (s.points[s.points.length - 1] as Point).value }))
    },
    range(text: string, start: Date, end: Date): Promise<Series[]> {
      return query(text, start, end)
    }
  }
}
