import { InputError } from '../../core/errors.js'
import type { BaselineSettings } from '../config/types.js'
import type { BaselineSource, ReportNote } from '../report/model.js'
import { compareSemver, formatSemver, parseSemver, type SemVer } from '../policy/semver.js'

/** What the baseline search needs from git (see src/platform/git/baseline.ts). */
export interface BaselineGit {
  /** Tag names, local and on the remote (a shallow CI clone often has none locally). */
  listTags(): Promise<string[]>
  /** The commit a ref names, fetching it from the remote when the clone lacks it; null when unknown. */
  resolveCommit(ref: string): Promise<string | null>
}

/** The latest published GitHub release (drafts and pre-releases excluded), by its tag. */
export interface ReleaseReader {
  latestRelease(): Promise<{ tag: string } | null>
}

/** The manifest store's view: the last release marked good for a service and environment. */
export interface ManifestReader {
  lastGood(service: string, env: string): Promise<{ commit: string; contractsDir?: string } | null>
}

export interface Baseline {
  source: BaselineSource
  ref: string | null
  sha: string | null
  /** The semantic version the baseline stands for, when its tag carries one. */
  version: string | null
  /** A directory holding the base contracts at their repository paths (a manifest's snapshot). */
  contractsDir?: string
  notes: ReportNote[]
}

function patternRegex(pattern: string): RegExp {
  const [before, after] = pattern.split('{version}') as [string, string | undefined]
  const quote = (s: string): string =>
    s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*')
  return new RegExp(`^${quote(before)}(.+)${quote(after ?? '')}$`)
}

/** The version a tag carries under the first pattern it fits (`v{version}`, `api/v{version}`…). */
export function versionOfTag(tag: string, patterns: readonly string[]): SemVer | null {
  for (const pattern of patterns) {
    const match = patternRegex(pattern).exec(tag)
    const version = match?.[1] ? parseSemver(match[1]) : null
    if (version) return version
  }
  return null
}

/** Release tags, newest first by semver precedence (never by string order: v1.10.0 > v1.9.0). */
export function releaseTags(
  tags: readonly string[],
  settings: Pick<BaselineSettings, 'tagPatterns' | 'includePrereleases'>
): { tag: string; version: SemVer }[] {
  const releases: { tag: string; version: SemVer }[] = []
  for (const tag of new Set(tags)) {
    const version = versionOfTag(tag, settings.tagPatterns)
    if (!version) continue
    if (version.prerelease.length > 0 && !settings.includePrereleases) continue
    releases.push({ tag, version })
  }
  return releases.sort((a, b) => compareSemver(b.version, a.version) || a.tag.localeCompare(b.tag))
}

export function newestReleaseTag(
  tags: readonly string[],
  settings: Pick<BaselineSettings, 'tagPatterns' | 'includePrereleases'>
): { tag: string; version: SemVer } | null {
  return releaseTags(tags, settings)[0] ?? null
}

export interface FindBaselineOptions {
  /** `auto` for the last release, or a ref (tag, branch, commit). */
  against: string
  settings: BaselineSettings
  git: BaselineGit
  releases?: ReleaseReader | null
  manifests?: ManifestReader | null
  /** service/env for the manifest fallback. */
  service?: string | null
  env?: string | null
  log?: (message: string) => void
  /** The checked-out commit: a tag on it is this release itself (a tag-push build), not the last one. */
  currentCommit?: string | null
}

/**
 * The release to compare against. `auto`: the newest semver tag, else the latest GitHub release,
 * else the last manifest marked good; nothing found is not an error (every contract is new).
 */
export async function findBaseline(options: FindBaselineOptions): Promise<Baseline> {
  const { settings, git } = options
  const log = options.log ?? (() => {})
  if (options.against !== 'auto') {
    const sha = await git.resolveCommit(options.against)
    if (!sha) {
      throw new InputError(
        `against '${options.against}' names no tag, branch or commit here or on the remote '${settings.remote}'; check the name, or use 'auto' for the last release.`
      )
    }
    const version = versionOfTag(options.against, settings.tagPatterns)
    return {
      source: 'ref',
      ref: options.against,
      sha,
      version: version ? formatSemver(version) : null,
      notes: []
    }
  }

  const notes: ReportNote[] = []
  const tags = await git.listTags()
  for (const candidate of releaseTags(tags, settings)) {
    const sha = await git.resolveCommit(candidate.tag)
    if (!sha) {
      notes.push({
        level: 'warning',
        message: `release tag ${candidate.tag} could not be fetched from '${settings.remote}'.`
      })
      break
    }
    if (options.currentCommit && sha === options.currentCommit) {
      log(`baseline: skipping tag ${candidate.tag}, which is the commit being checked`)
      continue
    }
    log(`baseline: tag ${candidate.tag} (${sha.slice(0, 7)}), the newest of ${tags.length} tags`)
    return {
      source: 'tag',
      ref: candidate.tag,
      sha,
      version: formatSemver(candidate.version),
      notes
    }
  }

  if (settings.githubReleases && options.releases) {
    const release = await options.releases.latestRelease()
    if (release) {
      const sha = await git.resolveCommit(release.tag)
      if (sha) {
        const version =
          versionOfTag(release.tag, settings.tagPatterns) ??
          parseSemver(release.tag.replace(/^v/, ''))
        log(`baseline: latest GitHub release ${release.tag} (${sha.slice(0, 7)})`)
        return {
          source: 'github-release',
          ref: release.tag,
          sha,
          version: version ? formatSemver(version) : null,
          notes
        }
      }
      notes.push({
        level: 'warning',
        message: `the latest GitHub release's tag ${release.tag} could not be fetched.`
      })
    }
  }

  if (settings.manifests && options.manifests && options.service && options.env) {
    const good = await options.manifests.lastGood(options.service, options.env)
    if (good) {
      if (good.contractsDir) {
        log(`baseline: contract snapshots of the last good manifest (${good.commit.slice(0, 7)})`)
        return {
          source: 'manifest',
          ref: null,
          sha: good.commit,
          version: null,
          contractsDir: good.contractsDir,
          notes
        }
      }
      const sha = await git.resolveCommit(good.commit)
      if (sha) {
        log(`baseline: commit ${sha.slice(0, 7)} of the last good manifest`)
        return { source: 'manifest', ref: null, sha, version: null, notes }
      }
    }
  }

  const tried = [
    `a tag like ${settings.tagPatterns.join(' or ')}${settings.includePrereleases ? '' : ' (pre-releases excluded)'}`
  ]
  if (settings.githubReleases && options.releases) tried.push('a GitHub release')
  if (settings.manifests && options.manifests && options.service && options.env)
    tried.push('a manifest marked good')
  notes.push({
    level: 'notice',
    message: `No earlier release found (looked for ${tried.join(', ')}); every contract is reported as new. Tag a release, or set --against REF.`
  })
  return { source: 'none', ref: null, sha: null, version: null, notes }
}
