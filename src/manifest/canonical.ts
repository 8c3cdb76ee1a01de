import { createHash } from 'node:crypto'
import type { RollbackManifest } from './types.js'

/** The bytes a manifest is stored as: stable 2-space JSON with a final newline. Its sha256 chains manifests. */
export function serializeManifest(manifest: RollbackManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * A manifest's store id: its place in the chain (so ids sort in chain order even when two builds
 * share a second or two runners' clocks disagree), the time, the commit and the content hash.
 */
export function manifestId(manifest: RollbackManifest, sha256: string, sequence = 1): string {
  const stamp = manifest.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  const place = String(sequence).padStart(6, '0')
  return `${place}-${stamp}-${manifest.source.commit.slice(0, 12)}-${sha256.slice(0, 8)}`
}
