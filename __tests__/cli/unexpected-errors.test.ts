import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { describeError, ExitCode, exitCodeOf, InputError } from '../../src/core/errors.js'
import { runCli } from '../../src/cli/program.js'
import type { CliIo } from '../../src/cli/io.js'
import { GitError } from '../../src/platform/git/exec.js'

const work = mkdtempSync(join(tmpdir(), 'rg-errors-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const err: string[] = []
  const io: CliIo = {
    stdout: () => undefined,
    stderr: (t) => err.push(t),
    env: {},
    cwd: work,
    now: () => new Date('2026-12-01T00:00:00Z')
  }
  const code = await runCli(args, io)
  return { code, stderr: err.join('') }
}

describe('errors say what they are', () => {
  it('an error nobody expected exits 4 and says it is a bug, with the --debug hint', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')")
    expect(exitCodeOf(bug)).toBe(ExitCode.internal)
    expect(describeError(bug)).toMatch(
      /^unexpected TypeError: Cannot read .*This is a bug in rollback-guard/
    )
    expect(describeError(bug)).toContain('--debug')
  })

  it('input and service errors keep their codes and their own words', () => {
    expect(exitCodeOf(new InputError('x.yml:3: bad'))).toBe(2)
    expect(describeError(new InputError('x.yml:3: bad'))).toBe('x.yml:3: bad')
    expect(exitCodeOf(new GitError(['push'], 128, 'fatal: unable to access'))).toBe(3)
  })

  it('an alias bomb in the config is an input error naming the file, not a crash', async () => {
    writeFileSync(
      join(work, 'a.yaml'),
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n'
    )
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const next = String.fromCharCode(97 + i)
      laughs.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`
      )
    }
    writeFileSync(join(work, 'bomb.yml'), `${laughs.join('\n')}\n`)
    const result = await cli([
      'contract',
      'diff',
      '--kind',
      'openapi',
      '--base',
      'a.yaml',
      '--head',
      'a.yaml',
      '--config',
      'bomb.yml'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('bomb.yml')
    expect(result.stderr).toMatch(/alias/)
    expect(result.stderr).not.toContain('This is a bug')
  })

  it('the help lists exit code 4', async () => {
    const out: string[] = []
    await runCli(['--help'], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      env: {},
      cwd: work,
      now: () => new Date()
    })
    expect(out.join('')).toMatch(/4 {2}an unexpected error: a bug in rollback-guard/)
  })
})
