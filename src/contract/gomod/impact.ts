import path from 'node:path'
import type { Change } from '../../core/change.js'
import { WorkBudget } from '../../core/budget.js'
import { InputError, messageOf } from '../../core/errors.js'
import { fingerprintOf } from '../../core/fingerprint.js'
import { diffPackage, messageOf as apidiffMessage } from '../go/apidiff.js'
import { GoToolchainMissingError } from '../go/errors.js'
import type { ApiDump, PackageDump } from '../go/dump.js'
import type { GoModFile, Requirement } from './parse.js'
import { releaseByRule } from './release.js'
import { goModRule, type GoModRuleId } from './rules.js'
import { splitMajorSuffix } from './versions.js'

/** Which changed requirements have their API diffed against this module's uses of them. */
export type DependencyImpactScope = 'off' | 'direct' | 'all'

/** Where the source of one side of a dependency comes from. */
export type ModuleSource =
  | { kind: 'download'; path: string; version: string }
  | { kind: 'directory'; path: string; dir: string }

export type ModuleDumpResult =
  | {
      ok: true
      dump: ApiDump
      /**
       * The module's own release notes (CHANGELOG.md, RELEASE-NOTES.md, …), when it ships them and
       * they were asked for.
       */
      notes?: { file: string; text: string }
    }
  | { ok: false; reason: string }

/** A use of a dependency's exported object in the module's code (go/apidump -uses). */
export interface DependencyUse {
  /** Import path of the dependency package. */
  pkg: string
  /** apidiff's object path without pointer receivers: `F`, `T`, `T.M`, `T.F`. */
  symbol: string
  /** Relative to the module directory, with slashes. */
  file: string
  line: number
}

export interface ModuleUses {
  uses: DependencyUse[]
  /** The dumper's notes: imports it could not resolve are named there. */
  warnings: string[]
  /** Type errors in the module's code (uses beside them may be missing). */
  errors: string[]
}

/** Whether a module version is retracted: the rationales of the retractions (empty: not retracted). */
export type RetractionsResult = { ok: true; rationales: string[] } | { ok: false; reason: string }

/**
 * Port: the Go toolchain side. `dump` obtains a module's source (through `go mod download`,
 * which honours GOPROXY, GOFLAGS, GOPRIVATE, GONOSUMDB and the module cache) and dumps its API;
 * `uses` lists the uses of dependencies in a module directory, type-checked against the versions
 * its go.mod requires (so every base version must have been dumped, i.e. downloaded, first).
 * `signal` aborts when the time budget is up: the port stops the go processes it started.
 * `notes`: read the module's release notes too (only the target version's are used).
 */
export interface DependencyImpactPort {
  dump(
    source: ModuleSource,
    log?: (message: string) => void,
    signal?: AbortSignal,
    notes?: boolean
  ): Promise<ModuleDumpResult>
  uses(
    moduleDir: string,
    log?: (message: string) => void,
    signal?: AbortSignal
  ): Promise<ModuleUses>
  /**
   * The rationales of the retractions that cover module@version (empty: not retracted), or a
   * reason it could not be told.
   */
  retractions?(
    modulePath: string,
    version: string,
    signal?: AbortSignal
  ): Promise<RetractionsResult>
}

/** A requirement whose resolved source differs between base and head. */
export interface ChangedDependency {
  /** The path imports use in the base code. */
  basePath: string
  headPath: string
  from: ModuleSource
  to: ModuleSource
  /** Base and head labels (`v1.4.0`, `../lib`). */
  fromLabel: string
  toLabel: string
  /** The head requirement's line in the head go.mod. */
  line: number
  indirect: boolean
  /** A /vN path change: the code's imports must change too. */
  major: boolean
}

/** The scope when nothing is set: direct requirements (issue 12). */
const defaultDependencyImpactScope: DependencyImpactScope = 'direct'

function settingOf(settings: Record<string, unknown> | undefined): unknown {
  return settings?.dependencyImpact ?? settings?.['dependency-impact']
}

/** Whether `dependency-impact` was set (a flag, an input, the contract), not left to the default. */
export function dependencyImpactSet(settings: Record<string, unknown> | undefined): boolean {
  const value = settingOf(settings)
  return value !== undefined && value !== null
}

/**
 * Reads `dependency-impact` / `dependencyImpact` settings: true = direct, false = off; unset =
 * direct (the default).
 */
