import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { InputError, ServiceError } from '../../core/errors.js'
import type { RehearsalDatabase } from '../../contract/migrations/snapshot.js'
import { statementError } from './pglite.js'

const connectTimeoutMs = 10_000
const statementDeadlineMs = 10 * 60_000

/**
 * A real Postgres server: the rehearsal runs in a scratch database created for it (so the
 * server's own databases are never touched) and dropped afterwards. The user needs CREATEDB.
 */
export async function openPostgres(
  databaseUrl: string,
  log?: (message: string) => void
): Promise<RehearsalDatabase> {
  const url = parseUrl(databaseUrl)
  const where = `Postgres at ${url.host}`
  const admin = await connect(url.toString(), where)
  const name = `rollback_guard_rehearsal_${randomBytes(6).toString('hex')}`
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } catch (error) {
    await admin.end().catch(() => undefined)
    throw new ServiceError(
      `${where}: cannot create a scratch database for the rehearsal (${(error as Error).message}); give the user CREATEDB or rehearse on the embedded PGlite.`
    )
  }
  const scratch = new URL(url)
  scratch.pathname = `/${name}`
  let client: pg.Client
  try {
    client = await connect(scratch.toString(), where)
  } catch (error) {
    await dropScratch(admin, name, log)
    throw error
  }
  const version = (await client.query('SHOW server_version')).rows[0]?.server_version ?? '?'
  return {
    label: `${where} (Postgres ${String(version)})`,
    async run(sql) {
      try {
        await client.query(sql)
      } catch (error) {
        throw statementError(error)
      }
    },
    async query(sql) {
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[]
      } catch (error) {
        throw statementError(error)
      }
    },
    async close() {
      await client.end().catch(() => undefined)
      await dropScratch(admin, name, log)
    }
  }
}

async function dropScratch(admin: pg.Client, name: string, log?: (m: string) => void) {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  } catch (error) {
    log?.(`migrations: could not drop the scratch database ${name}: ${(error as Error).message}`)
  } finally {
    await admin.end().catch(() => undefined)
  }
}

function parseUrl(value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      '--database-url must be a URL like postgres://user:password@host:5432/postgres.'
    )
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InputError(
      `--database-url must start with postgres://, got ${url.protocol}//...; use a Postgres connection URL.`
    )
  }
  return url
}

async function connect(connectionString: string, where: string): Promise<pg.Client> {
  const { default: driver } = await import('pg')
  const client = new driver.Client({
    connectionString,
    connectionTimeoutMillis: connectTimeoutMs,
    // A deadline per statement: a rehearsal never hangs a CI job (a migration may still lower it).
    query_timeout: statementDeadlineMs,
    application_name: 'rollback-guard rehearsal'
  })
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    // The message never repeats the URL, so a password in it stays out of logs.
    throw new ServiceError(`${where}: cannot connect (${(error as Error).message}).`)
  }
  // A dropped connection surfaces on the next query; an unhandled 'error' event would crash.
  client.on('error', () => undefined)
  return client
}
