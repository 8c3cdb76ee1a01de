/**
 * Version ordering for go.mod: module versions are semantic versions (pseudo-versions and
 * +incompatible included), go and toolchain lines are Go release versions. Never compared as
 * strings: v1.10.0 > v1.9.0 and go 1.10 > go 1.9.
 */

export interface ModuleVersion {
  major: number
  minor: number
  patch: number
  prerelease: string[]
  /** Build metadata such as `incompatible`; ignored for ordering. */
  build: string
}

const semverPattern =
  /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

/** Parses `v1.2.3`, `v1.2.3-pre`, `v0.0.0-20191109021931-daa7c04131f5`, `v2.0.0+incompatible`. */
export function parseModuleVersion(version: string): ModuleVersion | null {
  const m = semverPattern.exec(version)
  if (!m) return null
  return {
    major: Number(m[1]),
    minor: Number(m[2] ?? 0),
    patch: Number(m[3] ?? 0),
    prerelease: m[4] ? m[4].split('.') : [],
    build: m[5] ?? ''
  }
}

export function isModuleVersion(version: string): boolean {
  return parseModuleVersion(version) !== null
}

/** Semver precedence; unparsable versions sort before parsable ones, then as strings. */
export function compareModuleVersions(a: string, b: string): number {
  const x = parseModuleVersion(a)
  const y = parseModuleVersion(b)
  if (!x || !y) return x ? 1 : y ? -1 : a < b ? -1 : a > b ? 1 : 0
  for (const [p, q] of [
    [x.major, y.major],
    [x.minor, y.minor],
    [x.patch, y.patch]
  ] as const) {
    if (p !== q) return p < q ? -1 : 1
  }
  return comparePrerelease(x.prerelease, y.prerelease)
}

function comparePrerelease(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const p = a[i]
    const q = b[i]
    if (p === undefined) return -1
    if (q === undefined) return 1
    if (p === q) continue
    const pn = /^\d+$/.test(p)
    const qn = /^\d+$/.test(q)
    if (pn && qn) return BigInt(p) < BigInt(q) ? -1 : 1
    if (pn !== qn) return pn ? -1 : 1
    return p < q ? -1 : 1
  }
  return 0
}

/** A pseudo-version names a commit, not a release: `vX.Y.Z-[0.]yyyymmddhhmmss-abcdef123456`. */
export function isPseudoVersion(version: string): boolean {
  return /-(?:0\.|\w+\.0\.)?\d{14}-[0-9a-f]{12}(?:\+incompatible)?$/.test(version)
}

export function majorOf(version: string): number | null {
  return parseModuleVersion(version)?.major ?? null
}

/** A module path's major suffix: `/v3` (or `.v3` for gopkg.in), and the path without it. */
export function splitMajorSuffix(modulePath: string): { prefix: string; major: number | null } {
  const slash = /^(.*)\/v([2-9]|[1-9]\d+)$/.exec(modulePath)
  if (slash) return { prefix: slash[1]!, major: Number(slash[2]) }
  const gopkg = /^(gopkg\.in\/.+)\.v(\d+)(-unstable)?$/.exec(modulePath)
  if (gopkg) return { prefix: gopkg[1]!, major: Number(gopkg[2]) }
  return { prefix: modulePath, major: null }
}

interface GoVersion {
  major: number
  minor: number
  /** 0: language version (1.21), 1: pre-release (1.21rc1), 2: release (1.21.0). */
  kind: number
  patch: number
  pre: number
}

/** Parses a `go` directive or toolchain version: 1.21, 1.21rc1, 1.21.3, go1.22.0. */
export function parseGoVersion(version: string): GoVersion | null {
  const m = /^(?:go)?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(alpha|beta|rc)(\d+))?(?:-.*)?$/.exec(version)
  if (!m) return null
  const kindPre = m[4] ? { alpha: 0, beta: 1, rc: 2 }[m[4] as 'alpha' | 'beta' | 'rc'] : 0
  const major = Number(m[1])
  const minor = Number(m[2] ?? 0)
  // Before Go 1.21, "1.20" named the release itself.
  const languageOnly = m[3] === undefined && !m[4] && (major > 1 || minor >= 21)
  return {
    major,
    minor,
    kind: m[4] ? 1 : languageOnly ? 0 : 2,
    patch: Number(m[3] ?? 0),
    pre: m[4] ? kindPre * 1000 + Number(m[5]) : 0
  }
}

/** Go's version order: 1.9 < 1.10; 1.21 < 1.21rc1 < 1.21.0 < 1.21.1. */
export function compareGoVersions(a: string, b: string): number {
  const x = parseGoVersion(a)
  const y = parseGoVersion(b)
  if (!x || !y) return x ? 1 : y ? -1 : a < b ? -1 : a > b ? 1 : 0
  for (const key of ['major', 'minor', 'kind', 'patch', 'pre'] as const) {
    if (x[key] !== y[key]) return x[key] < y[key] ? -1 : 1
  }
  return 0
}

/**
 * Orders go directives for what they demand of a toolchain: `go 1.22` and `go 1.22.0` (what
 * `go mod tidy` writes) ask for the same release.
 */
export function compareGoDirectives(a: string, b: string): number {
  const release = (v: string) => {
    const parsed = parseGoVersion(v)
    return parsed && parsed.kind === 0 ? `${parsed.major}.${parsed.minor}.0` : v
  }
  return compareGoVersions(release(a), release(b))
}