export function dependencyImpactScope(
  settings: Record<string, unknown> | undefined
): DependencyImpactScope {
  const value = settingOf(settings)
  if (value === undefined || value === null) return defaultDependencyImpactScope
  if (value === false || value === 'off') return 'off'
  if (value === true || value === 'direct' || value === 'on') return 'direct'
  if (value === 'all') return 'all'
  throw new InputError(
    `dependency-impact (a gomod contract's setting in .rollback-guard.yml, or --dependency-impact) must be direct, all or off (or true/false), got '${String(value)}'.`
  )
}

function sourceOf(mod: GoModFile, req: Requirement, modDir: string): ModuleSource {
  const rep =
    mod.replace.find((r) => r.old.path === req.path && r.old.version === req.version) ??
    mod.replace.find((r) => r.old.path === req.path && !r.old.version)
  if (!rep) return { kind: 'download', path: req.path, version: req.version }
  if (rep.local)
    return { kind: 'directory', path: req.path, dir: path.resolve(modDir, rep.new.path) }
  return { kind: 'download', path: rep.new.path, version: rep.new.version ?? req.version }
}

function labelOf(s: ModuleSource): string {
  return s.kind === 'download' ? s.version : s.dir
}

function sameSource(a: ModuleSource, b: ModuleSource): boolean {
  return a.kind === 'download' && b.kind === 'download'
    ? a.path === b.path && a.version === b.version
    : a.kind === 'directory' && b.kind === 'directory' && a.dir === b.dir
}

/**
 * The requirements whose source changes from base to head: same path with another version or
 * replacement, or a /vN path change (`lib/v2` → `lib/v3`), which is followed to the new path.
 */
export function changedDependencies(
  base: GoModFile,
  head: GoModFile,
  dirs: { baseDir: string; headDir: string },
  scope: DependencyImpactScope
): ChangedDependency[] {
  if (scope === 'off') return []
  const wanted = (r: Requirement) => scope === 'all' || !r.indirect
  const baseReqs = new Map(base.require.map((r) => [r.path, r]))
  const headPaths = new Set(head.require.map((r) => r.path))
  const out: ChangedDependency[] = []
  for (const req of head.require) {
    if (!wanted(req)) continue
    let old = baseReqs.get(req.path)
    let major = false
    if (!old) {
      const { prefix } = splitMajorSuffix(req.path)
      old = base.require.find(
        (r) => !headPaths.has(r.path) && splitMajorSuffix(r.path).prefix === prefix
      )
      major = old !== undefined
    }
    if (!old) continue
    const from = sourceOf(base, old, dirs.baseDir)
    const to = sourceOf(head, req, dirs.headDir)
    if (sameSource(from, to)) continue
    out.push({
      basePath: old.path,
      headPath: req.path,
      from,
      to,
      fromLabel: labelOf(from),
      toLabel: labelOf(to),
      line: req.line,
      indirect: req.indirect,
      major
    })
  }
  return out.sort((a, b) => (a.headPath < b.headPath ? -1 : a.headPath > b.headPath ? 1 : 0))
}

export interface ImpactOptions {
  /** The base go.mod's directory: its code is where the uses are looked for. */
  baseDir: string
  /** Report files relative to these. */
  baseRoot: string
  headFile: string
  /** Whether the base directory holds Go code (else only the API diff is summarised). */
  hasCode: boolean
  log?: (message: string) => void
  maxSeconds?: number
  /** For the budget's messages. */
  label: string
}

/** An incompatible change of one dependency package, in apidiff's words. */
interface Incompatible {
  /** Base import path of the package. */
  pkg: string
  /** Object path without pointer receivers; '' for the whole package. */
  symbol: string
  /** apidiff's object path, for `symbol` in findings. */
  display: string
  text: string
}

/**
 * Diffs the API of every changed dependency and matches its incompatible changes with the uses
 * in the base code: used ones are breaking at the call site, the rest one info per dependency,
 * and a version that cannot be obtained is a warning (never a silent pass).
 */
export async function assessDependencyImpact(
  deps: readonly ChangedDependency[],
  port: DependencyImpactPort,
  options: ImpactOptions
): Promise<Change[]> {
  const budget = new WorkBudget({
    label: options.label,
    maxSeconds: options.maxSeconds,
    progress: options.log
  })
  // Past the budget the go processes still running are stopped, not left behind.
  const stop = new AbortController()
  try {
    return await assess(deps, port, options, budget, stop.signal)
  } finally {
    stop.abort()
  }
}

