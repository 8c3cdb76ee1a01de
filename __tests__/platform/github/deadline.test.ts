import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from '@jest/globals'
import { ServiceError } from '../../../src/core/errors.js'
import { createGitHubClient } from '../../../src/platform/github/client.js'
import { toGitHubError } from '../../../src/platform/github/errors.js'

let server: Server | null = null
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  server = null
})

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function failureOf(baseUrl: string): Promise<{ error: unknown; ms: number }> {
  const client = createGitHubClient({
    token: 'ghs_test',
    baseUrl,
    pacing: 'none',
    retryBaseDelayMs: 1,
    timeoutMs: 600
  })
  const started = Date.now()
  const error = await client.request('GET /repos/{owner}/{repo}', { owner: 'a', repo: 'b' }).then(
    () => null,
    (e: unknown) => e
  )
  return { error, ms: Date.now() - started }
}

describe('the GitHub client has a deadline per request', () => {
  it('an API that accepts the connection and never answers ends in time with a service error', async () => {
    const { error, ms } = await failureOf(await serve(() => undefined))
    expect(ms).toBeLessThan(3000)
    const reported = toGitHubError(error, 'reading the repository')
    expect(reported).toBeInstanceOf(ServiceError)
    expect(String((error as Error).message)).toMatch(/no complete answer within 600 ms/)
  })

  it('an API that sends headers and then drips the body ends in time too', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{')
      const drip = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(drip))
    })
    const { error, ms } = await failureOf(url)
    expect(ms).toBeLessThan(3000)
    expect(toGitHubError(error, 'reading the repository')).toBeInstanceOf(ServiceError)
  })

  it('an answer larger than the cap is refused while it streams, not read whole', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const flood = setInterval(() => res.write(chunk), 1)
      res.on('close', () => clearInterval(flood))
    })
    const client = createGitHubClient({
      token: 'ghs_test',
      baseUrl: url,
      pacing: 'none',
      retries: 0,
      timeoutMs: 20_000,
      maxResponseBytes: 1024 * 1024
    })
    const started = Date.now()
    const error = await client.request('GET /repos/{owner}/{repo}', { owner: 'a', repo: 'b' }).then(
      () => null,
      (e: unknown) => e
    )
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(String((error as Error).message)).toMatch(/larger than 1048576 bytes/)
    expect(toGitHubError(error, 'reading the repository')).toBeInstanceOf(ServiceError)
  })
})
