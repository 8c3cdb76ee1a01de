import type { FailOn } from '../contract/config/types.js'
import type { MarkdownOptions } from '../contract/report/markdown.js'
import type { ReportFormat } from '../contract/report/render.js'
import type { SloFormat } from '../commands/slo-check.js'
import type { RevertOptions } from '../commands/revert.js'
import type { ManifestCreateOptions } from '../commands/manifest.js'

/**
 * What each job needs, as one typed object. An action's `parse<Job>Inputs()` and a CLI command's
 * options parser both produce these (naming inputs or flags in their own errors); src/wiring builds
 * the stores, clients and ports from them, so the two faces share every use case.
 */

/** Where manifests are kept. */
export interface StoreSettings {
  kind: 'branch' | 'file' | 'none'
  /** The manifest branch (kind branch). */
  branch: string
  /** The remote to fetch from and push to; undefined: `origin` when it exists; null: local only. */
  remote: string | null | undefined
  /** The manifest folder, relative to the repository root (kind file). */
  path: string
  /** Extra git environment for fetch and push (a token's header); never in a URL or argument. */
  gitEnv?: Record<string, string>
}

/** The GitHub repository and the credentials to reach its API. */
export interface GitHubSettings {
  /** Empty when none was given: the jobs then work without the API (no comment, no release). */
  token: string
  /** The REST API root (GitHub Enterprise Server: https://HOST/api/v3); undefined: api.github.com. */
  apiUrl: string | undefined
  /** Links go here: https://github.com or the Enterprise host. */
  serverUrl: string
  owner: string
  repo: string
}

/** The two ways to compare contracts: the config against the last release, or two paths. */
export type ContractSource =
  | {
      mode: 'check'
      configPath: string
      /** auto, or a ref. */
      against: string
      rollbackImpact: boolean | null
      /** The manifest fallback's service and env; null: the config's. */
      service: string | null
      env: string | null
      manifestBranch: string
      /** The head as a pull request names it; null: the checkout's. */
      head: { ref: string | null; sha: string | null } | null
      /** The commit a tag-push build releases (its own tags are not its baseline). */
      releasing: string | null
    }
  | {
      mode: 'diff'
      kind: string
      basePath: string
      headPath: string
      /** null: `.rollback-guard.yml` when it exists. */
      configPath: string | null
      /** Engine settings from flags (migrations' `databaseUrl`, `rehearse`). */
      engineSettings: Record<string, unknown>
    }

export interface ContractJobSettings {
  /** The repository root (or the working folder outside a repository). */
  root: string
  source: ContractSource
  format: ReportFormat
  failOn: FailOn | null
  dependencyImpact: 'direct' | 'all' | 'off' | null
  /** undefined: the default budget; 0: none. */
  maxSeconds: number | undefined
  github: GitHubSettings | null
  /**
   * A failure to ask GitHub for its latest release or to read the manifest branch: a warning and the
   * baseline search goes on (the action), or an error (the CLI, where the user is watching).
   */
  lookupFailures: 'warn' | 'fail'
  markdown?: MarkdownOptions
  now: Date
}

export interface SloGateSettings {
  root: string
  /** The policy path as the evidence shows it. */
  policyPath: string
  deployedAt: Date | string | undefined
  format: SloFormat
  /** Mark the manifest good or bad: where it is, or null not to record. */
  record: { store: StoreSettings; service: string; env: string; manifestRef: string } | null
  /** What to tell the user when the manifest to mark cannot be found. */
  missingManifestHint: string
  env: Record<string, string | undefined>
  /** The clock measurements wait on and verdicts are dated by; default the system's. */
  now?: () => Date
}

export interface RevertJobSettings {
  root: string
  mode: 'plan' | 'open'
  store: StoreSettings
  /** The remote to push to; null: none (plan only). */
  remote: string | null
  github: GitHubSettings
  signCommits: boolean
  options: RevertOptions
}

export interface ManifestJobSettings {
  store: StoreSettings
  /** What to record (the repository root is `create.root`). */
  create: ManifestCreateOptions
}
