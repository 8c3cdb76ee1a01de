import { describe, expect, it } from '@jest/globals'
import { readMigrationSet } from '../../../src/contract/migrations/layout.js'
import { lintDown, lintUp, upEffects } from '../../../src/contract/migrations/lint.js'
import { parseScript, type Statement } from '../../../src/contract/migrations/parse.js'
import { migrationRules } from '../../../src/contract/migrations/rules.js'

async function statements(sql: string): Promise<Statement[]> {
  const parsed = await parseScript({ file: 'm.sql', sql, lineOffset: 0, noTransaction: false })
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.statements
}

/** The rule ids the up of a golang-migrate migration triggers (timeouts set, so they stay quiet). */
async function ids(sql: string): Promise<string[]> {
  const set = readMigrationSet([{ name: '1_m.up.sql', text: sql }], 'db')
  const m = set.migrations[0]!
  const found = lintUp(
    m,
    await statements(`SET lock_timeout = '1s'; SET statement_timeout = '1s';\n${sql}`),
    set.tool
  )
  return found.map((f) => (f.level ? `${f.id}:${f.level}` : f.id)).sort()
}

describe('rules on the up of a new migration', () => {
  it.each([
    ['ALTER TABLE users DROP COLUMN email;', ['ban-drop-column']],
    ['DROP TABLE users;', ['ban-drop-table']],
    ['ALTER TABLE users RENAME COLUMN email TO mail;', ['renaming-column']],
    ['ALTER TABLE users RENAME TO people;', ['renaming-table']],
    ['ALTER TABLE users ALTER COLUMN age TYPE smallint;', ['changing-column-type']],
    ['ALTER TABLE users ALTER COLUMN name TYPE text;', ['changing-column-type:warning']],
    [
      'ALTER TABLE users ADD COLUMN age bigint NOT NULL;',
      ['adding-required-field', 'migration-column-added']
    ],
    ['ALTER TABLE users ADD COLUMN age bigint NOT NULL DEFAULT 0;', ['migration-column-added']],
    ['ALTER TABLE users ALTER COLUMN age SET NOT NULL;', ['adding-not-nullable-field']],
    ['ALTER TABLE users ALTER COLUMN age DROP DEFAULT;', ['migration-drop-default']],
    ['ALTER TABLE users ALTER COLUMN age DROP NOT NULL;', ['ban-drop-not-null']],
    [
      'ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0);',
      ['constraint-missing-not-valid', 'migration-constraint-rejects-old-writes']
    ],
    [
      'ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0) NOT VALID;',
      ['migration-constraint-rejects-old-writes']
    ],
    [
      'ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);',
      [
        'constraint-missing-not-valid',
        'disallowed-unique-constraint',
        'migration-constraint-rejects-old-writes'
      ]
    ],
    [
      'ALTER TABLE users ADD CONSTRAINT u UNIQUE USING INDEX users_email;',
      ['migration-constraint-rejects-old-writes']
    ],
    [
      'ALTER TABLE users ADD CONSTRAINT f FOREIGN KEY (org) REFERENCES orgs (id);',
      [
        'adding-foreign-key-constraint',
        'constraint-missing-not-valid',
        'migration-constraint-rejects-old-writes'
      ]
    ],
    [
      'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();',
      ['adding-field-with-default', 'migration-column-added']
    ],
    ['ALTER TABLE users ADD COLUMN seen timestamptz DEFAULT now();', ['migration-column-added']],
    [
      'CREATE INDEX users_age ON users (age);',
      ['migration-index-added', 'require-concurrent-index-creation']
    ],
    ['CREATE INDEX CONCURRENTLY users_age ON users (age);', ['migration-index-added']],
    [
      'BEGIN; CREATE INDEX CONCURRENTLY users_age ON users (age); COMMIT;',
      ['ban-concurrent-index-creation-in-transaction', 'migration-index-added']
    ],
    ['DROP INDEX users_age;', ['require-concurrent-index-deletion']],
    ['DROP DATABASE app;', ['ban-drop-database']],
    ['TRUNCATE users CASCADE;', ['ban-truncate-cascade']],
    [
      'CREATE TABLE orders (id bigint NOT NULL); ALTER TABLE orders ADD COLUMN total bigint NOT NULL; CREATE INDEX o ON orders (total);',
      ['migration-column-added', 'migration-index-added', 'migration-table-added']
    ]
  ])('%s', async (sql, expected) => {
    expect(await ids(sql)).toEqual([...expected].sort())
  })

  it('asks for lock_timeout and statement_timeout once, at the first locking statement', async () => {
    const set = readMigrationSet([{ name: '1_m.up.sql', text: '' }], 'db')
    const sql =
      'CREATE TABLE t (id int);\nALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;'
    const found = lintUp(set.migrations[0]!, await statements(sql), 'golang-migrate').filter((f) =>
      f.id.startsWith('require-')
    )
    expect(found.map((f) => `${f.id}:${f.line}`)).toEqual([
      'require-lock-timeout:2',
      'require-statement-timeout:2'
    ])
  })

  it('knows goose wraps an up in a transaction unless told NO TRANSACTION', async () => {
    const text = (flag: string) =>
      `${flag}-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\nDROP INDEX i;\n`
    for (const [flag, expected] of [
      ['', true],
      ['-- +goose NO TRANSACTION\n', false]
    ] as const) {
      const set = readMigrationSet([{ name: '1_m.sql', text: text(flag) }], 'db')
      const m = set.migrations[0]!
      const found = lintUp(
        m,
        (await parseScript(m.up)).ok
          ? ((await parseScript(m.up)) as { statements: Statement[] }).statements
          : [],
        'goose'
      )
      expect(found.some((f) => f.id === 'ban-concurrent-index-creation-in-transaction')).toBe(
        expected
      )
    }
  })
})

