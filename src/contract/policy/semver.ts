/** Semantic versions (semver.org 2.0.0), compared by the spec: 1.9.0 < 1.10.0, 2.0.0-rc.1 < 2.0.0. */
export interface SemVer {
  major: number
  minor: number
  patch: number
  prerelease: string[]
  build: string[]
}

export type Bump = 'major' | 'minor' | 'patch'

const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

export function parseSemver(text: string): SemVer | null {
  const match = semverPattern.exec(text.trim())
  if (!match) return null
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number) as [
    number,
    number,
    number
  ]
  if (![major, minor, patch].every(Number.isSafeInteger)) return null
  return {
    major,
    minor,
    patch,
    prerelease: match[4] ? match[4].split('.') : [],
    build: match[5] ? match[5].split('.') : []
  }
}

export function formatSemver(v: SemVer): string {
  const pre = v.prerelease.length ? `-${v.prerelease.join('.')}` : ''
  return `${v.major}.${v.minor}.${v.patch}${pre}`
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a)
  const bn = /^\d+$/.test(b)
  if (an && bn) return Math.sign(Number(a) - Number(b))
  if (an) return -1
  if (bn) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Negative when a < b, zero when equal in precedence (build metadata is ignored), positive else. */
export function compareSemver(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return Math.sign(a[key] - b[key])
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length)
  }
  const length = Math.max(a.prerelease.length, b.prerelease.length)
  for (let i = 0; i < length; i++) {
    const x = a.prerelease[i]
    const y = b.prerelease[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const order = compareIdentifiers(x, y)
    if (order !== 0) return order
  }
  return 0
}

/**
 * The next version after `base` for a bump. A pre-release base is released by the bump that reaches
 * it (2.0.0-rc.1 + major = 2.0.0), as `npm version` does.
 */
export function nextVersion(base: SemVer, bump: Bump): SemVer {
  const pre = base.prerelease.length > 0
  const next = {
    major: base.major,
    minor: base.minor,
    patch: base.patch,
    prerelease: [],
    build: []
  }
  if (bump === 'major') {
    if (!(pre && base.minor === 0 && base.patch === 0)) next.major += 1
    if (!(pre && base.minor === 0 && base.patch === 0)) next.minor = 0
    next.patch = 0
  } else if (bump === 'minor') {
    if (!(pre && base.patch === 0)) next.minor += 1
    next.patch = 0
  } else if (!pre) {
    next.patch += 1
  }
  return next
}

/** Whether `declared` releases at least `required` (its pre-releases count: 2.0.0-rc.1 ships 2.0.0). */
export function coversVersion(declared: SemVer, required: SemVer): boolean {
  const core = (v: SemVer): SemVer => ({ ...v, prerelease: [], build: [] })
  return compareSemver(core(declared), core(required)) >= 0
}