async function assess(
  deps: readonly ChangedDependency[],
  port: DependencyImpactPort,
  options: ImpactOptions,
  budget: WorkBudget,
  signal: AbortSignal
): Promise<Change[]> {
  const changes: Change[] = []
  const dumps = new Map<ChangedDependency, { base: ApiDump; head: ApiDump }>()
  // Downloads wait on the network more than on the CPU: a few at a time, in order.
  const sources = deps.flatMap((d) => [
    { dep: d, source: d.from, label: d.fromLabel },
    { dep: d, source: d.to, label: d.toLabel }
  ])
  const results: Promise<ModuleDumpResult>[] = []
  // The target versions' retractions, looked up beside the downloads and awaited in order below.
  const retractions = new Map<ChangedDependency, Promise<RetractionsResult>>()
  let next = 0
  // Without a network each download waits for its own timeout: after the first one that failed
  // on the network, the rest are not tried (each is still reported as unavailable).
  let offline: string | null = null
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const i = next++
      const { dep, label, source } = sources[i]!
      budget.at(
        `${dep.headPath} ${label}`,
        () => `${Math.floor(i / 2)}/${deps.length} dependencies`
      )
      if (offline !== null && source.kind === 'download') {
        results[i] = Promise.resolve({
          ok: false,
          reason: `not downloaded: an earlier download failed on the network (${offline})`
        })
        continue
      }
      const target = source === dep.to
      results[i] = port.dump(source, options.log, signal, target)
      const result = await budget.within(results[i]!)
      if (!result.ok && source.kind === 'download' && networkFailure.test(result.reason))
        offline ??= result.reason
      if (target && result.ok && dep.to.kind === 'download' && port.retractions) {
        const lookup = port.retractions(dep.to.path, dep.to.version, signal)
        // Awaited below only when both versions were read; never an unhandled rejection.
        lookup.catch(() => undefined)
        retractions.set(dep, lookup)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(dependencyConcurrency, sources.length) }, worker))
  for (const [index, dep] of deps.entries()) {
    budget.at(`${dep.headPath} ${dep.fromLabel} → ${dep.toLabel}`)
    const base = await results[index * 2]!
    const head = await results[index * 2 + 1]!
    if (!base.ok || !head.ok) {
      const failed = !base.ok ? base : (head as { ok: false; reason: string })
      const which = !base.ok ? dep.fromLabel : dep.toLabel
      changes.push(
        finding('dependency-unavailable', {
          dependency: upgradeOf(dep),
          message: `${upgradeOf(dep)}: ${which} could not be read, so what the upgrade breaks is unknown: ${failed.reason}; ${unavailableHint}`,
          subject: `${dep.headPath}\u0000${which}`,
          symbol: null,
          file: options.headFile,
          line: dep.line
        })
      )
      continue
    }
    dumps.set(dep, { base: base.dump, head: head.dump })
    const retraction = retractions.get(dep)
    if (retraction && dep.to.kind === 'download') {
      budget.at(`the retractions of ${dep.to.path}`)
      const r = await budget.within(retraction)
      if (!r.ok)
        options.log?.(
          `${upgradeOf(dep)}: whether ${dep.toLabel} is retracted is unknown: ${r.reason}`
        )
      else if (r.rationales.length > 0) {
        changes.push(
          finding('dependency-version-retracted', {
            dependency: upgradeOf(dep),
            message: `${upgradeOf(dep)}: ${dep.toLabel} is retracted by its authors (${r.rationales.map((x) => x || 'no rationale given').join('; ')}); upgrade to a version that is not`,
            subject: `${dep.headPath}\u0000retracted\u0000${dep.toLabel}`,
            symbol: null,
            file: options.headFile,
            line: dep.line
          })
        )
      }
    }
    if (head.notes) {
      const excerpt = releaseNotesExcerpt(head.notes.text, dep.fromLabel, dep.toLabel)
      if (excerpt) {
        changes.push(
          finding('dependency-release-notes', {
            dependency: upgradeOf(dep),
            message: `${upgradeOf(dep)}: ${head.notes.file} says: ${excerpt}`,
            subject: `${dep.headPath}\u0000notes`,
            symbol: null,
            file: options.headFile,
            line: dep.line
          })
        )
      }
    }
  }
  if (dumps.size === 0) return changes

  let uses: ModuleUses = { uses: [], warnings: [], errors: [] }
  let hasCode = options.hasCode
  if (hasCode) {
    budget.at(`the uses of ${dumps.size} dependencies in ${options.label}`)
    try {
      uses = await budget.within(port.uses(options.baseDir, options.log, signal))
    } catch (error) {
      if (!(error instanceof InputError) || error instanceof GoToolchainMissingError) throw error
      // The API diffs still stand; which calls they reach is unknown, and said so once.
      hasCode = false
      changes.push(
        finding('dependency-unavailable', {
          message: `${options.label}: the uses of the upgraded dependencies in the base code could not be listed, so the call sites they break are unknown: ${messageOf(error)}`,
          subject: `${options.headFile}\u0000uses`,
          symbol: null,
          file: options.headFile,
          line: null
        })
      )
    }
    // Usually stand-ins for dependencies that are not downloaded; the uses of the upgraded ones,
    // which are, still resolve. Said in the log, as the Go check does.
    if (uses.errors.length > 0) {
      options.log?.(
        `${options.label}: ${uses.errors.length} type error(s) in the base code, e.g. ${uses.errors.slice(0, 3).join('; ')}`
      )
    }
  } else {
    options.log?.(
      `${options.label}: no Go code beside the base go.mod, so the dependencies' changes are not matched with call sites`
    )
  }
  for (const [dep, { base, head }] of dumps) {
    budget.at(`the API diff of ${dep.headPath}`)
    const incompatibles = incompatibleChanges(dep, base, head)
    const unresolved = uses.warnings.filter((w) => {
      const m = /^import "([^"]+)" could not be resolved/.exec(w)
      return m && (m[1] === dep.basePath || m[1]!.startsWith(`${dep.basePath}/`))
    })
    if (hasCode && unresolved.length > 0) {
      changes.push(
        finding('dependency-unavailable', {
          dependency: upgradeOf(dep),
          message: `${upgradeOf(dep)}: the base code could not be type-checked against ${dep.fromLabel} (${unresolved.join('; ')}), so its uses are incomplete`,
          subject: `${dep.basePath}\u0000uses`,
          symbol: null,
          file: options.headFile,
          line: dep.line
        })
      )
    }
    const depUses = uses.uses.filter(
      (u) => u.pkg === dep.basePath || u.pkg.startsWith(`${dep.basePath}/`)
    )
    const used = new Set<Incompatible>()
    for (const use of depUses) {
      budget.tick()
      for (const inc of incompatibles) {
        if (inc.pkg !== use.pkg || !touches(inc.symbol, use.symbol)) continue
        used.add(inc)
        const file = toPosix(
          path.relative(options.baseRoot, path.join(options.baseDir, ...use.file.split('/')))
        )
        const what = inc.symbol === '' ? inc.text : `${inc.display}: ${inc.text}`
        const pkgLabel = use.pkg === dep.basePath ? '' : `package ${use.pkg}: `
        const majorNote = dep.major
          ? ` (a new major version at ${dep.headPath}: check that this call site was moved to it)`
          : ''
        const c = finding('dependency-api-break', {
          dependency: upgradeOf(dep),
          message: `${upgradeOf(dep)}: ${pkgLabel}${what}; used here as ${use.symbol}${majorNote}`,
          subject: `${dep.basePath}\u0000${use.pkg}\u0000${inc.display}\u0000${inc.text}\u0000${use.file}\u0000${use.symbol}`,
          symbol: inc.display || use.symbol,
          file,
          line: use.line
        })
        // The call site is in the base code.
        c.side = 'base'
        if (dep.major) c.level = 'warning'
        changes.push(c)
      }
    }
    const unused = incompatibles.filter((i) => !used.has(i))
    if (unused.length > 0) {
      const first = unused[0]!
      const example = first.symbol === '' ? first.text : `${first.display}: ${first.text}`
      const none = used.size === 0 ? 'none used here' : 'not used here'
      changes.push(
        finding('dependency-api-changes-unused', {
          dependency: upgradeOf(dep),
          message: `${upgradeOf(dep)}: ${unused.length} ${used.size === 0 ? '' : 'more '}incompatible change${unused.length === 1 ? '' : 's'}, ${hasCode ? none : 'no code here to check'} (e.g. ${example})`,
          subject: `${dep.headPath}\u0000unused`,
          symbol: null,
          file: options.headFile,
          line: dep.line
        })
      )
    }
  }
  return changes
}

