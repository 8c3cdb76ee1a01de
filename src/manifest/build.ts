import type {
  ConfigFileRecord,
  ContractRecord,
  GoModuleRecord,
  ImageRecord,
  ManifestSource,
  MigrationDirectoryRecord,
  PreviousManifest,
  RollbackManifest
} from './types.js'
import { sha256Hex } from './canonical.js'
import { redactNullable } from '../core/redact.js'

export interface ManifestParts {
  service: string
  env: string
  createdAt: Date
  source: ManifestSource
  go: GoModuleRecord[]
  images: ImageRecord[]
  configVersion: string | null
  configFiles: ConfigFileRecord[]
  contracts: ContractRecord[]
  migrations?: MigrationDirectoryRecord[]
}

/** One sha256 over the config files: each file's path, size and hash, in path order. */
export function configDigest(files: readonly ConfigFileRecord[]): string | null {
  if (files.length === 0) return null
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => `${file.path}\u0000${file.size}\u0000${file.sha256}\n`)
  return sha256Hex(lines.join(''))
}

export function buildManifest(
  parts: ManifestParts,
  previous: PreviousManifest | null
): RollbackManifest {
  // A fresh document each time: a retry rebuilds from the same parts, and callers may edit the result.
  return structuredClone({
    schemaVersion: 1,
    service: parts.service,
    env: parts.env,
    createdAt: parts.createdAt.toISOString(),
    source: redactSource(parts.source),
    go: parts.go,
    images: parts.images,
    config: {
      version: parts.configVersion,
      sha256: configDigest(parts.configFiles),
      files: parts.configFiles
    },
    contracts: parts.contracts,
    ...(parts.migrations && parts.migrations.length > 0 ? { migrations: parts.migrations } : {}),
    previous,
    verdict: { status: 'unknown', decidedAt: null, evidence: null }
  } satisfies RollbackManifest)
}

/** Whatever the caller passed, no credential is recorded in a manifest (its history is never rewritten). */
function redactSource(source: ManifestSource): ManifestSource {
  return {
    ...source,
    repository: redactNullable(source.repository),
    ref: redactNullable(source.ref),
    tag: redactNullable(source.tag),
    runUrl: redactNullable(source.runUrl),
    actor: redactNullable(source.actor)
  }
}
