import { fileURLToPath } from 'node:url'
import { describe, it, expect } from '@jest/globals'
import { dirname, join, resolve } from 'node:path'
import type { Change } from '../../../src/core/change.js'
import { diffOpenApi, loadOpenApi } from '../../../src/contract/openapi/index.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

const fixtures = resolve(repoRoot, '__tests__/fixtures/openapi')
const now = new Date('2025-06-01T00:00:00Z')

async function diffFiles(base: string, head: string): Promise<Change[]> {
  const [b, h] = await Promise.all([
    loadOpenApi(join(fixtures, base)),
    loadOpenApi(join(fixtures, head))
  ])
  return diffOpenApi(b, h, { now, baseRoot: fixtures, headRoot: fixtures })
}

const ids = (changes: Change[]): string[] => changes.map((c) => c.id).sort()
const notInfo = (changes: Change[]): Change[] => changes.filter((c) => c.level !== 'info')

describe('OpenAPI diff: the traps users complain about', () => {
  it('finds nothing when only descriptions/examples change, a path parameter is renamed, an inline schema becomes an equivalent $ref and a schema is split into allOf', async () => {
    const changes = await diffFiles('petstore/base.yaml', 'petstore/head-equivalent.yaml')
    expect(changes).toEqual([])
  })

  it('reports what the breaking head changes, each with its level, operation, file and line', async () => {
    const changes = await diffFiles('petstore/base.yaml', 'petstore/head-breaking.yaml')
    const byId = new Map(changes.map((c) => [c.id, c]))
    expect(byId.get('request-parameter-became-required')).toMatchObject({
      level: 'breaking',
      operation: 'GET /pets',
      message: "query parameter 'limit' of GET /pets became required",
      file: 'petstore/head-breaking.yaml',
      line: 10
    })
    expect(byId.get('request-parameter-max-decreased')?.level).toBe('breaking')
    expect(byId.get('request-property-max-length-decreased')?.operation).toBe('POST /pets')
    expect(byId.get('api-path-removed-without-deprecation')).toMatchObject({
      level: 'breaking',
      operation: 'GET /pets/{petId}',
      file: 'petstore/base.yaml',
      line: 43
    })
  })

  it('treats enums by direction: a new value is safe in requests and a warning in responses', async () => {
    const changes = await diffFiles('petstore/base.yaml', 'petstore/head-breaking.yaml')
    const enumAdds = changes
      .filter((c) => c.id.endsWith('enum-value-added'))
      .map((c) => `${c.id}:${c.level}`)
    expect(enumAdds).toContain('request-property-enum-value-added:info')
    expect(enumAdds).toContain('response-property-enum-value-added:warning')
  })

  it('does not ask clients to send a new required readOnly property or hold them to its constraints, and does not promise them a writeOnly one', async () => {
    const changes = await diffFiles('traps/readonly-base.yaml', 'traps/readonly-head.yaml')
    const required = changes.filter((c) => c.id === 'new-required-request-property')
    expect(required.map((c) => c.message)).toEqual([
      "property 'password' of the request body (application/json) of POST /users was added as a required property"
    ])
    expect(ids(changes)).toEqual(
      [
        'new-required-request-property',
        'response-property-pattern-added',
        'response-required-property-added',
        'response-required-write-only-property-added'
      ].sort()
    )
    expect(notInfo(changes).map((c) => c.id)).toEqual(['new-required-request-property'])
  })

  it('compares recursive schemas across files without looping, and still sees a change inside the cycle', async () => {
    const changes = await diffFiles('cycles/base.yaml', 'cycles/head/base.yaml')
    expect(
      changes.some(
        (c) =>
          c.id === 'new-required-request-property' &&
          c.message.includes("property 'kind' of the schema 'Node' in the request body")
      )
    ).toBe(true)
    expect(
      changes.some(
        (c) => c.id === 'response-required-property-added' && c.message.includes("property 'kind'")
      )
    ).toBe(true)
    expect(changes.every((c) => c.file === 'cycles/head/base.yaml')).toBe(true)
  })

  it('reads Swagger 2.0 body and header parameters as 3.x request bodies and parameters', async () => {
    const changes = await diffFiles('swagger2/base.yaml', 'swagger2/head.yaml')
    expect(ids(changes)).toEqual(
      [
        'request-parameter-became-required',
        'request-property-became-required',
        'request-property-type-generalized',
        'response-property-became-required',
        'response-property-type-generalized'
      ].sort()
    )
  })

  it('keeps fingerprints when only lines move, and changes them when the subject changes', async () => {
    const first = await diffFiles('petstore/base.yaml', 'petstore/head-breaking.yaml')
    const again = await diffFiles('petstore/head-equivalent.yaml', 'petstore/head-breaking.yaml')
    const print = (changes: Change[], id: string): string | undefined =>
      changes.find((c) => c.id === id)?.fingerprint
    expect(print(again, 'request-parameter-became-required')).toBe(
      print(first, 'request-parameter-became-required')
    )
    expect(new Set(first.map((c) => c.fingerprint)).size).toBe(first.length)
  })
})
