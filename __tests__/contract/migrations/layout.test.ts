import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/core/errors.js'
import { readMigrationSet, type SqlFile } from '../../../src/contract/migrations/layout.js'
import { parseScript } from '../../../src/contract/migrations/parse.js'

const goose: SqlFile[] = [
  {
    name: '20240102030405_add_orders.sql',
    text: '-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE orders (id int);\n-- +goose StatementEnd\n\n-- +goose Down\nDROP TABLE orders;\n'
  },
  {
    name: '20240101000000_init.sql',
    text: '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n'
  }
]

describe('migration directories', () => {
  it('reads goose files in version order, with the up and down split and NO TRANSACTION noticed', () => {
    const set = readMigrationSet(goose, 'db')
    expect(set.tool).toBe('goose')
    expect(set.migrations.map((m) => m.version)).toEqual(['20240101000000', '20240102030405'])
    expect(set.migrations[0]?.up.noTransaction).toBe(true)
    expect(set.migrations[0]?.down).toBeNull()
    expect(set.migrations[1]?.down?.sql.trim()).toBe('DROP TABLE orders;')
  })

  it('reads every file of a long goose directory', () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      name: `${String(i + 1).padStart(5, '0')}_m.sql`,
      text: `-- +goose Up\nCREATE TABLE t${i} (id int);\n-- +goose Down\nDROP TABLE t${i};\n`
    }))
    expect(readMigrationSet(files, 'db').migrations).toHaveLength(12)
    const unmarked = [...files, { name: '00013_oops.sql', text: 'CREATE TABLE x (id int);' }]
    expect(() => readMigrationSet(unmarked, 'db')).toThrow(
      /db\/00013_oops.sql has no goose .* marker/
    )
  })

  it('maps statement positions to the lines of the file', async () => {
    const set = readMigrationSet(goose, 'db')
    const up = await parseScript(set.migrations[1]!.up)
    const down = await parseScript(set.migrations[1]!.down!)
    expect(up.ok && up.statements.map((s) => [s.type, s.line])).toEqual([['CreateStmt', 3]])
    expect(down.ok && down.statements.map((s) => [s.type, s.line])).toEqual([['DropStmt', 7]])
  })

  it('pairs golang-migrate .up.sql and .down.sql files', () => {
    const set = readMigrationSet(
      [
        { name: '000002_b.up.sql', text: 'SELECT 2;' },
        { name: '000001_a.up.sql', text: 'SELECT 1;' },
        { name: '000001_a.down.sql', text: 'SELECT 0;' }
      ],
      'db'
    )
    expect(set.tool).toBe('golang-migrate')
    expect(set.migrations.map((m) => [m.version, m.down?.file ?? null])).toEqual([
      ['000001', '000001_a.down.sql'],
      ['000002', null]
    ])
  })

  it('reads dbmate markers and transaction:false', () => {
    const set = readMigrationSet(
      [
        {
          name: '20230101_x.sql',
          text: '-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nSELECT 0;\n'
        }
      ],
      'db'
    )
    expect(set.tool).toBe('dbmate')
    expect(set.migrations[0]?.up.noTransaction).toBe(true)
    expect(set.migrations[0]?.down?.lineOffset).toBe(2)
  })

  it('orders Flyway versions numerically, pairs undo files and skips repeatables', () => {
    const set = readMigrationSet(
      [
        { name: 'V1_10__late.sql', text: 'SELECT 10;' },
        { name: 'V1_9__early.sql', text: 'SELECT 9;' },
        { name: 'U1_9__early.sql', text: 'SELECT -9;' },
        { name: 'R__views.sql', text: 'SELECT 0;' }
      ],
      'db'
    )
    expect(set.tool).toBe('flyway')
    expect(set.migrations.map((m) => `${m.version}:${m.down ? 'undo' : '-'}`)).toEqual([
      '1.9:undo',
      '1.10:-'
    ])
    expect(set.skipped).toEqual(['R__views.sql'])
  })

  it('refuses a directory with no recognisable migrations, naming it and the fix', () => {
    expect(() =>
      readMigrationSet([{ name: 'schema.sql', text: 'SELECT 1;' }], 'db/schema')
    ).toThrow(InputError)
    expect(() =>
      readMigrationSet([{ name: 'schema.sql', text: 'SELECT 1;' }], 'db/schema')
    ).toThrow(/db\/schema .*set `tool:`/)
  })

  it('honours an explicit tool and rejects an unknown one', () => {
    expect(readMigrationSet(goose, 'db', 'goose').tool).toBe('goose')
    expect(() => readMigrationSet(goose, 'db', 'liquibase')).toThrow(/tool 'liquibase' .* unknown/)
  })
})
