import { describe, it, expect } from '@jest/globals'
import { diffGoMod } from '../../../src/contract/gomod/diff.js'
import { parseGoMod } from '../../../src/contract/gomod/parse.js'
import { releaseByRule } from '../../../src/contract/gomod/release.js'
import { goModRules } from '../../../src/contract/gomod/rules.js'
import { semverOf } from '../../../src/contract/policy/verdict.js'

const base = `module example.com/lib/v2

go 1.22

require (
	github.com/acme/money v1.4.2
	golang.org/x/text v0.14.0
	github.com/acme/clock v0.0.0-20240101000000-aaaaaaaaaaaa
	github.com/acme/deep v1.0.0 // indirect
)
`

/** The bump comes from the changes themselves when they are given. */
const unused = { breaking: 0, warning: 0, info: 0, ignored: 0 }

/** The release gorelease would suggest after v2.4.1 when base's go.mod becomes `head`. */
function releaseAfter(head: string, from = '2.4.1') {
  const changes = diffGoMod(parseGoMod(base, 'go.mod'), parseGoMod(head, 'go.mod'))
  expect(changes.length).toBeGreaterThan(0)
  return { ...semverOf(from, unused, null, changes), ids: changes.map((c) => c.id) }
}

describe('go.mod changes need the release gorelease suggests', () => {
  it('a replace with a local path is ignored by importers: patch (the finding stays)', () => {
    const r = releaseAfter(`${base}\nreplace github.com/acme/money => ../money\n`)
    expect(r).toMatchObject({ required: 'patch', next: '2.4.2' })
    expect(r.ids).toEqual(['gomod-replace-local-path'])
  })

  it('a replace by another module version is ignored by importers: patch', () => {
    const r = releaseAfter(
      `${base}\nreplace github.com/acme/money => github.com/fork/money v1.4.3\n`
    )
    expect(r).toMatchObject({ required: 'patch', ids: ['gomod-replace-added'] })
  })

  it('a module path gaining a higher /vN is the next major: v3.0.0', () => {
    const r = releaseAfter(base.replace('example.com/lib/v2', 'example.com/lib/v3'))
    expect(r).toMatchObject({ required: 'major', next: '3.0.0' })
  })

  it('any other module path change is a new module: major', () => {
    const r = releaseAfter(base.replace('example.com/lib/v2', 'example.com/library/v2'))
    expect(r).toMatchObject({ required: 'major', ids: ['gomod-module-path-changed'] })
  })

  it('raising requirements only to later patch versions: patch', () => {
    const r = releaseAfter(base.replace('money v1.4.2', 'money v1.4.5'))
    expect(r).toMatchObject({ required: 'patch', ids: ['gomod-dependency-upgraded'] })
  })

  it('raising a requirement to a later pseudo-version on the same line: patch', () => {
    const r = releaseAfter(
      base
        .replace(
          'clock v0.0.0-20240101000000-aaaaaaaaaaaa',
          'clock v0.0.0-20250101000000-bbbbbbbbbbbb'
        )
        .replace('money v1.4.2', 'money v1.4.3-0.20250101000000-cccccccccccc')
    )
    expect(r).toMatchObject({ required: 'patch' })
  })

  it('indirect requirements raised only by patches: patch', () => {
    const r = releaseAfter(base.replace('deep v1.0.0', 'deep v1.0.7'))
    expect(r).toMatchObject({ required: 'patch', ids: ['gomod-indirect-dependencies-changed'] })
  })

  it('a requirement raised to a new minor version: minor', () => {
    const r = releaseAfter(base.replace('text v0.14.0', 'text v0.15.0'))
    expect(r).toMatchObject({ required: 'minor', next: '2.5.0' })
  })

  it('a new requirement, a removed one, or a downgrade changes what importers build: minor', () => {
    const added = releaseAfter(base.replace('require (', 'require (\n\tgithub.com/acme/log v1.0.0'))
    const removed = releaseAfter(base.replace('\tgolang.org/x/text v0.14.0\n', ''))
    const downgraded = releaseAfter(base.replace('money v1.4.2', 'money v1.4.1'))
    expect([added, removed, downgraded].map((r) => r.required)).toEqual(['minor', 'minor', 'minor'])
  })

  it('a raised go line: minor', () => {
    expect(releaseAfter(base.replace('go 1.22', 'go 1.23'))).toMatchObject({ required: 'minor' })
  })

  it('exclude, retract and toolchain lines concern only this module: patch', () => {
    for (const extra of [
      'exclude github.com/acme/money v1.4.0',
      'retract v2.4.0 // broken build',
      'toolchain go1.24.4'
    ]) {
      expect(releaseAfter(`${base}\n${extra}\n`).required).toBe('patch')
    }
  })

  it('the largest release wins when changes mix', () => {
    const r = releaseAfter(
      `${base.replace('money v1.4.2', 'money v1.4.5').replace('text v0.14.0', 'text v0.15.0')}\nreplace github.com/acme/money => ../money\n`
    )
    expect(r.required).toBe('minor')
  })

  it('every go.mod rule has a release', () => {
    expect(Object.keys(releaseByRule).sort()).toEqual(goModRules.map((r) => r.id).sort())
  })
})
