import type { PreviousManifest, RollbackManifest, Verdict } from './types.js'

export interface StoredManifest {
  id: string
  sha256: string
  manifest: RollbackManifest
  /** Commit on the manifest branch that holds it (branch store), else null. */
  storeCommit: string | null
  /** Where it is kept: `<service>/<env>/<id>/manifest.json` under the store. */
  location: string
}

/** What a new manifest is, given the one before it (known only at write time, so a retry can rebuild it). */
export type ManifestDraft = (previous: PreviousManifest | null) => {
  manifest: RollbackManifest
  /** Files kept beside the manifest (contract snapshots): store-relative path under the manifest's folder → absolute source file. */
  snapshots: ReadonlyMap<string, string>
}

export interface ManifestStore {
  append(service: string, env: string, draft: ManifestDraft): Promise<StoredManifest>
  /** `latest`, `last-good`, a manifest id (or its unique prefix), or a source commit (or prefix). */
  resolve(service: string, env: string, ref: string): Promise<StoredManifest | null>
  list(service: string, env: string): Promise<string[]>
  setVerdict(service: string, env: string, ref: string, verdict: Verdict): Promise<StoredManifest>
  /** Reads a snapshot file kept beside a manifest. */
  readSnapshot(stored: StoredManifest, path: string): Promise<Buffer | null>
}

export const storeLayout = {
  folder: (service: string, env: string) => `${service}/${env}`,
  pointer: (service: string, env: string) => `${service}/${env}/latest.json`,
  manifest: (service: string, env: string, id: string) => `${service}/${env}/${id}/manifest.json`,
  verdict: (service: string, env: string, id: string) => `${service}/${env}/${id}/verdict.json`,
  snapshot: (service: string, env: string, id: string, path: string) =>
    `${service}/${env}/${id}/contracts/${path}`
}

export interface LatestPointer {
  id: string
  sha256: string
  commit: string
  /** The manifest's place in the chain (1 for the first). */
  sequence?: number
}

/** The effective manifest: the stored one with its latest verdict applied. */
export function withVerdict(manifest: RollbackManifest, verdict: Verdict | null): RollbackManifest {
  return verdict ? { ...manifest, verdict } : manifest
}

/** Resolves a ref among ids sorted oldest first; verdicts are read lazily for last-good. */
export async function pickManifestId(
  ids: readonly string[],
  ref: string,
  readCommitOf: (id: string) => Promise<string>,
  readVerdictOf: (id: string) => Promise<Verdict | null>
): Promise<string | null> {
  if (ids.length === 0) return null
  if (ref === 'latest') return ids[ids.length - 1] ?? null
  if (ref === 'last-good') {
    for (let index = ids.length - 1; index >= 0; index--) {
      const id = ids[index] as string
      if ((await readVerdictOf(id))?.status === 'good') return id
    }
    return null
  }
  const byId = ids.filter((id) => id === ref || id.startsWith(ref))
  if (byId.length === 1) return byId[0] as string
  if (/^[0-9a-f]{7,40}$/.test(ref)) {
    for (let index = ids.length - 1; index >= 0; index--) {
      const id = ids[index] as string
      if ((await readCommitOf(id)).startsWith(ref)) return id
    }
  }
  return null
}
