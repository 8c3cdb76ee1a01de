// migrations: parse + rules on 500 migration files (ours via the CLI with --rehearse none, against
// squawk-cli's binary on the same files), and a rehearsal (up, down, compare, up again) of 200
// migrations from empty on PGlite and, when BENCH_DATABASE_URL names a server, on real Postgres.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { measure } from './support/measure.js'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const cli = join(root, 'dist/cli.js')
const squawk = join(root, 'node_modules/.bin/squawk')

/** Migration i of a plausible service history: tables, columns, indexes, a function now and then. */
function migration(i) {
  const t = `t${Math.floor(i / 4)}`
  switch (i % 4) {
    case 0:
      return [
        `CREATE TABLE ${t} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);`,
        `DROP TABLE ${t};`
      ]
    case 1:
      return [
        `SET lock_timeout = '2s';\nSET statement_timeout = '30s';\nALTER TABLE ${t} ADD COLUMN note text;\nALTER TABLE ${t} ADD COLUMN score bigint NOT NULL DEFAULT 0;`,
        `ALTER TABLE ${t} DROP COLUMN score;\nALTER TABLE ${t} DROP COLUMN note;`
      ]
    case 2:
      return [`CREATE INDEX ${t}_name_idx ON ${t} (name);`, `DROP INDEX ${t}_name_idx;`]
    default:
      return [
        `CREATE FUNCTION ${t}_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM ${t} $$;\nCREATE VIEW ${t}_recent AS SELECT * FROM ${t} WHERE created_at > now() - interval '1 day';`,
        `DROP VIEW ${t}_recent;\nDROP FUNCTION ${t}_count();`
      ]
  }
}

function writeDirs(base, count) {
  const goose = join(base, 'goose')
  const ups = join(base, 'ups')
  const empty = join(base, 'empty')
  for (const dir of [goose, ups, empty]) mkdirSync(dir, { recursive: true })
  for (let i = 0; i < count; i++) {
    const [up, down] = migration(i)
    const name = `${String(i + 1).padStart(5, '0')}_step`
    writeFileSync(join(goose, `${name}.sql`), `-- +goose Up\n${up}\n\n-- +goose Down\n${down}\n`)
    writeFileSync(join(ups, `${name}.up.sql`), `${up}\n`)
  }
  return { goose, ups, empty }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

export async function run() {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run bundle first')
  const base = join(tmpdir(), `rg-bench-migrations-${process.pid}`)
  try {
    const files = Number(process.env.BENCH_MIGRATION_FILES ?? 500)
    const dirs = writeDirs(join(base, 'lint'), files)
    const args = [
      'contract',
      'diff',
      '--kind',
      'migrations',
      '--base',
      dirs.empty,
      '--head',
      dirs.goose,
      '--format',
      'json',
      '--fail-on',
      'never'
    ]
    const ours = await measure(process.execPath, [cli, ...args, '--rehearse', 'none'])
    const theirs = existsSync(squawk)
      ? await measure(squawk, ['--reporter', 'json', join(dirs.ups, '*.up.sql')])
      : null
    console.log(
      `parse + rules, ${files} files: ours ${seconds(ours.wallMs)} (exit ${ours.code})${theirs ? `, squawk ${seconds(theirs.wallMs)}; ours/squawk ${(ours.wallMs / theirs.wallMs).toFixed(2)}x` : ''}`
    )

    const steps = Number(process.env.BENCH_REHEARSAL_MIGRATIONS ?? 200)
    const history = writeDirs(join(base, 'rehearse'), steps)
    const rehearse = [
      'contract',
      'diff',
      '--kind',
      'migrations',
      '--base',
      history.empty,
      '--head',
      history.goose,
      '--format',
      'json',
      '--fail-on',
      'never',
      '--rehearse',
      'all'
    ]
    const pglite = await measure(process.execPath, [cli, ...rehearse])
    const rehearsed = /rehearsed (\d+) of (\d+)/.exec(pglite.stderr)
    console.log(
      `rehearsal of ${steps} migrations on PGlite: ${seconds(pglite.wallMs)} (${rehearsed ? `${rehearsed[1]}/${rehearsed[2]} rehearsed` : pglite.stderr.trim()})`
    )
    const url = process.env.BENCH_DATABASE_URL
    if (url) {
      const real = await measure(process.execPath, [cli, ...rehearse, '--database-url', url])
      const done = /rehearsed (\d+) of (\d+)/.exec(real.stderr)
      console.log(
        `rehearsal of ${steps} migrations on Postgres: ${seconds(real.wallMs)} (${done ? `${done[1]}/${done[2]} rehearsed` : real.stderr.trim()}); PGlite/Postgres ${(pglite.wallMs / real.wallMs).toFixed(2)}x`
      )
    } else {
      console.log(
        'rehearsal on Postgres: skipped (set BENCH_DATABASE_URL=postgres://... to a server that allows CREATE DATABASE)'
      )
    }
  } finally {
    await rm(base, { recursive: true, force: true })
  }
}
