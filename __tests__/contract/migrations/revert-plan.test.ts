import { isDirectory } from '../../../src/platform/fs/files.js'
import { describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { collectMigrationRecords } from '../../../src/commands/manifest-migrations.js'
import type { MigrationDirectoryRecord } from '../../../src/manifest/types.js'
import {
  planMigrationRollback,
  renderMigrationRollback,
  rollbackCommands
} from '../../../src/revert/migrations.js'

const create =
  '-- +goose Up\nCREATE TABLE users (id bigint, email text NOT NULL);\n-- +goose Down\nDROP TABLE users;\n'
const addNick =
  '-- +goose Up\nALTER TABLE users ADD COLUMN nick text;\n-- +goose Down\nALTER TABLE users DROP COLUMN nick;\n'
const dropEmail =
  '-- +goose Up\nALTER TABLE users DROP COLUMN email;\n-- +goose Down\nALTER TABLE users ADD COLUMN email text;\n'

async function records(files: Record<string, string>): Promise<MigrationDirectoryRecord[]> {
  const root = await mkdtemp(join(tmpdir(), 'rg-migrations-'))
  try {
    await mkdir(join(root, 'db'))
    for (const [name, text] of Object.entries(files)) await writeFile(join(root, 'db', name), text)
    return await collectMigrationRecords(root, [{ path: 'db', kind: 'migrations' }], isDirectory)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

describe('migration records and the revert plan', () => {
  it('records the tool, newest version, a checksum and what each up breaks', async () => {
    const [record] = await records({ '00001_users.sql': create, '00002_drop_email.sql': dropEmail })
    expect(record).toMatchObject({ path: 'db', tool: 'goose', version: '00002', count: 2 })
    expect(record?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(record?.migrations[1]).toEqual({
      version: '00002',
      file: '00002_drop_email.sql',
      hasDown: true,
      breaks: ['ban-drop-column users.email']
    })
  })

  it('lists the crossed migrations with goose down-to and says a code-only revert is unsafe', async () => {
    const good = await records({ '00001_users.sql': create })
    const bad = await records({
      '00001_users.sql': create,
      '00002_nick.sql': addNick,
      '00003_drop_email.sql': dropEmail
    })
    const plan = planMigrationRollback(bad, good)
    expect(plan.codeRevertSafe).toBe(false)
    expect(plan.directories[0]?.crossed.map((m) => m.version)).toEqual(['00003', '00002'])
    expect(plan.directories[0]?.commands).toEqual([
      'goose -dir db postgres "$DATABASE_URL" down-to 00001'
    ])
    expect(plan.reasons).toEqual(['db: migration 00003 ban-drop-column users.email'])
    const text = renderMigrationRollback(plan).join('\n')
    expect(text).toMatch(/does \*\*not\*\* run on the current schema/)
    expect(text).toContain('goose -dir db postgres "$DATABASE_URL" down-to 00001')
  })

  it('says a code-only revert is safe when the crossed migrations are additive', async () => {
    const good = await records({ '00001_users.sql': create })
    const bad = await records({ '00001_users.sql': create, '00002_nick.sql': addNick })
    const plan = planMigrationRollback(bad, good)
    expect(plan.codeRevertSafe).toBe(true)
    expect(renderMigrationRollback(plan).join('\n')).toMatch(/code-only revert is safe/)
    expect(renderMigrationRollback(planMigrationRollback(good, good))).toEqual([])
  })

  it('gives each tool its own rollback commands', () => {
    expect(rollbackCommands('golang-migrate', 'db/migrations', '3', 2)).toEqual([
      'migrate -path db/migrations -database "$DATABASE_URL" down 2'
    ])
    expect(rollbackCommands('dbmate', 'db', '3', 2)).toEqual([
      'dbmate --migrations-dir db rollback',
      'dbmate --migrations-dir db rollback'
    ])
    expect(rollbackCommands('flyway', 'sql dir', '1.2', 1)).toEqual([
      "flyway -locations=filesystem:'sql dir' undo"
    ])
  })

  it('is unknown when the good manifest has no migration record', async () => {
    const bad = await records({ '00001_users.sql': create })
    expect(planMigrationRollback(bad, undefined).codeRevertSafe).toBeNull()
  })
})
