import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gitIn } from '../support/git-fixtures.js'
import { openInputStore, storeSettingsFromInputs } from '../../src/actions/runtime.js'

/**
 * A git remote over HTTP that records the Authorization header of each request and refuses them
 * all: enough to see whether the job's token reached git when the checkout kept no credentials.
 */
describe('the manifest store of an action, in a checkout with persist-credentials: false', () => {
  const seen: (string | undefined)[] = []
  let server: Server
  let url: string
  const saved = { ...process.env }
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers.authorization)
      res.writeHead(403).end('denied')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    process.env = saved
    await new Promise((resolve) => server.close(resolve))
  })

  async function checkout(): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'rollback-guard-token-'))
    gitIn(root, 'init', '-q', '-b', 'main')
    gitIn(root, 'remote', 'add', 'origin', `${url}/acme/shop.git`)
    return root
  }

  it("fetches with the job's github-token as a header, never in the URL or the repository's config", async () => {
    const root = await checkout()
    process.env = { ...saved, 'INPUT_GITHUB-TOKEN': 'ghs_secret123', GITHUB_SERVER_URL: url }
    const store = await openInputStore(root, await storeSettingsFromInputs(root))
    await expect(store!.list('shop', 'production')).rejects.toThrow(/could not fetch/)
    const basic = `basic ${Buffer.from('x-access-token:ghs_secret123').toString('base64')}`
    expect(seen.map((h) => h?.toLowerCase())).toContain(basic.toLowerCase())
    expect(gitIn(root, 'config', '--list')).not.toContain('ghs_secret123')
  })

  it('sends no header without a token', async () => {
    const root = await checkout()
    seen.length = 0
    process.env = { ...saved, GITHUB_SERVER_URL: url }
    delete process.env['INPUT_GITHUB-TOKEN']
    const store = await openInputStore(root, await storeSettingsFromInputs(root))
    await expect(store!.list('shop', 'production')).rejects.toThrow(/could not fetch/)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((h) => h === undefined)).toBe(true)
  })
})
