import { resolve } from 'node:path'
import { InputError } from '../core/errors.js'
import type { ManifestStore } from '../manifest/store.js'
import { git } from '../platform/git/exec.js'
import { BranchManifestStore } from '../platform/git/manifest-branch-store.js'
import { FileManifestStore } from '../platform/fs/manifest-file-store.js'
import type { StoreSettings } from './settings.js'

export type StoreKind = StoreSettings['kind']

/** A store kind as written by the user; `name` is how the error calls it (`--store`, `input 'store'`). */
export function parseStoreKind(value: string, name = '--store'): StoreKind {
  if (value === 'branch' || value === 'file' || value === 'none') return value
  throw new InputError(`${name} must be branch, file or none, got '${value}'.`)
}

/**
 * The store the settings name; the branch store pushes to `origin` when the repository has it.
 * `names` says how the errors call the settings (flags for the CLI, inputs for an action).
 */
export async function openStore(
  root: string,
  settings: StoreSettings,
  log: (message: string) => void,
  names: { store: string; storePath: string } = { store: '--store', storePath: '--store-path' }
): Promise<ManifestStore | null> {
  if (settings.kind === 'none') return null
  if (settings.kind === 'file') return new FileManifestStore(resolve(root, settings.path))
  const inside = await git(['rev-parse', '--git-dir'], { cwd: root, allowFailure: true })
  if (inside.code !== 0) {
    throw new InputError(
      `${names.store} branch needs a git repository, and '${root}' is not one; use ${names.store} file ${names.storePath} DIR instead.`
    )
  }
  let remote = settings.remote ?? null
  if (settings.remote === undefined) {
    const remotes = (await git(['remote'], { cwd: root })).stdout
      .split('\n')
      .map((line) => line.trim())
    remote = remotes.includes('origin') ? 'origin' : null
  } else if (remote === '') {
    remote = null
  }
  return new BranchManifestStore({
    cwd: root,
    branch: settings.branch,
    remote,
    log,
    ...(settings.gitEnv ? { env: settings.gitEnv } : {})
  })
}
