import { fileURLToPath } from 'node:url'
import { describe, it, expect } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { openApiRules } from '../../../src/contract/openapi/index.js'
import { levelOverrides, semanticsOnlyRules } from '../../../src/contract/openapi/rules/registry.js'
import { conformanceDir } from '../../support/conformance.js'
import { dirname, join, resolve } from 'node:path'
import { diffOpenApi, loadOpenApi } from '../../../src/contract/openapi/index.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

// oasdiff's own test pairs: not part of this repository. `npm run test:conformance` runs this file when
// the corpus is at RG_CONFORMANCE_DIR or ../shared/conformance (next to the repository, or next to a
// worktree's parent); `.ci/run` runs it only when that folder exists. `npm test` never needs it.
const corpus = conformanceDir('openapi', repoRoot)
// between the corpus's past (2022–2023) and future (2099/9999) x-sunset dates, as its README asks
const now = new Date('2025-06-01T00:00:00Z')
const required = 0.95

/** Cases where SEMANTICS.md deliberately departs from oasdiff; they count as failures and are printed with why. */
const deliberate: Readonly<Record<string, string>> = {
  'breaking-add-pattern':
    'the property is readOnly: clients never send it, so its request constraints are not checked',
  'breaking-add-pattern-recursive':
    'the property is readOnly: clients never send it, so its request constraints are not checked',
  'breaking-modify-pattern':
    'the property is readOnly: clients never send it, so its request constraints are not checked'
}

interface Expectation {
  mustInclude?: string[]
  mustNotInclude?: string[]
  expectNoBreaking?: boolean
}

describe('OpenAPI conformance with oasdiff', () => {
  it(`reports what oasdiff reports for at least ${required * 100}% of its spec pairs`, async () => {
    expect(existsSync(join(corpus, 'cases'))).toBe(true)
    const levels = new Map(
      readFileSync(join(corpus, 'rule-levels.tsv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t') as [string, string])
    )
    const cases = readdirSync(join(corpus, 'cases')).sort()
    const failures: string[] = []
    for (const name of cases) {
      const dir = join(corpus, 'cases', name)
      const expectation = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expectation
      const files = readdirSync(dir)
      const baseFile = files.find((f) => f.startsWith('base.'))
      const headFile = files.find((f) => f.startsWith('revision.'))
      let ids: Set<string>
      try {
        const base = await loadOpenApi(join(dir, String(baseFile)))
        const head = await loadOpenApi(join(dir, String(headFile)))
        ids = new Set(diffOpenApi(base, head, { now }).map((change) => change.id))
      } catch (error) {
        failures.push(`${name}: error ${(error as Error).message}`)
        continue
      }
      const missing = (expectation.mustInclude ?? []).filter((id) => !ids.has(id))
      const unexpected = (expectation.mustNotInclude ?? []).filter((id) => ids.has(id))
      if (expectation.expectNoBreaking) {
        for (const id of ids)
          if (levels.get(id) === 'breaking' || levels.get(id) === 'warning') unexpected.push(id)
      }
      if (missing.length > 0 || unexpected.length > 0) {
        const why = deliberate[name] ? ` (deliberate: ${deliberate[name]})` : ''
        failures.push(
          `${name}: missing [${missing.join(', ')}] unexpected [${unexpected.join(', ')}]${why}`
        )
      }
    }
    const passed = cases.length - failures.length
    const score = passed / cases.length
    if (failures.length > 0) console.log(`OpenAPI conformance failures:\n${failures.join('\n')}`)
    console.log(`OpenAPI conformance: ${passed}/${cases.length} (${(score * 100).toFixed(1)}%)`)
    expect(cases.length).toBeGreaterThanOrEqual(300)
    expect(score).toBeGreaterThanOrEqual(required)
  })
})

describe('OpenAPI rule levels against oasdiff', () => {
  it('gives every rule an oasdiff id with its oasdiff level and direction, unless SEMANTICS.md overrides the level or asks for a rule oasdiff lacks', () => {
    const tsv = readFileSync(join(corpus, 'rule-levels.tsv'), 'utf8')
    const oasdiff = new Map(
      tsv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
        .map(([id, level, direction]) => [id, { level, direction }])
    )
    const ownIds = new Set(semanticsOnlyRules.map((r) => r.id))
    for (const rule of openApiRules) {
      if (ownIds.has(rule.id)) {
        expect(oasdiff.has(rule.id)).toBe(false)
        continue
      }
      const peer = oasdiff.get(rule.id)
      expect(peer).toBeDefined()
      expect(rule.direction).toBe(peer?.direction)
      expect(rule.level).toBe(levelOverrides[rule.id]?.level ?? peer?.level)
    }
  })
})
