import { describe, it, expect } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BudgetExceededError } from '../../../src/core/budget.js'
import { InputError } from '../../../src/core/errors.js'
import {
  assessDependencyImpact,
  changedDependencies,
  dependencyImpactScope,
  dependencyImpactSet,
  releaseNotesExcerpt,
  type DependencyImpactPort
} from '../../../src/contract/gomod/impact.js'
import { createGoModEngine, goModEngine } from '../../../src/contract/gomod/engine.js'
import { parseApiDump } from '../../../src/contract/go/dump.js'
import { parseGoMod } from '../../../src/contract/gomod/parse.js'

const base = parseGoMod(
  `module example.com/app

go 1.22

require (
	example.com/db v1.4.0
	example.com/same v1.0.0
	example.com/store/v2 v2.3.0
	example.com/patched v1.0.0
	example.com/local v1.0.0
	example.com/deep v0.1.0 // indirect
)
`,
  'old/go.mod'
)
const head = parseGoMod(
  `module example.com/app

go 1.22

require (
	example.com/db v1.5.0
	example.com/same v1.0.0
	example.com/store/v3 v3.0.0
	example.com/patched v1.0.0
	example.com/local v1.0.0
	example.com/deep v0.2.0 // indirect
)

replace example.com/patched => example.com/fork/patched v1.0.1

replace example.com/local => ../local
`,
  'new/go.mod'
)
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/gomod')
const dirs = { baseDir: '/repo/old', headDir: '/repo/new' }

describe('which requirements an upgrade changes', () => {
  it('lists direct requirements whose version, replacement or /vN path changed', () => {
    const deps = changedDependencies(base, head, dirs, 'direct')
    expect(deps.map((d) => `${d.basePath} ${d.fromLabel} → ${d.headPath} ${d.toLabel}`)).toEqual([
      'example.com/db v1.4.0 → example.com/db v1.5.0',
      'example.com/local v1.0.0 → example.com/local /repo/local',
      'example.com/patched v1.0.0 → example.com/patched v1.0.1',
      'example.com/store/v2 v2.3.0 → example.com/store/v3 v3.0.0'
    ])
    const patched = deps.find((d) => d.headPath === 'example.com/patched')
    expect(patched?.to).toEqual({
      kind: 'download',
      path: 'example.com/fork/patched',
      version: 'v1.0.1'
    })
    expect(deps.find((d) => d.headPath === 'example.com/store/v3')?.major).toBe(true)
    expect(deps.find((d) => d.headPath === 'example.com/db')?.major).toBe(false)
  })

  it('adds indirect requirements with `all`, and none with `off`', () => {
    expect(changedDependencies(base, head, dirs, 'all').map((d) => d.headPath)).toContain(
      'example.com/deep'
    )
    expect(changedDependencies(base, head, dirs, 'direct').map((d) => d.headPath)).not.toContain(
      'example.com/deep'
    )
    expect(changedDependencies(base, head, dirs, 'off')).toEqual([])
  })

  it('reads the setting as direct, all or off, and refuses anything else', () => {
    expect(dependencyImpactScope({})).toBe('direct')
    expect(dependencyImpactScope(undefined)).toBe('direct')
    expect(dependencyImpactScope({ dependencyImpact: null })).toBe('direct')
    expect(dependencyImpactScope({ dependencyImpact: 'off' })).toBe('off')
    expect(dependencyImpactScope({ dependencyImpact: true })).toBe('direct')
    expect(dependencyImpactScope({ 'dependency-impact': 'all' })).toBe('all')
    expect(dependencyImpactScope({ dependencyImpact: false })).toBe('off')
    expect(() => dependencyImpactScope({ dependencyImpact: 'some' })).toThrow(InputError)
  })

  it('tells a setting left to the default from one that was set', () => {
    expect(dependencyImpactSet({})).toBe(false)
    expect(dependencyImpactSet({ dependencyImpact: null })).toBe(false)
    expect(dependencyImpactSet({ 'dependency-impact': 'direct' })).toBe(true)
    expect(dependencyImpactSet({ dependencyImpact: false })).toBe(true)
  })
})

