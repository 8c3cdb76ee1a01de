import path from 'node:path'
import type { Change, ChangeLevel } from '../../core/change.js'
import type { ContractEngine } from '../../core/engine.js'
import { InputError } from '../../core/errors.js'
import { fingerprintOf } from '../../core/fingerprint.js'
import type { Finding } from './finding.js'
import { compareHistory } from './history.js'
import { readMigrationSet, readSqlFiles, type Migration, type MigrationSet } from './layout.js'
import { lintDown, lintUp, upEffects } from './lint.js'
import { parseScript, type Statement } from './parse.js'
import { rehearse, type ParsedMigration } from './rehearse.js'
import { migrationRule, migrationRules } from './rules.js'
import type { RehearsalDatabase } from './snapshot.js'

export const rehearsalModes = ['new', 'all', 'none'] as const
export type RehearsalMode = (typeof rehearsalModes)[number]

/** Opens an empty database for one rehearsal; `databaseUrl` null means the embedded one. */
export type OpenRehearsalDatabase = (options: {
  databaseUrl: string | null
  log?: (message: string) => void
}) => Promise<RehearsalDatabase>

export interface MigrationsSettings {
  /** goose | golang-migrate | dbmate | flyway | auto (default). */
  tool?: unknown
  /** new (default): rehearse the migrations the base lacks; all: every migration from empty; none. */
  rehearse?: unknown
  /** A Postgres server to rehearse on instead of the embedded PGlite. */
  databaseUrl?: unknown
}

/** The `migrations` contract kind: static rules, history rules and a rehearsal on a database. */
export function createMigrationsEngine(openDatabase: OpenRehearsalDatabase): ContractEngine {
  return {
    kind: 'migrations',
    rules: migrationRules,
    async diff(basePath, headPath, options) {
      const settings = (options.settings ?? {}) as MigrationsSettings
      const baseDir = path.resolve(options.baseRoot, basePath)
      const headDir = path.resolve(options.headRoot, headPath)
      const headSet = readMigrationSet(await readSqlFiles(headDir), headPath, settings.tool)
      const baseFiles = await readSqlFiles(baseDir)
      const baseSet: MigrationSet =
        baseFiles.length === 0
          ? { tool: headSet.tool, migrations: [], skipped: [] }
          : readMigrationSet(baseFiles, basePath, settings.tool ?? headSet.tool)
      const mode = rehearsalMode(settings.rehearse)
      const history = compareHistory(baseSet, headSet)
      const findings: Finding[] = [...history.headFindings]
      const parsed = await Promise.all(history.fresh.map(parseMigration))
      for (const m of parsed) findings.push(...lintMigration(m, headSet))
      if (mode === 'none') {
        for (const m of parsed)
          findings.push(notRehearsed(m.migration, 'rehearsal is turned off (rehearse: none)'))
      } else {
        const applied =
          mode === 'all' ? [] : await Promise.all(baseSet.migrations.map(parseMigration))
        const rehearsing =
          mode === 'all' ? await Promise.all(headSet.migrations.map(parseMigration)) : parsed
        const databaseUrl =
          typeof settings.databaseUrl === 'string' && settings.databaseUrl !== ''
            ? settings.databaseUrl
            : null
        const db = await openDatabase({ databaseUrl, log: options.log })
        try {
          const result = await rehearse(db, applied, rehearsing, options.log)
          options.log?.(
            `migrations: rehearsed ${result.rehearsed.length} of ${rehearsing.length} migration(s) on ${db.label} in ${result.timings.rehearseMs} ms`
          )
          findings.push(...result.findings)
        } finally {
          await db.close()
        }
      }
      const toChange = (root: string, dir: string) => (f: Finding) => change(f, root, dir)
      return [
        ...history.baseFindings.map(toChange(options.baseRoot, baseDir)),
        ...findings.map(toChange(options.headRoot, headDir))
      ]
    }
  }
}

async function parseMigration(
  migration: Migration
): Promise<ParsedMigration & { errors: Finding[] }> {
  const errors: Finding[] = []
  const parseOne = async (script: Migration['up'] | null): Promise<Statement[] | null> => {
    if (!script) return null
    const parsed = await parseScript(script)
    if (parsed.ok) return parsed.statements
    errors.push({
      id: 'syntax-error',
      message: `${script.file} does not parse: ${parsed.message}`,
      file: script.file,
      line: parsed.line,
      symbol: migration.version
    })
    return null
  }
  return {
    migration,
    up: await parseOne(migration.up),
    down: await parseOne(migration.down),
    errors
  }
}

function lintMigration(m: ParsedMigration & { errors: Finding[] }, set: MigrationSet): Finding[] {
  const { migration } = m
  const out = [...m.errors]
  if (m.up) out.push(...lintUp(migration, m.up, set.tool))
  const emptyDown = m.down !== null && m.down.length === 0
  if (!migration.down || emptyDown) {
    out.push({
      id: 'migration-missing-down',
      message: `migration ${migration.version} (${migration.up.file}) has ${emptyDown ? 'an empty down' : 'no down'}, so it cannot be rolled back with ${set.tool}`,
      file: migration.down?.file ?? migration.up.file,
      line: migration.down ? migration.down.lineOffset : null,
      symbol: migration.version
    })
  } else if (m.up && m.down) {
    out.push(...lintDown(migration, m.down, upEffects(m.up)))
  }
  return out
}

function notRehearsed(migration: Migration, reason: string): Finding {
  return {
    id: 'migration-not-rehearsed',
    message: `migration ${migration.version} not rehearsed: ${reason}`,
    file: migration.up.file,
    line: null,
    symbol: migration.version
  }
}

function rehearsalMode(value: unknown): RehearsalMode {
  if (value === undefined || value === null) return 'new'
  if ((rehearsalModes as readonly unknown[]).includes(value)) return value as RehearsalMode
  throw new InputError(
    `migrations: rehearse must be one of ${rehearsalModes.join(', ')}, got '${String(value)}'.`
  )
}

function change(finding: Finding, root: string, dir: string): Change {
  const rule = migrationRule(finding.id)
  const level: ChangeLevel = finding.level ?? rule.level
  const file = path.relative(root, path.join(dir, finding.file)).split(path.sep).join('/')
  const advice = level === 'breaking' && rule.alternative ? ` Safer: ${rule.alternative}.` : ''
  return {
    kind: 'migrations',
    id: finding.id,
    level,
    message: `${finding.message}.${advice}`,
    operation: null,
    symbol: finding.symbol,
    file,
    line: finding.line,
    ignored: false,
    fingerprint: fingerprintOf({
      kind: 'migrations',
      id: finding.id,
      symbol: finding.symbol,
      subject: file
    })
  }
}
