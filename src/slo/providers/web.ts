import { InputError } from '../../core/errors.js'
import { formatDuration } from '../policy/duration.js'
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
import { selectJsonPath } from './jsonpath.js'
import { parseSampleValue } from './prometheus.js'

/**
 * Any HTTP endpoint that answers JSON: `{{query}}`, `{{time}}` (RFC 3339), `{{unix}}` and
 * `{{window}}` are filled into the URL (URL-encoded) and the body (JSON-string-escaped), and
 * `valuePath` picks the number (or numbers) out of the answer. Range queries use `range`: its url
 * and body (else the provider's) with `{{start}}`, `{{end}}`, `{{startUnix}}`, `{{endUnix}}` and
 * `{{step}}`, and `pointsPath` to the points.
 */
export async function createWebProvider(
  config: ProviderConfig,
  context: ProviderContext
): Promise<MetricsProvider> {
  const headers = providerHeaders(config, context.env)
  const ca = await providerCa(config, context)
  const valuePath = config.valuePath as string
  const method = config.method ?? (config.body !== undefined ? 'POST' : 'GET')
  if (config.body !== undefined && headers['content-type'] === undefined)
    headers['content-type'] = 'application/json'

  /** Sends one request built from templates; returns the parsed JSON answer. */
  async function ask(
    request: { url: string; method: 'GET' | 'POST'; body?: string },
    values: Record<string, string>
  ): Promise<{ document: unknown; where: string }> {
    const fill = (template: string, escape: (s: string) => string): string =>
      template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
        values[key] === undefined ? whole : escape(values[key] as string)
      )
    const url = new URL(fill(request.url, encodeURIComponent))
    const body =
      request.body === undefined
        ? undefined
        : fill(request.body, (s) => JSON.stringify(s).slice(1, -1))
    const where = `web provider '${config.name}' (${url.origin}${url.pathname})`
    const response = await sendWithRetries(
      { method: request.method, url, headers, body, timeoutMs: config.timeoutMs, ca },
      { where, retries: config.retries, backoffMs: config.backoffMs, sleep: context.sleep }
    )
    if (response.status >= 400 && response.status < 500) {
      throw new InputError(
        `${where} answered HTTP ${response.status}: ${response.text.slice(0, 300)}`
      )
    }
    if (response.status < 200 || response.status >= 300) {
      throw new MetricsUnavailableError(`${where}: HTTP ${response.status}`)
    }
    try {
      return { document: JSON.parse(response.text), where }
    } catch {
      throw new MetricsUnavailableError(
        `${where}: the answer is not JSON: ${response.text.slice(0, 120)}`
      )
    }
  }

  return {
    name: config.name,
    async instant(query: string, at: Date, windowMs: number): Promise<Sample[]> {
      const { document } = await ask(
        {
          url: config.url as string,
          method,
          ...(config.body !== undefined ? { body: config.body } : {})
        },
        {
          query,
          time: at.toISOString(),
          unix: String(Math.floor(at.getTime() / 1000)),
          window: formatDuration(windowMs)
        }
      )
      const selected = selectJsonPath(document, valuePath)
      if (typeof selected === 'string')
        throw new InputError(`provider '${config.name}': valuePath ${selected}`)
      return selected.flatMap((value): Sample[] => {
        if (value === null || value === undefined) return []
        const number = numberOf(value)
        if (number !== null) return [{ labels: {}, value: number }]
        throw new InputError(
          `provider '${config.name}': valuePath ${valuePath} reached ${JSON.stringify(value).slice(0, 80)}, not a number`
        )
      })
    },
    async range(query: string, start: Date, end: Date, stepMs: number): Promise<Series[]> {
      const range = config.range
      if (!range) {
        throw new InputError(
          `provider '${config.name}': range queries (canary objectives, OpenSLO ratio and threshold SLIs) need range: { pointsPath } on the web provider, with {{start}}, {{end}} and {{step}} in its url or body`
        )
      }
      const body = range.body ?? (range.url === undefined ? config.body : undefined)
      const { document } = await ask(
        {
          url: range.url ?? (config.url as string),
          method: range.method ?? (body !== undefined ? 'POST' : 'GET'),
          ...(body !== undefined ? { body } : {})
        },
        {
          query,
          start: start.toISOString(),
          end: end.toISOString(),
          startUnix: String(Math.floor(start.getTime() / 1000)),
          endUnix: String(Math.floor(end.getTime() / 1000)),
          step: String(Math.max(1, Math.round(stepMs / 1000))),
          window: formatDuration(stepMs)
        }
      )
      const selected = selectJsonPath(document, range.pointsPath)
      if (typeof selected === 'string')
        throw new InputError(`provider '${config.name}': range.pointsPath ${selected}`)
      // `$.points` reaches the list itself, `$.points[*]` each point.
      const list =
        selected.length === 1 && Array.isArray(selected[0]) && !isPair(selected[0])
          ? (selected[0] as unknown[])
          : selected
      const points = list.map((item) => pointOf(item, config.name, range.pointsPath))
      points.sort((a, b) => a.at.getTime() - b.at.getTime())
      return points.length === 0 ? [] : [{ labels: {}, points }]
    }
  }
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '') {
    const number = parseSampleValue(value.trim())
    if (!Number.isNaN(number) || value.trim() === 'NaN') return number
  }
  return null
}

function isPair(value: unknown[]): boolean {
  return value.length === 2 && !Array.isArray(value[0]) && typeof value[0] !== 'object'
}

function timeOf(value: unknown): Date | null {
  if (typeof value === 'number') return new Date(value > 1e12 ? value : value * 1000)
  if (typeof value === 'string') {
    if (/^\d+(\.\d+)?$/.test(value)) return timeOf(Number(value))
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? null : date
  }
  return null
}

/** A point as `[time, value]` or `{ time | timestamp | t, value | v }`. */
function pointOf(item: unknown, provider: string, path: string): Point {
  const record = item as Record<string, unknown> | null
  const [time, value] = Array.isArray(item)
    ? [item[0], item[1]]
    : [record?.time ?? record?.timestamp ?? record?.t, record?.value ?? record?.v]
  const at = timeOf(time)
  const number = value === null ? Number.NaN : numberOf(value)
  if (!at || number === null) {
    throw new InputError(
      `provider '${provider}': range.pointsPath ${path} reached ${JSON.stringify(item)?.slice(0, 80)}; each point must be [time, value] or { time, value }`
    )
  }
  return { at, value: number }
}
