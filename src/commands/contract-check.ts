import { mkdir, mkdtemp, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, posix, relative, resolve } from 'node:path'
import type { Change, ContractKind } from '../core/change.js'
import type { ContractEngine } from '../core/engine.js'
import { ExitCode, InputError, messageOf } from '../core/errors.js'
import { remainingSeconds } from '../core/budget.js'
import { isInside } from '../core/confined-file.js'
import { fingerprintOf } from '../core/fingerprint.js'
import {
  findBaseline,
  type BaselineGit,
  type ManifestReader,
  type ReleaseReader
} from '../contract/baseline/find.js'
import { defaultConfigFile, loadContractConfig } from '../contract/config/load.js'
import type { ContractEntry, FailOn } from '../contract/config/types.js'
import { contractEngines, engineFor } from '../contract/engines.js'
import { upgradesRequirements } from '../contract/gomod/engine.js'
import type { MarkdownOptions } from '../contract/report/markdown.js'
import type { ReportChange, ReportContract, ReportNote } from '../contract/report/model.js'
import { renderReport, type ReportFormat } from '../contract/report/render.js'
import type { ManifestStore } from '../manifest/store.js'
import type { ContractCommandResult } from './contract-diff.js'
import { assembleReport, readDeclaredVersion, unknownRuleNotes } from './contract-report.js'
import { newContractRemoval, rollbackRemovals } from './rollback-removes.js'

/** Git as the contract check needs it: the baseline search plus reading files at a commit. */
export interface ContractCheckGit extends BaselineGit {
  /** Writes `paths` as they are at `sha` under `dest`; returns those that did not exist. */
  materialize(sha: string, paths: readonly string[], dest: string, kind?: string): Promise<string[]>
  /** The checked-out commit and branch, for the report's head when the caller does not know better. */
  head?(): Promise<{ ref: string | null; sha: string | null }>
}

export interface ContractCheckOptions {
  /** The repository root; contract paths in the config are relative to it. */
  cwd: string
  /** Default `.rollback-guard.yml` in `cwd`. */
  configPath?: string | null
  /** `auto` (the last release) or a ref; default auto. */
  against?: string | null
  format: ReportFormat
  /** Overrides the config's `fail-on`. */
  failOn?: FailOn | null
  /** Overrides the config's `rollback-impact` (list what a rollback of this change removes). */
  rollbackImpact?: boolean | null
  /** Overrides the gomod contracts' `dependency-impact` (diff upgraded dependencies' APIs). */
  dependencyImpact?: 'direct' | 'all' | 'off' | null
  /** The head as the caller knows it (a pull request's head branch and commit). */
  head?: { ref: string | null; sha: string | null } | null
  /**
   * The commit a tag-push build is releasing: release tags on it are this release itself, so the
   * baseline is the release before. Null on pull requests and branch builds.
   */
  releasing?: string | null
  /** For the manifest fallback; default the config's `manifest.service` / `manifest.env`. */
  service?: string | null
  env?: string | null
  ports: {
    /** The git port, or a factory given the config's `baseline.remote`. */
    git: ContractCheckGit | ((remote: string) => ContractCheckGit)
    releases?: ReleaseReader | null
    manifests?: ManifestReader | null
    log: (message: string) => void
  }
  now: Date
  /** Time budget of all comparisons together (default 600 s); past it: exit 3 naming the part. */
  maxSeconds?: number
  markdown?: MarkdownOptions
  /** The engines per kind; default the pure ones (src/wiring adds Go and Postgres). */
  engines?: Partial<Record<ContractKind, ContractEngine>>
}

/**
 * The manifest store as the baseline search sees it: the last manifest marked good, with its
 * contract snapshots written under `dest` at their repository paths.
 */
export function manifestBaselineReader(store: ManifestStore, dest: string): ManifestReader {
  return {
    async lastGood(service, env) {
      const stored = await store.resolve(service, env, 'last-good')
      if (!stored) return null
      let written = 0
      for (const record of stored.manifest.contracts ?? []) {
        const path = posix.normalize(record.path)
        if (path.startsWith('../') || isAbsolute(path)) continue
        const content = await store.readSnapshot(stored, record.path)
        if (!content) continue
        await mkdir(dirname(join(dest, path)), { recursive: true })
        await writeFile(join(dest, path), content)
        written += 1
      }
      return written > 0
        ? { commit: stored.manifest.source.commit, contractsDir: dest }
        : { commit: stored.manifest.source.commit }
    }
  }
}

/**
 * A contract reached through a symlink that leaves the repository would put an outside file
 * (a runner secret, say) into a public report: refuse it.
 */
