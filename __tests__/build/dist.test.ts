import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { repoRoot } from '../e2e/harness/run-action.js'

const run = promisify(execFile)

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

describe('the committed bundle and action metadata', () => {
  it('dist/ is what the sources bundle to (run `npm run bundle` and commit dist/ when this fails)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'rollback-guard-dist-'))
    await run(
      process.execPath,
      [
        join(repoRoot, 'node_modules/rollup/dist/bin/rollup'),
        '--config',
        'rollup.config.js',
        '--silent'
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, ROLLUP_OUT_DIR: out }
      }
    )
    const fresh = await filesUnder(out)
    expect(await filesUnder(join(repoRoot, 'dist'))).toEqual(fresh)
    const stale = []
    for (const file of fresh) {
      const [built, committed] = await Promise.all([
        readFile(join(out, file), 'utf8'),
        readFile(join(repoRoot, 'dist', file), 'utf8')
      ])
      if (built !== committed) stale.push(file)
    }
    expect(stale).toEqual([])
  }, 180_000)

  it('the umbrella action.yml carries every job input (run `node scripts/make-umbrella-action.js`)', async () => {
    await expect(
      run(process.execPath, ['scripts/make-umbrella-action.js', '--check'], { cwd: repoRoot })
    ).resolves.toBeDefined()
  })

  it('docs/rules.md lists the rules of the bundled registries (run `npm run docs:rules`)', async () => {
    await expect(
      run(process.execPath, ['scripts/write-rules-doc.js', '--check'], { cwd: repoRoot })
    ).resolves.toBeDefined()
  })

  it.each(['.', 'manifest', 'contract-check', 'slo-gate', 'revert-pr'])(
    '%s/action.yml runs a bundled entry on node24',
    async (job) => {
      const action = parse(await readFile(join(repoRoot, job, 'action.yml'), 'utf8'))
      expect(action.runs.using).toBe('node24')
      const main = join(repoRoot, job, action.runs.main)
      expect(relative(join(repoRoot, 'dist'), main)).not.toMatch(/^\.\./)
      await expect(readFile(main)).resolves.toBeDefined()
      for (const [name, input] of Object.entries(action.inputs ?? {}) as [
        string,
        { description?: string }
      ][]) {
        expect([name, typeof input.description]).toEqual([name, 'string'])
      }
    }
  )
})
