import { describe, it, expect } from '@jest/globals'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError } from '../../../src/core/errors.js'
import { diffGoMod } from '../../../src/contract/gomod/diff.js'
import { goModEngine } from '../../../src/contract/gomod/engine.js'
import { parseGoMod } from '../../../src/contract/gomod/parse.js'
import { goModRules } from '../../../src/contract/gomod/rules.js'

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/gomod')
// go.mod lines only: dependency impact (on by default) is tested in impact.test.ts.
const options = (root: string) => ({
  baseRoot: root,
  headRoot: root,
  now: new Date('2026-01-01T00:00:00Z'),
  settings: { dependencyImpact: 'off' }
})

async function serviceChanges() {
  return goModEngine.diff('service/base.go.mod', 'service/head.go.mod', options(fixtures))
}

describe('go.mod changes as a dependency review', () => {
  it('reports each direct dependency change old → new with its head line', async () => {
    const changes = await serviceChanges()
    const byMessage = (m: string) => changes.find((c) => c.message === m)
    expect(byMessage('go.etcd.io/etcd/client/v3: v3.5.9 → v3.6.0')).toMatchObject({
      id: 'gomod-dependency-upgraded',
      level: 'info',
      file: 'service/head.go.mod',
      line: 17,
      baseFile: 'service/base.go.mod',
      baseLine: 15
    })
    expect(
      byMessage('github.com/prometheus/client_golang: v1.17.0 → v1.16.0 (downgrade)')
    ).toMatchObject({
      id: 'gomod-dependency-downgraded',
      level: 'warning',
      line: 15
    })
    expect(
      byMessage(
        'github.com/redis/go-redis/v8 → github.com/redis/go-redis/v9: v8.11.5 → v9.3.0 (new major version)'
      )
    ).toMatchObject({ id: 'gomod-dependency-major-bumped', level: 'warning', line: 16 })
    expect(
      byMessage('gopkg.in/yaml.v2 → gopkg.in/yaml.v3: v2.4.0 → v3.0.1 (new major version)')
    ).toMatchObject({
      id: 'gomod-dependency-major-bumped'
    })
    expect(byMessage('golang.org/x/sync: v0.5.0 → v0.10.0')).toMatchObject({
      id: 'gomod-dependency-upgraded'
    })
    expect(byMessage('github.com/pkg/errors v0.9.1: removed')).toMatchObject({
      id: 'gomod-dependency-removed',
      level: 'warning',
      file: 'service/base.go.mod',
      line: 20
    })
    expect(
      byMessage('github.com/acme/billing v0.0.0-20240115093000-5f2c1a9b7e3d: added')
    ).toMatchObject({
      id: 'gomod-dependency-added',
      level: 'info'
    })
    expect(changes.some((c) => c.message.startsWith('google.golang.org/grpc'))).toBe(false)
  })

  it('collapses indirect-only changes into one info finding', async () => {
    const indirect = (await serviceChanges()).filter(
      (c) => c.id === 'gomod-indirect-dependencies-changed'
    )
    expect(indirect).toHaveLength(1)
    expect(indirect[0]!.level).toBe('info')
    expect(indirect[0]!.message).toMatch(/^9 indirect dependencies changed: /)
    expect(indirect[0]!.message).toContain('golang.org/x/sys: v0.13.0 → v0.9.0 (downgrade)')
    expect(indirect[0]!.message).toContain('github.com/coreos/go-semver v0.3.1: removed')
    expect(indirect[0]!.message).toContain(
      'github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f: added'
    )
    expect(indirect[0]!.message).not.toContain('beorn7')
  })

  it('flags the go line, toolchain, godebug, replace, exclude and retract changes', async () => {
    const changes = await serviceChanges()
    const ids = (id: string) =>
      changes.filter((c) => c.id === id).map((c) => `${c.level} ${c.message} @${c.line}`)
    expect(ids('gomod-go-version-raised')).toEqual([
      'warning go directive: 1.21 → 1.22.0 (builds need Go 1.22.0 or newer) @4'
    ])
    expect(ids('gomod-toolchain-changed')).toEqual(['info toolchain: go1.21.6 → go1.22.4 @6'])
    expect(ids('gomod-godebug-changed')).toEqual(['info godebug http2client=0: added @10'])
    expect(ids('gomod-replace-changed')).toEqual([
      'warning replace github.com/acme/internal-auth: github.com/acme/internal-auth v1.2.0 → github.com/acme/internal-auth v1.3.1 @38'
    ])
    expect(ids('gomod-replace-local-path')).toEqual([
      'breaking replace github.com/acme/billing => ../billing: added (a local directory: builds outside this checkout cannot use it) @39'
    ])
    expect(ids('gomod-exclude-added')).toEqual([
      'warning exclude google.golang.org/grpc v1.60.0: added @44'
    ])
    expect(ids('gomod-retract-added')).toEqual([
      'warning retract [v1.4.0, v1.4.2]: added (rationale: Leaked a test credential in the default config.) @50'
    ])
  })

  it('uses only rule ids of the registry and keeps fingerprints stable across line moves', async () => {
    const changes = await serviceChanges()
    const known = new Set(goModRules.map((r) => r.id))
    for (const c of changes) {
      expect(known.has(c.id as never)).toBe(true)
      expect(c.kind).toBe('gomod')
    }
    const base = await readFile(path.join(fixtures, 'service/base.go.mod'), 'utf8')
    const head = await readFile(path.join(fixtures, 'service/head.go.mod'), 'utf8')
    const moved = diffGoMod(parseGoMod(base, 'a'), parseGoMod(`\n\n// moved\n${head}`, 'b'))
    expect(moved.map((c) => c.fingerprint).sort()).toEqual(changes.map((c) => c.fingerprint).sort())
    expect(moved.map((c) => c.line)).not.toEqual(changes.map((c) => c.line))
  })

  it('tells a module major version from a renamed module', () => {
    const v1 = parseGoMod('module go.etcd.io/etcd/client/v3\n\ngo 1.21\n', 'a')
    const v4 = parseGoMod('module go.etcd.io/etcd/client/v4\n\ngo 1.21\n', 'b')
    const renamed = parseGoMod('module go.etcd.io/etcdclient\n\ngo 1.21\n', 'c')
    expect(diffGoMod(v1, v4).map((c) => [c.id, c.level, c.message])).toEqual([
      [
        'gomod-module-major-version-changed',
        'warning',
        'module path: go.etcd.io/etcd/client/v3 → go.etcd.io/etcd/client/v4 (major version v3 → v4; importers must change their import paths)'
      ]
    ])
    expect(diffGoMod(v1, renamed).map((c) => [c.id, c.level])).toEqual([
      ['gomod-module-path-changed', 'breaking']
    ])
  })

  it('compares go versions numerically: 1.9 → 1.10 is a raise', () => {
    const changes = diffGoMod(
      parseGoMod('module m\ngo 1.9\n', 'a'),
      parseGoMod('module m\ngo 1.10\n', 'b')
    )
    expect(changes.map((c) => c.id)).toEqual(['gomod-go-version-raised'])
    const tidied = diffGoMod(
      parseGoMod('module m\ngo 1.22\n', 'a'),
      parseGoMod('module m\ngo 1.22.0\n', 'b')
    )
    expect(tidied).toEqual([])
    const lowered = diffGoMod(
      parseGoMod('module m\ngo 1.22\n', 'a'),
      parseGoMod('module m\ngo 1.9\n', 'b')
    )
    expect(lowered.map((c) => [c.id, c.level])).toEqual([['gomod-go-version-lowered', 'info']])
  })

  it('sees a +incompatible major bump and a v0 → v1 bump on the same path', () => {
    const base = parseGoMod(
      'module m\nrequire (\n\tgithub.com/docker/docker v20.10.24+incompatible\n\tgithub.com/x/y v0.9.0\n)\n',
      'a'
    )
    const head = parseGoMod(
      'module m\nrequire (\n\tgithub.com/docker/docker v24.0.7+incompatible\n\tgithub.com/x/y v1.0.0\n)\n',
      'b'
    )
    expect(diffGoMod(base, head).map((c) => c.message)).toEqual([
      'github.com/docker/docker: v20.10.24+incompatible → v24.0.7+incompatible (new major version)',
      'github.com/x/y: v0.9.0 → v1.0.0 (new major version)'
    ])
  })

  it('reports nothing for a real go.mod compared with itself', async () => {
    const real = '/usr/share/go-1.19/src/cmd/go.mod'
    const file = existsSync(real) ? real : path.join(fixtures, 'service/head.go.mod')
    const text = await readFile(file, 'utf8')
    expect(diffGoMod(parseGoMod(text, 'a'), parseGoMod(text, 'b'))).toEqual([])
  })

  it('compares every go.mod of a multi-module repository', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-gomod-'))
    try {
      for (const side of ['base', 'head']) {
        await cp(path.join(fixtures, `service/${side}.go.mod`), path.join(tmp, side, 'go.mod'))
        await cp(
          path.join(fixtures, `service/${side}.go.mod`),
          path.join(tmp, side, 'api', 'go.mod')
        )
        // Vendored and test modules are not the repository's own.
        await cp(
          path.join(fixtures, `service/${side === 'base' ? 'head' : 'base'}.go.mod`),
          path.join(tmp, side, 'vendor', 'x', 'go.mod')
        )
        await mkdir(path.join(tmp, side, 'testdata'), { recursive: true })
        await writeFile(
          path.join(tmp, side, 'testdata', 'go.mod'),
          side === 'base' ? 'module a\n' : 'module b\n'
        )
      }
      // A module only in head has nothing to be compared with.
      await cp(
        path.join(fixtures, 'service/head.go.mod'),
        path.join(tmp, 'head', 'tools', 'go.mod')
      )
      const changes = await goModEngine.diff('base', 'head', options(tmp))
      const files = new Set(changes.map((c) => c.file))
      expect(files).toEqual(
        new Set(['head/go.mod', 'head/api/go.mod', 'base/go.mod', 'base/api/go.mod'])
      )
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
  })

  it('fails with one InputError naming a missing or malformed go.mod', async () => {
    await expect(
      goModEngine.diff('service/base.go.mod', 'service/nope.go.mod', options(fixtures))
    ).rejects.toThrow(InputError)
    await expect(
      goModEngine.diff('service/base.go.mod', 'service/nope.go.mod', options(fixtures))
    ).rejects.toThrow(/nope\.go\.mod/)
  })
})
