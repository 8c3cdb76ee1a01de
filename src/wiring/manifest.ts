import {
  createManifest as recordRelease,
  type ManifestCreateOptions,
  type ManifestCreateResult,
  type ManifestPorts
} from '../commands/manifest.js'
import * as fileHelpers from '../platform/fs/files.js'
import type { ManifestJobSettings } from './settings.js'
import { openStore } from './store.js'

/** `createManifest` reading and writing the repository's files (unless the caller passes others). */
export function createManifest(
  options: ManifestCreateOptions,
  ports: Omit<ManifestPorts, 'files'> & Partial<Pick<ManifestPorts, 'files'>>
): Promise<ManifestCreateResult> {
  return recordRelease(options, { ...ports, files: ports.files ?? fileHelpers })
}

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
