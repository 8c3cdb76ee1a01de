import type { Change } from '../../core/change.js'
import { fingerprintOf } from '../../core/fingerprint.js'
import type { Check, DiffContext, Finding } from './checks/context.js'
import { numbersOf, valuesByNumber } from './checks/context.js'
import {
  breakingConfigOf,
  isUnder,
  isUnstablePackage,
  moduleBreakingConfigs,
  type BreakingConfig,
  type ModuleBreakingConfig
} from './config.js'
import { indexTree } from './index-tree.js'
import type { Field, ProtoFile, ProtoTree } from './model.js'
import { checksById } from './rules.js'

type On = Check['on']
type RunOf<K extends On> = Extract<Check, { on: K }>['run']

/** Runs the enabled checks over every pair of same-named elements: one walk, each rule per pair. */
export function findBreakingChanges(
  base: ProtoTree,
  head: ProtoTree,
  config: BreakingConfig
): Finding[] {
  const findings: Finding[] = []
  const ctx: DiffContext = {
    base: indexTree(base),
    head: indexTree(head),
    emit: (f) => findings.push(f)
  }
  const byKind = new Map<On, unknown[]>()
  for (const id of config.rules) {
    const check = checksById[id]
    if (!check) continue
    const list = byKind.get(check.on) ?? []
    list.push(check.run)
    byKind.set(check.on, list)
  }
  const runs = <K extends On>(on: K): RunOf<K>[] => (byKind.get(on) ?? []) as RunOf<K>[]

  for (const run of runs('tree')) run(ctx)

  const fileRuns = runs('file')
  if (fileRuns.length > 0) {
    for (const [path, b] of ctx.base.files) {
      const h = ctx.head.files.get(path)
      if (h && h !== b) for (const run of fileRuns) run(h, b, ctx)
    }
  }

  const messageRuns = runs('message')
  const fieldRuns = runs('field')
  // An element shared by both trees (its file is unchanged and links the same) cannot differ
  // from itself; only an enum field's implicit default (the enum's first value, which may live
  // in a changed file) still needs a look.
  const sameDefault = config.rules.has('FIELD_SAME_DEFAULT')
    ? (checksById.FIELD_SAME_DEFAULT?.run as RunOf<'field'> | undefined)
    : undefined
  const checkShared = (fields: Field[]): void => {
    if (!sameDefault) return
    for (const f of fields) if (f.kind === 'enum') sameDefault(f, f, ctx)
  }
  if (messageRuns.length > 0 || fieldRuns.length > 0) {
    for (const [name, b] of ctx.base.messages) {
      const h = ctx.head.messages.get(name)
      if (!h) continue
      if (h === b) {
        checkShared(b.fields)
        continue
      }
      for (const run of messageRuns) run(h, b, ctx)
      if (fieldRuns.length === 0) continue
      // Most messages are small: a scan beats building a map per message.
      const headFields = h.fields.length > 16 ? numbersOf(h.fields) : null
      for (const bf of b.fields) {
        const hf = headFields
          ? headFields.get(bf.number)
          : h.fields.find((f) => f.number === bf.number)
        if (hf) for (const run of fieldRuns) run(hf, bf, ctx)
      }
    }
    if (fieldRuns.length > 0) {
      for (const [extendee, baseByNumber] of ctx.base.extensions) {
        const headByNumber = ctx.head.extensions.get(extendee)
        if (!headByNumber) continue
        for (const [n, bf] of baseByNumber) {
          const hf = headByNumber.get(n)
          if (hf === bf) checkShared([bf])
          else if (hf) for (const run of fieldRuns) run(hf, bf, ctx)
        }
      }
    }
  }

  const enumRuns = runs('enum')
  const valueRuns = runs('enumValue')
  if (enumRuns.length > 0 || valueRuns.length > 0) {
    for (const [name, b] of ctx.base.enums) {
      const h = ctx.head.enums.get(name)
      if (!h || h === b) continue
      for (const run of enumRuns) run(h, b, ctx)
      if (valueRuns.length === 0) continue
      const headValues = valuesByNumber(h)
      for (const [n, baseNames] of valuesByNumber(b)) {
        const headNames = headValues.get(n)
        if (headNames) for (const run of valueRuns) run(headNames, baseNames, h, b, ctx)
      }
    }
  }

  const serviceRuns = runs('service')
  const methodRuns = runs('method')
  if (serviceRuns.length > 0 || methodRuns.length > 0) {
    for (const [name, b] of ctx.base.services) {
      const h = ctx.head.services.get(name)
      if (!h || h === b) continue
      for (const run of serviceRuns) run(h, b, ctx)
      const headMethods = new Map(h.methods.map((m) => [m.name, m]))
      for (const bm of b.methods) {
        const hm = headMethods.get(bm.name)
        if (hm) for (const run of methodRuns) run(hm, bm, ctx)
      }
    }
  }
  return findings
}

