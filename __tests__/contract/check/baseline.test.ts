import { describe, it, expect, beforeAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  findBaseline,
  newestReleaseTag,
  versionOfTag
} from '../../../src/contract/baseline/find.js'
import { defaultBaseline } from '../../../src/contract/config/types.js'
import { formatSemver } from '../../../src/contract/policy/semver.js'
import { gitBaseline } from '../../../src/platform/git/baseline.js'

const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com'
}

function run(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...identity },
    encoding: 'utf8'
  }).trim()
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), text)
}

/** A repository with one commit per release; api/openapi.yaml refers to a schema file by $ref. */
function releasedRepo(): { repo: string; shas: Record<string, string> } {
  const repo = mkdtempSync(join(tmpdir(), 'rg-baseline-'))
  run(repo, 'init', '-q', '-b', 'main')
  const shas: Record<string, string> = {}
  for (const tag of ['v1.0.0', 'v1.2.0', 'v1.10.0', 'v2.0.0-rc.1', 'v1.9.0', 'not-a-release']) {
    write(
      repo,
      'api/openapi.yaml',
      `openapi: 3.0.3\ninfo: { title: t, version: '${tag}' }\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: './schemas/pet.yaml#/Pet' }\n`
    )
    write(repo, 'api/schemas/pet.yaml', `Pet:\n  type: object\n  description: released in ${tag}\n`)
    write(repo, 'unrelated/big.txt', 'not a contract\n')
    run(repo, 'add', '-A')
    run(repo, 'commit', '-q', '-m', `release ${tag}`)
    run(repo, 'tag', tag)
    shas[tag] = run(repo, 'rev-parse', 'HEAD')
  }
  write(repo, 'api/openapi.yaml', 'openapi: 3.0.3\ninfo: { title: t, version: head }\npaths: {}\n')
  run(repo, 'commit', '-q', '-am', 'work in progress')
  return { repo, shas }
}

describe('release tags', () => {
  it('picks the newest by semver, pre-releases excluded unless asked for', () => {
    const tags = ['v1.0.0', 'v1.2.0', 'v1.10.0', 'v2.0.0-rc.1', 'v1.9.0', 'latest', 'v1.2']
    expect(newestReleaseTag(tags, defaultBaseline)?.tag).toBe('v1.10.0')
    expect(newestReleaseTag(tags, { ...defaultBaseline, includePrereleases: true })?.tag).toBe(
      'v2.0.0-rc.1'
    )
    expect(newestReleaseTag(['latest'], defaultBaseline)).toBeNull()
  })

  it('reads versions through tag patterns such as a monorepo prefix', () => {
    const patterns = ['orders/v{version}']
    expect(
      newestReleaseTag(['billing/v9.0.0', 'orders/v1.3.0', 'orders/v1.12.1', 'v5.0.0'], {
        tagPatterns: patterns,
        includePrereleases: false
      })?.tag
    ).toBe('orders/v1.12.1')
    expect(formatSemver(versionOfTag('1.2.3', defaultBaseline.tagPatterns)!)).toBe('1.2.3')
    expect(versionOfTag('release-1.2.3', defaultBaseline.tagPatterns)).toBeNull()
  })
})

