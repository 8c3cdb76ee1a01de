import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { BranchManifestStore } from '../../src/platform/git/manifest-branch-store.js'

const work = mkdtempSync(join(tmpdir(), 'rg-history-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

// A git on PATH that logs each call, so the test counts processes rather than guessing from time.
const shim = join(work, 'bin')
const calls = join(work, 'calls.log')
mkdirSync(shim)
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
writeFileSync(join(shim, 'git'), `#!/bin/sh\necho "$1" >> '${calls}'\nexec '${realGit}' "$@"\n`)
chmodSync(join(shim, 'git'), 0o755)

function run(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(realGit, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } })
}

/**
 * A repository whose manifest branch holds `count` manifests of shop/prod, only the first marked
 * good: `last-good` has to look past every later one. Built in one commit with plumbing.
 */
function historyOf(count: number): string {
  const repo = join(work, `repo-${count}`)
  const tree = join(work, `tree-${count}`)
  mkdirSync(repo)
  run(repo, ['init', '--quiet'])
  let last = ''
  for (let index = 1; index <= count; index++) {
    const commit = index.toString(16).padStart(40, '0')
    const id = `${String(index).padStart(6, '0')}-20261120T120000Z-${commit.slice(0, 12)}-0000abcd`
    const folder = join(tree, 'shop/prod', id)
    mkdirSync(folder, { recursive: true })
    writeFileSync(
      join(folder, 'manifest.json'),
      `${JSON.stringify({ schemaVersion: 1, service: 'shop', env: 'prod', source: { commit }, verdict: { status: 'unknown' } })}\n`
    )
    if (index === 1)
      writeFileSync(
        join(folder, 'verdict.json'),
        '{"status":"good","decidedAt":null,"evidence":null}\n'
      )
    last = id
  }
  writeFileSync(
    join(tree, 'shop/prod/latest.json'),
    `${JSON.stringify({ id: last, sha256: 'x', commit: 'y', sequence: count })}\n`
  )
  const env = { GIT_INDEX_FILE: join(work, `index-${count}`), GIT_WORK_TREE: tree }
  run(repo, ['add', '-A', '.'], env)
  const written = run(repo, ['write-tree'], env).trim()
  const commit = run(repo, ['commit-tree', written, '-m', 'manifests'], {
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com'
  }).trim()
  run(repo, ['update-ref', 'refs/heads/rollback-manifests', commit])
  // Packed, as a fetched branch is.
  run(repo, ['repack', '-adq'])
  return repo
}

async function lastGood(repo: string): Promise<{ gitCalls: number; ms: number; id: string }> {
  const store = new BranchManifestStore({ cwd: repo, branch: 'rollback-manifests', remote: null })
  writeFileSync(calls, '')
  const path = process.env.PATH
  process.env.PATH = `${shim}:${path}`
  const started = process.hrtime.bigint()
  try {
    const found = await store.resolve('shop', 'prod', 'last-good')
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    return {
      gitCalls: readFileSync(calls, 'utf8').split('\n').filter(Boolean).length,
      ms,
      id: found?.id ?? ''
    }
  } finally {
    process.env.PATH = path
  }
}

describe('manifest history reads cost a constant number of git calls', () => {
  it('`last-good` at 1, 100 and 1,000 manifests: same git calls, time within 2x (+25 ms slack)', async () => {
    const counts = [1, 100, 1000]
    const repos = counts.map(historyOf)
    const runs: Array<Array<{ gitCalls: number; ms: number; id: string }>> = counts.map(() => [])
    // Interleaved rounds: every size sees the same load from the rest of a shared machine.
    for (let round = 0; round < 7; round++) {
      for (const [index, repo] of repos.entries()) runs[index]!.push(await lastGood(repo))
    }
    const results: Record<number, { gitCalls: number; ms: number }> = {}
    counts.forEach((count, index) => {
      const mine = runs[index]!
      expect(mine.every((r) => /^000001-/.test(r.id))).toBe(true)
      // The fastest run: the least disturbed one.
      results[count] = { gitCalls: mine[0]!.gitCalls, ms: Math.min(...mine.map((r) => r.ms)) }
    })
    console.log(
      `manifest last-good: ${Object.entries(results)
        .map(([n, r]) => `${n} manifests ${r.gitCalls} git calls ${r.ms.toFixed(0)} ms`)
        .join('; ')}; ratio 1000/1 = ${(results[1000]!.ms / results[1]!.ms).toFixed(2)}`
    )
    expect(results[100]!.gitCalls).toBe(results[1]!.gitCalls)
    expect(results[1000]!.gitCalls).toBe(results[1]!.gitCalls)
    expect(results[1]!.gitCalls).toBeLessThanOrEqual(4)
    // In-process the read of one manifest takes a few tens of ms; the CLI adds its start-up on top.
    // The slack keeps scheduler noise of a shared machine from deciding; linear reads cost seconds.
    expect(results[1000]!.ms).toBeLessThan(2 * results[1]!.ms + 25)
  })
})
