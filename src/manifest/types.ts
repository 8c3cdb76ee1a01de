export type VerdictStatus = 'unknown' | 'good' | 'bad'

export interface ManifestSource {
  repository: string | null
  commit: string
  ref: string | null
  tag: string | null
  runUrl: string | null
  runAttempt: number | null
  actor: string | null
}

export interface GoModuleRecord {
  /** go.mod's folder relative to the repository root ('.' for the root). */
  path: string
  module: string
  goVersion: string | null
  goModSha256: string
  goSumSha256: string | null
}

export interface ImageRecord {
  name: string
  tag: string | null
  digest: string | null
  platforms?: { platform: string; digest: string }[]
}

export interface ConfigFileRecord {
  path: string
  sha256: string
  size: number
}

export interface ContractRecord {
  path: string
  sha256: string
  kind: string | null
}

export interface PreviousManifest {
  id: string
  commit: string
  sha256: string
}

export interface Verdict {
  status: VerdictStatus
  decidedAt?: string | null
  evidence?: Record<string, unknown> | null
}

export interface RollbackManifest {
  schemaVersion: 1
  service: string
  env: string
  createdAt: string
  source: ManifestSource
  go: GoModuleRecord[]
  images: ImageRecord[]
  config: { version: string | null; sha256: string | null; files: ConfigFileRecord[] }
  contracts: ContractRecord[]
  /** Per migrations directory (contracts of kind migrations): what the release's schema is. */
  migrations?: MigrationDirectoryRecord[]
  previous: PreviousManifest | null
  verdict: Verdict
}

export interface MigrationDirectoryRecord {
  path: string
  tool: string
  /** The newest migration version, null for an empty directory. */
  version: string | null
  count: number
  /** sha256 over every migration's version and up/down checksum, in apply order. */
  sha256: string
  migrations: {
    version: string
    file: string
    hasDown: boolean
    /** Previous-release rule ids (with the object) its up breaks, e.g. `ban-drop-column users.email`. */
    breaks: string[]
    /** false when the SQL could not be parsed at build time (no parser installed): `breaks` is unknown. */
    analysed?: boolean
  }[]
}
