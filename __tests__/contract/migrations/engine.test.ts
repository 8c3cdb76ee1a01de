import { beforeAll, describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { runContractDiff } from '../../../src/wiring/contract.js'
import type { ContractReport } from '../../../src/contract/report/model.js'

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))
const now = new Date('2026-12-01T00:00:00Z')

async function diff(settings: Record<string, unknown> = {}) {
  const result = await runContractDiff({
    kind: 'migrations',
    basePath: 'goose/base',
    headPath: 'goose/head',
    format: 'json',
    cwd: fixtures,
    now,
    settings
  })
  return { ...result, report: JSON.parse(result.output) as ContractReport }
}

describe('contract diff --kind migrations on a goose directory (rehearsed on PGlite)', () => {
  let result: Awaited<ReturnType<typeof diff>>
  beforeAll(async () => {
    result = await diff()
  }, 240_000)

  it('fails on a dropped column whose down does not restore it, naming the column', () => {
    const { exitCode, report } = result
    expect(exitCode).toBe(1)
    const ids = report.changes.map((c) => `${c.id} ${c.file}:${c.line} ${c.symbol}`)
    expect(ids).toContain('ban-drop-column goose/head/00002_drop_email.sql:3 users.email')
    const restoring = report.changes.filter((c) => c.id === 'migration-down-not-restoring')
    expect(restoring.map((c) => c.symbol).sort()).toEqual([
      'column users.email',
      'index users_email_idx'
    ])
    expect(
      restoring.every(
        (c) =>
          c.level === 'breaking' && c.file === 'goose/head/00002_drop_email.sql' && c.line === 6
      )
    ).toBe(true)
    expect(restoring.find((c) => c.symbol === 'column users.email')?.message).toMatch(
      /was `text NOT NULL` and is `text NULL` after the down/
    )
    // The breaking finding explains the expand/contract way.
    expect(report.changes.find((c) => c.id === 'ban-drop-column')?.message).toMatch(
      /expand\/contract/
    )
  })

  it('passes an additive migration with timeouts set, as info only', () => {
    const nickname = result.report.changes.filter((c) => c.file?.endsWith('00003_add_nickname.sql'))
    expect(nickname.map((c) => `${c.level} ${c.id} ${c.line}`)).toEqual([
      'info migration-column-added 4'
    ])
  })

  it('reports what PGlite cannot run as not rehearsed, never as a pass', () => {
    const geo = result.report.changes.filter((c) => c.file?.endsWith('00004_geo.sql'))
    const skipped = geo.find((c) => c.id === 'migration-not-rehearsed')
    expect(skipped?.line).toBe(2)
    expect(skipped?.message).toMatch(/not rehearsed: PGlite .* cannot run it .*postgis/)
  })
})
