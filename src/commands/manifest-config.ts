import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { defaultConfigFile, loadContractConfig } from '../contract/config/load.js'
import { parseManifestSettings, type ManifestSettings } from '../manifest/config-section.js'

export interface ManifestConfig {
  settings: ManifestSettings
  /** The config's contracts, snapshotted beside every manifest so the next check can compare. */
  contracts: { path: string; kind: string | null }[]
}

/**
 * The manifest defaults from .rollback-guard.yml: its `manifest:` section and its `contracts:`.
 * A named file must exist; the default file is optional.
 */
export async function loadManifestConfig(
  root: string,
  configPath: string | null
): Promise<ManifestConfig> {
  const file = configPath ?? defaultConfigFile
  const full = resolve(root, file)
  if (configPath === null && !existsSync(full)) return { settings: {}, contracts: [] }
  const config = await loadContractConfig(full, file)
  return {
    settings: parseManifestSettings(config.manifest, file),
    contracts: config.contracts.flatMap((entry) =>
      entry.paths.map((path) => ({ path, kind: entry.kind }))
    )
  }
}
