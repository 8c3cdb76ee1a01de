import { describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMigrationsEngine } from '../../../src/contract/migrations/engine.js'
import { writeFiles } from '../../support/git-fixtures.js'

const noDatabase = createMigrationsEngine(() => {
  throw new Error('rehearse: none must not open a database')
})

async function diff(base: Record<string, string>, head: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'rg-migrations-history-'))
  try {
    await writeFiles(root, {
      ...Object.fromEntries(Object.entries(base).map(([k, v]) => [`base/${k}`, v])),
      ...Object.fromEntries(Object.entries(head).map(([k, v]) => [`head/${k}`, v])),
      'base/.keep': '',
      'head/.keep': ''
    })
    const changes = await noDatabase.diff('base', 'head', {
      baseRoot: root,
      headRoot: root,
      now: new Date(),
      settings: { rehearse: 'none' }
    })
    return changes.map((c) => `${c.level} ${c.id} ${c.file}:${c.line ?? '-'}`)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

const one = '-- +goose Up\nCREATE TABLE a (id bigint);\n-- +goose Down\nDROP TABLE a;\n'
const two = '-- +goose Up\nCREATE TABLE b (id bigint);\n-- +goose Down\nDROP TABLE b;\n'

describe('released history and unparsable migrations', () => {
  it('reports an edited and a deleted released migration', async () => {
    const found = await diff(
      { '00001_a.sql': one, '00002_b.sql': two },
      { '00001_a.sql': one.replace('bigint', 'int') }
    )
    expect(found).toContain('breaking migration-released-edited head/00001_a.sql:-')
    expect(found).toContain('breaking migration-released-deleted base/00002_b.sql:-')
  })

  it('reports a new migration numbered before the newest released one', async () => {
    const found = await diff(
      { '00001_a.sql': one, '00003_c.sql': two },
      { '00001_a.sql': one, '00003_c.sql': two, '00002_b.sql': two }
    )
    expect(found).toContain('warning migration-out-of-order head/00002_b.sql:-')
  })

  it('reports a syntax error at its line, and a migration without a down', async () => {
    const found = await diff(
      { '00001_a.sql': one },
      {
        '00001_a.sql': one,
        '00002_b.sql': '-- +goose Up\nCREATE TABLE b (id bigint);\nALTER TABLE b ADD COLUMN;\n'
      }
    )
    expect(found).toContain('breaking syntax-error head/00002_b.sql:3')
    expect(found).toContain('breaking migration-missing-down head/00002_b.sql:-')
    expect(found).toContain('warning migration-not-rehearsed head/00002_b.sql:-')
  })
})
