import * as core from '@actions/core'
import { createManifest, renderManifestMarkdown } from '../commands/manifest.js'
import { parseContractSpec } from '../manifest/config-section.js'
import { detectSource, repositoryRoot } from '../platform/ci-source.js'
import {
  actionLog,
  booleanInput,
  input,
  multilineInput,
  runAction,
  storeFromInputs
} from './runtime.js'

export async function runManifestAction(): Promise<number> {
  const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd()
  const root = (await repositoryRoot(workspace)) ?? workspace
  const service = input('service') || process.env.GITHUB_REPOSITORY?.split('/')[1] || 'service'
  const env = input('env') || 'production'
  const store = await storeFromInputs(root)
  const goModules = input('go-modules')
  const result = await createManifest(
    {
      root,
      service,
      env,
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
    },
    { store, log: actionLog.info }
  )
  core.setOutput('manifest-path', result.outPath ?? result.location ?? '')
  core.setOutput('manifest-sha256', result.sha256)
  core.setOutput('manifest-id', result.id)
  core.setOutput('manifest-json', result.json.trim())
  core.setOutput('previous-sha256', result.previousSha256 ?? '')
  core.setOutput('store-commit', result.storeCommit ?? '')
  core.info(
    `manifest ${result.id} (sha256 ${result.sha256})${result.storeCommit ? ` stored at ${result.storeCommit}` : ''}`
  )
  await core.summary.addRaw(renderManifestMarkdown(result.manifest, result)).write()
  return 0
}

await runAction(runManifestAction)