async function assertInside(root: string, path: string, where: string): Promise<void> {
  const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)])
  if (!isInside(realRoot, realPath)) {
    throw new InputError(
      `${where}: contract path ${relative(root, path)} leads outside the repository (through a symlink); point \`path:\` at a file inside it.`
    )
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

function contractChange(
  contract: ContractEntry,
  path: string,
  id: string,
  level: Change['level'],
  message: string
): ReportChange {
  return {
    kind: contract.kind,
    id,
    level,
    message,
    operation: null,
    symbol: null,
    file: path,
    line: null,
    ignored: false,
    fingerprint: fingerprintOf({ kind: contract.kind, id, subject: path }),
    contract: contract.name
  }
}

/** Settings as written (`exempt-stability`) and in camelCase (`exemptStability`), for the engines. */
function engineSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...settings }
  for (const [key, value] of Object.entries(settings)) {
    out[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = value
  }
  return out
}

/** A contract's engine settings, with the `--dependency-impact` override on gomod contracts. */
function settingsOf(
  contract: ContractEntry,
  options: ContractCheckOptions
): Record<string, unknown> {
  return engineSettings(
    contract.kind === 'gomod' && options.dependencyImpact
      ? { ...contract.settings, dependencyImpact: options.dependencyImpact }
      : contract.settings
  )
}

/** The error the Go engine throws when no Go toolchain is installed (matched by name: no import cycle). */
function isMissingToolchain(error: unknown): boolean {
  return error instanceof Error && error.name === 'GoToolchainMissingError'
}

/**
 * `contract check`: every contract of the config against the last release (or `against`). The base
 * side is written from git into a temporary folder that mirrors the repository's paths, so the
 * engines see two ordinary trees; it is removed afterwards.
 */
