import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { sendHttp } from '../../src/slo/providers/http.js'
import { createGitHubClient } from '../../src/platform/github/client.js'

/** A forward proxy as on a self-hosted runner: CONNECT tunnels, each target recorded. */
function startProxy(seen: string[]): Promise<Server> {
  const proxy = createServer((_req, res) => res.writeHead(405).end())
  proxy.on('connect', (req, client, head) => {
    seen.push(String(req.url))
    const [host, port] = String(req.url).split(':')
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)))
}

describe('behind an HTTP proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY)', () => {
  const seen: string[] = []
  let proxy: Server
  let target: Server
  let targetUrl: string
  const saved = { ...process.env }

  beforeAll(async () => {
    proxy = await startProxy(seen)
    target = createServer((req, res) => {
      res.setHeader('content-type', 'application/json')
      if (req.url === '/drip') {
        // headers at once, then a byte every 100 ms: only a whole-exchange deadline ends it
        res.write('{')
        const drip = setInterval(() => res.write(' '), 100)
        res.on('close', () => clearInterval(drip))
        return
      }
      if (req.url === '/huge') {
        res.end(`"${'x'.repeat(4096)}"`)
        return
      }
      res.end(JSON.stringify({ path: req.url, status: 'success', data: { id: 1 } }))
    })
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', () => resolve()))
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    process.env = saved
    await new Promise((resolve) => proxy.close(resolve))
    await new Promise((resolve) => target.close(resolve))
  })

  const useProxy = (noProxy = '') => {
    process.env = {
      ...saved,
      HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      NO_PROXY: noProxy
    }
    delete process.env.http_proxy
    delete process.env.no_proxy
    delete process.env.HTTPS_PROXY
    delete process.env.https_proxy
  }

  it('sends metric queries through the proxy, and straight to a NO_PROXY host', async () => {
    useProxy()
    const via = await sendHttp({
      method: 'GET',
      url: new URL(`${targetUrl}/api/v1/query`),
      headers: {},
      timeoutMs: 5000
    })
    expect(via.status).toBe(200)
    expect(JSON.parse(via.text).path).toBe('/api/v1/query')
    expect(seen).toEqual([new URL(targetUrl).host])
    useProxy('127.0.0.1')
    const direct = await sendHttp({
      method: 'GET',
      url: new URL(`${targetUrl}/direct`),
      headers: {},
      timeoutMs: 5000
    })
    expect(direct.status).toBe(200)
    expect(seen).toHaveLength(1)
  })

  it('sends GitHub API calls through the proxy', async () => {
    useProxy()
    // a server of its own: a new origin, so a new tunnel (the first test's may be kept alive)
    const api = createServer((req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ path: req.url }))
    })
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', () => resolve()))
    const host = `127.0.0.1:${(api.address() as AddressInfo).port}`
    try {
      const github = createGitHubClient({
        token: 'x',
        baseUrl: `http://${host}`,
        pacing: 'none',
        retries: 0
      })
      const { data } = await github.request('GET /repos/{owner}/{repo}', {
        owner: 'acme',
        repo: 'shop'
      })
      expect((data as unknown as { path: string }).path).toBe('/repos/acme/shop')
      expect(seen).toContain(host)
    } finally {
      await new Promise((resolve) => api.close(resolve))
    }
  })

  it('keeps the deadline and the size cap through the proxy, as for a direct request', async () => {
    useProxy()
    const started = Date.now()
    await expect(
      sendHttp({
        method: 'GET',
        url: new URL(`${targetUrl}/drip`),
        headers: {},
        timeoutMs: 600
      })
    ).rejects.toThrow(/no complete answer within 600 ms \(through the proxy\)/)
    expect(Date.now() - started).toBeLessThan(3000)
    await expect(
      sendHttp({
        method: 'GET',
        url: new URL(`${targetUrl}/huge`),
        headers: {},
        timeoutMs: 5000,
        maxResponseBytes: 1024
      })
    ).rejects.toThrow(/larger than 1024 bytes/)
  })
})
