import path from 'node:path'
import type { Change } from '../../core/change.js'
import type { ContractEngine, EngineOptions } from '../../core/engine.js'
import { fingerprintOf } from '../../core/fingerprint.js'
import { diffPackage, messageOf, type ApiMessage } from './apidiff.js'
import type { ApiDump, PackageDump } from './dump.js'
import { findPackageMoves } from './moves.js'
import { goRule, goRules, type GoRuleId } from './rules.js'

/** Port: dumps the exported API of the Go module or package in `dir` (see go/apidump). */
export type GoApiDumper = (
  dir: string,
  options: {
    log?: (message: string) => void
    /** How messages name the directory (as the user gave it); default `dir`. */
    label?: string
  }
) => Promise<ApiDump>

/** The Go exported-API engine over an injected dumper (the real one builds and runs go/apidump). */
export function createGoEngine(dump: GoApiDumper): ContractEngine {
  return {
    kind: 'go',
    rules: goRules,
    async diff(basePath: string, headPath: string, options: EngineOptions): Promise<Change[]> {
      const baseDir = path.resolve(options.baseRoot, basePath)
      const headDir = path.resolve(options.headRoot, headPath)
      const [base, head] = await Promise.all([
        dump(baseDir, { log: options.log, label: basePath }),
        dump(headDir, { log: options.log, label: headPath })
      ])
      return diffApiDumps(base, head, {
        baseDir: path.relative(options.baseRoot, baseDir),
        headDir: path.relative(options.headRoot, headDir)
      })
    }
  }
}

export interface DumpLocations {
  /** Where each dumped directory is, relative to its side's root (for file names in changes). */
  baseDir: string
  headDir: string
}

/**
 * Compares two module dumps: packages are matched by their folder inside the dumped directory,
 * so a /vN module path change (or a base side materialized without the go.mod above it) still
 * compares like with like. A /vN change is reported once, and makes the incompatible changes it
 * comes with expected (info instead of breaking).
 */