export async function runContractCheck(
  options: ContractCheckOptions
): Promise<ContractCommandResult> {
  const { ports } = options
  const startedAt = performance.now()
  const cwd = resolve(options.cwd)
  const configPath = options.configPath ?? defaultConfigFile
  const config = await loadContractConfig(resolve(cwd, configPath), configPath)
  if (config.contracts.length === 0) {
    throw new InputError(
      `${configPath} lists no contracts; add a \`contracts:\` entry such as \`- { kind: openapi, path: api/openapi.yaml }\`.`
    )
  }
  const git = typeof ports.git === 'function' ? ports.git(config.baseline.remote) : ports.git
  const engines = options.engines ?? contractEngines
  for (const contract of config.contracts) engineFor(contract.kind, engines)
  const failOn = options.failOn ?? config.failOn
  const manifestSettings = config.manifest as { service?: unknown; env?: unknown }
  const baseline = await findBaseline({
    currentCommit: options.releasing ?? null,
    against: options.against || 'auto',
    settings: config.baseline,
    git,
    releases: ports.releases ?? null,
    manifests: ports.manifests ?? null,
    service:
      options.service ??
      (typeof manifestSettings.service === 'string' ? manifestSettings.service : null),
    env: options.env ?? (typeof manifestSettings.env === 'string' ? manifestSettings.env : null),
    log: ports.log
  })
  const head = options.head ?? (git.head ? await git.head() : { ref: null, sha: null })
  const usedEngines = [...new Set(config.contracts.map((c) => engineFor(c.kind, engines)))]
  const notes: ReportNote[] = [...baseline.notes, ...unknownRuleNotes(config, usedEngines)]
  const contracts: ReportContract[] = []
  const changes: ReportChange[] = []
  const rollbackImpact = options.rollbackImpact ?? config.rollbackImpact
  const removes: ReportChange[] = []

  const scratch = await mkdtemp(join(tmpdir(), 'rollback-guard-base-'))
  try {
    // A manifest's snapshot is what was released (even generated files); git fills in the rest.
    const snapshot = baseline.contractsDir ?? null
    const inSnapshot = new Set<string>()
    const missingAtBase = new Set<string>()
    let gitSha: string | null | undefined = snapshot ? undefined : baseline.sha
    const baseCommit = async () => {
      if (gitSha === undefined) gitSha = baseline.sha ? await git.resolveCommit(baseline.sha) : null
      return gitSha
    }
    const baseRootOf = (path: string) => (snapshot && inSnapshot.has(path) ? snapshot : scratch)
    for (const contract of config.contracts) {
      const fromGit: string[] = []
      for (const path of contract.paths) {
        if (snapshot && (await exists(join(snapshot, path)))) inSnapshot.add(path)
        else fromGit.push(path)
      }
      if (fromGit.length === 0) continue
      const sha = await baseCommit()
      const missing = sha ? await git.materialize(sha, fromGit, scratch, contract.kind) : fromGit
      for (const path of missing) missingAtBase.add(path)
    }
    // Dependency impact looks for the uses of dependencies in the Go code beside the base go.mod,
    // read from git only when a requirement it assesses changed (it is on by default). A go.mod
    // from a manifest's snapshot has no code beside it (the engine says so).
    for (const contract of config.contracts) {
      if (contract.kind !== 'gomod') continue
      const settings = settingsOf(contract, options)
      const fromGit = contract.paths.filter((path) => !inSnapshot.has(path))
      let upgraded = false
      for (const path of fromGit) {
        upgraded = await upgradesRequirements(join(scratch, path), join(cwd, path), settings)
        if (upgraded) break
      }
      const sha = upgraded ? await baseCommit() : null
      if (!sha) continue
      const folders = fromGit.map((p) => (p.endsWith('go.mod') ? posix.dirname(p) : p))
      await git.materialize(sha, folders, scratch, 'gomod-code')
    }

    for (const contract of config.contracts) {
      const engine = engineFor(contract.kind, engines)
      let status: ReportContract['status'] = 'compared'
      let note: string | undefined
      for (const path of contract.paths) {
        const headPath = join(cwd, path)
        const baseRoot = baseRootOf(path)
        const basePath = join(baseRoot, path)
        const atHead = await exists(headPath)
        if (atHead) await assertInside(cwd, headPath, `${configPath}:${contract.line ?? 1}`)
        const atBase =
          baseline.source !== 'none' && !missingAtBase.has(path) && (await exists(basePath))
        if (!atHead && !atBase) {
          throw new InputError(
            `${configPath}:${contract.line ?? 1}: contract '${contract.name}' path '${path}' exists neither in the working tree nor at ${baseline.ref ?? baseline.sha ?? 'the base'}; fix \`path:\`.`
          )
        }
        if (!atBase) {
          status = 'new'
          note =
            baseline.source === 'none'
              ? 'no earlier release to compare with'
              : `not in ${baseline.ref ?? baseline.sha?.slice(0, 7)}; new in this change`
          changes.push(
            contractChange(
              contract,
              path,
              'contract-added',
              'info',
              `new ${contract.kind} contract ${path} (${note})`
            )
          )
          if (rollbackImpact && atHead && baseline.source !== 'none')
            removes.push(newContractRemoval(contract, path))
          continue
        }
        if (!atHead) {
          status = 'removed'
          note = `${path} is gone at head; if it moved, update \`path:\` in ${configPath}`
          changes.push(
            contractChange(
              contract,
              path,
              'contract-removed',
              'breaking',
              `${contract.kind} contract ${path} was removed; clients of the last release still use it`
            )
          )
          continue
        }
        try {
          const found = await engine.diff(basePath, headPath, {
            baseRoot,
            headRoot: cwd,
            now: options.now,
            settings: settingsOf(contract, options),
            log: ports.log,
            maxSeconds: remainingSeconds(startedAt, options.maxSeconds)
          })
          for (const change of found) changes.push({ ...change, contract: contract.name })
          if (rollbackImpact) {
            const sides = { basePath, headPath, baseRoot, headRoot: cwd }
            // What a rollback removes is read from go.mod lines; the upgrade's call sites are above.
            const settings = { ...engineSettings(contract.settings), dependencyImpact: 'off' }
            removes.push(
              ...(await rollbackRemovals(engine, contract, sides, { now: options.now, settings }))
            )
          }
        } catch (error) {
          if (isMissingToolchain(error) && contract.settings['missing-toolchain'] !== 'fail') {
            status = 'skipped'
            note = messageOf(error)
            notes.push({
              level: 'warning',
              message: `contract '${contract.name}' was not checked: ${messageOf(error)} (set \`missing-toolchain: fail\` to fail instead).`
            })
            break
          }
          throw error
        }
      }
      contracts.push({
        name: contract.name,
        kind: contract.kind,
        paths: contract.paths,
        status,
        ...(note ? { note } : {})
      })
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }

  const declaredVersion = await readDeclaredVersion(cwd, config.version.files)
  const report = assembleReport({
    base: { ref: baseline.ref, sha: baseline.sha, source: baseline.source },
    head,
    contracts,
    changes,
    notes,
    config,
    failOn,
    baseVersion: baseline.version,
    declaredVersion,
    now: options.now
  })
  if (rollbackImpact) report.rollback = { removes }
  return {
    report,
    output: renderReport(report, options.format, options.markdown),
    exitCode: report.verdict === 'fail' ? ExitCode.found : ExitCode.ok
  }
}