describe('the dependency-impact budget', () => {
  it('stops with exit 3 naming the dependency it was on when the time is up', async () => {
    const slow: DependencyImpactPort = {
      dump: () =>
        new Promise((resolve) => setTimeout(() => resolve({ ok: false, reason: 'slow' }), 30)),
      uses: () => Promise.resolve({ uses: [], warnings: [], errors: [] })
    }
    const deps = changedDependencies(base, head, dirs, 'direct')
    const run = assessDependencyImpact(deps, slow, {
      baseDir: '/repo/old',
      baseRoot: '/repo',
      headFile: 'new/go.mod',
      hasCode: true,
      maxSeconds: 0.01,
      label: 'dependency impact of new/go.mod'
    })
    await expect(run).rejects.toThrow(BudgetExceededError)
    await expect(run).rejects.toThrow(
      /dependency impact of new\/go.mod did not finish.*it was on example\.com\/\w+ \S+ \(\d\/4 dependencies\)/
    )
  })

  it('stops the go processes it waits on when the time is up, even one that never answers', async () => {
    let aborted = 0
    const hung: DependencyImpactPort = {
      dump: (_source, _log, signal) =>
        new Promise(() => signal?.addEventListener('abort', () => aborted++)),
      uses: () => Promise.resolve({ uses: [], warnings: [], errors: [] })
    }
    const deps = changedDependencies(base, head, dirs, 'direct')
    const started = Date.now()
    await expect(
      assessDependencyImpact(deps, hung, {
        baseDir: '/repo/old',
        baseRoot: '/repo',
        headFile: 'new/go.mod',
        hasCode: true,
        maxSeconds: 0.05,
        label: 'dependency impact of new/go.mod'
      })
    ).rejects.toThrow(/did not finish within 0\.05 s \(--max-seconds\); it was on example\.com\//)
    expect(Date.now() - started).toBeLessThan(5000)
    // Four downloads at a time were running; each was told to stop.
    expect(aborted).toBe(4)
  })

  it('offline, stops downloading after the first network failure and reports every upgrade', async () => {
    const asked: string[] = []
    const noNetwork: DependencyImpactPort = {
      dump: (source) => {
        asked.push(source.path)
        return Promise.resolve({
          ok: false,
          reason: `${source.path}: Get "https://proxy.invalid/": dial tcp: lookup proxy.invalid: no such host`
        })
      },
      uses: () => Promise.resolve({ uses: [], warnings: [], errors: [] })
    }
    const deps = changedDependencies(base, head, dirs, 'direct')
    const changes = await assessDependencyImpact(deps, noNetwork, {
      baseDir: '/repo/old',
      baseRoot: '/repo',
      headFile: 'new/go.mod',
      hasCode: true,
      label: 'dependency impact of new/go.mod'
    })
    // The first four were already on their way; the other downloads were not tried.
    expect(asked).toHaveLength(4)
    expect(changes.map((c) => `${c.id} ${c.level}`)).toEqual(
      Array(4).fill('dependency-unavailable warning')
    )
    expect(changes[3]?.message).toContain(
      'not downloaded: an earlier download failed on the network'
    )
  })

  it('says so when asked for without the Go toolchain, instead of passing silently', async () => {
    await expect(
      goModEngine.diff('service/base.go.mod', 'service/head.go.mod', {
        baseRoot: fixtures,
        headRoot: fixtures,
        now: new Date(),
        settings: { dependencyImpact: 'direct' }
      })
    ).rejects.toThrow(/dependency impact needs the Go toolchain/)
  })
})

/** A port that answers from memory and records what it was asked. */
function recordingPort(): DependencyImpactPort & { calls: string[] } {
  const calls: string[] = []
  const api = (names: string[]) => ({
    ok: true as const,
    dump: parseApiDump(
      JSON.stringify({
        schemaVersion: 1,
        module: 'example.com/db',
        moduleRoot: '.',
        goVersion: 'go1.24.0',
        warnings: [],
        unreadable: [],
        packages: [
          {
            path: 'example.com/db',
            dir: '.',
            name: 'db',
            objects: names.map((name) => ({ name, kind: 'func', type: 0 })),
            named: {},
            types: [{ k: 'signature', s: 'func()' }]
          }
        ]
      }),
      'test'
    )
  })
  return {
    calls,
    dump: (source) => {
      calls.push(`dump ${source.path}`)
      return Promise.resolve(
        api(
          source.kind === 'download' && source.version === 'v1.4.0' ? ['Dial', 'Close'] : ['Close']
        )
      )
    },
    uses: (dir) => {
      calls.push(`uses ${dir}`)
      return Promise.resolve({ uses: [], warnings: [], errors: [] })
    }
  }
}

describe('dependency impact by default', () => {
  const engineOptions = (root: string, settings: Record<string, unknown> = {}) => ({
    baseRoot: root,
    headRoot: root,
    now: new Date('2026-01-01T00:00:00Z'),
    settings
  })

  it('is direct unless turned off, and runs nothing when no requirement changed', async () => {
    const port = recordingPort()
    const engine = createGoModEngine(port)
    const same = await engine.diff(
      'service/head.go.mod',
      'service/head.go.mod',
      engineOptions(fixtures)
    )
    expect(same).toEqual([])
    expect(port.calls).toEqual([])
  })

  it('with only go.mod files (no Go code beside the base), is one info note and downloads nothing', async () => {
    const port = recordingPort()
    const changes = await createGoModEngine(port).diff(
      'service/base.go.mod',
      'service/head.go.mod',
      engineOptions(fixtures)
    )
    expect(port.calls).toEqual([])
    const notes = changes.filter((c) => c.id.startsWith('dependency-'))
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({
      id: 'dependency-impact-skipped',
      level: 'info',
      file: 'service/head.go.mod',
      line: null,
      release: 'patch'
    })
    expect(notes[0]?.message).toMatch(
      /^\d+ upgraded dependencies were not checked against the calls this module makes: there is no Go code beside service\/base\.go\.mod .*`dependency-impact: off` drops this note$/
    )
    // Turned off, not even the note; asked for explicitly, the dependencies' APIs are diffed anyway.
    const off = await createGoModEngine(port).diff(
      'service/base.go.mod',
      'service/head.go.mod',
      engineOptions(fixtures, { dependencyImpact: 'off' })
    )
    expect(off.filter((c) => c.id.startsWith('dependency-'))).toEqual([])
    expect(port.calls).toEqual([])
    await createGoModEngine(port).diff(
      'service/base.go.mod',
      'service/head.go.mod',
      engineOptions(fixtures, { dependencyImpact: 'direct' })
    )
    expect(port.calls.length).toBeGreaterThan(0)
    expect(port.calls.some((c) => c.startsWith('uses'))).toBe(false)
  })

  it('the pure engine (no Go toolchain in it) notes what it could not assess instead of failing', async () => {
    const changes = await goModEngine.diff(
      'service/base.go.mod',
      'service/head.go.mod',
      engineOptions(fixtures)
    )
    const notes = changes.filter((c) => c.id.startsWith('dependency-'))
    expect(notes.map((c) => `${c.id} ${c.level}`)).toEqual(['dependency-impact-skipped info'])
    expect(notes[0]?.message).toContain('this engine has no Go toolchain')
  })

  it('an upgrade beside Go code is assessed, and does not raise the release the go.mod change needs', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-impact-default-'))
    try {
      const goMod = (v: string) =>
        `module example.com/app\n\ngo 1.22\n\nrequire example.com/db ${v}\n`
      await mkdir(path.join(tmp, 'old'))
      await mkdir(path.join(tmp, 'new'))
      await writeFile(path.join(tmp, 'old', 'go.mod'), goMod('v1.4.0'))
      await writeFile(path.join(tmp, 'old', 'main.go'), 'package main\n')
      await writeFile(path.join(tmp, 'new', 'go.mod'), goMod('v1.4.1'))
      const port = recordingPort()
      const changes = await createGoModEngine(port).diff(
        'old/go.mod',
        'new/go.mod',
        engineOptions(tmp)
      )
      expect(port.calls).toEqual([
        'dump example.com/db',
        'dump example.com/db',
        `uses ${path.join(tmp, 'old')}`
      ])
      const unused = changes.find((c) => c.id === 'dependency-api-changes-unused')
      expect(unused?.message).toContain(
        '1 incompatible change, none used here (e.g. Dial: removed)'
      )
      // A patch upgrade needs a patch release, impact findings or not.
      expect(changes.every((c) => c.release === 'patch')).toBe(true)
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
  })

  it('base code whose uses cannot be listed is one warning, not an error', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'rg-impact-uses-'))
    try {
      await mkdir(path.join(tmp, 'old'))
      await mkdir(path.join(tmp, 'new'))
      await writeFile(
        path.join(tmp, 'old', 'go.mod'),
        'module a\n\ngo 1.22\n\nrequire example.com/db v1.4.0\n'
      )
      await writeFile(path.join(tmp, 'old', 'main.go'), 'package main\n')
      await writeFile(
        path.join(tmp, 'new', 'go.mod'),
        'module a\n\ngo 1.22\n\nrequire example.com/db v1.5.0\n'
      )
      const port = recordingPort()
      port.uses = () =>
        Promise.reject(new InputError('old: the uses of dependencies could not be listed: boom'))
      const changes = await createGoModEngine(port).diff(
        'old/go.mod',
        'new/go.mod',
        engineOptions(tmp)
      )
      const warnings = changes.filter((c) => c.id === 'dependency-unavailable')
      expect(warnings).toHaveLength(1)
      expect(warnings[0]?.message).toContain(
        'could not be listed, so the call sites they break are unknown'
      )
      expect(changes.find((c) => c.id === 'dependency-api-changes-unused')?.message).toContain(
        'no code here to check'
      )
    } finally {
      await rm(tmp, { recursive: true, force: true })
    }
  })
})

