import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  HttpTransportError,
  retryAfterMs,
  sendHttp,
  sendWithRetries
} from '../../src/slo/providers/http.js'
import { MetricsUnavailableError } from '../../src/slo/ports.js'

let server: Server | null = null
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = null
})

async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/query`)
}

const get = (url: URL, extra: { timeoutMs?: number; maxResponseBytes?: number } = {}) =>
  sendHttp({ method: 'GET', url, headers: {}, timeoutMs: extra.timeoutMs ?? 800, ...extra })

describe('the SLO http client keeps one deadline per call', () => {
  it('a server that accepts and never answers ends at the deadline', async () => {
    const url = await serve(() => undefined)
    const started = Date.now()
    await expect(get(url)).rejects.toThrow(/no complete answer within 800 ms/)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('a server that drips one byte at a time ends at the deadline, not at its last byte', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const drip = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(drip))
    })
    const started = Date.now()
    await expect(get(url)).rejects.toBeInstanceOf(HttpTransportError)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('an answer over the size cap is refused while it streams', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200)
      res.end('x'.repeat(200_000))
    })
    await expect(get(url, { maxResponseBytes: 10_000 })).rejects.toThrow(/larger than 10000 bytes/)
  })

  it('honours Retry-After within the limit and gives up on one beyond it', async () => {
    let calls = 0
    const url = await serve((_req, res) => {
      calls++
      if (calls === 1) res.writeHead(503, { 'retry-after': '7' }).end('busy')
      else if (calls === 2) res.writeHead(200).end('{"status":"success"}')
      else res.writeHead(503, { 'retry-after': '3600' }).end('busy')
    })
    const waits: number[] = []
    const options = {
      where: 'Prometheus',
      retries: 3,
      backoffMs: 100,
      sleep: async (ms: number) => {
        waits.push(ms)
      }
    }
    const answer = await sendWithRetries(
      { method: 'GET', url, headers: {}, timeoutMs: 800 },
      options
    )
    expect(answer.status).toBe(200)
    expect(waits).toEqual([7000])
    await expect(
      sendWithRetries({ method: 'GET', url, headers: {}, timeoutMs: 800 }, options)
    ).rejects.toBeInstanceOf(MetricsUnavailableError)
    expect(waits).toEqual([7000])
    expect(
      retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))
    ).toBe(60_000)
  })
})
