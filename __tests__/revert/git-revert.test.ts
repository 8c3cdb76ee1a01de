import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { GitRevertRepository } from '../../src/platform/git/revert.js'
import { revertTrailer } from '../../src/revert/incident.js'
import type { PrepareRequest } from '../../src/revert/ports.js'
import { planCommitReverts } from '../../src/revert/strategies.js'
import type { RevertStrategy } from '../../src/revert/types.js'
import { cloneOf, gitIn } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'
import { badDigest, buildHistory, goodDigest, show, type History } from './support/history.js'

const pins = [
  {
    name: 'ghcr.io/acme/payments',
    from: { tag: '2.8.0', digest: badDigest },
    to: { tag: '2.7.4', digest: goodDigest }
  }
]

// Built once; each test works on its own copy.
const histories = {
  plain: gitTemplate(() => buildHistory()),
  conflictAfterBad: gitTemplate(() => buildHistory({ conflictAfterBad: true }))
}

async function prepare(
  history: History,
  strategies: RevertStrategy[],
  extra: Partial<PrepareRequest> = {}
) {
  const git = new GitRevertRepository({ cwd: history.work, remote: 'origin' })
  const commits = (await git.commitsBetween(history.good, history.bad)) ?? []
  const prepared = await git.prepare({
    base: 'main',
    good: history.good,
    bad: history.bad,
    strategies,
    steps: planCommitReverts(commits),
    deployPaths: ['deploy', 'charts'],
    pins,
    trailer: revertTrailer({ service: 'payments', env: 'production', badCommit: history.bad }),
    ...extra
  })
  await git.dispose()
  return { git, commits, prepared }
}

describe('the revert-commits strategy on a real history', () => {
  it('lists the first-parent commits newest first and reverts the merge with -m 1', async () => {
    const history = await histories.plain.clone()
    const { commits, prepared } = await prepare(history, ['revert-commits'])
    expect(commits.map((c) => c.sha)).toEqual([history.bad, history.merge])
    expect(planCommitReverts(commits).map((s) => s.mainline)).toEqual([null, 1])
    expect(prepared.applied?.strategy).toBe('revert-commits')
    expect(prepared.applied?.reverted?.map((s) => s.sha)).toEqual([history.bad, history.merge])
    const head = prepared.head as string
    // The app and the deploy files are as in the good release; the docs commit after it stays.
    for (const path of [
      'app/api.go',
      'deploy/overlays/production/kustomization.yaml',
      'charts/payments/values.yaml'
    ])
      expect(show(history.work, head, path)).toBe(show(history.work, history.good, path))
    expect(show(history.work, head, 'README.md')).toContain('Runbook')
    const messages = gitIn(history.work, 'log', '--format=%B%x00', `${history.tip}..${head}`).split(
      '\0'
    )
    expect(
      messages.filter((m) =>
        m.includes(`Rollback-Guard-Revert: payments/production/${history.bad}`)
      )
    ).toHaveLength(2)
    expect(gitIn(history.work, 'rev-list', '--count', `${history.tip}..${head}`)).toBe('2')
    expect(gitIn(history.work, 'rev-parse', `${head}~2`)).toBe(history.tip)
    // Nothing was pushed and the scratch worktree is gone.
    expect(gitIn(history.remote, 'branch', '--list', 'rollback-guard/*')).toBe('')
    expect(gitIn(history.work, 'worktree', 'list').split('\n')).toHaveLength(1)
  })

  it('skips a commit whose change the base branch already undid', async () => {
    const history = await histories.plain.clone()
    gitIn(history.work, 'revert', '--no-edit', history.bad)
    gitIn(history.work, 'push', '-q', 'origin', 'main')
    const { prepared } = await prepare(history, ['revert-commits'])
    expect(prepared.applied?.reverted?.map((s) => s.sha)).toEqual([history.merge])
    expect(prepared.applied?.detail).toBe('reverted 1 commit(s), newest first (1 already undone)')
  })

  it("does not run the repository's hooks", async () => {
    const history = await histories.plain.clone()
    const { chmod, writeFile } = await import('node:fs/promises')
    const { existsSync } = await import('node:fs')
    const marker = join(history.base, 'hook-ran')
    for (const hook of ['post-checkout', 'pre-commit', 'commit-msg']) {
      const path = join(history.work, '.git', 'hooks', hook)
      await writeFile(path, `#!/bin/sh\necho ${hook} >> ${marker}\n`)
      await chmod(path, 0o755)
    }
    const { prepared } = await prepare(history, ['revert-commits'])
    expect(prepared.applied?.strategy).toBe('revert-commits')
    expect(existsSync(marker)).toBe(false)
  })

  it('fetches the history a shallow checkout lacks', async () => {
    const history = await histories.plain.clone()
    const shallow = join(history.base, 'shallow')
    gitIn(history.base, 'clone', '-q', '--depth', '1', `file://${history.remote}`, shallow)
    const git = new GitRevertRepository({ cwd: shallow, remote: 'origin' })
    const commits = await git.commitsBetween(history.good, history.bad)
    expect(commits?.map((c) => c.subject)).toEqual([
      'Release 2.8.0',
      "Merge branch 'feature/cursor-pagination'"
    ])
  })

  it('reports a conflict with the files, and falls back to restoring the deploy paths', async () => {
    const history = await histories.conflictAfterBad.clone()
    const { prepared } = await prepare(history, ['revert-commits', 'restore-paths'])
    const [first, second] = prepared.attempts
    expect(first).toMatchObject({
      strategy: 'revert-commits',
      status: 'conflict',
      conflicts: ['app/api.go']
    })
    expect(first?.conflictAt?.sha).toBe(history.merge)
    expect(second).toMatchObject({ strategy: 'restore-paths', status: 'applied' })
    expect(second?.restored?.sort()).toEqual([
      'charts/payments/values.yaml',
      'deploy/base/deployment.yaml',
      'deploy/overlays/production/kustomization.yaml'
    ])
    const head = prepared.head as string
    expect(show(history.work, head, 'app/api.go')).toBe(
      show(history.work, history.tip, 'app/api.go')
    )
    expect(show(history.work, head, 'deploy/overlays/production/kustomization.yaml')).toBe(
      show(history.work, history.good, 'deploy/overlays/production/kustomization.yaml')
    )
    expect(gitIn(history.work, 'rev-list', '--count', `${history.tip}..${head}`)).toBe('1')
  })

  it('without a fallback, prepares one empty commit for a draft and names the conflicts', async () => {
    const history = await histories.conflictAfterBad.clone()
    const { prepared } = await prepare(history, ['revert-commits'])
    expect(prepared.applied).toBeNull()
    expect(prepared.attempts[0]?.conflicts).toEqual(['app/api.go'])
    const head = prepared.head as string
    expect(gitIn(history.work, 'rev-parse', `${head}^{tree}`)).toBe(
      gitIn(history.work, 'rev-parse', `${history.tip}^{tree}`)
    )
    expect(gitIn(history.work, 'log', '-1', '--format=%B', head)).toContain(
      'Rollback-Guard-Revert: payments/production/'
    )
    expect(gitIn(history.work, 'status', '--porcelain')).toBe('')
  })
})

