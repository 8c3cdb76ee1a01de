import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Change } from '../../core/change.js'
import type { ContractEngine, EngineOptions } from '../../core/engine.js'
import { InputError } from '../../core/errors.js'
import { decodeUtf8 } from '../../core/confined-file.js'
import { diffGoMod } from './diff.js'
import {
  assessDependencyImpact,
  changedDependencies,
  dependencyImpactScope,
  dependencyImpactSet,
  finding,
  type DependencyImpactPort
} from './impact.js'
import { parseGoMod, type GoModFile } from './parse.js'
import { goModRules } from './rules.js'
import { GoToolchainMissingError } from '../go/errors.js'

/**
 * go.mod dependency changes. The paths are two go.mod files, or two directories: then every
 * go.mod under them (a multi-module repository) is compared with its counterpart. With a
 * dependency-impact port and the `dependencyImpact` setting on (direct by default), the API of
 * every upgraded dependency is diffed too and matched with the module's uses of it (impact.ts).
 */
export function createGoModEngine(impact?: DependencyImpactPort): ContractEngine {
  return {
    kind: 'gomod',
    rules: goModRules,
    diff: (basePath, headPath, options) => diffGoModPaths(basePath, headPath, options, impact)
  }
}

/**
 * The pure engine: go.mod lines only (the commands add the dependency-impact port); an upgrade
 * it cannot assess is one info note, unless dependency impact is turned off.
 */
export const goModEngine: ContractEngine = createGoModEngine()

async function diffGoModPaths(
  basePath: string,
  headPath: string,
  options: EngineOptions,
  impact: DependencyImpactPort | undefined
): Promise<Change[]> {
  const baseAbs = path.resolve(options.baseRoot, basePath)
  const headAbs = path.resolve(options.headRoot, headPath)
  const [baseIsDir, headIsDir] = await Promise.all([
    isDirectory(baseAbs, 'base'),
    isDirectory(headAbs, 'head')
  ])
  if (!baseIsDir && !headIsDir) return diffFiles(baseAbs, headAbs, options, impact)
  if (baseIsDir !== headIsDir) {
    throw new InputError(
      `gomod: compare a go.mod file with a go.mod file, or a directory with a directory (${basePath}, ${headPath}).`
    )
  }
  const { pairs, added, removed } = await goModPairs(baseAbs, headAbs)
  for (const rel of added) options.log?.(`gomod: ${rel} is new; nothing to compare it with`)
  const changes: Change[] = []
  for (const [baseFile, headFile] of pairs) {
    changes.push(...(await diffFiles(baseFile, headFile, options, impact)))
  }
  for (const rel of removed) options.log?.(`gomod: ${rel} was removed`)
  return changes
}

/**
 * The go.mod files under two directories: the base and head file of each module on both sides
 * (in order), and the modules only the head or only the base has (relative paths).
 */
async function goModPairs(
  baseAbs: string,
  headAbs: string
): Promise<{ pairs: [string, string][]; added: string[]; removed: string[] }> {
  const [baseMods, headMods] = await Promise.all([findGoMods(baseAbs), findGoMods(headAbs)])
  return {
    pairs: headMods
      .filter((rel) => baseMods.includes(rel))
      .map((rel) => [path.join(baseAbs, rel), path.join(headAbs, rel)]),
    added: headMods.filter((rel) => !baseMods.includes(rel)),
    removed: baseMods.filter((rel) => !headMods.includes(rel))
  }
}

async function diffFiles(
  baseFile: string,
  headFile: string,
  options: EngineOptions,
  impact: DependencyImpactPort | undefined
): Promise<Change[]> {
  const relBase = toPosix(path.relative(options.baseRoot, baseFile))
  const relHead = toPosix(path.relative(options.headRoot, headFile))
  const base = await loadGoMod(baseFile, relBase)
  const head = await loadGoMod(headFile, relHead)
  const changes = diffGoMod(base, head, { baseFile: relBase, headFile: relHead })
  const scope = dependencyImpactScope(options.settings)
  if (scope === 'off') return changes
  const asked = dependencyImpactSet(options.settings)
  const baseDir = path.dirname(baseFile)
  const deps = changedDependencies(base, head, { baseDir, headDir: path.dirname(headFile) }, scope)
  // No requirement changed: nothing to download, no go process.
  if (deps.length === 0) return changes
  if (!impact) {
    if (asked) {
      throw new InputError(
        `gomod: dependency impact needs the Go toolchain, which this engine was built without; use the rollback-guard CLI or action, or turn dependency-impact off.`
      )
    }
    return [
      ...changes,
      impactSkipped(
        deps.length,
        relHead,
        'this engine has no Go toolchain (use createRealGoModEngine, the CLI or the action)'
      )
    ]
  }
  const hasCode = await hasGoCode(baseDir)
  // The default looks for the calls an upgrade breaks; with no code there are none to find, so
  // nothing is downloaded (asked for explicitly, the dependencies' API diffs are still summarised).
  if (!hasCode && !asked) {
    return [
      ...changes,
      impactSkipped(
        deps.length,
        relHead,
        `there is no Go code beside ${relBase} to find their call sites in (compare the go.mod files inside their modules' source, or set dependency-impact: direct to diff the dependencies' APIs anyway)`
      )
    ]
  }
  options.log?.(
    `gomod: diffing the API of ${deps.length} upgraded dependenc${deps.length === 1 ? 'y' : 'ies'} of ${relHead}`
  )
  let found: Change[]
  try {
    found = await assessDependencyImpact(deps, impact, {
      baseDir,
      baseRoot: options.baseRoot,
      headFile: relHead,
      hasCode,
      log: options.log,
      maxSeconds: options.maxSeconds,
      label: `dependency impact of ${relHead}`
    })
  } catch (error) {
    // Without Go the go.mod findings still stand; the unknown impact is said, not skipped.
    if (
      !(error instanceof GoToolchainMissingError) ||
      options.settings?.missingToolchain === 'fail'
    )
      throw error
    found = [toolchainMissing(deps.length, relHead, error.detail)]
  }
  return [...changes, ...found]
}

