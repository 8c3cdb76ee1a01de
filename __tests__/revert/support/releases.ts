import { createManifest, markManifest } from '../../../src/commands/manifest.js'
import { BranchManifestStore } from '../../../src/platform/git/manifest-branch-store.js'
import { badDigest, goodDigest } from './history.js'

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
