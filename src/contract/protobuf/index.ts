import { join, relative, sep } from 'node:path'
import type { Change } from '../../core/change.js'
import type { ContractEngine, EngineOptions } from '../../core/engine.js'
import { breakingConfigOf, moduleBreakingConfigs } from './config.js'
import { diffProtoTrees } from './diff.js'
import { lenientOf, loadProtoTreePair } from './loader.js'
import { protobufRules } from './rules.js'

export {
  loadProtoTree,
  loadProtoTreePair,
  buildProtoTree,
  buildProtoTreePair,
  readProtoSources,
  type ProtoSource
} from './loader.js'
export { diffProtoTrees, findBreakingChanges } from './diff.js'
export {
  breakingConfigOf,
  moduleBreakingConfigs,
  type BreakingConfig,
  type ModuleBreakingConfig
} from './config.js'
export { protobufRules } from './rules.js'
export { parseProto } from './parser.js'
export type { ProtoTree, ProtoFile } from './model.js'

const toPosix = (p: string): string => p.split(sep).join('/')

/** Rebase a path relative to a loaded tree onto the repository root the report uses. */
function rebase(treeDir: string, root: string, path: string | null | undefined): string | null {
  if (!path) return null
  return toPosix(relative(root, join(treeDir, path)))
}

/**
 * protobuf breaking changes with buf's rules: the head directory's buf.yaml (`breaking:` use,
 * except, ignore, ignore_only, ignore_unstable_packages) selects rules as buf does; FILE by default.
 */
export const protobufEngine: ContractEngine = {
  kind: 'protobuf',
  rules: protobufRules,
  async diff(basePath: string, headPath: string, options: EngineOptions): Promise<Change[]> {
    const [base, head] = loadProtoTreePair(basePath, headPath)
    options.log?.(
      `protobuf: ${base.files.length} files in ${basePath}, ${head.files.length} in ${headPath}`
    )
    // Read here so that a mistake names the file; the diff uses what is read.
    const source = join(headPath, 'buf.yaml')
    const config =
      moduleBreakingConfigs(head.bufConfig, source) ?? breakingConfigOf(head.bufConfig, source)
    if (lenientOf(head.bufConfig) || lenientOf(base.bufConfig)) {
      options.log?.(
        `protobuf: warning: the buf.yaml declares deps (buf.lock); rollback-guard does not fetch them, so imports from them are not checked and their types are compared by name only`
      )
    }
    const headFiles = new Set(head.files.map((f) => f.displayPath))
    return diffProtoTrees(base, head, config).map((c) => ({
      ...c,
      // A finding points at the head file, or at the base file for something whose file is gone.
      file:
        c.file && headFiles.has(c.file)
          ? rebase(headPath, options.headRoot, c.file)
          : rebase(basePath, options.baseRoot, c.file),
      baseFile: rebase(basePath, options.baseRoot, c.baseFile)
    }))
  }
}
