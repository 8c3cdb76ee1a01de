import { access, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { repoWithRemote } from '../support/git-fixtures.js'
import { runCliProcess } from '../support/run-cli.js'

const digest = `sha256:${'cd'.repeat(32)}`

describe('the rollback-guard command line (bundled dist/cli.js)', () => {
  it('prints its version and explains every command with --help', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rollback-guard-cli-'))
    const version = await runCliProcess(['--version'], { cwd })
    expect(version.code).toBe(0)
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
    const help = await runCliProcess(['--help'], { cwd })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*2 {2}usage or input error/)
    for (const command of [
      ['manifest', 'create'],
      ['manifest', 'show'],
      ['manifest', 'mark-good'],
      ['manifest', 'mark-bad']
    ]) {
      const sub = await runCliProcess([...command, '--help'], { cwd })
      expect(sub.code).toBe(0)
      expect(sub.stdout).toContain(`Usage: rollback-guard ${command.join(' ')}`)
    }
    expect((await runCliProcess(['manifest', 'create', '--help'], { cwd })).stdout).toMatch(
      /--image <ref>[\s\S]*Examples:/
    )
  })

  it('exits 2 with one line naming the flag for usage errors, and no stack trace', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rollback-guard-cli-'))
    const unknown = await runCliProcess(['manifest', 'create', '--bogus'], { cwd })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/)
    const store = await runCliProcess(['manifest', 'show', '--store', 'cloud'], { cwd })
    expect(store.code).toBe(2)
    expect(store.stderr).toBe(
      "rollback-guard: error: --store must be branch, file or none, got 'cloud'.\n"
    )
  })

  it('exits 2 naming the input when a file or digest is wrong, and shows a stack only with --debug', async () => {
    const { work } = await repoWithRemote({ 'go.mod': 'module example.com/a\n' })
    const bad = await runCliProcess(
      ['manifest', 'create', '--image', 'ghcr.io/acme/a@sha256:123', '--store', 'none'],
      { cwd: work }
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n').pop()).toMatch(
      /^rollback-guard: error: images: image .* malformed digest/
    )
    expect(bad.stderr).not.toMatch(/\n\s+at /)
    const debug = await runCliProcess(
      ['--debug', 'manifest', 'create', '--config-files', 'nope/*.yaml', '--store', 'none'],
      { cwd: work }
    )
    expect(debug.code).toBe(2)
    expect(debug.stderr).toMatch(/config-files: the glob 'nope\/\*\.yaml' matches no file/)
    expect(debug.stderr).toMatch(/\n\s+at /)
  })

  it('refuses a remote or branch that git would read as an option, and runs nothing', async () => {
    const { base, work } = await repoWithRemote({ 'go.mod': 'module example.com/a\n' })
    const marker = join(base, 'injected')
    for (const flags of [
      ['--remote', `--upload-pack=touch ${marker}; false`],
      ['--branch', `--upload-pack=touch ${marker}`]
    ]) {
      const run = await runCliProcess(
        ['manifest', 'create', '--image', `ghcr.io/acme/a@${digest}`, ...flags],
        { cwd: work }
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/is not a (remote|usable branch) name/)
    }
    await expect(access(marker)).rejects.toThrow()
  })

  it('prints the manifest on stdout and progress on stderr, with --store none writing nothing', async () => {
    const { work, head } = await repoWithRemote({ 'go.mod': 'module example.com/a\n\ngo 1.22\n' })
    const run = await runCliProcess(
      [
        'manifest',
        'create',
        '--service',
        'a',
        '--env',
        'dev',
        '--image',
        `ghcr.io/acme/a@${digest}`,
        '--store',
        'none'
      ],
      { cwd: work }
    )
    expect(run.code).toBe(0)
    const manifest = JSON.parse(run.stdout)
    expect(manifest).toMatchObject({
      service: 'a',
      env: 'dev',
      source: { commit: head },
      images: [{ name: 'ghcr.io/acme/a', digest }]
    })
    expect(run.stderr).toMatch(/rollback-guard: manifest \S+ sha256 [0-9a-f]{64}/)
  })
})
