import { InputError } from '../../core/errors.js'
import { formatDuration } from '../policy/duration.js'
import {
  MetricsUnavailableError,
  type MetricsProvider,
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
 * `valuePath` picks the number (or numbers) out of the answer.
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

  return {
    name: config.name,
    async instant(query: string, at: Date, windowMs: number): Promise<Sample[]> {
      const values: Record<string, string> = {
        query,
        time: at.toISOString(),
        unix: String(Math.floor(at.getTime() / 1000)),
        window: formatDuration(windowMs)
      }
      const fill = (template: string, escape: (s: string) => string): string =>
        template.replace(/\{\{(query|time|unix|window)\}\}/g, (_, key: string) =>
          escape(values[key] as string)
        )
      const url = new URL(fill(config.url as string, encodeURIComponent))
      const body =
        config.body === undefined
          ? undefined
          : fill(config.body, (s) => JSON.stringify(s).slice(1, -1))
      const where = `web provider '${config.name}' (${url.origin}${url.pathname})`
      const response = await sendWithRetries(
        {
          method,
          url,
          headers,
          body,
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
      if (response.status >= 400 && response.status < 500) {
        throw new InputError(
          `${where} answered HTTP ${response.status}: ${response.text.slice(0, 300)}`
        )
      }
      if (response.status < 200 || response.status >= 300) {
        throw new MetricsUnavailableError(`${where}: HTTP ${response.status}`)
      }
      let document: unknown
      try {
        document = JSON.parse(response.text)
      } catch {
        throw new MetricsUnavailableError(
          `${where}: the answer is not JSON: ${response.text.slice(0, 120)}`
        )
      }
      const selected = selectJsonPath(document, valuePath)
      if (typeof selected === 'string')
        throw new InputError(`provider '${config.name}': valuePath ${selected}`)
      return selected.flatMap((value): Sample[] => {
        if (value === null || value === undefined) return []
        if (typeof value === 'number') return [{ labels: {}, value }]
        if (typeof value === 'string' && value.trim() !== '') {
          const number = parseSampleValue(value.trim())
          if (!Number.isNaN(number) || value.trim() === 'NaN')
            return [{ labels: {}, value: number }]
        }
        throw new InputError(
          `provider '${config.name}': valuePath ${valuePath} reached ${JSON.stringify(value).slice(0, 80)}, not a number`
        )
      })
    },
    async range(): Promise<Series[]> {
      throw new InputError(
        `provider '${config.name}': the web provider answers instant measurements only; use prometheus or datadog for OpenSLO ratio and threshold SLIs`
      )
    }
  }
}
