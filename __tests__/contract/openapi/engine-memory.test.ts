import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createOpenApiEngine } from '../../../src/contract/openapi/engine.js'
import { reclaimMemory } from '../../../src/platform/memory.js'

const spec = (version: string) =>
  `openapi: 3.0.3\ninfo: {title: t, version: '${version}'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n`

describe('loading the two sides of a large pair', () => {
  it('loads one side after the other and lets the edge reclaim memory after each', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-engine-memory-'))
    try {
      await writeFile(join(dir, 'base.yaml'), spec('1'))
      await writeFile(join(dir, 'head.yaml'), spec('2'))
      const calls: string[] = []
      const engine = createOpenApiEngine({ afterLoad: () => calls.push('reclaim') })
      await engine.diff(join(dir, 'base.yaml'), join(dir, 'head.yaml'), {
        baseRoot: dir,
        headRoot: dir,
        now: new Date('2026-01-01T00:00:00Z')
      })
      expect(calls).toEqual(['reclaim', 'reclaim'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('reclaims nothing when the heap is small, and never throws', () => {
    expect(() => reclaimMemory(Number.MAX_SAFE_INTEGER)).not.toThrow()
    expect(() => reclaimMemory(0)).not.toThrow()
  })
})
