import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { gitIn } from '../support/git-fixtures.js'
import { runCliProcess } from '../support/run-cli.js'

const digest = `sha256:${'ef'.repeat(32)}`

async function repoWithoutRemote(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'rollback-guard-newcomer-'))
  gitIn(cwd, 'init', '-q', '-b', 'main')
  await writeFile(join(cwd, 'README.md'), 'x\n')
  gitIn(cwd, 'add', '-A')
  gitIn(cwd, '-c', 'user.email=dev@example.com', '-c', 'user.name=dev', 'commit', '-q', '-m', 'x')
  return cwd
}

describe("a newcomer's first commands (bundled dist/cli.js)", () => {
  it('builds the demo in a --dir given relative to where it runs', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rollback-guard-newcomer-'))
    const run = await runCliProcess(['demo', '--dir', 'demo-here'], { cwd })
    expect(run.stderr).not.toMatch(/fatal:/)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`rollback-guard demo in ${join(cwd, 'demo-here')}`)
    expect(await readdir(join(cwd, 'demo-here'))).toEqual(
      expect.arrayContaining(['origin.git', 'shop'])
    )
  }, 180_000)

  it('says a missing remote is an input mistake (exit 2) with the fix, not an outside failure', async () => {
    const cwd = await repoWithoutRemote()
    const run = await runCliProcess(['revert', 'plan', '--verdict', 'fail'], { cwd })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("has no remote 'origin' to keep manifests on")
    expect(run.stderr).toContain('git remote add origin URL')
    expect(run.stderr).not.toMatch(/and the repository exists/)
  })

  it.each([
    ['protobuf', '.proto files'],
    ['go', 'Go package']
  ])('refuses to compare folders with nothing of kind %s in them (exit 2)', async (kind, what) => {
    const cwd = await mkdtemp(join(tmpdir(), 'rollback-guard-newcomer-'))
    for (const side of ['v1', 'v2']) {
      await mkdir(join(cwd, side))
      await writeFile(join(cwd, side, 'notes.txt'), 'no sources here\n')
    }
    const run = await runCliProcess(
      ['contract', 'diff', '--kind', kind, '--base', 'v1', '--head', 'v2'],
      { cwd }
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`--base v1 has no ${what}`)
  })

  it('prints a manifest as YAML when asked, and refuses a format it does not know', async () => {
    const cwd = await repoWithoutRemote()
    const store = ['--store', 'file', '--store-path', 'manifests', '--no-go']
    const created = await runCliProcess(
      ['manifest', 'create', '--service', 'api', '--image', `ghcr.io/acme/api@${digest}`, ...store],
      { cwd }
    )
    expect(created.code).toBe(0)
    const yaml = await runCliProcess(
      ['manifest', 'show', 'latest', '--service', 'api', '--format', 'yaml', ...store.slice(0, 4)],
      { cwd }
    )
    expect(yaml.code).toBe(0)
    expect(yaml.stdout.trimStart().startsWith('{')).toBe(false)
    const json = await runCliProcess(
      ['manifest', 'show', 'latest', '--service', 'api', ...store.slice(0, 4)],
      { cwd }
    )
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout))
    const bogus = await runCliProcess(
      ['manifest', 'show', 'latest', '--service', 'api', '--format', 'toml', ...store.slice(0, 4)],
      { cwd }
    )
    expect(bogus.code).toBe(2)
    expect(bogus.stderr).toMatch(/--format.*toml.*json, yaml, markdown/s)
  })
})
