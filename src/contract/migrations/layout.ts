import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../../core/errors.js'

export const migrationTools = ['goose', 'golang-migrate', 'dbmate', 'flyway'] as const
export type MigrationTool = (typeof migrationTools)[number]

/** One direction of a migration: the SQL text and where it sits in its file. */
export interface MigrationScript {
  /** File relative to the migrations directory. */
  file: string
  sql: string
  /** Lines of the file before `sql` starts (0 when the script is the whole file). */
  lineOffset: number
  /** The tool runs it outside a transaction (`-- +goose NO TRANSACTION`, `transaction:false`). */
  noTransaction: boolean
}

export interface Migration {
  version: string
  name: string
  up: MigrationScript
  down: MigrationScript | null
  /** sha256 over the up and down texts, to notice edits to a released migration. */
  checksum: string
}

export interface MigrationSet {
  tool: MigrationTool
  /** Migrations in the order the tool applies them. */
  migrations: Migration[]
  /** Files the tool would not run (Flyway repeatable migrations), so the report can say so. */
  skipped: string[]
}

export interface SqlFile {
  name: string
  text: string
}

/** Reads the `.sql` files of one migrations directory (not recursive: every tool here is flat). */
export async function readSqlFiles(dir: string): Promise<SqlFile[]> {
  let names: string[]
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.sql'))
      .map((e) => e.name)
      .sort()
  } catch (error) {
    throw new InputError(
      `migrations: cannot read the directory ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass the folder that holds the .sql migrations.`
    )
  }
  return Promise.all(
    names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') }))
  )
}

const flywayName = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/
const migrateName = /^(\d+)_(.+)\.(up|down)\.sql$/
const numberedName = /^(\d+)_(.+)\.sql$/
const gooseMarker = /^--\s*\+goose\s+(up|down)\b/im
const dbmateMarker = /^--\s*migrate:(up|down)\b/im

/** Which tool wrote the directory, from the file names and markers; `override` wins. */
export function detectTool(
  files: readonly SqlFile[],
  dir: string,
  override?: unknown
): MigrationTool {
  if (override !== undefined && override !== null && override !== 'auto') {
    if ((migrationTools as readonly unknown[]).includes(override)) return override as MigrationTool
    throw new InputError(
      `migrations: tool '${String(override)}' for ${dir} is unknown; use one of ${migrationTools.join(', ')} or auto.`
    )
  }
  const found = new Set<MigrationTool>()
  for (const file of files) {
    if (flywayName.test(file.name) || /^R__.+\.sql$/.test(file.name)) found.add('flyway')
    else if (migrateName.test(file.name)) found.add('golang-migrate')
    else if (gooseMarker.test(file.text)) found.add('goose')
    else if (dbmateMarker.test(file.text)) found.add('dbmate')
  }
  if (found.size === 1) return [...found][0] as MigrationTool
  if (found.size === 0) {
    throw new InputError(
      `migrations: ${dir} holds no goose, golang-migrate, dbmate or Flyway migrations${files.length === 0 ? ' (no .sql files)' : ''}; point the contract at the migrations folder or set \`tool:\`.`
    )
  }
  throw new InputError(
    `migrations: ${dir} mixes ${[...found].join(' and ')} migrations; set \`tool:\` on the contract to say which one runs them.`
  )
}

/** The migrations of a directory in apply order. */
export function readMigrationSet(
  files: readonly SqlFile[],
  dir: string,
  override?: unknown
): MigrationSet {
  const tool = detectTool(files, dir, override)
  const set = {
    goose: gooseSet,
    dbmate: dbmateSet,
    'golang-migrate': migrateSet,
    flyway: flywaySet
  }[tool](files, dir)
  set.migrations.sort((a, b) => compareVersions(a.version, b.version))
  const seen = new Map<string, string>()
  for (const m of set.migrations) {
    const other = seen.get(m.version)
    if (other !== undefined) {
      throw new InputError(
        `migrations: ${dir}/${m.up.file} and ${dir}/${other} have the same version ${m.version}; renumber one of them.`
      )
    }
    seen.set(m.version, m.up.file)
  }
  return { tool, ...set }
}

type Partial = Omit<MigrationSet, 'tool'>

/** goose and dbmate: one file per migration, split by marker comments. */
function markedSet(
  files: readonly SqlFile[],
  dir: string,
  marker: RegExp,
  noTransaction: (header: string) => boolean,
  tool: string
): Partial {
  const migrations: Migration[] = []
  const skipped: string[] = []
  for (const file of files) {
    const match = numberedName.exec(file.name)
    if (!match) {
      skipped.push(file.name)
      continue
    }
    if (!new RegExp(marker.source, 'im').test(file.text)) {
      throw new InputError(
        `migrations: ${dir}/${file.name} has no ${tool} marker, so ${tool.split(' ')[0]} would refuse it; add the marker or move the file out of the migrations folder.`
      )
    }
    const sections = splitSections(file, marker)
    const up = sections.get('up')
    if (!up) {
      throw new InputError(
        `migrations: ${dir}/${file.name} has no Up section; start the migration with the ${tool} Up marker.`
      )
    }
    const down = sections.get('down')
    const flagged = noTransaction(file.text)
    migrations.push(
      migration(
        match[1] as string,
        match[2] as string,
        { ...up, noTransaction: flagged },
        down ? { ...down, noTransaction: flagged } : null
      )
    )
  }
  return { migrations, skipped }
}

