import { fileURLToPath } from 'node:url'
import { describe, it, expect } from '@jest/globals'
import { dirname, resolve } from 'node:path'
import { loadGroups, runCase } from './support/rule-cases.js'

const here = dirname(fileURLToPath(import.meta.url))
const groups = loadGroups(
  process.env.RULE_CASES_DIR ?? resolve(here, '../../fixtures/openapi/rules')
)

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
