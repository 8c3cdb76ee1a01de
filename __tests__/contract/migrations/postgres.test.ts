import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { runContractDiff } from '../../../src/wiring/contract.js'
import type { ContractReport } from '../../../src/contract/report/model.js'
import { findPostgresBin, startPostgres, type PostgresServer } from './support/postgres-server.js'

const bin = findPostgresBin()
const describeReal = bin ? describe : describe.skip
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))

describeReal('migrations rehearsed on a real Postgres (--database-url)', () => {
  let server: PostgresServer
  let report: ContractReport
  let exitCode: number

  beforeAll(async () => {
    server = await startPostgres(bin as string)
    const result = await runContractDiff({
      kind: 'migrations',
      basePath: 'goose/base',
      headPath: 'goose/head',
      format: 'json',
      cwd: fixtures,
      now: new Date('2026-12-01T00:00:00Z'),
      settings: { databaseUrl: server.url }
    })
    exitCode = result.exitCode
    report = JSON.parse(result.output) as ContractReport
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('finds the same down that does not restore the column as on PGlite', () => {
    expect(exitCode).toBe(1)
    const restoring = report.changes.filter((c) => c.id === 'migration-down-not-restoring')
    expect(restoring.map((c) => c.symbol).sort()).toEqual([
      'column users.email',
      'index users_email_idx'
    ])
  })

  it('says a migration needing an extension the server lacks was not rehearsed', () => {
    const skipped = report.changes.find((c) => c.id === 'migration-not-rehearsed')
    expect(skipped?.file).toBe('goose/head/00004_geo.sql')
    expect(skipped?.message).toMatch(/Postgres at 127\.0\.0\.1:\d+ .*cannot run it .*postgis/)
  })

  it('leaves no scratch database behind', async () => {
    const client = new pg.Client({ connectionString: server.url })
    await client.connect()
    try {
      const { rows } = await client.query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'rollback_guard_rehearsal_%'"
      )
      expect(rows).toEqual([])
    } finally {
      await client.end()
    }
  })

  it('refuses a URL that is not a Postgres URL with an input error naming the flag', async () => {
    await expect(
      runContractDiff({
        kind: 'migrations',
        basePath: 'goose/base',
        headPath: 'goose/head',
        format: 'json',
        cwd: fixtures,
        now: new Date(),
        settings: { databaseUrl: 'mysql://localhost/x' }
      })
    ).rejects.toThrow(/--database-url must start with postgres:\/\//)
  })
})