function gooseSet(files: readonly SqlFile[], dir: string): Partial {
  return markedSet(
    files,
    dir,
    /^--\s*\+goose\s+(up|down)\b.*$/gim,
    (text) => /^--\s*\+goose\s+NO\s+TRANSACTION\b/im.test(text),
    'goose (`-- +goose Up`)'
  )
}

function dbmateSet(files: readonly SqlFile[], dir: string): Partial {
  return markedSet(
    files,
    dir,
    /^--\s*migrate:(up|down)\b.*$/gim,
    (text) => /^--\s*migrate:(up|down)\b.*transaction:false/im.test(text),
    'dbmate (`-- migrate:up`)'
  )
}

/** The text after each marker line up to the next marker, blank where the file has nothing. */
function splitSections(
  file: SqlFile,
  marker: RegExp
): Map<'up' | 'down', Omit<MigrationScript, 'noTransaction'>> {
  const out = new Map<'up' | 'down', Omit<MigrationScript, 'noTransaction'>>()
  const matches = [...file.text.matchAll(new RegExp(marker.source, 'gim'))]
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length
    const end = matches[i + 1]?.index ?? file.text.length
    const direction = (m[1] as string).toLowerCase() as 'up' | 'down'
    const lineOffset = countLines(file.text.slice(0, start))
    const previous = out.get(direction)
    const sql = file.text.slice(start, end)
    out.set(
      direction,
      previous ? { ...previous, sql: previous.sql + sql } : { file: file.name, sql, lineOffset }
    )
  })
  return out
}

function migrateSet(files: readonly SqlFile[], dir: string): Partial {
  const byVersion = new Map<string, { name: string; up?: SqlFile; down?: SqlFile }>()
  const skipped: string[] = []
  for (const file of files) {
    const match = migrateName.exec(file.name)
    if (!match) {
      skipped.push(file.name)
      continue
    }
    const entry = byVersion.get(match[1] as string) ?? { name: match[2] as string }
    entry[match[3] as 'up' | 'down'] = file
    byVersion.set(match[1] as string, entry)
  }
  const migrations: Migration[] = []
  for (const [version, entry] of byVersion) {
    if (!entry.up) {
      throw new InputError(
        `migrations: ${dir}/${entry.down?.name} has no matching .up.sql; add ${version}_${entry.name}.up.sql or remove the down file.`
      )
    }
    migrations.push(
      migration(version, entry.name, whole(entry.up), entry.down ? whole(entry.down) : null)
    )
  }
  return { migrations, skipped }
}

function flywaySet(files: readonly SqlFile[], dir: string): Partial {
  const ups = new Map<string, { name: string; file: SqlFile }>()
  const undos = new Map<string, SqlFile>()
  const skipped: string[] = []
  for (const file of files) {
    const match = flywayName.exec(file.name)
    if (!match) {
      skipped.push(file.name)
      continue
    }
    const version = (match[2] as string).replace(/_/g, '.')
    if (match[1] === 'V') ups.set(version, { name: match[3] as string, file })
    else undos.set(version, file)
  }
  for (const [version, undo] of undos) {
    if (!ups.has(version)) {
      throw new InputError(
        `migrations: ${dir}/${undo.name} undoes version ${version}, which has no V${version}__ migration; fix the version or remove the undo file.`
      )
    }
  }
  const migrations = [...ups].map(([version, { name, file }]) => {
    const undo = undos.get(version)
    return migration(version, name, whole(file), undo ? whole(undo) : null)
  })
  return { migrations, skipped }
}

function whole(file: SqlFile): MigrationScript {
  return { file: file.name, sql: file.text, lineOffset: 0, noTransaction: false }
}

function migration(
  version: string,
  name: string,
  up: MigrationScript,
  down: MigrationScript | null
): Migration {
  const checksum = createHash('sha256')
    .update(up.sql)
    .update('\0')
    .update(down?.sql ?? '')
    .digest('hex')
  return { version, name, up, down, checksum }
}

function countLines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** Numeric, segment by segment (Flyway's 1.10 > 1.9; goose timestamps compare as numbers). */
export function compareVersions(a: string, b: string): number {
  const as = a.split('.')
  const bs = b.split('.')
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = BigInt(as[i] ?? '0')
    const y = BigInt(bs[i] ?? '0')
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}
