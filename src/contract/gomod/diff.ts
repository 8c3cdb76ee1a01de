import type { Change } from '../../core/change.js'
import { fingerprintOf } from '../../core/fingerprint.js'
import type { GoModFile, Replacement, Requirement } from './parse.js'
import type { Bump } from '../policy/semver.js'
import { isPatchUpgrade, releaseByRule } from './release.js'
import { goModRule, type GoModRuleId } from './rules.js'
import {
  compareGoDirectives,
  compareModuleVersions,
  majorOf,
  splitMajorSuffix
} from './versions.js'

/** Where the two go.mod files are, relative to their roots, for the changes' file fields. */
export interface GoModLocations {
  baseFile: string
  headFile: string
}

/** Go assumes this language version for a main module whose go.mod has no go line. */
const implicitGoVersion = '1.16'

/** The most indirect changes named one by one in the collapsed finding. */
const indirectListed = 20

/** Compares two go.mod files the way a dependency review reads them: old → new, with lines. */
export function diffGoMod(base: GoModFile, head: GoModFile, where?: GoModLocations): Change[] {
  const files = where ?? { baseFile: base.file, headFile: head.file }
  const changes: Change[] = []
  const add: Add = (id, message, subject, at, release = releaseByRule[id]) => {
    const rule = goModRule(id)
    const baseSide =
      at.side === 'head' && at.baseLine ? { baseFile: files.baseFile, baseLine: at.baseLine } : {}
    changes.push({
      kind: 'gomod',
      id,
      level: rule.level,
      message,
      operation: null,
      symbol: null,
      file: at.side === 'base' ? files.baseFile : files.headFile,
      line: at.line,
      ignored: false,
      fingerprint: fingerprintOf({ kind: 'gomod', id, subject }),
      release,
      ...baseSide
    })
  }
  const head_: At = (line, baseLine) => ({
    side: 'head',
    line: line ?? null,
    baseLine: baseLine ?? null
  })
  const base_: At = (line) => ({ side: 'base', line: line ?? null })

  compareModule(base, head, add, head_)
  compareGo(base, head, add, head_, base_)
  compareGodebug(base, head, add, head_, base_)
  compareRequirements(base, head, add, head_, base_)
  compareReplacements(base, head, add, head_, base_)

  const excludeKey = (e: { path: string; version: string }) => `${e.path} ${e.version}`
  const baseExcludes = new Map(base.exclude.map((e) => [excludeKey(e), e]))
  const headExcludes = new Map(head.exclude.map((e) => [excludeKey(e), e]))
  for (const [key, e] of headExcludes) {
    if (!baseExcludes.has(key))
      add('gomod-exclude-added', `exclude ${key}: added`, key, head_(e.line))
  }
  for (const [key, e] of baseExcludes) {
    if (!headExcludes.has(key))
      add('gomod-exclude-removed', `exclude ${key}: removed`, key, base_(e.line))
  }

  const retractKey = (r: { low: string; high: string }) =>
    r.low === r.high ? r.low : `[${r.low}, ${r.high}]`
  const baseRetracts = new Map(base.retract.map((r) => [retractKey(r), r]))
  const headRetracts = new Map(head.retract.map((r) => [retractKey(r), r]))
  for (const [key, r] of headRetracts) {
    if (baseRetracts.has(key)) continue
    const why = r.rationale ? ` (rationale: ${r.rationale})` : ' (no rationale given)'
    add('gomod-retract-added', `retract ${key}: added${why}`, key, head_(r.line))
  }
  for (const [key, r] of baseRetracts) {
    if (!headRetracts.has(key))
      add('gomod-retract-removed', `retract ${key}: removed`, key, base_(r.line))
  }
  return changes
}

interface Location {
  side: 'base' | 'head'
  line: number | null
  /** For a change (not an addition), the line of the element in the base file. */
  baseLine?: number | null
}
type Add = (id: GoModRuleId, message: string, subject: string, at: Location, release?: Bump) => void
type At = (line: number | null | undefined, baseLine?: number | null) => Location

