import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Change } from '../../core/change.js'
import type { ContractEngine, EngineOptions } from '../../core/engine.js'
import { InputError } from '../../core/errors.js'
import { decodeUtf8 } from '../../core/confined-file.js'
import { diffGoMod } from './diff.js'
import { parseGoMod, type GoModFile } from './parse.js'
import { goModRules } from './rules.js'

/**
 * go.mod dependency changes. The paths are two go.mod files, or two directories: then every
 * go.mod under them (a multi-module repository) is compared with its counterpart.
 */
export const goModEngine: ContractEngine = {
  kind: 'gomod',
  rules: goModRules,
  async diff(basePath: string, headPath: string, options: EngineOptions): Promise<Change[]> {
    const baseAbs = path.resolve(options.baseRoot, basePath)
    const headAbs = path.resolve(options.headRoot, headPath)
    const [baseIsDir, headIsDir] = await Promise.all([
      isDirectory(baseAbs, 'base'),
      isDirectory(headAbs, 'head')
    ])
    if (!baseIsDir && !headIsDir) return diffFiles(baseAbs, headAbs, options)
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
      changes.push(...(await diffFiles(path.join(baseAbs, rel), path.join(headAbs, rel), options)))
    }
    for (const rel of baseMods) {
      if (!headMods.includes(rel)) options.log?.(`gomod: ${rel} was removed`)
    }
    return changes
  }
}

async function diffFiles(
  baseFile: string,
  headFile: string,
  options: EngineOptions
): Promise<Change[]> {
  const relBase = toPosix(path.relative(options.baseRoot, baseFile))
  const relHead = toPosix(path.relative(options.headRoot, headFile))
  const base = await loadGoMod(baseFile, relBase)
  const head = await loadGoMod(headFile, relHead)
  return diffGoMod(base, head, { baseFile: relBase, headFile: relHead })
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
