import { fileURLToPath } from 'node:url'
import { runSloCheck } from '../../../src/wiring/slo-check.js'
import { buildManifest } from '../../../src/manifest/build.js'
import { manifestId, serializeManifest, sha256Hex } from '../../../src/manifest/canonical.js'
import type { StoredManifest } from '../../../src/manifest/store.js'
import type { SloEvidence } from '../../../src/slo/render/evidence.js'
import { badDigest, goodDigest } from './history.js'

const demoPolicy = fileURLToPath(new URL('../../../examples/slo/demo/slo.yml', import.meta.url))

/** The evidence of the bundled demo's gate: the healthy release (pass) or the failing one (fail). */
export async function demoEvidence(release: 'healthy' | 'failing'): Promise<SloEvidence> {
  const deployedAt = release === 'healthy' ? '2026-05-01T10:00:00Z' : '2026-05-01T12:00:00Z'
  const result = await runSloCheck({
    policyPath: demoPolicy,
    deployedAt,
    now: new Date(deployedAt),
    ports: { log: { info: () => undefined, warn: () => undefined } }
  })
  return result.evidence
}

/** A stored manifest of the payments service as the manifest job writes it. */
export function storedManifest(options: {
  commit: string
  createdAt: string
  release: 'good' | 'bad'
  verdict?: 'good' | 'bad' | 'unknown'
  ref?: string
}): StoredManifest {
  const good = options.release === 'good'
  const manifest = buildManifest(
    {
      service: 'payments',
      env: 'production',
      createdAt: new Date(options.createdAt),
      source: {
        repository: 'acme/payments',
        commit: options.commit,
        ref: options.ref ?? 'refs/heads/main',
        tag: good ? 'v2.7.4' : 'v2.8.0',
        runUrl: `https://github.com/acme/payments/actions/runs/${good ? 100 : 200}`,
        runAttempt: 1,
        actor: 'octocat'
      },
      go: [
        {
          path: '.',
          module: 'example.com/payments',
          goVersion: good ? '1.22' : '1.23',
          goModSha256: (good ? '1' : '2').repeat(64),
          goSumSha256: (good ? '3' : '4').repeat(64)
        }
      ],
      images: [
        {
          name: 'ghcr.io/acme/payments',
          tag: good ? '2.7.4' : '2.8.0',
          digest: good ? goodDigest : badDigest
        },
        { name: 'ghcr.io/acme/envoy-sidecar', tag: '1.31.2', digest: `sha256:${'e'.repeat(64)}` }
      ],
      configVersion: good ? '2026.11.1' : '2026.11.2',
      configFiles: [
        { path: 'deploy/config.yaml', sha256: (good ? '5' : '6').repeat(64), size: 10 }
      ],
      contracts: []
    },
    null
  )
  manifest.verdict = {
    status: options.verdict ?? (good ? 'good' : 'unknown'),
    decidedAt: null,
    evidence: null
  }
  const sha256 = sha256Hex(serializeManifest(manifest))
  const id = manifestId(manifest, sha256)
  return {
    id,
    sha256,
    manifest,
    storeCommit: null,
    location: `payments/production/${id}/manifest.json`
  }
}
