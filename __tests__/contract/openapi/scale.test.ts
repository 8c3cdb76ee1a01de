import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BudgetExceededError } from '../../../src/core/budget.js'
import { applyPolicy } from '../../../src/contract/policy/apply.js'
import { diffOpenApi, loadOpenApi, openApiEngine } from '../../../src/contract/openapi/index.js'
import type { Change } from '../../../src/core/change.js'

type Doc = Record<string, unknown>

let dir: string
let count = 0
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-openapi-scale-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function diffDocs(
  base: Doc,
  head: Doc,
  options: Partial<Parameters<typeof diffOpenApi>[2]> = {}
): Promise<Change[]> {
  count++
  const baseFile = join(dir, `base-${count}.json`)
  const headFile = join(dir, `head-${count}.json`)
  await writeFile(baseFile, JSON.stringify(base))
  await writeFile(headFile, JSON.stringify(head))
  return diffOpenApi(await loadOpenApi(baseFile), await loadOpenApi(headFile), {
    now: new Date('2026-01-01T00:00:00Z'),
    ...options
  })
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: unknown) => ({ 'application/json': { schema } })
const getReturning = (schema: unknown) => ({
  get: { responses: { 200: { description: 'ok', content: json(schema) } } }
})
const spec = (paths: Doc, schemas: Doc): Doc => ({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas }
})

/** N schemas, each with `r_j: anyOf[string, $ref S_j]` to every other one: every schema on every cycle. */
function allPairs(n: number, renamed: boolean): Doc {
  const schemas: Doc = {}
  for (let i = 0; i < n; i++) {
    const properties: Doc = { id: { type: 'string' } }
    for (let j = 0; j < n; j++)
      if (j !== i) properties[`r_${j}`] = { anyOf: [{ type: 'string' }, ref(`S${j}`)] }
    properties[renamed && i === n - 1 ? 'title' : 'name'] = { type: 'string' }
    schemas[`S${i}`] = { type: 'object', properties }
  }
  return spec({ '/s': getReturning(ref('S0')) }, schemas)
}

