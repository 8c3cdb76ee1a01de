import type { ChangeLevel, ContractKind } from '../../core/change.js'

export type FailOn = 'breaking' | 'warning' | 'never'
export const failOnValues: readonly FailOn[] = ['breaking', 'warning', 'never']

/** One contract of `.rollback-guard.yml` `contracts:`, with `path`/`paths` normalized to `paths`. */
export interface ContractEntry {
  kind: ContractKind
  /** Unique; defaults to the first path. Used to group the report and in ignore entries. */
  name: string
  /** Repository-relative paths: a file (openapi, gomod) or a directory (protobuf, go). */
  paths: string[]
  /** Everything else the entry carries, passed to the engine as its settings. */
  settings: Record<string, unknown>
  /** 1-based line of the entry in the config file, for messages. */
  line: number | null
}

export interface IgnoreEntry {
  id?: string
  /** "GET /pets", "pkg.Service/Method": exact, or a glob where `*` spans one segment, `**` any. */
  operation?: string
  /** An API path template such as "/pets/{id}" (any method); glob like `operation`. */
  path?: string
  symbol?: string
  fingerprint?: string
  /** Only changes of this contract (its `name`). */
  contract?: string
  reason: string
  /** YYYY-MM-DD: the entry applies through this day (UTC) and stops applying after it. */
  expires?: string
  line: number | null
}

export interface BaselineSettings {
  /** Tag shapes with a `{version}` placeholder, tried in order. */
  tagPatterns: string[]
  includePrereleases: boolean
  /** Fall back to the latest GitHub release when no tag matches. */
  githubReleases: boolean
  /** Fall back to the last manifest marked good. */
  manifests: boolean
  /** Fetch missing tags and refs from this remote when the clone is shallow. */
  remote: string
}

export interface VersionSettings {
  /** Files that may declare the head's version: package.json (its "version"), or a plain file. */
  files: string[]
  /** Whether a declared version lower than the required one fails the check. */
  enforce: boolean
}

export interface ContractCheckConfig {
  /** The file it was read from, or null for defaults. */
  file: string | null
  contracts: ContractEntry[]
  failOn: FailOn
  /** List the additions a rollback of this release would remove (`rollback-impact: on|off`). */
  rollbackImpact: boolean
  overrides: Record<string, ChangeLevel>
  ignore: IgnoreEntry[]
  baseline: BaselineSettings
  version: VersionSettings
  /** Owned by the manifest job; read here only for `service`/`env` of the manifest fallback. */
  manifest: Record<string, unknown>
}

export const defaultBaseline: BaselineSettings = {
  tagPatterns: ['v{version}', '{version}'],
  includePrereleases: false,
  githubReleases: true,
  manifests: true,
  remote: 'origin'
}

export const defaultVersion: VersionSettings = { files: ['package.json', 'VERSION'], enforce: true }
