import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Change } from '../../../src/core/change.js'
import { InputError } from '../../../src/core/errors.js'
import { GoSourceError, GoToolchainMissingError } from '../../../src/contract/go/errors.js'
import { goRules } from '../../../src/contract/go/rules.js'
import { buildDumper } from '../../../src/platform/go/dumper.js'
import { createRealGoEngine } from '../../../src/platform/go/engine.js'
import { findGoToolchain } from '../../../src/platform/go/toolchain.js'
import { fixturesDir, goToolchain } from './go-tools.js'

const toolchain = await goToolchain()
const goIt = toolchain ? it : it.skip
const modules = path.join(fixturesDir, 'modules')
const now = new Date('2026-01-01T00:00:00Z')

let tmp = ''
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-go-engine-'))
})
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

const engine = () => createRealGoEngine({ go: toolchain?.go, cacheDir: path.join(tmp, 'cache') })
const summary = (changes: Change[]) => changes.map((c) => `${c.level} ${c.id} ${c.message}`)

describe('Go exported API engine', () => {
  goIt(
    'reports apidiff findings per package with object paths, head lines and rule ids',
    async () => {
      const log: string[] = []
      const changes = await engine().diff('shop/base', 'shop/head', {
        baseRoot: modules,
        headRoot: modules,
        now,
        log: (m) => log.push(m)
      })
      expect(summary(changes).sort()).toEqual(
        [
          'breaking package-removed package example.com/shop/legacy: removed',
          'breaking type-changed (*Client).Get: changed from func(context.Context, string) (*Order, error) to func(context.Context, string, ...string) (*Order, error)',
          'breaking type-changed Order.Total: changed from *github.com/acme/money.Amount to *github.com/acme/money.Price',
          'breaking const-value-changed DefaultTimeout: value changed from 30000000000 to 10000000000',
          'breaking interface-method-added Store.Delete: added',
          'breaking method-removed (*Client).Cancel: removed',
          'info field-added Client.Retries: added',
          'breaking object-removed example.com/shop/api: Validate: removed',
          'info package-added package example.com/shop/events: added'
        ].sort()
      )
      expect(changes.find((c) => c.symbol === 'DefaultTimeout')).toMatchObject({
        file: 'shop/head/client.go',
        line: 41,
        baseFile: 'shop/base/client.go',
        baseLine: 39
      })
      expect(changes.find((c) => c.symbol === 'Order.Total')).toMatchObject({
        file: 'shop/head/client.go',
        line: 25,
        baseFile: 'shop/base/client.go',
        baseLine: 24
      })
      const get = changes.find((c) => c.symbol === '(*Client).Get')!
      expect(get).toMatchObject({
        kind: 'go',
        file: 'shop/head/client.go',
        line: 30,
        operation: null
      })
      const removed = changes.find((c) => c.id === 'method-removed')!
      expect(removed).toMatchObject({
        symbol: '(*Client).Cancel',
        file: 'shop/base/client.go',
        line: 31
      })
      expect(changes.find((c) => c.id === 'interface-method-added')).toMatchObject({
        file: 'shop/head/client.go',
        line: 38
      })
      // The stand-in for the unresolved dependency is said once per side.
      expect(log.filter((m) => m.includes('github.com/acme/money'))).toHaveLength(2)
      const ids = new Set<string>(goRules.map((r) => r.id))
      expect(changes.every((c) => ids.has(c.id))).toBe(true)
      // Go 1.20+ ships no compiled standard library: where `go list -export` put it is cached.
      if (!/^go1\.1\d(\D|$)/.test(toolchain!.version)) {
        const cached = await readdir(path.join(tmp, 'cache'))
        expect(cached.some((n) => n.startsWith(`std-exports-${toolchain!.version}-`))).toBe(true)
      }
    }
  )

  goIt(
    'treats a /vN module path change as a legitimate major: said once, nothing breaking',
    async () => {
      const v2 = path.join(tmp, 'shop-v2')
      await cp(path.join(modules, 'shop/head'), v2, { recursive: true })
      for (const file of await listFiles(v2)) {
        const text = await readFile(file, 'utf8')
        await writeFile(file, text.replaceAll('example.com/shop', 'example.com/shop/v2'))
      }
      const changes = await engine().diff(path.join(modules, 'shop/base'), v2, {
        baseRoot: modules,
        headRoot: tmp,
        now
      })
      expect(changes[0]).toMatchObject({
        id: 'module-major-version-changed',
        level: 'info',
        message:
          'module path changed from example.com/shop to example.com/shop/v2: a new major version, so incompatible changes are allowed',
        file: 'shop-v2/go.mod'
      })
      expect(changes.filter((c) => c.level === 'breaking')).toEqual([])
      expect(changes.find((c) => c.symbol === '(*Client).Get')?.message).toMatch(
        /\(allowed by the new major version v2\)$/
      )
      expect(changes.some((c) => c.id === 'package-removed' && c.message.includes('legacy'))).toBe(
        true
      )
    }
  )

  goIt('compares a package folder whose base copy lacks the go.mod above it', async () => {
    const lone = path.join(tmp, 'lone-api')
    await cp(path.join(modules, 'shop/base/api'), lone, { recursive: true })
    const changes = await engine().diff(lone, path.join(modules, 'shop/head/api'), {
      baseRoot: tmp,
      headRoot: modules,
      now
    })
    expect(summary(changes)).toEqual(['breaking object-removed Validate: removed'])
    expect(changes[0]).toMatchObject({ file: 'lone-api/api.go', line: 12 })
  })

  goIt('reads dependencies from the module cache: an embedded dependency type is API', async () => {
    const withCache = createRealGoEngine({
      go: toolchain?.go,
      cacheDir: path.join(tmp, 'cache'),
      env: { ...process.env, GOMODCACHE: path.join(fixturesDir, 'modcache') }
    })
    const log: string[] = []
    const changes = await withCache.diff('billing/base', 'billing/head', {
      baseRoot: modules,
      headRoot: modules,
      now,
      log: (m) => log.push(m)
    })
    expect(summary(changes).sort()).toEqual([
      'breaking field-removed Invoice.Currency: removed',
      // Named with its package and reported once, from *Invoice, as today's apidiff does.
      'breaking method-removed github.com/acme/money.Amount.IsZero, method set of *Invoice: removed',
      'info field-added Invoice.Code: added',
      'info field-added Invoice.Nanos: added'
    ])
    expect(log.some((m) => m.includes('could not be resolved'))).toBe(false)
  })

  goIt(
    'reads the standard library alike from compiled packages and from go list -export (Go 1.20+)',
    async () => {
      const diffWith = (mode: string) =>
        createRealGoEngine({
          go: toolchain?.go,
          cacheDir: path.join(tmp, 'cache'),
          env: { ...process.env, APIDUMP_STD_EXPORT: mode }
        }).diff('shop/base', 'shop/head', { baseRoot: modules, headRoot: modules, now })
      const [compiled, listed] = await Promise.all([diffWith('default'), diffWith('golist')])
      expect(listed).toEqual(compiled)
      expect(compiled.length).toBeGreaterThan(5)
    }
  )

  goIt('refuses source that does not type-check, with file:line', async () => {
    const run = engine().diff('broken', 'broken', { baseRoot: modules, headRoot: modules, now })
    await expect(run).rejects.toThrow(GoSourceError)
    const error = await engine()
      .diff('broken', 'broken', { baseRoot: modules, headRoot: modules, now })
      .then(() => new GoSourceError('broken', 'the diff should have failed'))
      .catch((e: unknown) => e as GoSourceError)
    expect(error.message).toMatch(
      /^broken: the Go code does not type-check, so its API cannot be compared; fix broken\.go:6:\d+: (undeclared name|undefined): Bakend$/
    )
    expect(error.errors).toHaveLength(1)
  })

  goIt('builds the dumper once per source and Go version and reuses it', async () => {
    const cacheDir = path.join(tmp, 'build-cache')
    const log: string[] = []
    const first = await buildDumper(toolchain!, { cacheDir }, (m) => log.push(m))
    const built = (await stat(first)).mtimeMs
    const second = await buildDumper(toolchain!, { cacheDir }, (m) => log.push(m))
    // A progress line while building, none when the cached binary is reused.
    expect(log).toEqual([
      `Building the Go API dumper with ${toolchain!.version} (once per Go version; kept in ${cacheDir})...`
    ])
    expect(second).toBe(first)
    expect((await stat(second)).mtimeMs).toBe(built)
    expect(path.basename(first)).toContain(toolchain!.version)
  })

  it('without Go, fails with GoToolchainMissingError, an InputError the job can turn into a warning', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir', 'go')
    expect(await findGoToolchain({ go: missing })).toEqual({
      found: false,
      reason: `'${missing}' was not found on PATH`
    })
    const withoutGo = createRealGoEngine({ go: missing, cacheDir: path.join(tmp, 'unused') })
    const run = withoutGo.diff('shop/base', 'shop/head', {
      baseRoot: modules,
      headRoot: modules,
      now
    })
    await expect(run).rejects.toThrow(GoToolchainMissingError)
    await expect(
      withoutGo.diff('shop/base', 'shop/head', { baseRoot: modules, headRoot: modules, now })
    ).rejects.toBeInstanceOf(InputError)
  })
})

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...(await listFiles(p)))
    else out.push(p)
  }
  return out
}