describe('OpenAPI diff at real-API scale', () => {
  it('compares a spec where every schema is on a cycle with every other once per schema, not once per path', async () => {
    // before schemas were compared once per place, N=7 ran for minutes: the paths through the cycles grow as N!
    const started = performance.now()
    const changes = await diffDocs(allPairs(40, false), allPairs(40, true))
    expect(performance.now() - started).toBeLessThan(30_000)
    expect(changes.map((c) => `${c.id}: ${c.message}`).sort()).toEqual([
      "response-optional-property-added: property 'title' of the schema 'S39' in the 200 response body (application/json) of GET /s was added as an optional property",
      "response-optional-property-removed: property 'name' of the schema 'S39' in the 200 response body (application/json) of GET /s was removed (it was optional)"
    ])
  })

  it('finds nothing when two recursive specs say the same thing in different words', async () => {
    const node = (extra: Doc) => ({
      type: 'object',
      properties: { children: { type: 'array', items: ref('Node') }, parent: ref('Node') },
      ...extra
    })
    const base = spec({ '/tree': getReturning(ref('Node')) }, { Node: node({}) })
    const head = spec(
      { '/tree': getReturning(ref('Node')) },
      { Node: node({ description: 'reworded', title: 'A node' }) }
    )
    expect(await diffDocs(base, head)).toEqual([])
  })

  it('sees a change deep inside a cycle reached only through other cycles', async () => {
    const make = (sizeType: string) =>
      spec(
        { '/a': getReturning(ref('A')) },
        {
          A: { type: 'object', properties: { b: ref('B'), self: ref('A') } },
          B: { type: 'object', properties: { c: ref('C'), a: ref('A') } },
          C: {
            type: 'object',
            properties: { a: ref('A'), size: { type: sizeType } }
          }
        }
      )
    const changes = await diffDocs(make('integer'), make('string'))
    expect(changes.map((c) => c.id)).toEqual(['response-property-type-changed'])
    expect(changes[0]?.message).toContain("property 'size' of the schema 'C'")
  })

  it('reports one change to a shared schema once, listing every operation that reaches it', async () => {
    const make = (required: string[]) =>
      spec(
        {
          '/pets': getReturning({ type: 'array', items: ref('Pet') }),
          '/pets/{id}': {
            get: {
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
              responses: { 200: { description: 'ok', content: json(ref('Pet')) } }
            }
          },
          '/owners': getReturning({
            type: 'object',
            properties: { pets: { type: 'array', items: ref('Pet') }, favourite: ref('Pet') }
          })
        },
        {
          Pet: {
            type: 'object',
            required,
            properties: { name: { type: 'string' }, tag: { type: 'string' } }
          }
        }
      )
    const changes = await diffDocs(make(['name', 'tag']), make(['name']))
    // one finding, however many operations and paths (two in GET /owners), and also when the schema
    // is a whole body elsewhere (GET /pets/{id}): named from the component, listing every operation
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({
      id: 'response-property-became-optional',
      operation: 'GET /pets',
      operations: ['GET /pets', 'GET /pets/{id}', 'GET /owners'],
      message:
        "property 'tag' of the schema 'Pet' in the 200 response body (application/json) of GET /pets became optional"
    })
  })

  it('ignores a change reaching many operations only when the ignore entry covers all of them', () => {
    const change = {
      kind: 'openapi' as const,
      id: 'response-property-became-optional',
      level: 'breaking' as const,
      message: 'm',
      operation: 'GET /pets',
      operations: ['GET /pets', 'GET /owners'],
      symbol: null,
      file: null,
      line: null,
      ignored: false,
      fingerprint: 'f',
      contract: 'api'
    }
    const ignoreFor = (operation: string) =>
      applyPolicy(
        [change],
        { overrides: {}, ignore: [{ operation, reason: 'r', line: 1 } as never] },
        new Date('2026-01-01')
      ).changes[0]?.ignored
    expect(ignoreFor('GET /pets')).toBe(false)
    expect(ignoreFor('GET /*')).toBe(true)
  })

  it('compares enums of 100,000 values in near-linear time', async () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `v${i}`)
    const make = (list: string[]) =>
      spec({ '/e': getReturning(ref('E')) }, { E: { type: 'string', enum: list } })
    const head = [...values.slice(1), 'new-value'].reverse()
    const started = performance.now()
    const changes = await diffDocs(make(values), make(head))
    // the quadratic comparison took over two minutes here
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(changes.map((c) => c.id).sort()).toEqual([
      'response-mediatype-enum-value-removed',
      'response-property-enum-value-added'
    ])
  })

  it('matches thousands of oneOf branches without comparing each with each', async () => {
    const branches = Array.from({ length: 3000 }, (_, i) => ({
      type: 'object',
      title: `b${i}`,
      properties: { [`k${i}`]: { type: 'string' } },
      required: [`k${i}`]
    }))
    const make = (list: unknown[]) => spec({ '/o': getReturning({ oneOf: list }) }, {})
    const head = [...branches.slice(0, 1500), ...branches.slice(1501)].reverse()
    const started = performance.now()
    const changes = await diffDocs(make(branches), make(head))
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(changes.map((c) => c.id)).toEqual(['response-body-one-of-removed'])
  })

  it('ends a comparison past its time budget with a clear error naming the part it was on, and prints progress', async () => {
    let now = 0
    const lines: string[] = []
    const base = allPairs(20, false)
    const head = allPairs(20, true)
    // every look at the clock is five seconds later
    const clock = () => (now += 5000)
    await expect(
      diffDocs(base, head, { maxSeconds: 12, progress: (line) => lines.push(line), clock })
    ).rejects.toThrow(BudgetExceededError)
    await expect(diffDocs(base, head, { maxSeconds: 12, clock })).rejects.toThrow(
      /did not finish within 12 s \(--max-seconds\); it was on GET \/s \(operation 1 of 1; \d+ schemas compared\)\. Nothing was reported as complete/
    )
    expect(lines.length).toBeGreaterThan(0)
    expect(lines[0]).toMatch(/^openapi diff of .*head-\d+\.json: \d+ s, on /)
  })

  it('follows a chain of hundreds of nested $refs, and says so clearly when one is too deep to follow', async () => {
    const chain = (n: number, leafType: string) => {
      const schemas: Doc = {}
      for (let i = 0; i < n; i++)
        schemas[`S${i}`] = {
          type: 'object',
          properties: i < n - 1 ? { next: ref(`S${i + 1}`) } : { v: { type: leafType } }
        }
      return spec({ '/c': getReturning(ref('S0')) }, schemas)
    }
    const changes = await diffDocs(chain(500, 'integer'), chain(500, 'string'))
    expect(changes.map((c) => c.message)).toEqual([
      "property 'v' of the schema 'S499' in the 200 response body (application/json) of GET /c changed type from 'integer' to 'string'"
    ])
    await expect(diffDocs(chain(20_000, 'integer'), chain(20_000, 'string'))).rejects.toThrow(
      /the schemas of GET \/c nest deeper than rollback-guard can follow/
    )
  })

  it('reports a $ref the released spec cannot follow and compares the rest; in the head it stays an input error naming file:line', async () => {
    const broken = spec(
      { '/a': getReturning(ref('Missing')), '/b': getReturning({ type: 'string' }) },
      {}
    )
    const fixed = spec(
      { '/a': getReturning({ type: 'object' }), '/b': getReturning({ type: 'integer' }) },
      {}
    )
    const baseFile = join(dir, 'broken-base.json')
    const headFile = join(dir, 'fixed-head.json')
    await writeFile(baseFile, JSON.stringify(broken, null, 1))
    await writeFile(headFile, JSON.stringify(fixed, null, 1))
    const options = { baseRoot: dir, headRoot: dir, now: new Date('2026-01-01') }
    const changes = await openApiEngine.diff(baseFile, headFile, options)
    expect(changes.map((c) => `${c.id} ${c.level} ${c.file}`).sort()).toEqual([
      'api-base-ref-unresolved warning broken-base.json',
      'response-body-type-changed breaking fixed-head.json'
    ])
    await expect(openApiEngine.diff(headFile, baseFile, options)).rejects.toThrow(
      /broken-base\.json:\d+: \$ref '#\/components\/schemas\/Missing' does not resolve/
    )
  })
})
