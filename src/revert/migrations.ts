import type { MigrationDirectoryRecord } from '../manifest/types.js'
import { escapeMarkdown, inlineCode } from '../report/markdown-escape.js'
import type { NotUndoneItem } from './not-undone.js'

type MigrationEntry = MigrationDirectoryRecord['migrations'][number]

/** One migrations directory between the bad release and the last good one. */
export interface MigrationRollback {
  path: string
  tool: string
  /** The version the database goes back to (the good release's newest), null for none. */
  target: string | null
  /** Migrations the bad release applied that the good one lacks, newest first. */
  crossed: MigrationEntry[]
  /** The commands that roll them back, in order, with `$DATABASE_URL` for the connection. */
  commands: string[]
  /** Why the commands alone cannot restore the good schema (a missing down, edited history). */
  problems: string[]
}

export interface MigrationRollbackPlan {
  directories: MigrationRollback[]
  /**
   * Whether the last good release's code runs on the current (bad) schema, so a code-only revert
   * is safe: false when a crossed migration breaks the previous release, null when unknown.
   */
  codeRevertSafe: boolean | null
  reasons: string[]
}

/** From the bad and last-good manifests' migration records: what a revert would have to undo. */
export function planMigrationRollback(
  bad: readonly MigrationDirectoryRecord[] | undefined,
  good: readonly MigrationDirectoryRecord[] | undefined
): MigrationRollbackPlan {
  const directories: MigrationRollback[] = []
  const reasons: string[] = []
  let unknown = false
  for (const now of bad ?? []) {
    const then = good?.find((g) => g.path === now.path)
    if (!then) {
      unknown = true
      reasons.push(
        `${now.path}: the last good manifest has no record of it, so what it applied is unknown`
      )
      continue
    }
    if (then.sha256 === now.sha256) continue
    const released = new Set(then.migrations.map((m) => m.version))
    const crossed = now.migrations.filter((m) => !released.has(m.version)).reverse()
    const problems: string[] = []
    const kept = new Set(now.migrations.map((m) => m.version))
    const vanished = then.migrations.filter((m) => !kept.has(m.version))
    if (vanished.length > 0) {
      problems.push(
        `the bad release deleted released migration(s) ${vanished.map((m) => m.version).join(', ')}; the tool cannot roll those back`
      )
    }
    for (const m of crossed.filter((m) => !m.hasDown)) {
      problems.push(
        `migration ${m.version} (${m.file}) has no down: roll forward with a fix or restore from a backup`
      )
    }
    for (const m of crossed) {
      for (const b of m.breaks) reasons.push(`${now.path}: migration ${m.version} ${b}`)
    }
    directories.push({
      path: now.path,
      tool: now.tool,
      target: then.version,
      crossed,
      commands: rollbackCommands(now.tool, now.path, then.version, crossed.length),
      problems
    })
  }
  const breaking = directories.some((d) => d.crossed.some((m) => m.breaks.length > 0))
  const notAnalysed = directories.flatMap((d) =>
    d.crossed.filter((m) => m.analysed === false).map((m) => `${d.path}: migration ${m.version}`)
  )
  for (const m of notAnalysed)
    reasons.push(`${m} was not analysed when its manifest was written (no SQL parser)`)
  return {
    directories,
    codeRevertSafe: breaking ? false : unknown || notAnalysed.length > 0 ? null : true,
    reasons
  }
}

/** The tool's own commands to go back `steps` migrations, to `target`. */
export function rollbackCommands(
  tool: string,
  path: string,
  target: string | null,
  steps: number
): string[] {
  if (steps === 0) return []
  const dir = shellWord(path)
  switch (tool) {
    case 'goose':
      return [`goose -dir ${dir} postgres "$DATABASE_URL" down-to ${target ?? '0'}`]
    case 'golang-migrate':
      return [`migrate -path ${dir} -database "$DATABASE_URL" down ${steps}`]
    case 'dbmate':
      return Array.from({ length: steps }, () => `dbmate --migrations-dir ${dir} rollback`)
    case 'flyway':
      // Each undo reverts the newest applied versioned migration with its U file (Flyway Teams).
      return Array.from({ length: steps }, () => `flyway -locations=filesystem:${dir} undo`)
    default:
      return []
  }
}

function shellWord(value: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

/** The plan as markdown lines for the revert plan and pull request body; empty when nothing crossed. */
export function renderMigrationRollback(plan: MigrationRollbackPlan): string[] {
  if (plan.directories.length === 0 && plan.reasons.length === 0) return []
  const out = ['### Database migrations crossed by this revert', '']
  if (plan.codeRevertSafe === true) {
    out.push(
      '✅ The last good release’s code runs on the current schema: a code-only revert is safe, and the migrations may stay.',
      ''
    )
  } else if (plan.codeRevertSafe === false) {
    out.push(
      '❌ The last good release’s code does **not** run on the current schema; roll the migrations back (commands below) with the code revert:',
      ''
    )
  } else {
    out.push('⚠️ Whether the last good release’s code runs on the current schema is unknown:', '')
  }
  for (const reason of plan.reasons) out.push(`- ${escapeMarkdown(reason)}`)
  if (plan.reasons.length > 0) out.push('')
  for (const d of plan.directories) {
    out.push(
      `**${escapeMarkdown(d.path)}** (${escapeMarkdown(d.tool)}): back to ${d.target ? inlineCode(d.target) : 'no migration'} across ${d.crossed.length} migration(s): ${d.crossed.map((m) => inlineCode(m.file)).join(', ')}`,
      ''
    )
    if (d.commands.length > 0) out.push('```sh', ...d.commands, '```', '')
    for (const p of d.problems) out.push(`- ⚠️ ${escapeMarkdown(p)}`)
    if (d.problems.length > 0) out.push('')
  }
  return out
}

/** The plan as indented text lines for `revert plan` (the terminal and the demo). */
export function renderMigrationRollbackText(plan: MigrationRollbackPlan): string[] {
  if (plan.directories.length === 0 && plan.reasons.length === 0) return []
  const verdict =
    plan.codeRevertSafe === true
      ? 'the last good code runs on the current schema: a code-only revert is safe'
      : plan.codeRevertSafe === false
        ? 'the last good code does NOT run on the current schema: roll these back with the revert'
        : 'unknown whether the last good code runs on the current schema'
  const lines = [`  migrations       ${verdict}`]
  for (const reason of plan.reasons) lines.push(`      ${reason}`)
  for (const d of plan.directories) {
    lines.push(`    ${d.path} (${d.tool}) back to ${d.target ?? 'no migration'}:`)
    for (const m of d.crossed)
      lines.push(`      crosses ${m.version} ${m.file}${m.hasDown ? '' : ' (no down)'}`)
    for (const command of d.commands) lines.push(`      $ ${command}`)
    for (const p of d.problems) lines.push(`      ! ${p}`)
  }
  return lines
}

/** The migrations a rollback crosses, as items of "what a code revert does not undo". */
export function migrationsNotUndone(plan: MigrationRollbackPlan): NotUndoneItem[] {
  return plan.directories
    .filter((dir) => dir.crossed.length > 0)
    .map((dir) => ({
      what: `${dir.crossed.length} ${dir.tool} migration${dir.crossed.length === 1 ? '' : 's'} in ${dir.path}`,
      why: 'a code revert leaves the database schema as the failing release migrated it',
      action:
        dir.commands.length > 0
          ? `if the last good code cannot run on this schema, roll back with: ${dir.commands.join(' && ')}`
          : 'roll the schema back by hand; the migrations have no down steps'
    }))
}
