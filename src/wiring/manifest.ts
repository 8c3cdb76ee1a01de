import {
  createManifest,
  type ManifestCreateOptions,
  type ManifestCreateResult
} from '../commands/manifest.js'
import type { ManifestJobSettings } from './settings.js'
import { openStore } from './store.js'

/** The manifest job, for the action and the CLI alike: open the store, record the release. */
export async function runManifestJob(
  settings: ManifestJobSettings,
  log: (message: string) => void,
  names?: { store: string; storePath: string }
): Promise<ManifestCreateResult> {
  const store = await openStore(settings.create.root, settings.store, log, names)
  return createManifest(settings.create, { store, log })
}

export type { ManifestCreateOptions }
