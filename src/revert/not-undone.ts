import type { RollbackManifest } from '../manifest/types.js'
import { escapeMarkdown } from '../report/markdown-escape.js'
import type { ManifestDiff } from './manifest-diff.js'

/**
 * One thing that lies outside git, so merging the revert does not restore it. Other sources
 * (database migrations crossed by the rollback, say) append items of the same shape.
 */
export interface NotUndoneItem {
  /** What it is, e.g. "config version 2026.11.2". */
  what: string
  /** Why the code revert does not undo it. */
  why: string
  /** What a person has to do. */
  action: string
}

const short = (digest: string) => digest.slice(0, 19)

/** Config whose version changed while its files are not in the repository (nothing to revert). */
function configItems(diff: ManifestDiff, bad: RollbackManifest, good: RollbackManifest) {
  if (diff.config.change === 'same') return []
  if (bad.config.files.length > 0 || good.config.files.length > 0) return []
  const from = diff.config.now ?? 'none'
  const to = diff.config.restored ?? 'none'
  return [
    {
      what: `config version ${from} (last good: ${to})`,
      why: 'the manifests record the config version but none of its files, so the config lives outside this repository and the revert does not touch it',
      action: `set the config back to ${to} where it is kept (config service, secret store, ConfigMap applied by hand)`
    }
  ]
}

/** Images pinned by tag whose tag now points at another image: the revert restores the tag only. */
function imageItems(diff: ManifestDiff) {
  const items: NotUndoneItem[] = []
  for (const image of diff.images) {
    const { now, restored } = image
    if (!now || !restored || !restored.tag) continue
    if (
      now.tag === restored.tag &&
      now.digest &&
      restored.digest &&
      now.digest !== restored.digest
    ) {
      items.push({
        what: `image ${image.name}:${restored.tag}`,
        why: `the tag moved: it pointed at ${short(restored.digest)}… in the last good release and at ${short(now.digest)}… now, so deploying the tag again runs the failing image`,
        action: `deploy by digest (${image.name}@${restored.digest}), e.g. with the pin-digests strategy, or push the tag back to that digest`
      })
    } else if (!restored.digest && image.change !== 'same') {
      items.push({
        what: `image ${image.name}:${restored.tag}`,
        why: 'the last good release recorded a tag without a digest, and a tag can have moved since',
        action: `check which image ${image.name}:${restored.tag} points at today before deploying the revert`
      })
    }
  }
  return items
}

/**
 * What a code revert does not undo, from the two manifests: config kept outside the repository and
 * image tags that moved. Items from other sources are appended by the caller.
 */
export function notUndoneByRevert(
  diff: ManifestDiff,
  bad: RollbackManifest,
  good: RollbackManifest
): NotUndoneItem[] {
  return [...configItems(diff, bad, good), ...imageItems(diff)]
}

export function notUndoneText(items: readonly NotUndoneItem[]): string[] {
  if (items.length === 0) return []
  return [
    '  not undone by the revert:',
    ...items.flatMap((item) => [`    - ${item.what}: ${item.why}`, `      do: ${item.action}`])
  ]
}

export function notUndoneMarkdown(items: readonly NotUndoneItem[]): string[] {
  const out = ['### What a code revert does not undo', '']
  if (items.length === 0) {
    out.push(
      'Nothing the manifests record outside git changed between the two releases (config kept outside the repository, image tags). Database migrations are listed here only when the manifests record them.',
      ''
    )
    return out
  }
  for (const item of items) {
    out.push(
      `- **${escapeMarkdown(item.what)}**: ${escapeMarkdown(item.why)}.  `,
      `  What to do: ${escapeMarkdown(item.action)}.`
    )
  }
  out.push('')
  return out
}
