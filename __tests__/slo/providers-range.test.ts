import { describe, expect, it } from '@jest/globals'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InputError } from '../../src/core/errors.js'
import { runGate } from '../../src/slo/evaluate/run.js'
import { parseSloPolicy } from '../../src/slo/policy/load.js'
import { virtualClock } from '../../src/slo/ports.js'
import { createProvider } from '../../src/slo/providers/index.js'
import { limiter } from '../../src/slo/providers/prometheus.js'
import type { ProviderConfig } from '../../src/slo/types.js'

/** A local HTTP server; `answer` gets the request URL and body, and may answer late. */
async function serve(answer: (url: URL, body: string, res: ServerResponse) => void) {
  const seen: { url: URL; body: string }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local')
      seen.push({ url, body })
      answer(url, body, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    seen,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

const context = {
  env: {},
  sleep: async () => undefined,
  readFile: async () => ''
}
const config = (overrides: Partial<ProviderConfig>): ProviderConfig => ({
  name: 'p',
  type: 'web',
  timeoutMs: 2000,
  retries: 0,
  backoffMs: 10,
  ...overrides
})
const start = new Date('2026-05-01T12:00:00Z')
const end = new Date('2026-05-01T12:02:00Z')

describe('the web provider answers range queries', () => {
  it('fills start, end and step into the range url and reads [time, value] pairs', async () => {
    const server = await serve((_url, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          result: {
            points: [
              [1777636860, '0.2'],
              [1777636800, 0.1],
              [1777636920, 'NaN']
            ]
          }
        })
      )
    })
    try {
      const provider = await createProvider(
        config({
          url: `${server.url}/value?q={{query}}`,
          valuePath: '$.value',
          range: {
            url: `${server.url}/series?q={{query}}&from={{startUnix}}&to={{end}}&step={{step}}`,
            pointsPath: '$.result.points'
          }
        }),
        context
      )
      const series = await provider.range('latency{track="canary"}', start, end, 60_000)
      expect(server.seen[0]?.url.pathname).toBe('/series')
      expect(Object.fromEntries(server.seen[0]!.url.searchParams)).toEqual({
        q: 'latency{track="canary"}',
        from: '1777636800',
        to: '2026-05-01T12:02:00.000Z',
        step: '60'
      })
      expect(series).toHaveLength(1)
      expect(series[0]!.points.map((p) => [p.at.toISOString(), p.value])).toEqual([
        ['2026-05-01T12:00:00.000Z', 0.1],
        ['2026-05-01T12:01:00.000Z', 0.2],
        ['2026-05-01T12:02:00.000Z', Number.NaN]
      ])
    } finally {
      await server.close()
    }
  })

  it('reads { time, value } objects from a POST body template, and says how to fix a bad point', async () => {
    let answer: unknown = {
      data: [
        { timestamp: '2026-05-01T12:00:00Z', value: 3 },
        { t: 1777636860000, v: 4 }
      ]
    }
    const server = await serve((_url, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer))
    })
    try {
      const provider = await createProvider(
        config({
          url: `${server.url}/q`,
          valuePath: '$.value',
          range: {
            method: 'POST',
            body: '{"q":"{{query}}","from":"{{start}}","to":"{{end}}"}',
            pointsPath: '$.data[*]'
          }
        }),
        context
      )
      const series = await provider.range('errors "5xx"', start, end, 60_000)
      expect(JSON.parse(server.seen[0]!.body)).toEqual({
        q: 'errors "5xx"',
        from: '2026-05-01T12:00:00.000Z',
        to: '2026-05-01T12:02:00.000Z'
      })
      expect(series[0]!.points.map((p) => p.value)).toEqual([3, 4])
      answer = { data: [{ when: 'yesterday' }] }
      await expect(provider.range('q', start, end, 60_000)).rejects.toThrow(
        /range\.pointsPath \$\.data\[\*\] reached \{"when":"yesterday"\}; each point must be \[time, value\]/
      )
    } finally {
      await server.close()
    }
  })

  it('asks for range settings when they are missing', async () => {
    const provider = await createProvider(
      config({ url: 'http://127.0.0.1:9/v', valuePath: '$.v' }),
      context
    )
    const attempt = provider.range('q', start, end, 60_000)
    await expect(attempt).rejects.toBeInstanceOf(InputError)
    await expect(attempt).rejects.toThrow(/need range: \{ pointsPath \}/)
  })
})

describe('the Prometheus provider batches one measurement round', () => {
  it('sends identical queries of a round once and keeps at most `concurrency` in flight', async () => {
    let inFlight = 0
    let most = 0
    const server = await serve((url, _body, res) => {
      const instant = url.pathname.endsWith('/query')
      inFlight += 1
      most = Math.max(most, inFlight)
      setTimeout(() => {
        inFlight -= 1
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            status: 'success',
            data: instant
              ? { resultType: 'vector', result: [{ metric: {}, value: [1777636860, '1'] }] }
              : {
                  resultType: 'matrix',
                  result: [
                    {
                      metric: {},
                      values: [
                        [1777636800, '1'],
                        [1777636830, '2'],
                        [1777636860, '3']
                      ]
                    }
                  ]
                }
          })
        )
      }, 30)
    })
    try {
      // Three canaries share one baseline query; five distinct queries in all.
      const objectives = ['a', 'b', 'c']
        .map(
          (name) => `
  - name: ${name}
    canary: { canary: 'latency{track="${name}"}', baseline: 'latency{track="stable"}', step: 30s }`
        )
        .join('')
      const policy = parseSloPolicy(
        `providers: { prom: { type: prometheus, url: '${server.url}', concurrency: 2 } }
defaults: { initialDelay: 1m, count: 1 }
objectives:${objectives}
  - { name: d, query: 'up', bound: '> 0' }
`,
        'slo.yml'
      )
      const provider = await createProvider(policy.providers.prom!, context)
      // Measured as of the first measurement's time: no preflight round before it.
      const { clock, sleep } = virtualClock(new Date(start.getTime() + 60_000))
      const result = await runGate(policy, start, {
        provider: () => provider,
        clock,
        sleep,
        log: { info: () => undefined, warn: () => undefined }
      })
      const queries = server.seen.map((s) => new URLSearchParams(s.body).get('query'))
      expect(queries.filter((q) => q === 'latency{track="stable"}')).toHaveLength(1)
      expect(queries).toHaveLength(5)
      expect(most).toBe(2)
      expect(result.objectives.map((o) => o.measurements[0]!.canary?.baseline.length)).toEqual([
        3,
        3,
        3,
        undefined
      ])
    } finally {
      await server.close()
    }
  })

  it('limits concurrency and hands each free slot to the next task in order', async () => {
    const limit = limiter(2)
    const order: string[] = []
    let running = 0
    let most = 0
    const task = (name: string, ms: number) =>
      limit(async () => {
        running += 1
        most = Math.max(most, running)
        order.push(name)
        await new Promise((resolve) => setTimeout(resolve, ms))
        running -= 1
        return name
      })
    const results = await Promise.all([task('a', 20), task('b', 5), task('c', 5), task('d', 5)])
    expect(results).toEqual(['a', 'b', 'c', 'd'])
    expect(order).toEqual(['a', 'b', 'c', 'd'])
    expect(most).toBe(2)
  })
})
