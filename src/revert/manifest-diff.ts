import type { RollbackManifest } from '../manifest/types.js'
import type { ImagePin } from './types.js'

type Change = 'changed' | 'added' | 'removed' | 'same'

export interface ImageChange {
  name: string
  /** What runs now (the bad release) and what the revert brings back (the good one). */
  now: { tag: string | null; digest: string | null } | null
  restored: { tag: string | null; digest: string | null } | null
  change: Change
}

export interface GoModuleChange {
  path: string
  module: string
  now: { goModSha256: string; goSumSha256: string | null; goVersion: string | null } | null
  restored: { goModSha256: string; goSumSha256: string | null; goVersion: string | null } | null
  change: Change
}

export interface ManifestDiff {
  images: ImageChange[]
  go: GoModuleChange[]
  config: {
    now: string | null
    restored: string | null
    nowSha256: string | null
    restoredSha256: string | null
    change: Change
  }
}

function changeOf<T>(now: T | null, restored: T | null, same: (a: T, b: T) => boolean): Change {
  if (now && restored) return same(now, restored) ? 'same' : 'changed'
  return now ? 'removed' : 'added'
}

/** What merging the revert changes back, from the bad release's manifest to the good one's. */
export function diffManifests(bad: RollbackManifest, good: RollbackManifest): ManifestDiff {
  const names = [...new Set([...bad.images, ...good.images].map((i) => i.name))].sort()
  const images = names.map((name): ImageChange => {
    const nowImage = bad.images.find((i) => i.name === name)
    const goodImage = good.images.find((i) => i.name === name)
    const now = nowImage ? { tag: nowImage.tag, digest: nowImage.digest } : null
    const restored = goodImage ? { tag: goodImage.tag, digest: goodImage.digest } : null
    return {
      name,
      now,
      restored,
      change: changeOf(now, restored, (a, b) => a.digest === b.digest && a.tag === b.tag)
    }
  })
  const paths = [...new Set([...bad.go, ...good.go].map((m) => m.path))].sort()
  const go = paths.map((path): GoModuleChange => {
    const nowModule = bad.go.find((m) => m.path === path)
    const goodModule = good.go.find((m) => m.path === path)
    const pick = (m: typeof nowModule) =>
      m ? { goModSha256: m.goModSha256, goSumSha256: m.goSumSha256, goVersion: m.goVersion } : null
    const now = pick(nowModule)
    const restored = pick(goodModule)
    return {
      path,
      module: (nowModule ?? goodModule)?.module ?? path,
      now,
      restored,
      change: changeOf(
        now,
        restored,
        (a, b) => a.goModSha256 === b.goModSha256 && a.goSumSha256 === b.goSumSha256
      )
    }
  })
  const config = {
    now: bad.config.version,
    restored: good.config.version,
    nowSha256: bad.config.sha256,
    restoredSha256: good.config.sha256,
    change: (bad.config.version === good.config.version && bad.config.sha256 === good.config.sha256
      ? 'same'
      : 'changed') as Change
  }
  return { images, go, config }
}

/** The images pin-digests moves back: present in both releases, with a different digest or tag. */
export function imagePins(diff: ManifestDiff): ImagePin[] {
  return diff.images
    .filter(
      (
        i
      ): i is ImageChange & {
        now: NonNullable<ImageChange['now']>
        restored: NonNullable<ImageChange['restored']>
      } => i.change === 'changed' && i.now !== null && i.restored !== null
    )
    .filter((i) => i.restored.digest !== null || i.restored.tag !== null)
    .map((i) => ({ name: i.name, from: i.now, to: i.restored }))
}
