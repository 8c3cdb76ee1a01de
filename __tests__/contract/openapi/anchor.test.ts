import { describe, it, expect, beforeAll, afterAll } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diffOpenApi, loadOpenApi } from '../../../src/contract/openapi/index.js'

const base = `openapi: 3.0.3
info: { title: pets, version: '1' }
paths:
  /pets/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    get:
      responses:
        '200': { description: ok }
    delete:
      responses:
        '204': { description: gone }
  /toys:
    get:
      responses:
        '200': { description: ok }
`
// The head drops DELETE /pets/{id} (its path stays) and the whole /toys path; lines shift by two.
const head = `openapi: 3.0.3
info: { title: pets, version: '2' }
# a comment
# and another
paths:
  /pets/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    get:
      responses:
        '200': { description: ok }
`

describe('where a removal is annotated', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rg-anchor-'))
    writeFileSync(join(dir, 'base.yaml'), base)
    writeFileSync(join(dir, 'head.yaml'), head)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the base line in file/line and anchors on the head’s nearest surviving parent', async () => {
    const changes = diffOpenApi(
      await loadOpenApi(join(dir, 'base.yaml')),
      await loadOpenApi(join(dir, 'head.yaml')),
      { now: new Date('2026-01-01T00:00:00Z'), baseRoot: dir, headRoot: dir }
    )
    const deleted = changes.find((c) => c.operation === 'DELETE /pets/{id}' && /removed/.test(c.id))
    expect(deleted).toMatchObject({ file: 'base.yaml', line: 10 })
    // the surviving path item `/pets/{id}` is on line 6 of the head
    expect(deleted?.anchor).toEqual({ file: 'head.yaml', line: 6 })
    const toys = changes.find((c) => c.operation === 'GET /toys' && /removed/.test(c.id))
    expect(toys).toMatchObject({ file: 'base.yaml', line: 14 })
    // nothing of /toys survives: the `paths` object, on line 5 of the head
    expect(toys?.anchor).toEqual({ file: 'head.yaml', line: 5 })
    for (const change of changes.filter((c) => !/removed/.test(c.id)))
      expect(change.anchor).toBeUndefined()
  })
})
