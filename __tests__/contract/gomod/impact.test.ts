import { describe, it, expect } from '@jest/globals'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BudgetExceededError } from '../../../src/core/budget.js'
import { InputError } from '../../../src/core/errors.js'
import {
  assessDependencyImpact,
  changedDependencies,
  dependencyImpactScope,
  releaseNotesExcerpt,
  type DependencyImpactPort
} from '../../../src/contract/gomod/impact.js'
import { goModEngine } from '../../../src/contract/gomod/engine.js'
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
    expect(dependencyImpactScope({})).toBe('off')
    expect(dependencyImpactScope({ dependencyImpact: true })).toBe('direct')
    expect(dependencyImpactScope({ 'dependency-impact': 'all' })).toBe('all')
    expect(dependencyImpactScope({ dependencyImpact: false })).toBe('off')
    expect(() => dependencyImpactScope({ dependencyImpact: 'some' })).toThrow(InputError)
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
      /dependency impact of new\/go.mod did not finish.*it was on example\.com\/\w+ v[\d.]+ \(\d\/4 dependencies\)/
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
