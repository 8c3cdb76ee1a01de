import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { runCli } from '../../src/cli/program.js'

const work = mkdtempSync(join(tmpdir(), 'rg-proto-confine-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function diff(base: string, head: string): Promise<{ code: number; stderr: string }> {
  const err: string[] = []
  const code = await runCli(
    ['contract', 'diff', '--kind', 'protobuf', '--base', base, '--head', head],
    {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      env: {},
      cwd: work,
      now: () => new Date('2026-12-01T00:00:00Z')
    }
  )
  return { code, stderr: err.join('') }
}

describe('protobuf imports never read outside the compared folder', () => {
  it('absolute, climbing and missing imports are input errors naming file:line', async () => {
    for (const side of ['a', 'b']) {
      mkdirSync(join(work, 'repo', side), { recursive: true })
      writeFileSync(
        join(work, 'repo', side, 'm.proto'),
        'syntax = "proto3";\npackage x;\nimport "/etc/passwd";\nimport "../../outside.proto";\nmessage M { string a = 1; }\n'
      )
    }
    writeFileSync(
      join(work, 'outside.proto'),
      'syntax = "proto3";\npackage secret;\nmessage S {}\n'
    )
    const result = await diff('repo/a', 'repo/b')
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('m.proto:3:')
    expect(result.stderr).toContain('m.proto:4:')
  })

  it('a symlink to a file outside is not followed', async () => {
    for (const side of ['c', 'd']) {
      mkdirSync(join(work, 'repo', side), { recursive: true })
      writeFileSync(
        join(work, 'repo', side, 'm.proto'),
        'syntax = "proto3";\npackage x;\nimport "linked.proto";\nmessage M { secret.S s = 1; }\n'
      )
      symlinkSync(join(work, 'outside.proto'), join(work, 'repo', side, 'linked.proto'))
    }
    const result = await diff('repo/c', 'repo/d')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/m\.proto:3:\d+: imported file does not exist/)
  })
})