/**
 * What buf compares for one module of a workspace: the module's files and, as buf builds the
 * module's image with them, the workspace files they import (transitively), under the module's
 * configuration. One tree's files are indexed once, for all its modules.
 */
function moduleViewsOf(tree: ProtoTree): (modulePath: string) => ProtoTree {
  const byPath = new Map(tree.files.map((f) => [f.path, f]))
  return (modulePath) => {
    const chosen = new Set(tree.files.filter((f) => isUnder(f.displayPath, modulePath)))
    const queue = [...chosen]
    while (queue.length > 0) {
      const f = queue.pop() as ProtoFile
      for (const i of f.imports) {
        const dep = byPath.get(i.path)
        if (dep && !chosen.has(dep)) {
          chosen.add(dep)
          queue.push(dep)
        }
      }
    }
    return { ...tree, files: tree.files.filter((f) => chosen.has(f)) }
  }
}

function ignoreReason(f: Finding, config: BreakingConfig): string | undefined {
  const paths = [f.file?.displayPath, f.baseFile?.displayPath].filter((p): p is string => !!p)
  for (const dir of config.ignore) {
    if (paths.some((p) => isUnder(p, dir))) return `buf.yaml breaking.ignore: ${dir}`
  }
  for (const dir of config.ignoreOnly.get(f.rule) ?? []) {
    if (paths.some((p) => isUnder(p, dir))) return `buf.yaml breaking.ignore_only.${f.rule}: ${dir}`
  }
  if (config.ignoreUnstablePackages) {
    const pkg = [f.file?.package, f.baseFile?.package].find(
      (p) => p !== undefined && isUnstablePackage(p)
    )
    if (pkg !== undefined) return `buf.yaml breaking.ignore_unstable_packages: ${pkg}`
  }
  return undefined
}

const compareChanges = (a: Change, b: Change): number =>
  (a.file ?? '').localeCompare(b.file ?? '') ||
  (a.line ?? 0) - (b.line ?? 0) ||
  a.id.localeCompare(b.id) ||
  a.message.localeCompare(b.message)

/**
 * Breaking changes from `base` to `head` as buf reports them, as the shared Change model.
 * `file` is the head file (relative to the tree root), or the base file for an element whose file
 * is gone (null when the change has no place in the head and its base file is still there); `line` follows buf (the head element, its enclosing element for a deletion, else 1).
 * `config` is the head's breaking configuration (one, or one per module of a workspace); read
 * from the head's buf.yaml when not given.
 */
export function diffProtoTrees(
  base: ProtoTree,
  head: ProtoTree,
  config?: BreakingConfig | ModuleBreakingConfig[]
): Change[] {
  const headPaths = new Set(head.files.map((f) => f.displayPath))
  const resolvedConfig =
    config ?? moduleBreakingConfigs(head.bufConfig) ?? breakingConfigOf(head.bufConfig)
  const runs: [Finding, BreakingConfig][] = []
  const seen = new Set<string>()
  if (Array.isArray(resolvedConfig)) {
    // A workspace of several modules: each module's files against the same module's files in the
    // base, with that module's breaking configuration (package rules look within the module).
    const baseView = moduleViewsOf(base)
    const headView = moduleViewsOf(head)
    for (const mod of resolvedConfig) {
      for (const f of findBreakingChanges(baseView(mod.path), headView(mod.path), mod.config)) {
        const key = `${f.rule} ${f.file?.displayPath} ${f.span?.line} ${f.baseFile?.displayPath} ${f.message}`
        if (seen.has(key)) continue
        seen.add(key)
        runs.push([f, mod.config])
      }
    }
  } else {
    for (const f of findBreakingChanges(base, head, resolvedConfig)) runs.push([f, resolvedConfig])
  }
  return runs
    .map(([f, resolved]): Change => {
      const reason = ignoreReason(f, resolved)
      const change: Change = {
        kind: 'protobuf',
        id: f.rule,
        level: 'breaking',
        message: f.message,
        operation: f.operation,
        symbol: f.symbol,
        // buf names no file for what has no place in the head (a deleted package): the base file
        // is named only when it is gone from the head, so that a path never points at a head
        // file that does not hold the change.
        file:
          f.file?.displayPath ??
          (f.baseFile && !headPaths.has(f.baseFile.displayPath) ? f.baseFile.displayPath : null),
        line: f.file ? (f.span?.line ?? 1) : (f.baseSpan?.line ?? 1),
        ignored: reason !== undefined,
        fingerprint: fingerprintOf({
          kind: 'protobuf',
          id: f.rule,
          operation: f.operation,
          symbol: f.symbol,
          subject: f.message
        }),
        baseFile: f.baseFile?.displayPath ?? null,
        baseLine: f.baseSpan?.line ?? null
      }
      if (reason) change.ignoreReason = reason
      // the file is gone from the head: its annotation has no place in the PR diff
      if (!f.file) change.anchor = null
      return change
    })
    .sort(compareChanges)
}
