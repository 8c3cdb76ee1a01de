import { describe, it, expect } from '@jest/globals'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError } from '../../../src/core/errors.js'
import { parseGoMod } from '../../../src/contract/gomod/parse.js'
import { findGoToolchain, goEnv, run } from '../../../src/platform/go/toolchain.js'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/gomod')

/** go.mod files that Debian's Go packages install: real documents written by the Go team. */
const realGoMods = [
  '/usr/share/go-1.19/src/go.mod',
  '/usr/share/go-1.19/src/cmd/go.mod',
  '/usr/share/go-1.19/misc/go.mod',
  '/usr/share/gocode/src/golang.org/x/exp/go.mod',
  '/usr/share/gocode/src/golang.org/x/exp/typeparams/go.mod',
  '/usr/share/doc/prometheus/examples/remote_storage/go.mod'
].filter((f) => existsSync(f))

const lookup = await findGoToolchain()
if (!lookup.found && process.env.CI === 'true')
  throw new Error('CI=true but Go is missing; .ci/run must install golang-go')

interface GoModJson {
  Module: { Path: string }
  Go?: string
  Require?: { Path: string; Version: string; Indirect?: boolean }[]
  Exclude?: { Path: string; Version: string }[]
  Replace?: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[]
  Retract?: { Low: string; High: string; Rationale?: string }[]
}

describe('parseGoMod', () => {
  it('reads the fixture service go.mod with every directive', async () => {
    const mod = parseGoMod(
      await readFile(path.join(fixtures, 'service/head.go.mod'), 'utf8'),
      'go.mod'
    )
    expect(mod.module).toEqual({ path: 'github.com/acme/orders', line: 2, deprecated: null })
    expect(mod.go).toEqual({ version: '1.22.0', line: 4 })
    expect(mod.toolchain).toEqual({ name: 'go1.22.4', line: 6 })
    expect(mod.godebug.map((g) => `${g.key}=${g.value}@${g.line}`)).toEqual([
      'panicnil=1@9',
      'http2client=0@10'
    ])
    expect(mod.require).toHaveLength(18)
    expect(mod.require.find((r) => r.path === 'golang.org/x/sys')).toEqual({
      path: 'golang.org/x/sys',
      version: 'v0.9.0',
      indirect: true,
      line: 33
    })
    expect(mod.replace.map((r) => [r.old.path, r.new.path, r.new.version, r.local])).toEqual([
      ['github.com/acme/internal-auth', 'github.com/acme/internal-auth', 'v1.3.1', false],
      ['github.com/acme/billing', '../billing', null, true]
    ])
    expect(mod.exclude.map((e) => `${e.path}@${e.version}`)).toEqual([
      'golang.org/x/net@v0.16.0',
      'google.golang.org/grpc@v1.60.0'
    ])
    expect(mod.retract).toEqual([
      { low: 'v1.3.0', high: 'v1.3.0', rationale: 'Published with a broken migration.', line: 48 },
      {
        low: 'v1.4.0',
        high: 'v1.4.2',
        rationale: 'Leaked a test credential in the default config.',
        line: 50
      }
    ])
  })

  it('reads a deprecation notice and quoted paths', () => {
    const mod = parseGoMod(
      '// Deprecated: use example.com/new instead.\nmodule "example.com/old"\n\ngo 1.9\nrequire "example.com/dep" v1.0.0 // indirect; kept for tools\n',
      'go.mod'
    )
    expect(mod.module).toEqual({
      path: 'example.com/old',
      line: 2,
      deprecated: 'use example.com/new instead.'
    })
    expect(mod.require[0]).toMatchObject({ path: 'example.com/dep', indirect: true, line: 5 })
  })

  it('names the file and line of a malformed entry', () => {
    const bad =
      'module example.com/m\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b latest\n)\n'
    expect(() => parseGoMod(bad, 'svc/go.mod')).toThrow(InputError)
    expect(() => parseGoMod(bad, 'svc/go.mod')).toThrow(
      /^svc\/go\.mod:5: 'latest' is not a module version/
    )
    expect(() => parseGoMod('module m\nrequire (\n\tx.io/a v1.0.0\n', 'go.mod')).toThrow(
      /go\.mod:2: the require block is not closed/
    )
  })

  const goIt = lookup.found && realGoMods.length > 0 ? it : it.skip
  goIt('reads real go.mod files exactly as `go mod edit -json` does', async () => {
    const go = lookup.found ? lookup.toolchain.go : 'go'
    for (const file of realGoMods) {
      const result = await run(go, ['mod', 'edit', '-json', file], {
        cwd: os.tmpdir(),
        env: goEnv(process.env)
      })
      expect(result.code).toBe(0)
      const want = JSON.parse(result.stdout) as GoModJson
      const got = parseGoMod(await readFile(file, 'utf8'), file)
      expect({ file, module: got.module?.path, go: got.go?.version }).toEqual({
        file,
        module: want.Module.Path,
        go: want.Go
      })
      expect(
        got.require.map((r) => ({
          Path: r.path,
          Version: r.version,
          ...(r.indirect ? { Indirect: true } : {})
        }))
      ).toEqual(want.Require ?? [])
      expect(got.exclude.map((e) => ({ Path: e.path, Version: e.version }))).toEqual(
        want.Exclude ?? []
      )
      expect(
        got.replace.map((r) => ({
          Old: { Path: r.old.path, ...(r.old.version ? { Version: r.old.version } : {}) },
          New: { Path: r.new.path, ...(r.new.version ? { Version: r.new.version } : {}) }
        }))
      ).toEqual(want.Replace ?? [])
      expect(
        got.retract.map((r) => ({
          Low: r.low,
          High: r.high,
          ...(r.rationale ? { Rationale: r.rationale } : {})
        }))
      ).toEqual(want.Retract ?? [])
    }
  })
})