describe('the pin-digests strategy on a real history', () => {
  it('rewrites the deploy YAML to the good digests in one commit, comments intact', async () => {
    const history = await histories.plain.clone()
    const { prepared } = await prepare(history, ['pin-digests'])
    expect(prepared.applied?.strategy).toBe('pin-digests')
    const head = prepared.head as string
    const kustomization = show(history.work, head, 'deploy/overlays/production/kustomization.yaml')
    expect(kustomization).toBe(
      show(history.work, history.good, 'deploy/overlays/production/kustomization.yaml')
    )
    expect(kustomization).toContain('newTag: "2.7.4"  # human-readable, the digest decides')
    expect(show(history.work, head, 'charts/payments/values.yaml')).toBe(
      show(history.work, history.good, 'charts/payments/values.yaml')
    )
    expect(show(history.work, head, 'app/api.go')).toContain('Cursor')
    const files = prepared.applied?.edits?.map((e) => e.file)
    expect([...new Set(files)].sort()).toEqual([
      'charts/payments/values.yaml',
      'deploy/base/deployment.yaml',
      'deploy/overlays/production/kustomization.yaml'
    ])
  })

  it('finds nothing to pin when no reference names the failing release', async () => {
    const history = await histories.plain.clone()
    const { prepared } = await prepare(history, ['pin-digests'], {
      pins: [
        {
          name: 'ghcr.io/acme/other',
          from: { tag: '1', digest: badDigest },
          to: { tag: '0', digest: goodDigest }
        }
      ]
    })
    expect(prepared.attempts[0]).toMatchObject({ status: 'empty' })
    expect(prepared.head).toBeNull()
  })
})

describe('restore-paths', () => {
  it('is unavailable without deploy paths', async () => {
    const history = await histories.plain.clone()
    const { prepared } = await prepare(history, ['restore-paths'], { deployPaths: [] })
    expect(prepared.attempts[0]).toMatchObject({
      status: 'unavailable',
      detail: 'no deploy-paths were given'
    })
  })

  it('removes files the good commit did not have', async () => {
    const history = await histories.plain.clone()
    const clone = cloneOf(history.remote, join(history.base, 'second'))
    gitIn(clone, 'config', 'user.email', 'x@example.com')
    gitIn(clone, 'config', 'user.name', 'x')
    const { writeFiles } = await import('../support/git-fixtures.js')
    await writeFiles(clone, {
      'deploy/overlays/production/pdb.yaml': 'kind: PodDisruptionBudget\n'
    })
    gitIn(clone, 'add', '-A')
    gitIn(clone, 'commit', '-q', '-m', 'Add a PDB')
    gitIn(clone, 'push', '-q', 'origin', 'main')
    const { prepared } = await prepare(history, ['restore-paths'], {
      deployPaths: ['deploy/overlays']
    })
    expect(prepared.applied?.restored).toContain('deploy/overlays/production/pdb.yaml')
    const listing = gitIn(
      history.work,
      'ls-tree',
      '-r',
      '--name-only',
      prepared.head as string,
      'deploy/overlays'
    )
    expect(listing).not.toContain('pdb.yaml')
  })
})