export function diffApiDumps(
  base: ApiDump,
  head: ApiDump,
  where: DumpLocations = { baseDir: '', headDir: '' }
): Change[] {
  const changes: Change[] = []
  const major = majorVersionChange(base.module, head.module)
  if (major) {
    changes.push(
      change('module-major-version-changed', {
        message: `module path changed from ${base.module} to ${head.module}: a new major version, so incompatible changes are allowed`,
        symbol: null,
        subject: head.module,
        file: joinFile(where.headDir, goModOf(head)),
        line: null
      })
    )
  }
  const basePkgs = new Map(base.packages.map((p) => [p.dir, p]))
  const headPkgs = new Map(head.packages.map((p) => [p.dir, p]))
  const baseUnread = new Map(base.unreadable.map((p) => [p.dir, p]))
  const headUnread = new Map(head.unreadable.map((p) => [p.dir, p]))
  for (const [side, unread, dir] of [
    ['head', headUnread, where.headDir],
    ['base', baseUnread, where.baseDir]
  ] as const) {
    for (const u of unread.values()) {
      if (side === 'base' && headUnread.has(u.dir)) continue
      changes.push(
        change('package-unreadable', {
          message: `package ${u.path}: could not be read in the ${side}, so its API was not compared: ${u.reason}`,
          symbol: null,
          subject: u.dir,
          file: joinFile(dir, u.dir),
          line: null
        })
      )
    }
  }
  // Findings in packages below the compared folder name their package first.
  const label = (rel: string, pkg: PackageDump) => (rel === '.' ? '' : `${pkg.path}: `)
  const removed: PackageDump[] = []
  for (const [rel, oldPkg] of [...basePkgs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const newPkg = headPkgs.get(rel)
    if (!newPkg && headUnread.has(rel)) continue
    if (!newPkg) {
      removed.push(oldPkg)
      continue
    }
    // The same folder under another import path (a module path change that is not /vN).
    if (oldPkg.path !== newPkg.path && !major && base.goMod && head.goMod) {
      changes.push(moveChange(oldPkg, newPkg, where))
    }
    for (const m of diffPackage(oldPkg, newPkg)) {
      changes.push(fromMessage(m, rel, label(rel, newPkg), where, major))
    }
  }
  const added = [...headPkgs]
    .filter(([rel]) => !basePkgs.has(rel) && !baseUnread.has(rel))
    .map(([, p]) => p)
  const moves = findPackageMoves(removed, added)
  for (const { from, to } of moves) {
    changes.push(moveChange(from, to, where, major))
    for (const m of diffPackage(from, to)) {
      changes.push(fromMessage(m, to.dir, `${to.path}: `, where, major))
    }
  }
  const movedPkgs = new Set(moves.flatMap((m) => [m.from, m.to]))
  for (const oldPkg of removed) {
    if (movedPkgs.has(oldPkg)) continue
    changes.push(
      change('package-removed', {
        message: `package ${oldPkg.path}: removed`,
        symbol: null,
        subject: oldPkg.dir,
        file: joinFile(where.baseDir, oldPkg.dir),
        line: null,
        major
      })
    )
  }
  for (const newPkg of added) {
    if (movedPkgs.has(newPkg)) continue
    changes.push(
      change('package-added', {
        message: `package ${newPkg.path}: added`,
        symbol: null,
        subject: newPkg.dir,
        file: joinFile(where.headDir, newPkg.dir),
        line: null
      })
    )
  }
  return changes
}

/** One finding for a package that moved; its API differences are reported across the move. */
function moveChange(
  from: PackageDump,
  to: PackageDump,
  where: DumpLocations,
  major: string | null = null
): Change {
  return change('package-moved', {
    message: `package ${from.path}: moved to ${to.path} (importers must change their import paths)`,
    symbol: null,
    subject: `${from.dir}\u0000${to.dir}`,
    file: joinFile(where.headDir, to.dir),
    line: null,
    major
  })
}

function fromMessage(
  m: ApiMessage,
  rel: string,
  label: string,
  where: DumpLocations,
  major: string | null
): Change {
  const dir = m.position.side === 'old' ? where.baseDir : where.headDir
  const c = change(m.id, {
    message: `${label}${messageOf(m)}`,
    symbol: m.symbol,
    subject: m.detail ? `${rel}\u0000${m.detail}` : rel,
    file: m.position.file ? joinFile(dir, m.position.file) : null,
    line: m.position.line ?? null,
    major
  })
  // a removal's annotation goes on the same file in the head, file-level (its line is the base's)
  if (m.position.side === 'old' && m.position.file)
    c.anchor = { file: joinFile(where.headDir, m.position.file), line: null }
  if (m.basePosition?.file) {
    c.baseFile = joinFile(where.baseDir, m.basePosition.file)
    c.baseLine = m.basePosition.line ?? null
  }
  return c
}

function change(
  id: GoRuleId,
  c: {
    message: string
    symbol: string | null
    subject: string
    file: string | null
    line: number | null
    major?: string | null
  }
): Change {
  const rule = goRule(id)
  const allowed = rule.level === 'breaking' && c.major
  return {
    kind: 'go',
    id,
    level: allowed ? 'info' : rule.level,
    message: allowed ? `${c.message} (allowed by the new major version ${c.major})` : c.message,
    operation: null,
    symbol: c.symbol,
    file: c.file,
    line: c.line,
    ignored: false,
    fingerprint: fingerprintOf({ kind: 'go', id, symbol: c.symbol, subject: c.subject })
  }
}

/** The go.mod of a dump, relative to the dumped directory (which may be below the module root). */
function goModOf(dump: ApiDump): string {
  const up =
    dump.moduleRoot === '.' || dump.moduleRoot === ''
      ? []
      : dump.moduleRoot.split('/').map(() => '..')
  return path.posix.join(...up, 'go.mod')
}

function joinFile(dir: string, file: string): string {
  return path.posix.join(dir.split(path.sep).join('/'), file)
}

/** `/vN` major suffix of a module path (1 when there is none). */
export function moduleMajor(modulePath: string): { prefix: string; major: number } {
  const m = /^(.*?)\/v(\d+)$/.exec(modulePath)
  if (m && Number(m[2]) >= 2) return { prefix: m[1]!, major: Number(m[2]) }
  const gopkg = /^(gopkg\.in\/.*)\.v(\d+)$/.exec(modulePath)
  if (gopkg) return { prefix: gopkg[1]!, major: Number(gopkg[2]) }
  return { prefix: modulePath, major: 1 }
}

/** `vN` when head's module path is base's with a higher major suffix, else null. */
function majorVersionChange(baseModule: string, headModule: string): string | null {
  const b = moduleMajor(baseModule)
  const h = moduleMajor(headModule)
  return b.prefix === h.prefix && h.major > b.major ? `v${h.major}` : null
}
