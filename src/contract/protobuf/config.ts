import { InputError } from '../../core/errors.js'
import { cleanPath } from './loader.js'
import type { BufConfigVersion } from './rule-data.js'
import { categoriesOf, checksById, ruleInfo, rulesOf } from './rules.js'

/** The `breaking:` section of a buf.yaml, resolved to the rule ids that run. */
export interface BreakingConfig {
  version: BufConfigVersion
  /** Rule ids that run, after `use`, `except` and deprecated-id replacement. */
  rules: Set<string>
  /** Paths (relative to the tree root) whose findings are ignored for every rule. */
  ignore: string[]
  /** Rule id -> paths ignored for that rule (categories expanded). */
  ignoreOnly: Map<string, string[]>
  ignoreUnstablePackages: boolean
}

const strings = (v: unknown, where: string, source: string): string[] => {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new InputError(`${source}: ${where} must be a list of strings`)
  }
  return v as string[]
}

function expand(version: BufConfigVersion, ids: string[], where: string, source: string): string[] {
  const categories = categoriesOf(version)
  const out: string[] = []
  for (const id of ids) {
    if (categories.has(id)) {
      out.push(...rulesOf(version, id))
      continue
    }
    const info = ruleInfo(version, id)
    if (!info) {
      throw new InputError(
        `${source}: ${where} names "${id}", which is not a buf breaking rule or category for buf.yaml ${version}; run \`rollback-guard rules --kind protobuf\` for the list`
      )
    }
    // buf runs a deprecated rule's replacements in its place.
    if (info.deprecated && info.replacements.length > 0) out.push(...info.replacements)
    else out.push(id)
  }
  return out
}

/**
 * Reads the breaking configuration as buf does: the head tree's buf.yaml (v1beta1, v1 or v2; v2
 * module-level `breaking` over the top-level one); no buf.yaml means buf's v1 defaults.
 */
export function breakingConfigOf(bufConfig: unknown, source = 'buf.yaml'): BreakingConfig {
  const c = (bufConfig ?? null) as Record<string, unknown> | null
  let version: BufConfigVersion = 'v1'
  if (c) {
    const v = c.version ?? 'v1beta1'
    if (v !== 'v1beta1' && v !== 'v1' && v !== 'v2') {
      throw new InputError(`${source}: version "${String(v)}" is not one buf knows; use v1 or v2`)
    }
    version = v
  }
  let section = (c?.breaking ?? {}) as Record<string, unknown>
  if (version === 'v2' && Array.isArray(c?.modules) && c.modules.length === 1) {
    const mod = c.modules[0] as Record<string, unknown>
    if (mod.breaking) section = mod.breaking as Record<string, unknown>
  }
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new InputError(`${source}: breaking must be a mapping`)
  }
  const useIds = strings(section.use, 'breaking.use', source)
  const use = expand(version, useIds.length > 0 ? useIds : ['FILE'], 'breaking.use', source)
  const except = new Set(
    expand(version, strings(section.except, 'breaking.except', source), 'breaking.except', source)
  )
  const rules = new Set(use.filter((id) => !except.has(id) && checksById[id]))
  // Paths are relative to the buf.yaml's directory, which is the loaded tree's root.
  const prefix = cleanPath
  const ignore = strings(section.ignore, 'breaking.ignore', source).map(prefix)
  const ignoreOnly = new Map<string, string[]>()
  const only = (section.ignore_only ?? {}) as Record<string, unknown>
  if (typeof only !== 'object' || Array.isArray(only)) {
    throw new InputError(`${source}: breaking.ignore_only must map rule ids to lists of paths`)
  }
  for (const [key, paths] of Object.entries(only)) {
    for (const id of expand(version, [key], 'breaking.ignore_only', source)) {
      const list = ignoreOnly.get(id) ?? []
      list.push(...strings(paths, `breaking.ignore_only.${key}`, source).map(prefix))
      ignoreOnly.set(id, list)
    }
  }
  return {
    version,
    rules,
    ignore,
    ignoreOnly,
    ignoreUnstablePackages: section.ignore_unstable_packages === true
  }
}

/** One module of a workspace and the breaking configuration its files are checked with. */
export interface ModuleBreakingConfig {
  /** Module directory relative to the workspace root ('.' for the root). */
  path: string
  config: BreakingConfig
}

/**
 * The modules of a workspace with more than one (buf.yaml v2 `modules[]`, or a buf.work.yaml read
 * as such), each with its own `breaking` section, else the top-level one (buf applies the
 * module's section instead of the top-level one, not on top of it); null for a single module.
 */
export function moduleBreakingConfigs(
  bufConfig: unknown,
  source = 'buf.yaml'
): ModuleBreakingConfig[] | null {
  const c = (bufConfig ?? null) as Record<string, unknown> | null
  if (!c || c.version !== 'v2' || !Array.isArray(c.modules) || c.modules.length < 2) return null
  return (c.modules as Record<string, unknown>[]).map((m) => {
    const path = typeof m.path === 'string' ? cleanPath(m.path) || '.' : '.'
    const where = typeof m.source === 'string' ? m.source : `${source} (module ${path})`
    return {
      path,
      config: breakingConfigOf(
        { version: m.version ?? 'v2', breaking: m.breaking ?? c.breaking ?? {} },
        where
      )
    }
  })
}

/** buf's unstable packages: the last component is a version with alpha, beta or test (`v1beta1`, `v2test`). */
export function isUnstablePackage(pkg: string): boolean {
  const last = pkg.split('.').pop() ?? ''
  return /^v\d+(p\d+)?(alpha|beta)\d*$/.test(last) || /^v\d+test\w*$/.test(last)
}

export const isUnder = (path: string, dir: string): boolean =>
  dir === '' || dir === '.' || path === dir || path.startsWith(dir + '/')
