import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { localContractCheckPorts, runContractCheck } from '../../../src/wiring/contract.js'
import { ExitCode } from '../../../src/core/errors.js'
import { gitIn, repoWithRemote, writeFiles } from '../../support/git-fixtures.js'

const fixtures = fileURLToPath(new URL('./fixtures/goose/', import.meta.url))

describe('kind: migrations in .rollback-guard.yml', () => {
  it('compares the migrations folder with the last release tag, with the contract’s settings', async () => {
    const { work } = await repoWithRemote({
      '.rollback-guard.yml':
        'contracts:\n  - kind: migrations\n    path: db/migrations\n    name: schema\n    rehearse: none\n',
      'db/migrations/00001_create_users.sql': await readFile(
        join(fixtures, 'base/00001_create_users.sql'),
        'utf8'
      )
    })
    gitIn(work, 'tag', 'v1.0.0')
    await writeFiles(work, {
      'db/migrations/00002_drop_email.sql': await readFile(
        join(fixtures, 'head/00002_drop_email.sql'),
        'utf8'
      )
    })
    gitIn(work, 'add', '-A')
    gitIn(work, 'commit', '-q', '-m', 'drop email')
    const result = await runContractCheck({
      cwd: work,
      format: 'json',
      ports: localContractCheckPorts(work, () => undefined),
      now: new Date('2026-12-01T00:00:00Z')
    })
    expect(result.exitCode).toBe(ExitCode.found)
    expect(result.report.contracts).toEqual([
      { name: 'schema', kind: 'migrations', paths: ['db/migrations'], status: 'compared' }
    ])
    const found = result.report.changes.map((c) => `${c.id} ${c.file}:${c.line ?? '-'}`)
    expect(found).toContain('ban-drop-column db/migrations/00002_drop_email.sql:3')
    // rehearse: none from the config reaches the engine, and says so instead of passing.
    expect(found).toContain('migration-not-rehearsed db/migrations/00002_drop_email.sql:-')
  }, 120_000)
})
