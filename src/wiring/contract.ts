import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  manifestBaselineReader,
  runContractCheck as runCheckWith,
  type ContractCheckOptions
} from '../commands/contract-check.js'
import {
  runContractDiff as runDiffWith,
  type ContractCommandResult,
  type ContractDiffOptions
} from '../commands/contract-diff.js'
import type { ManifestReader, ReleaseReader } from '../contract/baseline/find.js'
import { messageOf } from '../core/errors.js'
import { gitBaseline } from '../platform/git/baseline.js'
import { getLatestRelease, type GitHubClient } from '../platform/github/index.js'
import { commandEngines } from './engines.js'
import type { ContractJobSettings, GitHubSettings } from './settings.js'
import { openStore } from './store.js'

/** `contract diff` with every engine (Go and Postgres included) unless the caller names others. */
export function runContractDiff(options: ContractDiffOptions): Promise<ContractCommandResult> {
  return runDiffWith({ ...options, engines: options.engines ?? commandEngines })
}

/** `contract check` with every engine unless the caller names others. */
export function runContractCheck(options: ContractCheckOptions): Promise<ContractCommandResult> {
  return runCheckWith({ ...options, engines: options.engines ?? commandEngines })
}

/**
 * The ports for a run with git only (the CLI on any CI): tags and refs from the clone and its
 * remote; add `releases` (a GitHub token) or `manifests` (the manifest store) when available.
 */
export function localContractCheckPorts(
  cwd: string,
  log: (message: string) => void
): ContractCheckOptions['ports'] {
  return {
    git: (remote) => gitBaseline({ cwd, remote, log }),
    releases: null,
    manifests: null,
    log
  }
}

export interface ContractJobLog {
  info: (message: string) => void
  warn: (message: string) => void
  debug: (message: string) => void
}

/** Runs a lookup of the baseline search; with `warn`, a failure is a warning and finds nothing. */
function lookup<T>(
  failures: ContractJobSettings['lookupFailures'],
  log: ContractJobLog,
  what: string,
  body: () => Promise<T | null>
): Promise<T | null> {
  if (failures === 'fail') return body()
  return body().catch((error: unknown) => {
    log.warn(`could not read ${what}: ${messageOf(error)}`)
    return null
  })
}

function releaseReader(
  client: GitHubClient | null,
  github: GitHubSettings | null,
  settings: ContractJobSettings,
  log: ContractJobLog
): ReleaseReader | null {
  if (!client || !github?.owner || !github.repo) return null
  const { owner, repo } = github
  return {
    latestRelease: () =>
      lookup(settings.lookupFailures, log, 'the latest GitHub release', async () => {
        const release = await getLatestRelease({ client, owner, repo })
        return release ? { tag: release.tagName } : null
      })
  }
}

/** The last manifest marked good on the manifest branch, opened only when the search gets there. */
function manifestReader(
  settings: ContractJobSettings,
  branch: string,
  snapshots: string,
  log: ContractJobLog
): ManifestReader {
  return {
    lastGood: (service, env) =>
      lookup(settings.lookupFailures, log, 'the manifest branch', async () => {
        const store = await openStore(
          settings.root,
          { kind: 'branch', branch, remote: undefined, path: '' },
          log.debug
        )
        return store ? manifestBaselineReader(store, snapshots).lastGood(service, env) : null
      })
  }
}

/**
 * The contract-check job, for the action and the CLI alike: two paths compared directly, or every
 * contract of the config against the last release (git tags, the latest GitHub release, the last
 * good manifest). `client` is the GitHub client of the settings' repository, when there is one.
 */
export async function runContractJob(
  settings: ContractJobSettings,
  log: ContractJobLog,
  client: GitHubClient | null
): Promise<ContractCommandResult> {
  const { source } = settings
  if (source.mode === 'diff') {
    return runContractDiff({
      kind: source.kind,
      basePath: source.basePath,
      headPath: source.headPath,
      format: settings.format,
      failOn: settings.failOn,
      configPath: source.configPath,
      cwd: settings.root,
      now: settings.now,
      log: log.info,
      maxSeconds: settings.maxSeconds,
      settings: {
        ...source.engineSettings,
        ...(settings.dependencyImpact ? { dependencyImpact: settings.dependencyImpact } : {})
      },
      ...(settings.markdown ? { markdown: settings.markdown } : {})
    })
  }
  const snapshots = await mkdtemp(join(tmpdir(), 'rollback-guard-snapshots-'))
  try {
    return await runContractCheck({
      cwd: settings.root,
      configPath: source.configPath,
      against: source.against,
      format: settings.format,
      failOn: settings.failOn,
      rollbackImpact: source.rollbackImpact,
      dependencyImpact: settings.dependencyImpact,
      head: source.head,
      releasing: source.releasing,
      service: source.service,
      env: source.env,
      maxSeconds: settings.maxSeconds,
      ports: {
        ...localContractCheckPorts(settings.root, log.info),
        releases: releaseReader(client, settings.github, settings, log),
        manifests: manifestReader(settings, source.manifestBranch, snapshots, log)
      },
      now: settings.now,
      ...(settings.markdown ? { markdown: settings.markdown } : {})
    })
  } finally {
    await rm(snapshots, { recursive: true, force: true })
  }
}