function compareModule(base: GoModFile, head: GoModFile, add: Add, headAt: At): void {
  const from = base.module?.path
  const to = head.module?.path
  if (from && to && from !== to) {
    const a = splitMajorSuffix(from)
    const b = splitMajorSuffix(to)
    if (a.prefix === b.prefix) {
      add(
        'gomod-module-major-version-changed',
        `module path: ${from} → ${to} (major version v${a.major ?? 1} → v${b.major ?? 1}; importers must change their import paths)`,
        to,
        headAt(head.module?.line)
      )
    } else {
      add(
        'gomod-module-path-changed',
        `module path: ${from} → ${to} (every importer must change its imports)`,
        to,
        headAt(head.module?.line)
      )
    }
  }
  if (head.module?.deprecated && head.module.deprecated !== base.module?.deprecated) {
    add(
      'gomod-module-deprecated',
      `module ${to}: deprecated: ${head.module.deprecated}`,
      to ?? '',
      headAt(head.module.line)
    )
  }
}

function compareGo(base: GoModFile, head: GoModFile, add: Add, headAt: At, baseAt: At): void {
  const from = base.go?.version
  const to = head.go?.version
  if (from !== to) {
    const cmp = compareGoDirectives(to ?? implicitGoVersion, from ?? implicitGoVersion)
    const label = (v: string | undefined) => v ?? `(none, so ${implicitGoVersion})`
    if (cmp > 0) {
      add(
        'gomod-go-version-raised',
        `go directive: ${label(from)} → ${label(to)} (builds need Go ${to ?? implicitGoVersion} or newer)`,
        'go',
        headAt(head.go?.line, base.go?.line)
      )
    } else if (cmp < 0 || (!to && from)) {
      add(
        'gomod-go-version-lowered',
        `go directive: ${label(from)} → ${label(to)}`,
        'go',
        to ? headAt(head.go?.line, base.go?.line) : baseAt(base.go?.line)
      )
    }
  }
  const tcFrom = base.toolchain?.name
  const tcTo = head.toolchain?.name
  if (tcFrom !== tcTo) {
    add(
      'gomod-toolchain-changed',
      `toolchain: ${tcFrom ?? '(none)'} → ${tcTo ?? '(none)'}`,
      'toolchain',
      tcTo ? headAt(head.toolchain?.line, base.toolchain?.line) : baseAt(base.toolchain?.line)
    )
  }
}

function compareGodebug(base: GoModFile, head: GoModFile, add: Add, headAt: At, baseAt: At): void {
  const b = new Map(base.godebug.map((g) => [g.key, g]))
  const h = new Map(head.godebug.map((g) => [g.key, g]))
  for (const [key, g] of h) {
    const old = b.get(key)
    if (!old) add('gomod-godebug-changed', `godebug ${key}=${g.value}: added`, key, headAt(g.line))
    else if (old.value !== g.value) {
      add(
        'gomod-godebug-changed',
        `godebug ${key}: ${old.value} → ${g.value}`,
        key,
        headAt(g.line, old.line)
      )
    }
  }
  for (const [key, g] of b) {
    if (!h.has(key))
      add('gomod-godebug-changed', `godebug ${key}=${g.value}: removed`, key, baseAt(g.line))
  }
}

