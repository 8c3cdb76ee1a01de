import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { runCli } from '../../src/cli/program.js'

const work = mkdtempSync(join(tmpdir(), 'rg-drip-'))
let server: Server | null = null
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  rmSync(work, { recursive: true, force: true })
})

describe('an SLO gate against a Prometheus that drips its answer', () => {
  it('ends within the provider deadline, inconclusive, exit 3', async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"status":"success","data":{')
      const drip = setInterval(() => res.write(' '), 200)
      res.on('close', () => clearInterval(drip))
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    writeFileSync(
      join(work, 'slo.yml'),
      [
        'version: 1',
        'providers:',
        `  prom: { type: prometheus, url: '${url}', timeout: 1s, retries: 1, backoff: 100ms }`,
        'defaults: { provider: prom, initialDelay: 0s, interval: 1s, count: 1 }',
        'objectives:',
        "  - { name: errors, query: 'sum(rate(x[5m]))', bound: '< 0.01' }",
        ''
      ].join('\n')
    )
    const err: string[] = []
    const started = Date.now()
    const code = await runCli(
      [
        'slo',
        'check',
        '--policy',
        'slo.yml',
        '--deployed-at',
        new Date(Date.now() - 60_000).toISOString()
      ],
      {
        stdout: () => undefined,
        stderr: (t) => err.push(t),
        env: {},
        cwd: work,
        now: () => new Date()
      }
    )
    expect(code).toBe(3)
    // Two tries of one second each and a short backoff; a dripping server once held the gate forever.
    expect(Date.now() - started).toBeLessThan(8000)
    expect(err.join('')).toMatch(/no complete answer within 1000 ms/)
  }, 30_000)
})
