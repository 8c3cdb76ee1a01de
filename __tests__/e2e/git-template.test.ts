import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { gitIn, repoWithRemote, writeFiles } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'

let builds = 0
const template = gitTemplate(async () => {
  builds++
  const repo = await repoWithRemote({ 'README.md': '# shop\n' })
  const shallow = join(repo.base, 'shallow')
  gitIn(repo.base, 'clone', '-q', '--depth', '1', `file://${repo.remote}`, shallow)
  return { ...repo, shallow, nested: { paths: [repo.work] }, outside: '/elsewhere' }
})

describe('gitTemplate: a history built once, copied per test', () => {
  it('builds once and gives each test a copy whose paths, remotes and index are its own', async () => {
    const first = await template.clone()
    const second = await template.clone()
    expect(builds).toBe(1)
    expect(first.base).not.toBe(second.base)
    expect(first.work).toBe(join(first.base, 'work'))
    expect(first.remote).toBe(join(first.base, 'remote.git'))
    expect(first.nested.paths).toEqual([first.work])
    expect(first.outside).toBe('/elsewhere')
    expect(first.head).toBe(second.head)
    // Each clone's origin is the copied bare remote, however it was named.
    expect(gitIn(first.work, 'remote', 'get-url', 'origin')).toBe(first.remote)
    expect(gitIn(first.shallow, 'remote', 'get-url', 'origin')).toBe(`file://${first.remote}`)
    // The copied index is fresh: plumbing that does not refresh it sees a clean tree.
    expect(gitIn(first.work, 'diff-index', 'HEAD')).toBe('')
    expect(gitIn(first.shallow, 'diff-index', 'HEAD')).toBe('')

    // What one copy pushes, neither the other copy nor the next one sees.
    await writeFiles(first.work, { 'CHANGELOG.md': '# 1.0\n' })
    gitIn(first.work, 'add', '-A')
    gitIn(first.work, 'commit', '-q', '-m', 'changelog')
    gitIn(first.work, 'push', '-q', 'origin', 'main')
    expect(gitIn(first.remote, 'rev-parse', 'main')).not.toBe(first.head)
    expect(gitIn(second.remote, 'rev-parse', 'main')).toBe(second.head)
    const third = await template.clone()
    expect(gitIn(third.remote, 'rev-parse', 'main')).toBe(third.head)
    expect(existsSync(join(third.work, 'CHANGELOG.md'))).toBe(false)
  })
})
