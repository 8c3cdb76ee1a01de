import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { InputError } from '../../src/core/errors.js'
import { MetricsUnavailableError } from '../../src/slo/ports.js'
import type { ProviderContext } from '../../src/slo/providers/context.js'
import { createProvider } from '../../src/slo/providers/index.js'
import { selectJsonPath } from '../../src/slo/providers/jsonpath.js'
import type { ProviderConfig } from '../../src/slo/types.js'

interface Seen {
  method: string
  url: URL
  headers: IncomingMessage['headers']
  body: string
}

type Handler = (seen: Seen, res: ServerResponse) => void

/** A local HTTP server that answers with `handler` and remembers every request. */
async function serve(
  handler: Handler,
  listen: (h: (req: IncomingMessage, res: ServerResponse) => void) => Server = createServer
) {
  const seen: Seen[] = []
  const server = listen((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://local'),
        headers: req.headers,
        body
      }
      seen.push(entry)
      handler(entry, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return { seen, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const waits: number[] = []
const context = (
  env: Record<string, string> = {},
  files: Record<string, string> = {}
): ProviderContext => ({
  env,
  sleep: async (ms) => {
    waits.push(ms)
  },
  readFile: async (path) => {
    if (files[path] === undefined) throw new Error(`ENOENT: ${path}`)
    return files[path] as string
  }
})

const config = (overrides: Partial<ProviderConfig>): ProviderConfig => ({
  name: 'p',
  type: 'prometheus',
  timeoutMs: 2000,
  retries: 2,
  backoffMs: 100,
  ...overrides
})

const at = new Date('2026-05-01T12:05:00Z')

describe('prometheus provider', () => {
  it('posts the query with an explicit time, bearer auth and extra headers from the environment', async () => {
    const server = await serve((_, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            { metric: { code: '500' }, value: [1, 'NaN'] },
            { metric: {}, value: [1, '+Inf'] }
          ]
        }
      })
    )
    try {
      const provider = await createProvider(
        config({
          url: `http://127.0.0.1:${server.port}/prom`,
          auth: { type: 'bearer', tokenEnv: 'TOKEN' },
          headers: { 'X-Scope-OrgID': '${TENANT}' }
        }),
        context({ TOKEN: 's3cret', TENANT: 'team-a' })
      )
      const samples = await provider.instant('up == 1', at, 60_000)
      expect(samples[0]?.value).toBeNaN()
      expect(samples[1]?.value).toBe(Number.POSITIVE_INFINITY)
      const request = server.seen[0] as Seen
      expect(request.method).toBe('POST')
      expect(request.url.pathname).toBe('/prom/api/v1/query')
      expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
        query: 'up == 1',
        time: String(at.getTime() / 1000) + '.000'
      })
      expect(request.headers.authorization).toBe('Bearer s3cret')
      expect(request.headers['x-scope-orgid']).toBe('team-a')
    } finally {
      await server.close()
    }
  })

  it('asks range queries with start, end and step', async () => {
    const server = await serve((_, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: {},
              values: [
                [1777636800, '1'],
                [1777636860, '2']
              ]
            }
          ]
        }
      })
    )
    try {
      const provider = await createProvider(
        config({
          url: `http://127.0.0.1:${server.port}`,
          auth: { type: 'basic', username: 'u', passwordEnv: 'PW' }
        }),
        context({ PW: 'p' })
      )
      const series = await provider.range('sum(x)', new Date(at.getTime() - 300_000), at, 60_000)
      expect(series[0]?.points.map((p) => p.value)).toEqual([1, 2])
      const params = Object.fromEntries(new URLSearchParams(server.seen[0]?.body))
      expect(params).toMatchObject({ query: 'sum(x)', step: '60' })
      expect(Number(params.end) - Number(params.start)).toBe(300)
      expect(server.seen[0]?.headers.authorization).toBe(
        `Basic ${Buffer.from('u:p').toString('base64')}`
      )
    } finally {
      await server.close()
    }
  })

  it('retries 503 with backoff and gives up as unavailable', async () => {
    const server = await serve((_, res) =>
      json(res, 503, { status: 'error', errorType: 'unavailable', error: 'shutting down' })
    )
    try {
      waits.length = 0
      const provider = await createProvider(
        config({ url: `http://127.0.0.1:${server.port}` }),
        context()
      )
      const attempt = provider.instant('up', at, 60_000)
      await expect(attempt).rejects.toBeInstanceOf(MetricsUnavailableError)
      await expect(attempt).rejects.toThrow(/HTTP 503: shutting down \(after 3 attempts\)/)
      expect(server.seen).toHaveLength(3)
      expect(waits).toEqual([100, 200])
    } finally {
      await server.close()
    }
  })

  it('turns bad credentials and a wrong base URL into input errors, and execution errors into unavailability', async () => {
    const answers: [number, unknown][] = [
      [401, 'Unauthorized'],
      [404, '404 page not found'],
      [
        422,
        {
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples'
        }
      ]
    ]
    const server = await serve((_, res) => {
      const [status, body] = answers.shift() as [number, unknown]
      json(res, status, body)
    })
    try {
      const provider = await createProvider(
        config({ url: `http://127.0.0.1:${server.port}` }),
        context()
      )
      await expect(provider.instant('up', at, 1000)).rejects.toThrow(
        /answered HTTP 401: check the provider's auth/
      )
      await expect(provider.instant('up', at, 1000)).rejects.toThrow(
        /HTTP 404 for api\/v1\/query: check the provider url/
      )
      await expect(provider.instant('up', at, 1000)).rejects.toThrow(
        /execution: query processing would load too many samples/
      )
      expect(server.seen).toHaveLength(3)
    } finally {
      await server.close()
    }
  })

  it('names a missing secret variable', async () => {
    await expect(
      createProvider(
        config({ url: 'http://127.0.0.1:1', auth: { type: 'bearer', tokenEnv: 'PROM_TOKEN' } }),
        context()
      )
    ).rejects.toThrow("provider 'p': environment variable PROM_TOKEN (auth.tokenEnv) is not set")
  })

  describe('behind a private certificate authority', () => {
    let folder: string
    let cert: string
    let key: string
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'rg-slo-ca-'))
      await promisify(execFile)('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(folder, 'key.pem'),
        '-out',
        join(folder, 'cert.pem')
      ])
      cert = await readFile(join(folder, 'cert.pem'), 'utf8')
      key = await readFile(join(folder, 'key.pem'), 'utf8')
    })
    afterAll(async () => {
      await rm(folder, { recursive: true, force: true })
    })

    it('trusts the caFile, and is unavailable without it', async () => {
      const server = await serve(
        (_, res) =>
          json(res, 200, { status: 'success', data: { resultType: 'scalar', result: [1, '0.5'] } }),
        (handler) => createHttpsServer({ cert, key }, handler)
      )
      try {
        const url = `https://127.0.0.1:${server.port}`
        const trusted = await createProvider(
          config({ url, caFile: 'ca.pem' }),
          context({}, { 'ca.pem': cert })
        )
        expect(await trusted.instant('scalar(1)', at, 1000)).toEqual([{ labels: {}, value: 0.5 }])
        const untrusted = await createProvider(config({ url, retries: 0 }), context())
        await expect(untrusted.instant('scalar(1)', at, 1000)).rejects.toThrow(
          /self-signed certificate|SELF_SIGNED/i
        )
      } finally {
        await server.close()
      }
    })
  })
})

