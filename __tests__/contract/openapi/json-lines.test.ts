import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { parseJsonWithLines } from '../../../src/contract/openapi/load/json-lines.js'
import { locationOf } from '../../../src/contract/openapi/load/location.js'

const require = createRequire(import.meta.url)
// GitHub's REST description as two versions of @octokit/openapi publish it (devDependencies: `openapi-v21`
// is an npm alias of @octokit/openapi@21.0.0, `@octokit/openapi` is 23.x).
const github = {
  'v21 (openapi-v21)': 'openapi-v21/generated/api.github.com.json',
  'v23 (@octokit/openapi)': '@octokit/openapi/generated/api.github.com.json'
}

describe('parseJsonWithLines', () => {
  it('reads escapes, unicode, numbers and nesting exactly as JSON.parse does, and records lines', () => {
    const text =
      '{\n  "a": "x\\"y\\\\z\\u00e9\\n",\n  "n": [-1.5e3, 0, 12345678901234567890, true, false, null],\n  "o": {\n    "deep": [{}, []]\n  }\n}\n'
    const refs: object[] = []
    const value = parseJsonWithLines(text, '/f.json', refs) as { o: { deep: unknown[] } }
    expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text)))
    expect(locationOf(value.o)).toEqual({ file: '/f.json', line: 4 })
    expect(locationOf(value.o.deep[0])).toEqual({ file: '/f.json', line: 5 })
  })

  it.each(Object.entries(github))(
    'reads GitHub’s REST description %s as JSON.parse does',
    (_name, file) => {
      const text = readFileSync(require.resolve(file), 'utf8')
      const refs: object[] = []
      const value = parseJsonWithLines(text, '/gh.json', refs) as {
        paths: Record<string, Record<string, unknown>>
      }
      expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text)))
      expect(refs.length).toBe((text.match(/"\$ref":/g) ?? []).length)
      const line = locationOf(value.paths['/repos/{owner}/{repo}']?.get)?.line ?? 0
      expect(text.split('\n')[line - 1]).toMatch(/^\s*"get": \{$/)
    }
  )

  it('names the line of a syntax error', () => {
    expect(() => parseJsonWithLines('{\n  "a": 1,\n  "b": tru\n}', '/f.json')).toThrow(/line 3/)
  })
})