describe('rules on the down', () => {
  async function downIds(up: string, down: string): Promise<string[]> {
    const set = readMigrationSet(
      [
        { name: '1_m.up.sql', text: up },
        { name: '1_m.down.sql', text: down }
      ],
      'db'
    )
    return lintDown(
      set.migrations[0]!,
      await statements(down),
      upEffects(await statements(up))
    ).map((f) => `${f.id} ${f.symbol}`)
  }

  it('accepts a down that drops only what its up created and left empty', async () => {
    expect(
      await downIds(
        'ALTER TABLE users ADD COLUMN nick text; CREATE TABLE tags (id int);',
        'ALTER TABLE users DROP COLUMN nick; DROP TABLE tags;'
      )
    ).toEqual([])
  })

  it('flags a down that drops data the up did not create or backfilled', async () => {
    expect(
      await downIds(
        'ALTER TABLE users ADD COLUMN nick text; UPDATE users SET nick = name; CREATE TABLE tags (id int); INSERT INTO tags VALUES (1);',
        'ALTER TABLE users DROP COLUMN nick; DROP TABLE tags; ALTER TABLE users DROP COLUMN name; DROP TABLE orders;'
      )
    ).toEqual([
      'migration-down-loses-data column users.nick',
      'migration-down-loses-data table tags',
      'migration-down-loses-data column users.name',
      'migration-down-loses-data table orders'
    ])
  })
})

describe('the rule list', () => {
  it('gives every rule a unique id, a level, a reason, and every breaking rule of ours its safer way', () => {
    const idList = migrationRules.map((r) => r.id)
    expect(new Set(idList).size).toBe(idList.length)
    for (const rule of migrationRules) {
      expect(rule.kind).toBe('migrations')
      expect(rule.reason.length).toBeGreaterThan(20)
      if (rule.level === 'breaking' && rule.categories?.includes('previous-release'))
        expect(rule.alternative).toMatch(/expand\/contract|release/)
    }
  })
})
