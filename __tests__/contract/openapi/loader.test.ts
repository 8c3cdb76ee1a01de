import { fileURLToPath } from 'node:url'
import { describe, it, expect } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { InputError } from '../../../src/core/errors.js'
import { diffOpenApi, loadOpenApi } from '../../../src/contract/openapi/index.js'
import { locationOf } from '../../../src/contract/openapi/load/location.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

const fixtures = resolve(repoRoot, '__tests__/fixtures/openapi')

describe('loadOpenApi', () => {
  it('follows relative-file $refs and keeps each node on its own file and line', async () => {
    const spec = await loadOpenApi(join(fixtures, 'multi-file/openapi.yaml'))
    expect(spec.version).toBe('3.0')
    expect(spec.files.size).toBe(3)
    const pathItem = spec.resolver.deref((spec.document.paths as Record<string, unknown>)['/items'])
    const itemsFile = join(fixtures, 'multi-file/paths/items.yaml')
    expect(locationOf(pathItem)).toEqual({ file: itemsFile, line: 1 })
    const response = (pathItem as { get: { responses: Record<string, unknown> } }).get.responses[
      '200'
    ]
    expect(locationOf(response)).toEqual({ file: itemsFile, line: 3 })
  })

  it('reports a removed property of a split spec at the line of the schema file that held it', async () => {
    const base = await loadOpenApi(join(fixtures, 'multi-file/openapi.yaml'), { root: fixtures })
    const itemFile = join(fixtures, 'multi-file/schemas/item.yaml')
    const text = await readFile(itemFile, 'utf8')
    const head = await loadOpenApi(join(fixtures, 'multi-file/openapi.yaml'), {
      root: fixtures,
      readFile: async (path) =>
        path === itemFile ? text.replace('required: [id]', 'required: []') : readFile(path, 'utf8')
    })
    const changes = diffOpenApi(base, head, {
      now: new Date('2025-06-01'),
      baseRoot: fixtures,
      headRoot: fixtures
    })
    expect(changes.map((c) => [c.id, c.file, c.line])).toEqual([
      ['response-property-became-optional', 'multi-file/schemas/item.yaml', 5]
    ])
  })

  it('names the file and line of invalid YAML and JSON', async () => {
    await expect(loadOpenApi(join(fixtures, 'errors/bad.yaml'))).rejects.toThrow(
      /bad\.yaml:8: invalid YAML/
    )
    await expect(loadOpenApi(join(fixtures, 'errors/bad.json'))).rejects.toThrow(
      /bad\.json:5: invalid JSON/
    )
    await expect(loadOpenApi(join(fixtures, 'errors/bad.yaml'))).rejects.toBeInstanceOf(InputError)
  })

  it('reads a YAML file that opens with a flow mapping', async () => {
    const text = "{openapi: 3.0.3, info: {title: flow, version: '1'}, paths: {}}\n"
    const spec = await loadOpenApi('/m/flow.yaml', { readFile: async () => text })
    expect(spec.version).toBe('3.0')
  })

  it('refuses a file that is not OpenAPI', async () => {
    await expect(loadOpenApi(join(fixtures, 'errors/not-openapi.yaml'))).rejects.toThrow(
      /not-openapi\.yaml:1: not an OpenAPI document/
    )
  })

  it('never fetches a URL $ref: one InputError naming the file, line and ref', async () => {
    const error = await loadOpenApi(join(fixtures, 'errors/url-ref.yaml')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(
      /^url-ref\.yaml:13: \$ref 'https:\/\/example\.invalid\/schemas\/x\.yaml#\/X' points to a URL/
    )
  })

  it('reads through the injected readFile port and names a missing referenced file', async () => {
    const error = await loadOpenApi('/virtual/api.yaml', {
      readFile: async (path) => {
        if (path === '/virtual/api.yaml')
          return "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    $ref: './missing.yaml'\n"
        throw new Error('ENOENT')
      }
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(
      /api\.yaml:4: \$ref '\.\/missing\.yaml' points to missing\.yaml, which cannot be read/
    )
  })
})