describe('finding the last release in a git repository', () => {
  let repo: string
  let shas: Record<string, string>
  beforeAll(() => {
    ;({ repo, shas } = releasedRepo())
  })

  it('uses the newest semver tag, and reads the contract and its $ref files at that tag', async () => {
    const port = gitBaseline({ cwd: repo })
    const baseline = await findBaseline({ against: 'auto', settings: defaultBaseline, git: port })
    expect(baseline).toMatchObject({
      source: 'tag',
      ref: 'v1.10.0',
      sha: shas['v1.10.0'],
      version: '1.10.0'
    })
    const dest = mkdtempSync(join(tmpdir(), 'rg-base-'))
    const missing = await port.materialize(
      baseline.sha!,
      ['api/openapi.yaml', 'api/gone.yaml'],
      dest,
      'openapi'
    )
    expect(missing).toEqual(['api/gone.yaml'])
    expect(readFileSync(join(dest, 'api/openapi.yaml'), 'utf8')).toContain("version: 'v1.10.0'")
    expect(readFileSync(join(dest, 'api/schemas/pet.yaml'), 'utf8')).toContain(
      'released in v1.10.0'
    )
    expect(existsSync(join(dest, 'unrelated'))).toBe(false)
  })

  it('skips a tag on the commit being checked: a tag-push build compares with the release before', async () => {
    const port = gitBaseline({ cwd: repo })
    const baseline = await findBaseline({
      against: 'auto',
      settings: defaultBaseline,
      git: port,
      currentCommit: shas['v1.10.0']
    })
    expect(baseline).toMatchObject({ source: 'tag', ref: 'v1.9.0', sha: shas['v1.9.0'] })
  })

  it('takes an explicit ref instead, and rejects one that does not exist', async () => {
    const port = gitBaseline({ cwd: repo })
    const baseline = await findBaseline({ against: 'v1.2.0', settings: defaultBaseline, git: port })
    expect(baseline).toMatchObject({
      source: 'ref',
      ref: 'v1.2.0',
      sha: shas['v1.2.0'],
      version: '1.2.0'
    })
    await expect(
      findBaseline({ against: 'v7.7.7', settings: defaultBaseline, git: port })
    ).rejects.toThrow(
      "against 'v7.7.7' names no tag, branch or commit here or on the remote 'origin'"
    )
    await expect(
      findBaseline({ against: '--upload-pack=x', settings: defaultBaseline, git: port })
    ).rejects.toThrow('is not a valid git ref name')
  })

  it('fetches the release tag when the clone is shallow and has no tags', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'rg-remote-'))
    run(bare, 'clone', '-q', '--bare', repo, join(bare, 'origin.git'))
    const clone = join(mkdtempSync(join(tmpdir(), 'rg-clone-')), 'work')
    run(
      dirname(clone),
      'clone',
      '-q',
      '--depth=1',
      '--no-tags',
      `file://${join(bare, 'origin.git')}`,
      clone
    )
    expect(run(clone, 'tag', '--list')).toBe('')
    expect(run(clone, 'rev-parse', '--is-shallow-repository')).toBe('true')

    const logs: string[] = []
    const port = gitBaseline({ cwd: clone, log: (m) => logs.push(m) })
    const baseline = await findBaseline({ against: 'auto', settings: defaultBaseline, git: port })
    expect(baseline).toMatchObject({ source: 'tag', ref: 'v1.10.0', sha: shas['v1.10.0'] })
    expect(logs).toContain('fetching +refs/tags/v1.10.0:refs/tags/v1.10.0 from origin')
    expect(run(clone, 'tag', '--list')).toBe('v1.10.0')
    expect(run(clone, 'rev-parse', '--is-shallow-repository')).toBe('true')
    const dest = mkdtempSync(join(tmpdir(), 'rg-base-'))
    expect(await port.materialize(baseline.sha!, ['api/openapi.yaml'], dest, 'openapi')).toEqual([])
    expect(readFileSync(join(dest, 'api/schemas/pet.yaml'), 'utf8')).toContain(
      'released in v1.10.0'
    )

    // A branch the shallow clone does not have (a pull request's base) is fetched too.
    run(repo, 'branch', 'release-1.x', shas['v1.2.0']!)
    run(bare, '--git-dir', join(bare, 'origin.git'), 'fetch', '-q', repo, 'release-1.x:release-1.x')
    const branch = await findBaseline({
      against: 'release-1.x',
      settings: defaultBaseline,
      git: port
    })
    expect(branch).toMatchObject({
      source: 'ref',
      ref: 'release-1.x',
      sha: shas['v1.2.0'],
      version: null
    })
  })

  it('falls back to the latest GitHub release, then the last good manifest, then none', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'rg-notags-'))
    run(empty, 'init', '-q', '-b', 'main')
    write(empty, 'a.txt', 'a')
    run(empty, 'add', '-A')
    run(empty, 'commit', '-q', '-m', 'first')
    const first = run(empty, 'rev-parse', 'HEAD')
    run(empty, 'tag', 'deployed-2026-11-01')
    const port = gitBaseline({ cwd: empty })
    const releases = { latestRelease: async () => ({ tag: 'deployed-2026-11-01' }) }
    const manifests = {
      lastGood: async (service: string, env: string) =>
        service === 'orders' && env === 'prod' ? { commit: first } : null
    }

    expect(
      await findBaseline({
        against: 'auto',
        settings: defaultBaseline,
        git: port,
        releases,
        manifests,
        service: 'orders',
        env: 'prod'
      })
    ).toMatchObject({
      source: 'github-release',
      ref: 'deployed-2026-11-01',
      sha: first,
      version: null
    })
    expect(
      await findBaseline({
        against: 'auto',
        settings: defaultBaseline,
        git: port,
        releases: { latestRelease: async () => null },
        manifests,
        service: 'orders',
        env: 'prod'
      })
    ).toMatchObject({ source: 'manifest', sha: first })
    const none = await findBaseline({
      against: 'auto',
      settings: defaultBaseline,
      git: port,
      releases: { latestRelease: async () => null },
      manifests,
      service: 'orders',
      env: 'staging'
    })
    expect(none).toMatchObject({ source: 'none', ref: null, sha: null })
    expect(none.notes[0]?.message).toBe(
      'No earlier release found (looked for a tag like v{version} or {version} (pre-releases excluded), a GitHub release, a manifest marked good); every contract is reported as new. Tag a release, or set --against REF.'
    )
  })
})