/** How a dependency-unavailable finding can be resolved, or the check turned off. */
const unavailableHint =
  'if it should be downloadable, check GOPROXY, GOPRIVATE and GOFLAGS, or turn the check off with `dependency-impact: off` (--dependency-impact off)'

/** What the go command says when the network, not the module, is the problem. */
const networkFailure =
  /dial tcp|no such host|i\/o timeout|connection refused|network is unreachable|TLS handshake timeout|Client\.Timeout exceeded|temporary failure in name resolution/i

/** How many module versions are downloaded and dumped at once. */
const dependencyConcurrency = 4

/** The most of a release-notes excerpt shown in a finding. */
const notesLimit = 600

/**
 * The part of a changelog between the heading of version `to` and the heading of `from` (what
 * changed in between, as the authors wrote it), on one line; null when `to` has no heading.
 */
export function releaseNotesExcerpt(text: string, from: string, to: string): string | null {
  const lines = text.split(/\r?\n/)
  const bare = (v: string) => v.replace(/^v/, '').replace(/[.+]/g, '\\$&')
  const headingOf = (v: string) => new RegExp(`(?:^|[^\\w.])v?${bare(v)}(?![\\w.-])`)
  const isHeading = (i: number) =>
    /^#{1,6}\s/.test(lines[i]!) || /^(=+|-+)\s*$/.test(lines[i + 1] ?? '')
  const toRe = headingOf(to)
  const start = lines.findIndex((l, i) => isHeading(i) && toRe.test(l.replace(/^#+\s*/, '')))
  if (start < 0) return null
  const fromRe = headingOf(from)
  let end = lines.findIndex(
    (l, i) => i > start && isHeading(i) && fromRe.test(l.replace(/^#+\s*/, ''))
  )
  if (end < 0) end = Math.min(lines.length, start + 40)
  const body = lines
    .slice(start + 1, end)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(=+|-+)$/.test(l))
    .join(' ')
  if (body === '') return null
  return body.length > notesLimit ? `${body.slice(0, notesLimit)}…` : body
}

/** `example.com/lib v1.4.0 → v1.5.0` (the new path too when it changed). */
function upgradeOf(dep: ChangedDependency): string {
  const to = dep.headPath === dep.basePath ? dep.toLabel : `${dep.headPath} ${dep.toLabel}`
  return `${dep.basePath} ${dep.fromLabel} → ${to}`
}

/** apidiff's incompatible changes between two versions of a module, package by package. */
function incompatibleChanges(dep: ChangedDependency, base: ApiDump, head: ApiDump): Incompatible[] {
  const out: Incompatible[] = []
  const headByDir = new Map(head.packages.map((p) => [p.dir, p]))
  for (const oldPkg of base.packages) {
    const pkg = importPathIn(dep.basePath, oldPkg)
    const newPkg = headByDir.get(oldPkg.dir)
    if (!newPkg) {
      out.push({ pkg, symbol: '', display: '', text: `package ${pkg} removed` })
      continue
    }
    for (const m of diffPackage(oldPkg, newPkg)) {
      if (m.compatible) continue
      const display = m.symbol.split(',')[0]!
      out.push({
        pkg,
        symbol: plainSymbol(display),
        display,
        text: apidiffMessage(m).slice(m.symbol.length + 2)
      })
    }
  }
  return out
}

/** The base import path of a dumped package (its folder below the module root). */
function importPathIn(modulePath: string, pkg: PackageDump): string {
  return pkg.dir === '.' || pkg.dir === '' ? modulePath : `${modulePath}/${pkg.dir}`
}

/** `(*T).M` → `T.M`. */
function plainSymbol(s: string): string {
  return s.replace(/^\(\*([^)]+)\)/, '$1')
}

/** Whether a change to `changed` reaches a use of `used` (the object itself or one of its members). */
function touches(changed: string, used: string): boolean {
  return changed === '' || used === changed || used.startsWith(`${changed}.`)
}

/** A gomod finding; `symbol` null and `dependency` absent are as good as not given. */
export function finding(
  id: GoModRuleId,
  c: {
    message: string
    subject: string
    symbol: string | null
    file: string
    line: number | null
    dependency?: string
  }
): Change {
  return {
    kind: 'gomod',
    id,
    level: goModRule(id).level,
    message: c.message,
    operation: null,
    symbol: c.symbol,
    file: c.file,
    line: c.line,
    ignored: false,
    fingerprint: fingerprintOf({ kind: 'gomod', id, symbol: c.symbol, subject: c.subject }),
    release: releaseByRule[id],
    ...(c.dependency ? { dependency: c.dependency } : {})
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