describe('release notes between two versions', () => {
  const changelog = `# Changelog

## [1.6.0] - 2024-05-01

- Pool size defaults to 4.

## [v1.5.0] - 2024-03-01

### Changed

- \`Dial\` was removed; use \`Connect\`, which takes a context.
- Queries time out after 30 s by default.

## [1.4.0] - 2024-01-10

- First release with pooling.
`

  it('is the part from the new version down to the old one, on one line', () => {
    expect(releaseNotesExcerpt(changelog, 'v1.4.0', 'v1.5.0')).toBe(
      '### Changed - `Dial` was removed; use `Connect`, which takes a context. - Queries time out after 30 s by default.'
    )
    expect(releaseNotesExcerpt(changelog, 'v1.4.0', 'v1.6.0')).toContain('Pool size defaults to 4.')
    expect(releaseNotesExcerpt(changelog, 'v1.4.0', 'v1.6.0')).toContain('Queries time out')
  })

  it('is nothing when the new version has no heading (never a neighbour version)', () => {
    expect(releaseNotesExcerpt(changelog, 'v1.4.0', 'v1.15.0')).toBeNull()
    expect(releaseNotesExcerpt('v1.5.0\n======\n\nFaster.\n', 'v1.4.0', 'v1.5.0')).toBe('Faster.')
  })
})
