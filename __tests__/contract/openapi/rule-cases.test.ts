import { fileURLToPath } from 'node:url'
import { describe, it, expect } from '@jest/globals'
import { dirname, resolve } from 'node:path'
import { openApiEngine } from '../../../src/contract/openapi/index.js'
import { loadGroups, runCase } from './support/rule-cases.js'
import { unproducible } from './support/unproducible.js'

const here = dirname(fileURLToPath(import.meta.url))
const own = resolve(here, '../../fixtures/openapi/rules')
const groups = loadGroups(process.env.RULE_CASES_DIR ?? own)

for (const group of groups) {
  describe(`OpenAPI rules: ${group.name}`, () => {
    for (const kase of group.cases) {
      it(kase.name, async () => {
        const ids = (await runCase(kase)).map((c) => c.id)
        if (process.env.RULE_CASES_PRINT) console.log(kase.name, ids)
        for (const id of kase.expect) expect(ids).toContain(id)
        for (const id of kase.absent ?? []) expect(ids).not.toContain(id)
      })
    }
  })
}

describe('OpenAPI rules: every listed rule proven', () => {
  it("is produced by a case of the project's own fixtures, or listed with why it cannot be", async () => {
    const proven = new Set<string>()
    for (const group of loadGroups(own)) {
      for (const kase of group.cases) {
        const ids = new Set((await runCase(kase)).map((c) => c.id))
        for (const id of kase.expect) if (ids.has(id)) proven.add(id)
      }
    }
    const listed = openApiEngine.rules.map((rule) => rule.id)
    const missing = listed.filter((id) => !proven.has(id) && unproducible[id] === undefined)
    const stale = Object.keys(unproducible).filter((id) => proven.has(id) || !listed.includes(id))
    const reasons = Object.keys(unproducible).length
    console.log(
      `OpenAPI rules proven by own fixtures: ${listed.length - missing.length - reasons}/${listed.length}, listed with a reason: ${reasons}, missing: ${missing.length}`
    )
    expect(missing).toEqual([])
    expect(stale).toEqual([])
  })
})
