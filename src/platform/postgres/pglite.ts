import {
  RehearsalStatementError,
  type RehearsalDatabase
} from '../../contract/migrations/snapshot.js'

/** An empty in-memory Postgres (PGlite, WASM, in process): no server, no network. */
export async function openPglite(): Promise<RehearsalDatabase> {
  // Loaded on first use: its WASM files sit beside its code, so bundles keep it external.
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create()
  const version =
    (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ??
    '?'
  return {
    label: `PGlite (Postgres ${version})`,
    async run(sql) {
      try {
        await db.exec(sql)
      } catch (error) {
        throw statementError(error)
      }
    },
    async query(sql) {
      try {
        return (await db.query<Record<string, unknown>>(sql)).rows
      } catch (error) {
        throw statementError(error)
      }
    },
    close: () => db.close()
  }
}

export function statementError(error: unknown): RehearsalStatementError {
  const code = (error as { code?: unknown }).code
  return new RehearsalStatementError(
    error instanceof Error ? error.message : String(error),
    typeof code === 'string' ? code : null
  )
}
