import { InputError } from '../../core/errors.js'
import type { MigrationScript } from './layout.js'

/** A raw node of the Postgres parse tree: `{ AlterTableStmt: {...} }`. */
export type PgNode = Record<string, unknown>

export interface Statement {
  /** The node type (`AlterTableStmt`) and its body. */
  type: string
  node: Record<string, unknown>
  /** The statement's SQL, without the leading comments and blank lines. */
  sql: string
  /** 1-based line in the migration file. */
  line: number
}

export type ParsedScript =
  { ok: true; statements: Statement[] } | { ok: false; message: string; line: number }

/** Parses one up or down script with Postgres' own parser; positions become file lines. */
export async function parseScript(script: MigrationScript): Promise<ParsedScript> {
  const bytes = Buffer.from(script.sql, 'utf8')
  const lineAt = (byteOffset: number) =>
    script.lineOffset + 1 + countNewlines(bytes, Math.min(byteOffset, bytes.length))
  let result: { stmts?: { stmt?: PgNode; stmt_location?: number; stmt_len?: number }[] }
  const parse = await parser()
  try {
    result = (await parse(script.sql)) as typeof result
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails
    // cursorPosition counts characters from 0 in the text handed to the parser.
    const charOffset = details?.cursorPosition ?? 0
    return {
      ok: false,
      message: (error as Error).message,
      line: lineAt(Buffer.byteLength(script.sql.slice(0, charOffset), 'utf8'))
    }
  }
  const statements: Statement[] = []
  for (const raw of result.stmts ?? []) {
    const start = raw.stmt_location ?? 0
    const end = raw.stmt_len ? start + raw.stmt_len : bytes.length
    const text = bytes.subarray(start, end).toString('utf8')
    const lead = leadingNoise(text)
    const [type, node] = Object.entries(raw.stmt ?? {})[0] ?? ['Unknown', {}]
    statements.push({
      type,
      node: node as Record<string, unknown>,
      sql: text.slice(lead).trim(),
      line: lineAt(start + Buffer.byteLength(text.slice(0, lead), 'utf8'))
    })
  }
  return { ok: true, statements }
}

type Parse = (sql: string) => Promise<unknown>
let loaded: Promise<Parse> | null = null

/**
 * libpg-query is loaded on first use: it ships a WASM file beside its code, so bundles keep it
 * external, and only a run that reads migrations needs it installed.
 */
function parser(): Promise<Parse> {
  loaded ??= import('libpg-query').then(
    (m) => m.parse as Parse,
    (error: unknown) => {
      loaded = null
      throw new MigrationParserUnavailable(error)
    }
  )
  return loaded
}

/** The SQL parser is not installed next to the bundle: nothing was read, so nothing may pass. */
export class MigrationParserUnavailable extends InputError {
  constructor(cause: unknown) {
    super(
      'migrations are read with the libpg-query package, which is not installed here; run rollback-guard from an npm install (npm install github:acme/rollback-guard) to check migrations.',
      { cause }
    )
    this.name = 'MigrationParserUnavailable'
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++
  return n
}

/** Length of the whitespace and comments before a statement's first token. */
function leadingNoise(text: string): number {
  let i = 0
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++
    if (text.startsWith('--', i)) {
      const nl = text.indexOf('\n', i)
      i = nl === -1 ? text.length : nl + 1
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2)
      i = close === -1 ? text.length : close + 2
    } else {
      return i
    }
  }
}
