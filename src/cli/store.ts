import { resolve } from 'node:path'
import { InputError } from '../core/errors.js'
import type { ManifestStore } from '../manifest/store.js'
import { git } from '../platform/git/exec.js'
import { BranchManifestStore } from '../platform/git/manifest-branch-store.js'
import { FileManifestStore } from '../platform/fs/manifest-file-store.js'

export type StoreKind = 'branch' | 'file' | 'none'

export interface StoreOptions {
  store: string
  branch: string
  remote: string | undefined
  storePath: string
  /** Extra git environment for the branch store's fetch and push (a token's header). */
  gitEnv?: Record<string, string>
}

export function parseStoreKind(value: string): StoreKind {
  if (value === 'branch' || value === 'file' || value === 'none') return value
  throw new InputError(`--store must be branch, file or none, got '${value}'.`)
}

/** The store the flags name; the branch store pushes to `origin` when the repository has it. */
export async function openStore(
  root: string,
  options: StoreOptions,
  log: (m: string) => void
): Promise<ManifestStore | null> {
  const kind = parseStoreKind(options.store)
  if (kind === 'none') return null
  if (kind === 'file') return new FileManifestStore(resolve(root, options.storePath))
  const inside = await git(['rev-parse', '--git-dir'], { cwd: root, allowFailure: true })
  if (inside.code !== 0) {
    throw new InputError(
      `--store branch needs a git repository, and '${root}' is not one; use --store file --store-path DIR instead.`
    )
  }
  let remote: string | null = options.remote ?? null
  if (remote === null) {
    const remotes = (await git(['remote'], { cwd: root })).stdout
      .split('\n')
      .map((line) => line.trim())
    remote = remotes.includes('origin') ? 'origin' : null
  } else if (remote === '') {
    remote = null
  }
  return new BranchManifestStore({
    cwd: root,
    branch: options.branch,
    remote,
    log,
    ...(options.gitEnv ? { env: options.gitEnv } : {})
  })
}
