import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc')

// A consumer as a user writes it, against the published types (not src/): a wrong use must not compile.
const consumer = `import {
  diffOpenApi,
  loadOpenApi,
  InputError,
  type Change,
  type ChangeLevel
} from 'rollback-guard'

const base = await loadOpenApi('v1.yaml')
const head = await loadOpenApi('v2.yaml')
const changes: Change[] = diffOpenApi(base, head, { now: new Date() })
const levels: ChangeLevel[] = changes.map((change) => change.level)
const first: string | null = changes[0]?.operation ?? null
// @ts-expect-error a level is a string union, not a number
const wrong: number = levels[0]
console.log(first, wrong, new InputError('x').message)
`

describe('the packed npm tarball', () => {
  it('carries its declarations, and a consumer type-checks against them', () => {
    const work = mkdtempSync(join(tmpdir(), 'rollback-guard-pack-'))
    try {
      const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, npm_config_loglevel: 'error' }
      })
      const [packed] = JSON.parse(out.slice(out.indexOf('['))) as {
        filename: string
        files: { path: string }[]
      }[]
      const files = packed!.files.map((f) => f.path)
      expect(files).toContain('lib/index.d.ts')
      expect(files).toContain('dist/index.js')
      expect(files.some((f) => f.startsWith('src/') || f.startsWith('__tests__/'))).toBe(false)

      const app = join(work, 'app')
      const installed = join(app, 'node_modules/rollback-guard')
      mkdirSync(installed, { recursive: true })
      execFileSync('tar', [
        '-xzf',
        join(work, packed!.filename),
        '-C',
        installed,
        '--strip-components',
        '1'
      ])
      // its dependencies' and Node's types, as npm would install them beside it
      for (const dep of ['@octokit', '@types'])
        symlinkSync(join(repoRoot, 'node_modules', dep), join(app, 'node_modules', dep))
      writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module', private: true }))
      writeFileSync(join(app, 'consumer.ts'), consumer)
      const check = (file: string) =>
        execFileSync(
          process.execPath,
          [
            tsc,
            '--noEmit',
            '--strict',
            '--target',
            'ES2022',
            '--module',
            'NodeNext',
            '--moduleResolution',
            'NodeNext',
            '--types',
            'node',
            file
          ],
          { cwd: app, encoding: 'utf8' }
        )
      expect(() => check('consumer.ts')).not.toThrow()

      // and the check can fail: without declarations the import is an implicit any (TS7016)
      rmSync(join(installed, 'lib'), { recursive: true })
      let message = ''
      try {
        check('consumer.ts')
      } catch (error) {
        message = String((error as { stdout?: string }).stdout)
      }
      expect(message).toMatch(/TS7016|TS2578/)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }, 240_000)
})