describe('datadog provider', () => {
  it('queries from/to with the keys and takes the last point of each series', async () => {
    const server = await serve((seen, res) =>
      seen.url.searchParams.get('query')?.includes('bad{')
        ? json(res, 400, {
            status: 'error',
            errors: ["Error parsing query: unable to parse bad{: Rule 'scope_expr' didn't match"]
          })
        : json(res, 200, {
            status: 'ok',
            series: [
              {
                tag_set: ['service:api'],
                pointlist: [
                  [1777636800000, 0.01],
                  [1777636860000, 0.02],
                  [1777636920000, null]
                ]
              }
            ]
          })
    )
    try {
      const provider = await createProvider(
        config({ type: 'datadog', url: `http://127.0.0.1:${server.port}` }),
        context({ DD_API_KEY: 'api', DD_APP_KEY: 'app' })
      )
      expect(await provider.instant('avg:errors{service:api}', at, 300_000)).toEqual([
        { labels: { service: 'api' }, value: 0.02 }
      ])
      const request = server.seen[0] as Seen
      expect(request.url.pathname).toBe('/api/v1/query')
      expect(
        Number(request.url.searchParams.get('to')) - Number(request.url.searchParams.get('from'))
      ).toBe(300)
      expect(request.headers['dd-api-key']).toBe('api')
      expect(request.headers['dd-application-key']).toBe('app')
      await expect(provider.instant('avg:bad{', at, 300_000)).rejects.toThrow(
        /rejected the query: Error parsing query/
      )
    } finally {
      await server.close()
    }
  })
})

