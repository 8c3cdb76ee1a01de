import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gitIn, repoWithRemote, writeFiles } from '../../support/git-fixtures.js'

export const goodDigest = `sha256:${'a'.repeat(64)}`
export const badDigest = `sha256:${'b'.repeat(64)}`

const fixture = (path: string) =>
  readFile(new URL(`../../fixtures/revert/${path}`, import.meta.url), 'utf8')

/** Swaps the fixtures' bad release (2.8.0, b…) for the good one (2.7.4, a…): the text of the good release. */
function asGoodRelease(text: string): string {
  return text
    .split(badDigest)
    .join(goodDigest)
    .replace(/2\.8\.0/g, '2.7.4')
}

export interface History {
  base: string
  work: string
  remote: string
  /** The commit released as good (its manifest is marked good). */
  good: string
  /** The merge of the feature branch (first parent main). */
  merge: string
  /** The commit released last: it failed its SLOs. */
  bad: string
  /** What main holds now (a docs commit after the bad release, or a conflicting change). */
  tip: string
}

/**
 * A real history on a bare remote: the good release; a feature branch of two commits merged with
 * --no-ff; the image bump released as bad; then one more commit on main (unrelated docs by default,
 * or an edit of the merged feature's lines, so reverting the merge conflicts).
 */
export async function buildHistory(options: { conflictAfterBad?: boolean } = {}): Promise<History> {
  const kustomization = await fixture('kustomize/overlays/production/kustomization.yaml')
  const deployment = await fixture('kustomize/base/deployment.yaml')
  const values = await fixture('helm/payments/values.yaml')
  const repo = await repoWithRemote({
    'README.md': '# payments\n',
    'app/api.go': 'package app\n\nfunc PageSize() int { return 50 }\n',
    'deploy/base/deployment.yaml': asGoodRelease(deployment),
    'deploy/overlays/production/kustomization.yaml': asGoodRelease(kustomization),
    'deploy/overlays/production/hpa.yaml': await fixture('kustomize/overlays/production/hpa.yaml'),
    'deploy/overlays/production/replicas.yaml': await fixture(
      'kustomize/overlays/production/replicas.yaml'
    ),
    'charts/payments/values.yaml': asGoodRelease(values)
  })
  const { work } = repo
  const commit = (message: string) => {
    gitIn(work, 'add', '-A')
    gitIn(work, 'commit', '-q', '-m', message)
    return gitIn(work, 'rev-parse', 'HEAD')
  }
  await writeFiles(work, { 'README.md': '# payments\n\nRelease 2.7.4.\n' })
  const good = commit('Release 2.7.4')

  gitIn(work, 'switch', '-q', '-c', 'feature/cursor-pagination')
  await writeFiles(work, { 'app/api.go': 'package app\n\nfunc PageSize() int { return 100 }\n' })
  commit('Raise the page size')
  await writeFiles(work, {
    'app/api.go':
      'package app\n\nfunc PageSize() int { return 100 }\n\nfunc Cursor() string { return "c" }\n'
  })
  commit('Cursor pagination')
  gitIn(work, 'switch', '-q', 'main')
  gitIn(
    work,
    'merge',
    '-q',
    '--no-ff',
    '-m',
    "Merge branch 'feature/cursor-pagination'",
    'feature/cursor-pagination'
  )
  const merge = gitIn(work, 'rev-parse', 'HEAD')

  await writeFile(join(work, 'deploy/base/deployment.yaml'), deployment)
  await writeFile(join(work, 'deploy/overlays/production/kustomization.yaml'), kustomization)
  await writeFile(join(work, 'charts/payments/values.yaml'), values)
  const bad = commit('Release 2.8.0')

  if (options.conflictAfterBad) {
    await writeFiles(work, {
      'app/api.go':
        'package app\n\nfunc PageSize() int { return 250 }\n\nfunc Cursor() string { return "cursor" }\n'
    })
  } else {
    await writeFiles(work, {
      'README.md': '# payments\n\nRelease 2.8.0. Runbook: docs/runbook.md\n'
    })
  }
  const tip = commit(options.conflictAfterBad ? 'Tune the page size' : 'Docs: link the runbook')
  gitIn(work, 'push', '-q', 'origin', 'main')
  return { ...repo, good, merge, bad, tip }
}

/** A file's text at a commit or branch of a repository (bare or not). */
export function show(repo: string, ref: string, path: string): string {
  return gitIn(repo, 'show', `${ref}:${path}`)
}