function compareRequirements(
  base: GoModFile,
  head: GoModFile,
  add: Add,
  headAt: At,
  baseAt: At
): void {
  const b = new Map(base.require.map((r) => [r.path, r]))
  const h = new Map(head.require.map((r) => [r.path, r]))
  const indirect: { text: string; line: number; patch?: boolean }[] = []
  const onlyIndirect = (...rs: (Requirement | undefined)[]) => rs.every((r) => !r || r.indirect)
  const consumed = new Set<string>()

  for (const [p, old] of b) {
    const neu = h.get(p)
    if (neu) {
      if (neu.version === old.version) {
        if (neu.indirect !== old.indirect) {
          indirect.push({
            text: `${p} ${neu.version}: now ${neu.indirect ? 'indirect' : 'direct'}`,
            line: neu.line
          })
        }
        continue
      }
      const cmp = compareModuleVersions(neu.version, old.version)
      const text = `${p}: ${old.version} → ${neu.version}`
      if (onlyIndirect(old, neu)) {
        indirect.push({
          text: cmp < 0 ? `${text} (downgrade)` : text,
          line: neu.line,
          patch: cmp > 0 && isPatchUpgrade(old.version, neu.version)
        })
      } else if (cmp < 0) {
        add('gomod-dependency-downgraded', `${text} (downgrade)`, p, headAt(neu.line, old.line))
      } else if (majorOf(neu.version) !== majorOf(old.version)) {
        add(
          'gomod-dependency-major-bumped',
          `${text} (new major version)`,
          p,
          headAt(neu.line, old.line)
        )
      } else {
        const patch = isPatchUpgrade(old.version, neu.version)
        add(
          'gomod-dependency-upgraded',
          text,
          p,
          headAt(neu.line, old.line),
          patch ? 'patch' : 'minor'
        )
      }
      continue
    }
    const successor = majorSuccessor(p, b, h)
    if (successor) {
      consumed.add(successor.path)
      const text = `${p} → ${successor.path}: ${old.version} → ${successor.version}`
      if (onlyIndirect(old, successor)) indirect.push({ text, line: successor.line })
      else
        add(
          'gomod-dependency-major-bumped',
          `${text} (new major version)`,
          p,
          headAt(successor.line, old.line)
        )
      continue
    }
    if (old.indirect) indirect.push({ text: `${p} ${old.version}: removed`, line: old.line })
    else add('gomod-dependency-removed', `${p} ${old.version}: removed`, p, baseAt(old.line))
  }
  for (const [p, neu] of h) {
    if (b.has(p) || consumed.has(p)) continue
    if (neu.indirect) indirect.push({ text: `${p} ${neu.version}: added`, line: neu.line })
    else add('gomod-dependency-added', `${p} ${neu.version}: added`, p, headAt(neu.line))
  }
  if (indirect.length > 0) {
    const listed = indirect.slice(0, indirectListed).map((c) => c.text)
    const more =
      indirect.length > indirectListed ? `; and ${indirect.length - indirectListed} more` : ''
    add(
      'gomod-indirect-dependencies-changed',
      `${indirect.length} indirect ${indirect.length === 1 ? 'dependency' : 'dependencies'} changed: ${listed.join('; ')}${more}`,
      indirect
        .map((c) => c.text)
        .sort()
        .join('\n'),
      headAt(indirect[0]!.line),
      indirect.every((c) => c.patch) ? 'patch' : 'minor'
    )
  }
}

/** The same module under a higher major path (`x/v2` → `x/v3`, `x` → `x/v2`), new in head. */
function majorSuccessor(
  p: string,
  base: Map<string, Requirement>,
  head: Map<string, Requirement>
): Requirement | undefined {
  const { prefix, major } = splitMajorSuffix(p)
  let best: Requirement | undefined
  for (const [q, r] of head) {
    if (base.has(q)) continue
    const other = splitMajorSuffix(q)
    if (other.prefix !== prefix || (other.major ?? 1) <= (major ?? 1)) continue
    if (!best || (splitMajorSuffix(best.path).major ?? 1) < (other.major ?? 1)) best = r
  }
  return best
}

function compareReplacements(
  base: GoModFile,
  head: GoModFile,
  add: Add,
  headAt: At,
  baseAt: At
): void {
  const key = (r: Replacement) => (r.old.version ? `${r.old.path} ${r.old.version}` : r.old.path)
  const target = (r: Replacement) => (r.new.version ? `${r.new.path} ${r.new.version}` : r.new.path)
  const b = new Map(base.replace.map((r) => [key(r), r]))
  const h = new Map(head.replace.map((r) => [key(r), r]))
  const localNote = ' (a local directory: builds outside this checkout cannot use it)'
  for (const [k, r] of h) {
    const old = b.get(k)
    if (!old) {
      if (r.local)
        add(
          'gomod-replace-local-path',
          `replace ${k} => ${target(r)}: added${localNote}`,
          k,
          headAt(r.line)
        )
      else add('gomod-replace-added', `replace ${k} => ${target(r)}: added`, k, headAt(r.line))
    } else if (target(old) !== target(r)) {
      const text = `replace ${k}: ${target(old)} → ${target(r)}`
      if (r.local)
        add('gomod-replace-local-path', `${text}${localNote}`, k, headAt(r.line, old.line))
      else add('gomod-replace-changed', text, k, headAt(r.line, old.line))
    }
  }
  for (const [k, r] of b) {
    if (!h.has(k))
      add('gomod-replace-removed', `replace ${k} => ${target(r)}: removed`, k, baseAt(r.line))
  }
}
