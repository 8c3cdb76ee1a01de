import { manifestId, serializeManifest, sha256Hex } from './canonical.js'
import type { LatestPointer, ManifestDraft } from './store.js'
import type { RollbackManifest } from './types.js'

/** The next link of a service's manifest chain, ready for a store to write as one unit. */
export interface ChainLink {
  id: string
  sha256: string
  manifest: RollbackManifest
  /** The canonical text whose sha256 the next manifest records. */
  text: string
  snapshots: ReadonlyMap<string, string>
  pointer: LatestPointer
  pointerText: string
}

/**
 * Builds the manifest that follows `pointer` (the chain's current end; null for the first one):
 * it records the previous manifest's id, commit and sha256, and takes the next sequence number.
 * Every store appends through this, so the chain means the same wherever it is kept.
 */
export function nextLink(pointer: LatestPointer | null, draft: ManifestDraft): ChainLink {
  const previous = pointer
    ? { id: pointer.id, commit: pointer.commit, sha256: pointer.sha256 }
    : null
  const { manifest, snapshots } = draft(previous)
  const text = serializeManifest(manifest)
  const sha256 = sha256Hex(text)
  const sequence = (pointer?.sequence ?? 0) + 1
  const id = manifestId(manifest, sha256, sequence)
  const next: LatestPointer = { id, sha256, commit: manifest.source.commit, sequence }
  return {
    id,
    sha256,
    manifest,
    text,
    snapshots,
    pointer: next,
    pointerText: `${JSON.stringify(next, null, 2)}\n`
  }
}