/** A finding about the whole go.mod (no line): what dependency impact could not do there. */
function toolchainMissing(count: number, headFile: string, detail: string): Change {
  return finding('dependency-unavailable', {
    message: `the API of ${count} upgraded dependenc${count === 1 ? 'y was' : 'ies were'} not compared, so what the upgrade breaks is unknown: no usable Go toolchain (${detail}); install Go 1.21 or newer (e.g. actions/setup-go), or turn the check off with \`dependency-impact: off\` (--dependency-impact off)`,
    subject: 'toolchain',
    symbol: null,
    file: headFile,
    line: null
  })
}

/** Like toolchainMissing: requirements changed, but their calls were not looked for. */
function impactSkipped(count: number, headFile: string, why: string): Change {
  return finding('dependency-impact-skipped', {
    message: `${count} upgraded dependenc${count === 1 ? 'y was' : 'ies were'} not checked against the calls this module makes: ${why}; \`dependency-impact: off\` drops this note`,
    subject: `skipped\u0000${headFile}`,
    symbol: null,
    file: headFile,
    line: null
  })
}

/** Whether dir (or a folder below it, outside vendor/testdata) holds .go files. */
async function hasGoCode(dir: string): Promise<boolean> {
  const walk = async (d: string): Promise<boolean> => {
    const entries = await readdir(d, { withFileTypes: true })
    for (const e of entries) {
      if (e.isFile() && e.name.endsWith('.go')) return true
    }
    for (const e of entries) {
      if (!e.isDirectory() || skipped.has(e.name) || e.name.startsWith('.')) continue
      if (await walk(path.join(d, e.name))) return true
    }
    return false
  }
  return walk(dir)
}

/**
 * Whether dependency impact has anything to assess between two go.mod files (or two directories
 * of them): a requirement in its scope changed. Unreadable input counts as a change; the diff
 * itself says what is wrong with it.
 */
export async function upgradesRequirements(
  basePath: string,
  headPath: string,
  settings: Record<string, unknown> | undefined
): Promise<boolean> {
  const scope = dependencyImpactScope(settings)
  if (scope === 'off') return false
  try {
    const headIsDir = (await stat(headPath)).isDirectory()
    // Nothing at the base (a new contract or module): nothing was upgraded.
    if (!(await exists(basePath))) return false
    const pairs: [string, string][] = headIsDir
      ? (await goModPairs(basePath, headPath)).pairs
      : [[basePath, headPath]]
    for (const [baseFile, headFile] of pairs) {
      const [base, head] = await Promise.all([loadGoMod(baseFile), loadGoMod(headFile)])
      const dirs = { baseDir: path.dirname(baseFile), headDir: path.dirname(headFile) }
      if (changedDependencies(base, head, dirs, scope).length > 0) return true
    }
    return false
  } catch {
    return true
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

/** Reads and parses one go.mod; `name` is how errors refer to it. */
export async function loadGoMod(file: string, name: string = file): Promise<GoModFile> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    throw new InputError(
      `${name}: cannot read the go.mod file (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path.`
    )
  }
  let text: string | undefined
  try {
    text = decodeUtf8(bytes)
  } catch {
    text = undefined
  }
  if (text === undefined || text.includes('\u0000')) {
    throw new InputError(`${name}: not a go.mod text file (binary or not UTF-8); check the path.`)
  }
  return parseGoMod(text, name)
}

async function isDirectory(p: string, side: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory()
  } catch {
    throw new InputError(
      `gomod: the ${side} path ${p} does not exist; pass a go.mod file or a directory.`
    )
  }
}

const skipped = new Set(['vendor', 'testdata', 'node_modules'])

/** go.mod files under dir (relative paths), as the go command sees modules: no vendor, testdata, _x, .x. */
export async function findGoMods(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true })
    for (const e of entries) {
      if (e.isDirectory()) {
        if (skipped.has(e.name) || e.name.startsWith('.') || e.name.startsWith('_')) continue
        await walk(path.join(d, e.name))
      } else if (e.name === 'go.mod') {
        out.push(toPosix(path.relative(dir, path.join(d, e.name))))
      }
    }
  }
  await walk(dir)
  return out.sort()
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
