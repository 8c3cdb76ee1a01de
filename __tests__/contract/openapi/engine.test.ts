import { fileURLToPath } from 'node:url'
import { describe, it, expect } from '@jest/globals'
import { dirname, join, resolve } from 'node:path'
import { InputError } from '../../../src/core/errors.js'
import { diffOpenApi, loadOpenApi, openApiEngine } from '../../../src/contract/openapi/index.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

const fixtures = resolve(repoRoot, '__tests__/fixtures/openapi')
const now = new Date('2025-06-01T00:00:00Z')

function memory(files: Record<string, string>) {
  return async (path: string): Promise<string> => {
    const text = files[path]
    if (text === undefined) throw new Error(`ENOENT: ${path}`)
    return text
  }
}

describe('openApiEngine', () => {
  it('diffs two files with paths relative to each side root', async () => {
    const changes = await openApiEngine.diff(
      join(fixtures, 'swagger2/base.yaml'),
      join(fixtures, 'swagger2/head.yaml'),
      {
        baseRoot: fixtures,
        headRoot: join(fixtures, 'swagger2'),
        now
      }
    )
    expect(changes.length).toBeGreaterThan(0)
    expect(new Set(changes.map((c) => c.file))).toEqual(new Set(['head.yaml']))
    expect(
      changes.every((c) => c.kind === 'openapi' && c.symbol === null && typeof c.line === 'number')
    ).toBe(true)
  })

  it('leaves alpha/draft operations out by default, and compares them when settings exempt no level', async () => {
    const base = join(fixtures, 'traps/alpha-base.yaml')
    const head = join(fixtures, 'traps/alpha-head.yaml')
    const options = { baseRoot: fixtures, headRoot: fixtures, now }
    expect(await openApiEngine.diff(base, head, options)).toEqual([])
    const all = await openApiEngine.diff(base, head, {
      ...options,
      settings: { exemptStability: [] }
    })
    expect(all.map((c) => [c.id, c.operation, c.file, c.line])).toEqual([
      ['new-required-request-parameter', 'GET /labs', 'traps/alpha-head.yaml', 10]
    ])
  })

  it('turns a missing file into an InputError naming it', async () => {
    await expect(
      openApiEngine.diff(join(fixtures, 'nope.yaml'), join(fixtures, 'petstore/base.yaml'), {
        baseRoot: fixtures,
        headRoot: fixtures,
        now
      })
    ).rejects.toThrow(InputError)
  })
})

describe('circular references', () => {
  const head = (extra: string): string =>
    [
      'openapi: 3.0.3',
      "info: {title: loops, version: '1'}",
      'paths:',
      '  /a:',
      '    post:',
      '      requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/A"}}}}',
      "      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/C'}}}}}",
      'components:',
      '  schemas:',
      '    A: {$ref: "#/components/schemas/B"}',
      '    B: {$ref: "#/components/schemas/A"}',
      `    C: {allOf: [{$ref: "#/components/schemas/D"}], type: object, properties: {c: {type: string}${extra}}}`,
      '    D: {allOf: [{$ref: "#/components/schemas/C"}], properties: {next: {$ref: "#/components/schemas/C"}}}',
      ''
    ].join('\n')

  it('loads and compares a $ref loop and an allOf loop without hanging, and still sees a change', async () => {
    const readFile = memory({
      '/m/base.yaml': head(''),
      '/m/head.yaml': head(', d: {type: string}')
    })
    const [b, h] = await Promise.all([
      loadOpenApi('/m/base.yaml', { readFile }),
      loadOpenApi('/m/head.yaml', { readFile })
    ])
    const changes = diffOpenApi(b, h, { now })
    expect(changes.map((c) => c.id)).toContain('response-optional-property-added')
    expect(changes.filter((c) => c.level !== 'info')).toEqual([])
  })

  it('refuses a document nested too deeply to read, as an InputError', async () => {
    const deep = `{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}, "x-deep": ${'['.repeat(200000)}${']'.repeat(200000)}}`
    await expect(
      loadOpenApi('/m/deep.json', { readFile: memory({ '/m/deep.json': deep }) })
    ).rejects.toThrow(/nested too deeply/)
  })
})