describe('web provider', () => {
  it('fills the query into the URL and the JSON body and reads the value at valuePath', async () => {
    const server = await serve((seen, res) =>
      json(res, 200, {
        data: [{ value: seen.method === 'GET' ? '0.25' : JSON.parse(seen.body).q.length }]
      })
    )
    try {
      const get = await createProvider(
        config({
          type: 'web',
          url: `http://127.0.0.1:${server.port}/v?q={{query}}&t={{unix}}&w={{window}}`,
          valuePath: '$.data[0].value'
        }),
        context()
      )
      expect(await get.instant('a b&c', at, 300_000)).toEqual([{ labels: {}, value: 0.25 }])
      expect(Object.fromEntries(server.seen[0]!.url.searchParams)).toEqual({
        q: 'a b&c',
        t: String(at.getTime() / 1000),
        w: '5m'
      })
      const post = await createProvider(
        config({
          type: 'web',
          url: `http://127.0.0.1:${server.port}/v`,
          body: '{"q": "{{query}}"}',
          valuePath: '$.data[*].value'
        }),
        context()
      )
      expect(await post.instant('say "hi"', at, 1000)).toEqual([{ labels: {}, value: 8 }])
      expect(server.seen[1]?.headers['content-type']).toBe('application/json')
    } finally {
      await server.close()
    }
  })

  it('selects values with a small JSON path', () => {
    const doc = { a: { 'b-c': [{ v: 1 }, { v: 2 }] } }
    expect(selectJsonPath(doc, "$.a['b-c'][*].v")).toEqual([1, 2])
    expect(selectJsonPath(doc, '$.a.missing')).toEqual([])
    expect(selectJsonPath(doc, '$..v')).toMatch(/not a supported JSON path/)
  })
})

describe('file provider', () => {
  const demo = fileURLToPath(new URL('../../examples/slo/demo/series.json', import.meta.url))

  it('answers from recorded series with a five-minute lookback, and ranges', async () => {
    const text = await readFile(demo, 'utf8')
    const provider = await createProvider(
      config({ type: 'file', path: 'series.json' }),
      context({}, { 'series.json': text })
    )
    expect(await provider.instant('error_ratio', new Date('2026-05-01T12:05:30Z'), 60_000)).toEqual(
      [{ labels: {}, value: JSON.parse(text).series.error_ratio[185][1] }]
    )
    expect(await provider.instant('error_ratio', new Date('2026-05-01T13:06:00Z'), 60_000)).toEqual(
      []
    )
    expect(
      await provider.instant('no_such_series', new Date('2026-05-01T12:05:30Z'), 60_000)
    ).toEqual([])
    const series = await provider.range(
      'latency_p95_seconds',
      new Date('2026-05-01T12:00:00Z'),
      new Date('2026-05-01T12:04:00Z'),
      60_000
    )
    expect(series[0]?.points).toHaveLength(5)
  })

  it('names the recording and the fix when it is malformed', async () => {
    await expect(
      createProvider(
        config({ type: 'file', path: 's.json' }),
        context({}, { 's.json': '{"series": {"q": [["yesterday", 1]]}}' })
      )
    ).rejects.toThrow("provider 'p': recorded series s.json: series 'q': 'yesterday' is not a time")
    await expect(
      createProvider(config({ type: 'file', path: 'gone.json' }), context())
    ).rejects.toBeInstanceOf(InputError)
  })
})
