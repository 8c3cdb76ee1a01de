import { stat } from 'node:fs/promises'
import { glob } from 'tinyglobby'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { ContractKind } from '../core/change.js'
import type { ContractEngine } from '../core/engine.js'
import { ExitCode, InputError } from '../core/errors.js'
import { defaultMaxSeconds } from '../core/budget.js'
import { emptyConfig, loadContractConfig, defaultConfigFile } from '../contract/config/load.js'
import type { ContractCheckConfig, FailOn } from '../contract/config/types.js'
import { contractEngines, engineFor, parseContractKind } from '../contract/engines.js'
import type { MarkdownOptions } from '../contract/report/markdown.js'
import type { ContractReport } from '../contract/report/model.js'
import { renderReport, type ReportFormat } from '../contract/report/render.js'
import { assembleReport, unknownRuleNotes } from './contract-report.js'

export interface ContractDiffOptions {
  kind: ContractKind | string
  basePath: string
  headPath: string
  format: ReportFormat
  /** Overrides the config's `fail-on`; default breaking. */
  failOn?: FailOn | null
  /** A config for overrides and ignore entries; default `.rollback-guard.yml` in `cwd` if present. */
  configPath?: string | null
  /** Paths are resolved, and reported, relative to this folder. */
  cwd?: string
  now: Date
  log?: (message: string) => void
  /** Time budget of the comparison (default 600 s); past it: exit 3 naming the part it was on. */
  maxSeconds?: number
  markdown?: MarkdownOptions
  /** The engines per kind; default the pure ones (src/wiring adds Go and Postgres). */
  engines?: Partial<Record<ContractKind, ContractEngine>>
  /** Engine settings from flags (`--database-url`, `--rehearse` for migrations). */
  settings?: Record<string, unknown>
}

export interface ContractCommandResult {
  report: ContractReport
  output: string
  exitCode: ExitCode
}

async function existing(path: string, label: string, given: string): Promise<'file' | 'dir'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file'
  } catch {
    throw new InputError(`${label} ${given}: no such file or directory.`)
  }
}

/** The folder that paths in the report are relative to: `cwd` when the contract is inside it. */
function rootFor(path: string, kind: 'file' | 'dir', cwd: string): string {
  const inside = !relative(cwd, path).startsWith('..') && !isAbsolute(relative(cwd, path))
  if (inside) return cwd
  return kind === 'dir' ? path : dirname(path)
}

async function configFor(
  path: string | null | undefined,
  cwd: string
): Promise<ContractCheckConfig> {
  if (path) return loadContractConfig(resolve(cwd, path), path)
  try {
    await stat(resolve(cwd, defaultConfigFile))
  } catch {
    return emptyConfig()
  }
  return loadContractConfig(resolve(cwd, defaultConfigFile), defaultConfigFile)
}

/** What a folder must hold for a kind to read anything in it. */
const sourcesOf: Partial<Record<ContractKind, { pattern: string; what: string }>> = {
  protobuf: { pattern: '**/*.proto', what: '.proto files' },
  go: { pattern: '**/*.go', what: 'Go package (.go files)' }
}

/** A folder with nothing of its kind in it would compare as "no changes": say so instead. */
async function requireSources(kind: ContractKind, dir: string, label: string, given: string) {
  const sources = sourcesOf[kind]
  if (!sources) return
  const found = await glob(sources.pattern, {
    cwd: dir,
    ignore: ['**/node_modules/**', '**/.git/**'],
    expandDirectories: false
  })
  if (found.length === 0)
    throw new InputError(
      `${label} ${given} has no ${sources.what}: nothing would be compared. Give the folder that holds them, or another --kind.`
    )
}

/** `contract diff`: two files or folders, no git; exit 1 when a change reaches fail-on. */
export async function runContractDiff(
  options: ContractDiffOptions
): Promise<ContractCommandResult> {
  const cwd = options.cwd ?? process.cwd()
  const kind = parseContractKind(options.kind)
  const engine = engineFor(kind, options.engines ?? contractEngines)
  const basePath = resolve(cwd, options.basePath)
  const headPath = resolve(cwd, options.headPath)
  const baseKind = await existing(basePath, '--base', options.basePath)
  const headKind = await existing(headPath, '--head', options.headPath)
  if (baseKind !== headKind) {
    throw new InputError(
      `--base is a ${baseKind === 'dir' ? 'directory' : 'file'} but --head is not; pass two files or two directories.`
    )
  }
  if (baseKind === 'dir') {
    await requireSources(kind, basePath, '--base', options.basePath)
    await requireSources(kind, headPath, '--head', options.headPath)
  }
  const config = await configFor(options.configPath, cwd)
  const failOn = options.failOn ?? config.failOn
  const name = relative(cwd, headPath).split(sep).join('/') || options.headPath
  const changes = await engine.diff(basePath, headPath, {
    baseRoot: rootFor(basePath, baseKind, cwd),
    headRoot: rootFor(headPath, headKind, cwd),
    now: options.now,
    settings: options.settings ?? {},
    log: options.log,
    maxSeconds: options.maxSeconds ?? defaultMaxSeconds
  })
  const report = assembleReport({
    base: { ref: options.basePath, sha: null, source: 'path' },
    head: { ref: options.headPath, sha: null },
    contracts: [{ name, kind, paths: [name], status: 'compared' }],
    changes: changes.map((change) => ({ ...change, contract: name })),
    notes: unknownRuleNotes(config, [engine]),
    config,
    failOn,
    baseVersion: null,
    declaredVersion: null,
    now: options.now
  })
  return {
    report,
    output: renderReport(report, options.format, options.markdown),
    exitCode: report.verdict === 'fail' ? ExitCode.found : ExitCode.ok
  }
}
