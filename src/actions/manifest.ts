import * as core from '@actions/core'
import { renderManifestMarkdown } from '../commands/manifest.js'
import { runManifestJob } from '../wiring/manifest.js'
import { parseManifestInputs } from './inputs/manifest.js'
import { actionLog, inputStoreNames, runAction } from './runtime.js'

export async function runManifestAction(): Promise<number> {
  const settings = await parseManifestInputs()
  const result = await runManifestJob(settings, actionLog.info, inputStoreNames)
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
