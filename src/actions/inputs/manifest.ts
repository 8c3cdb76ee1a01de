import { parseContractSpec } from '../../manifest/config-section.js'
import { detectSource } from '../../platform/ci-source.js'
import type { ManifestJobSettings } from '../../wiring/settings.js'
import {
  booleanInput,
  input,
  multilineInput,
  storeSettingsFromInputs,
  workspaceRoot
} from '../runtime.js'

/** The inputs as the manifest job's settings; every error names an input. */
export async function parseManifestInputs(): Promise<ManifestJobSettings> {
  const root = await workspaceRoot()
  const goModules = input('go-modules')
  return {
    store: await storeSettingsFromInputs(root),
    create: {
      root,
      service: input('service') || process.env.GITHUB_REPOSITORY?.split('/')[1] || 'service',
      env: input('env') || 'production',
      goMods:
        goModules === 'none'
          ? null
          : goModules === '' || goModules === 'auto'
            ? []
            : multilineInput('go-modules'),
      images: multilineInput('images'),
      buildMetadata: input('build-metadata') ? [input('build-metadata')] : [],
      digest: input('digest') || null,
      imageName: input('image-name') || null,
      allowTagOnlyImages: booleanInput('allow-tag-only-images', false),
      configVersion: input('config-version') || null,
      configVersionFile: input('config-version-file') || null,
      configVersionKey: input('config-version-key') || null,
      configFiles: multilineInput('config-files'),
      contracts: multilineInput('contracts').map(parseContractSpec),
      source: await detectSource(root, process.env),
      now: new Date(),
      out: input('out') || null
    }
  }
}
