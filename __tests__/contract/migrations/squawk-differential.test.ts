/**
 * Differential test against squawk (the squawk-cli npm package's binary): the same corpus through
 * both, compared rule by rule on the ids both implement. Every disagreement must be listed below
 * with the reason; anything else fails the test.
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readMigrationSet } from '../../../src/contract/migrations/layout.js'
import { lintUp } from '../../../src/contract/migrations/lint.js'
import { parseScript } from '../../../src/contract/migrations/parse.js'
import { migrationRules } from '../../../src/contract/migrations/rules.js'

const corpus = fileURLToPath(new URL('./corpus/', import.meta.url))
const squawkBin = fileURLToPath(new URL('../../../node_modules/.bin/squawk', import.meta.url))
const shared = migrationRules
  .filter((r) => r.categories?.includes('squawk'))
  .map((r) => r.id)
  .filter((id) => id !== 'syntax-error')

/** `file rule` pairs where we deliberately differ; `ours` says which side reports it. */
export const deliberateDifferences: { file: string; rule: string; ours: boolean; why: string }[] = [
  {
    file: '033_new_table_index.up.sql',
    rule: 'require-concurrent-index-creation',
    ours: false,
    why: 'the table is created in the same migration: it is empty and no running code uses it, so the index blocks nobody'
  },
  {
    file: '034_new_table_required.up.sql',
    rule: 'adding-required-field',
    ours: false,
    why: 'the table is created in the same migration: no old rows and no old inserts'
  },
  {
    file: '007_change_type_text.up.sql',
    rule: 'changing-column-type',
    ours: true,
    why: 'both report it; ours lowers a widening to text to a warning (the level is ours, the id is shared)'
  }
]

function squawk(files: string[]): Promise<{ file: string; rule_name: string; line: number }[]> {
  return new Promise((resolve, reject) => {
    execFile(
      squawkBin,
      ['--reporter', 'json', ...files],
      { cwd: corpus, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        // squawk exits 1 when it found something; anything else without JSON is a failure.
        if (error && !stdout) reject(new Error(`squawk failed: ${stderr || error.message}`))
        else resolve(JSON.parse(stdout) as { file: string; rule_name: string; line: number }[])
      }
    )
  })
}

async function ours(file: string): Promise<string[]> {
  const set = readMigrationSet(
    [{ name: file, text: readFileSync(join(corpus, file), 'utf8') }],
    'corpus'
  )
  const m = set.migrations[0]!
  const parsed = await parseScript(m.up)
  if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`)
  return lintUp(m, parsed.statements, set.tool).map((f) => f.id)
}

const describeIf = existsSync(squawkBin) ? describe : describe.skip

describeIf('agreement with squawk on the shared rule ids', () => {
  it('reports the same rules on every corpus file, except the listed deliberate differences', async () => {
    const files = readdirSync(corpus)
      .filter((f) => f.endsWith('.sql'))
      .sort()
    const theirs = await squawk(files)
    const disagreements: string[] = []
    const perRule = new Map<string, { agree: number; total: number }>()
    for (const file of files) {
      const mine = new Set((await ours(file)).filter((id) => shared.includes(id)))
      const other = new Set(
        theirs
          .filter((d) => d.file.endsWith(file) && shared.includes(d.rule_name))
          .map((d) => d.rule_name)
      )
      for (const rule of new Set([...mine, ...other])) {
        const stat = perRule.get(rule) ?? { agree: 0, total: 0 }
        stat.total++
        if (mine.has(rule) === other.has(rule)) stat.agree++
        else if (
          !deliberateDifferences.some(
            (d) => d.file === file && d.rule === rule && d.ours === mine.has(rule)
          )
        ) {
          disagreements.push(
            `${file}: ${rule} reported by ${mine.has(rule) ? 'us only' : 'squawk only'}`
          )
        }
        perRule.set(rule, stat)
      }
    }
    console.log(
      `squawk agreement per rule (files where either reports it):\n${[...perRule]
        .sort()
        .map(([rule, s]) => `  ${rule.padEnd(46)} ${s.agree}/${s.total}`)
        .join('\n')}`
    )
    expect(disagreements).toEqual([])
    // The corpus exercises every shared rule at least once.
    expect(shared.filter((id) => !perRule.has(id))).toEqual([])
  }, 120_000)
})
