/**
 * A real Postgres for tests, from Debian's `postgresql` package: initdb in a temp dir, started with
 * pg_ctl on 127.0.0.1 and a free port, stopped by pid. Postgres refuses to run as root, so under
 * root the server runs as the package's `postgres` user (spawn's uid/gid, no shell, no sudo).
 *
 * With CI=true a missing package fails the suite; elsewhere the suite is skipped with a loud message.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = '/usr/lib/postgresql'

export function findPostgresBin(
  env: Record<string, string | undefined> = process.env
): string | null {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions[0]) return join(root, versions[0], 'bin')
  const message =
    'Postgres is not installed: the real-Postgres rehearsal tests need the Debian package (apt-get install -y postgresql)'
  if (env.CI === 'true') throw new Error(`${message}; CI=true, so this fails the suite`)
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! SKIPPING: ${message}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`
  )
  return null
}

export interface PostgresServer {
  url: string
  pid: number
  stop(): Promise<void>
}

/** uid/gid of the account to run as: ourselves, or `postgres` when we are root. */
function account(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  if (!line) throw new Error('running as root and there is no postgres user to run the server as')
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

function run(
  file: string,
  args: string[],
  as: { uid: number; gid: number } | null
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...(as ?? {}), cwd: '/', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${stderr || error.message}`))
      else resolve(stdout)
    })
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export async function startPostgres(bin: string): Promise<PostgresServer> {
  const as = account()
  const dir = await mkdtemp(join(tmpdir(), 'rollback-guard-pg-'))
  if (as) await chown(dir, as.uid, as.gid)
  const data = join(dir, 'data')
  await run(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    as
  )
  const port = await freePort()
  await run(
    join(bin, 'pg_ctl'),
    [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start'
    ],
    as
  )
  const pid = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid,
    async stop() {
      try {
        process.kill(pid, 'SIGINT')
      } catch {
        // already gone
      }
      for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100))
      await rm(dir, { recursive: true, force: true })
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
