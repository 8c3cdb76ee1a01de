import { parse } from 'yaml'
import { InputError } from '../../core/errors.js'
import type { MetricsProvider, Point, Sample, Series } from '../ports.js'
import type { ProviderConfig } from '../types.js'
import type { ProviderContext } from './context.js'

/** How far back an instant query looks for the latest point, as Prometheus' default lookback. */
const lookbackMs = 5 * 60_000

type RawPoint = [string | number, number | string | null]
type RawSeries = RawPoint[] | { labels?: Record<string, string>; points: RawPoint[] }[]

/**
 * Recorded series (JSON or YAML), for demos and offline runs: `series: { <query>: [[time, value], …] }`
 * or `series: { <query>: [{ labels, points: [[time, value], …] }] }`, times as RFC 3339 or unix
 * seconds. A query is looked up by its exact text; an unknown query has no data, as in Prometheus.
 */
export async function createFileProvider(
  config: ProviderConfig,
  context: ProviderContext
): Promise<MetricsProvider> {
  const path = config.path as string
  let text: string
  try {
    text = await context.readFile(path)
  } catch (error) {
    throw new InputError(
      `provider '${config.name}': cannot read recorded series ${path}: ${(error as Error).message}`
    )
  }
  const recorded = parseRecording(text, path, config.name)
  return {
    name: config.name,
    async instant(query: string, at: Date): Promise<Sample[]> {
      const samples: Sample[] = []
      for (const series of recorded.get(query) ?? []) {
        const latest = [...series.points].reverse().find((p) => p.at <= at)
        if (latest && at.getTime() - latest.at.getTime() <= lookbackMs)
          samples.push({ labels: series.labels, value: latest.value })
      }
      return samples
    },
    async range(query: string, start: Date, end: Date): Promise<Series[]> {
      return (recorded.get(query) ?? [])
        .map((series) => ({
          labels: series.labels,
          points: series.points.filter((p) => p.at >= start && p.at <= end)
        }))
        .filter((series) => series.points.length > 0)
    }
  }
}

export function parseRecording(
  text: string,
  path: string,
  provider: string
): Map<string, Series[]> {
  const fail = (message: string): never => {
    throw new InputError(`provider '${provider}': recorded series ${path}: ${message}`)
  }
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    return fail(`not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`)
  }
  const series = (document as { series?: unknown } | null)?.series
  if (!series || typeof series !== 'object' || Array.isArray(series))
    return fail('needs a `series:` mapping of query to points')
  const result = new Map<string, Series[]>()
  for (const [query, raw] of Object.entries(series as Record<string, RawSeries>)) {
    if (!Array.isArray(raw)) return fail(`series '${query}' must be a list`)
    const list =
      raw.length > 0 && !Array.isArray(raw[0])
        ? (raw as { labels?: Record<string, string>; points: RawPoint[] }[])
        : [{ points: raw as RawPoint[] }]
    result.set(
      query,
      list.map((entry) => ({
        labels: entry.labels ?? {},
        points: (entry.points ?? [])
          .map((point) => toPoint(point, query, fail))
          .sort((a, b) => a.at.getTime() - b.at.getTime())
      }))
    )
  }
  return result
}

function toPoint(point: RawPoint, query: string, fail: (message: string) => never): Point {
  if (!Array.isArray(point) || point.length !== 2)
    return fail(`series '${query}': each point is [time, value]`)
  const [time, value] = point
  const at = typeof time === 'number' ? new Date(time * 1000) : new Date(String(time))
  if (Number.isNaN(at.getTime())) return fail(`series '${query}': '${String(time)}' is not a time`)
  const number = value === null || value === 'NaN' ? Number.NaN : Number(value)
  if (value !== null && value !== 'NaN' && Number.isNaN(number))
    return fail(`series '${query}': '${String(value)}' is not a number`)
  return { at, value: number }
}
