import { createHash } from 'node:crypto'
import type { MigrationDirectoryRecord } from '../../manifest/types.js'
import type { MigrationSet } from './layout.js'
import { lintUp } from './lint.js'
import { MigrationParserUnavailable, parseScript } from './parse.js'
import { migrationRule } from './rules.js'

/**
 * What a manifest keeps about one migrations directory: the tool, the newest version, a checksum
 * of the applied set, and per migration whether it has a down and which previous-release rules its
 * up breaks, so a later revert can tell whether the last good code runs on this schema.
 */
export async function migrationRecord(
  path: string,
  set: MigrationSet
): Promise<MigrationDirectoryRecord> {
  const hash = createHash('sha256')
  const migrations: MigrationDirectoryRecord['migrations'] = []
  for (const m of set.migrations) {
    hash.update(`${m.version}\0${m.checksum}\n`)
    let parsed: Awaited<ReturnType<typeof parseScript>>
    try {
      parsed = await parseScript(m.up)
    } catch (error) {
      // a manifest is never lost for want of the parser: the migration is recorded as not analysed
      if (!(error instanceof MigrationParserUnavailable)) throw error
      migrations.push({
        version: m.version,
        file: m.up.file,
        hasDown: m.down !== null && m.down.sql.trim() !== '',
        breaks: [],
        analysed: false
      })
      continue
    }
    const breaks = parsed.ok
      ? lintUp(m, parsed.statements, set.tool)
          .filter((f) => {
            const rule = migrationRule(f.id)
            return (
              (f.level ?? rule.level) === 'breaking' &&
              rule.categories?.includes('previous-release')
            )
          })
          .map((f) => `${f.id}${f.symbol ? ` ${f.symbol}` : ''}`)
      : ['syntax-error']
    migrations.push({
      version: m.version,
      file: m.up.file,
      hasDown: m.down !== null && m.down.sql.trim() !== '',
      breaks: [...new Set(breaks)]
    })
  }
  return {
    path,
    tool: set.tool,
    version: set.migrations[set.migrations.length - 1]?.version ?? null,
    count: set.migrations.length,
    sha256: hash.digest('hex'),
    migrations
  }
}
