import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createManifest } from '../../../src/wiring/manifest.js'
import { markManifest } from '../../../src/commands/manifest.js'
import { BranchManifestStore } from '../../../src/platform/git/manifest-branch-store.js'
import { badDigest, buildHistory, goodDigest, type History } from './history.js'

let clock = Date.UTC(2026, 4, 1, 9)

/** Records a release of the payments service on the manifest branch of the remote, as the manifest job does. */
export async function recordRelease(
  work: string,
  commit: string,
  release: {
    tag: string
    digest: string
    config: string
    verdict?: 'good' | 'bad'
    /** Contract files of the work tree to snapshot beside the manifest. */
    contracts?: { path: string; kind: string | null }[]
  }
): Promise<string> {
  const store = new BranchManifestStore({
    cwd: work,
    branch: 'rollback-manifests',
    remote: 'origin'
  })
  clock += 60_000
  const result = await createManifest(
    {
      root: work,
      service: 'payments',
      env: 'production',
      goMods: null,
      images: [
        `ghcr.io/acme/payments:${release.tag}@${release.digest}`,
        `ghcr.io/acme/envoy-sidecar:1.31.2@sha256:${'e'.repeat(64)}`
      ],
      buildMetadata: [],
      digest: null,
      imageName: null,
      allowTagOnlyImages: false,
      configVersion: release.config,
      configVersionFile: null,
      configVersionKey: null,
      configFiles: [],
      contracts: release.contracts ?? [],
      source: {
        repository: 'acme/payments',
        commit,
        ref: 'refs/heads/main',
        tag: `v${release.tag}`,
        runUrl: `https://github.com/acme/payments/actions/runs/${release.tag.replace(/\./g, '')}`,
        runAttempt: 1,
        actor: 'octocat'
      },
      now: new Date(clock),
      out: null
    },
    { store, log: () => undefined }
  )
  if (release.verdict) {
    await markManifest(
      store,
      'payments',
      'production',
      result.id,
      release.verdict,
      null,
      new Date(clock + 1000)
    )
  }
  return result.id
}

export const goodRelease = {
  tag: '2.7.4',
  digest: goodDigest,
  config: '2026.11.1',
  verdict: 'good' as const
}
export const badRelease = { tag: '2.8.0', digest: badDigest, config: '2026.11.2' }

/**
 * The history of an incident (buildHistory) with its good release (marked good) and its bad
 * release recorded on the manifest branch of the bare remote.
 */
export async function releasedHistory(
  options: {
    conflictAfterBad?: boolean
    /** Snapshot an OpenAPI contract: GET /orders in the good release, GET /refunds added in the bad one. */
    contracts?: boolean
  } = {}
): Promise<History> {
  const history = await buildHistory(options)
  const contracts = options.contracts ? [{ path: 'api/openapi.yaml', kind: 'openapi' }] : []
  const spec = (name: string) =>
    copyFile(
      new URL(`../../fixtures/revert/contracts/${name}`, import.meta.url),
      join(history.work, 'api/openapi.yaml')
    )
  if (options.contracts) {
    await mkdir(join(history.work, 'api'), { recursive: true })
    await spec('shop-1.4.0.yaml')
  }
  await recordRelease(history.work, history.good, { ...goodRelease, contracts })
  if (options.contracts) await spec('shop-1.5.0.yaml')
  await recordRelease(history.work, history.bad, { ...badRelease, contracts })
  return history
}
