import type { Finding } from './finding.js'
import type { Migration } from './layout.js'
import type { Statement } from './parse.js'
import {
  compareSnapshots,
  describeDifference,
  RehearsalStatementError,
  snapshotSchema,
  type RehearsalDatabase
} from './snapshot.js'

/** A migration with its parsed scripts (null when a script did not parse: it is not run). */
export interface ParsedMigration {
  migration: Migration
  up: Statement[] | null
  down: Statement[] | null
}

export interface RehearsalResult {
  findings: Finding[]
  /** Versions whose up, down, compare and re-apply all ran. */
  rehearsed: string[]
  timings: { applyBaseMs: number; rehearseMs: number }
}

/** Errors that mean "this database cannot do that" (a missing extension), not "the migration is wrong". */
const unsupportedText =
  /extension .* is not available|could not open extension control file|could not access file/i

/**
 * Applies the base migrations, then for each new one: snapshot, up, down, compare, up again.
 * Once a migration could not be run, later ones are reported as not rehearsed, never passed.
 */
export async function rehearse(
  db: RehearsalDatabase,
  base: readonly ParsedMigration[],
  fresh: readonly ParsedMigration[],
  log?: (message: string) => void
): Promise<RehearsalResult> {
  const findings: Finding[] = []
  const rehearsed: string[] = []
  const started = Date.now()
  let blocked: string | null = null
  for (const m of base) {
    if (!m.up) {
      blocked = `released migration ${m.migration.version} does not parse`
      break
    }
    const failure = await runScript(db, m.up)
    if (failure) {
      blocked = `released migration ${m.migration.version} fails on ${db.label} (${m.migration.up.file}:${failure.statement.line}: ${failure.error.message})`
      break
    }
  }
  const applied = Date.now()
  log?.(
    `migrations: ${base.length} released migration(s) applied on ${db.label} in ${applied - started} ms`
  )
  for (const m of fresh) {
    const { migration } = m
    const notRehearsed = (reason: string, file = migration.up.file, line: number | null = null) =>
      findings.push({
        id: 'migration-not-rehearsed',
        message: `migration ${migration.version} not rehearsed: ${reason}`,
        file,
        line,
        symbol: migration.version
      })
    if (blocked) {
      notRehearsed(blocked)
      continue
    }
    if (!m.up) {
      notRehearsed('its up does not parse')
      blocked = `migration ${migration.version} before it could not be applied`
      continue
    }
    const before = await snapshotSchema(db)
    const upFailure = await runScript(db, m.up)
    if (upFailure) {
      const { statement, error } = upFailure
      if (isUnsupported(error))
        notRehearsed(
          `${db.label} cannot run it (${error.message})`,
          migration.up.file,
          statement.line
        )
      else
        findings.push(
          failed('migration-up-fails', migration, migration.up.file, statement, error, 'the up')
        )
      blocked = `migration ${migration.version} before it could not be applied`
      continue
    }
    if (!m.down || !migration.down) {
      // migration-missing-down reports it; the schema stays as the up left it.
      continue
    }
    const downFailure = await runScript(db, m.down)
    if (downFailure) {
      const { statement, error } = downFailure
      if (isUnsupported(error))
        notRehearsed(
          `${db.label} cannot run its down (${error.message})`,
          migration.down.file,
          statement.line
        )
      else
        findings.push(
          failed(
            'migration-down-fails',
            migration,
            migration.down.file,
            statement,
            error,
            'the down'
          )
        )
      blocked = `the down of migration ${migration.version} before it could not be applied`
      continue
    }
    const after = await snapshotSchema(db)
    const downLine = m.down[0]?.line ?? migration.down.lineOffset + 1
    for (const difference of compareSnapshots(before, after)) {
      findings.push({
        id: 'migration-down-not-restoring',
        message: `the down of migration ${migration.version} does not restore the schema: ${describeDifference(difference)}`,
        file: migration.down.file,
        line: downLine,
        symbol: difference.object
      })
    }
    const again = await runScript(db, m.up)
    if (again) {
      findings.push(
        failed(
          'migration-reapply-fails',
          migration,
          migration.up.file,
          again.statement,
          again.error,
          'the up, applied again after its down,'
        )
      )
      blocked = `migration ${migration.version} before it could not be re-applied`
      continue
    }
    rehearsed.push(migration.version)
  }
  return {
    findings,
    rehearsed,
    timings: { applyBaseMs: applied - started, rehearseMs: Date.now() - applied }
  }
}

function failed(
  id: string,
  migration: Migration,
  file: string,
  statement: Statement,
  error: Error,
  what: string
): Finding {
  return {
    id,
    message: `${what} of migration ${migration.version} fails: ${error.message}`,
    file,
    line: statement.line,
    symbol: migration.version
  }
}

function isUnsupported(error: Error): boolean {
  return unsupportedText.test(error.message)
}

async function runScript(
  db: RehearsalDatabase,
  statements: readonly Statement[]
): Promise<{ statement: Statement; error: Error } | null> {
  for (const statement of statements) {
    try {
      await db.run(statement.sql)
    } catch (error) {
      if (!(error instanceof RehearsalStatementError)) throw error
      // A failed statement inside an explicit BEGIN leaves the transaction aborted.
      await db.run('ROLLBACK').catch(() => undefined)
      return { statement, error }
    }
  }
  return null
}
