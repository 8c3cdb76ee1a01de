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
  type DependencyImpactPort
} from './impact.js'
import { parseGoMod, type GoModFile } from './parse.js'
import { goModRule, goModRules } from './rules.js'
import { fingerprintOf } from '../../core/fingerprint.js'
import { GoToolchainMissingError } from '../go/errors.js'

/**
 * go.mod dependency changes. The paths are two go.mod files, or two directories: then every
 * go.mod under them (a multi-module repository) is compared with its counterpart. With a
 * dependency-impact port and the `dependencyImpact` setting on, the API of every upgraded
 * dependency is diffed too and matched with the module's uses of it (see impact.ts).
 */
export function createGoModEngine(impact?: DependencyImpactPort): ContractEngine {
  return {
    kind: 'gomod',
    rules: goModRules,
    diff: (basePath, headPath, options) => diffGoModPaths(basePath, headPath, options, impact)
  }
}

/** The pure engine: go.mod lines only (the commands add the dependency-impact port). */
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
  const [baseMods, headMods] = await Promise.all([findGoMods(baseAbs), findGoMods(headAbs)])
  const changes: Change[] = []
  for (const rel of headMods) {
    if (!baseMods.includes(rel)) {
      options.log?.(`gomod: ${rel} is new; nothing to compare it with`)
      continue
    }
    changes.push(
      ...(await diffFiles(path.join(baseAbs, rel), path.join(headAbs, rel), options, impact))
    )
  }
  for (const rel of baseMods) {
    if (!headMods.includes(rel)) options.log?.(`gomod: ${rel} was removed`)
  }
  return changes
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
  if (!impact) {
    throw new InputError(
      `gomod: dependency impact needs the Go toolchain, which this engine was built without; use the rollback-guard CLI or action, or turn dependency-impact off.`
    )
  }
  const baseDir = path.dirname(baseFile)
  const deps = changedDependencies(base, head, { baseDir, headDir: path.dirname(headFile) }, scope)
  if (deps.length === 0) return changes
  options.log?.(
    `gomod: diffing the API of ${deps.length} upgraded dependenc${deps.length === 1 ? 'y' : 'ies'} of ${relHead}`
  )
  let found: Change[]
  try {
    found = await assessDependencyImpact(deps, impact, {
      baseDir,
      baseRoot: options.baseRoot,
      headFile: relHead,
      hasCode: await hasGoCode(baseDir),
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
    found = [toolchainMissing(deps.length, relHead, error.message)]
  }
  return [...changes, ...found]
}

function toolchainMissing(count: number, headFile: string, detail: string): Change {
  const id = 'dependency-unavailable'
  return {
    kind: 'gomod',
    id,
    level: goModRule(id).level,
    message: `the API of ${count} upgraded dependenc${count === 1 ? 'y was' : 'ies were'} not compared: ${detail}`,
    operation: null,
    symbol: null,
    file: headFile,
    line: null,
    ignored: false,
    fingerprint: fingerprintOf({ kind: 'gomod', id, subject: 'toolchain' }),
    release: 'minor'
  }
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
  let text: string
  try {
    text = decodeUtf8(bytes)
  } catch {
    text = '\u0000'
  }
  if (text.includes('\u0000')) {
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
