import { nextLink } from '../../src/manifest/chain.js'
import { sha256Hex } from '../../src/manifest/canonical.js'
import type { ManifestDraft } from '../../src/manifest/store.js'
import type { RollbackManifest } from '../../src/manifest/types.js'

function draftFor(commit: string): ManifestDraft {
  return (previous) => ({
    manifest: {
      schemaVersion: 1,
      service: 'shop',
      env: 'prod',
      createdAt: '2026-12-01T00:00:00.000Z',
      source: { commit },
      previous
    } as unknown as RollbackManifest,
    snapshots: new Map()
  })
}

describe('the manifest chain link both stores append through', () => {
  it('starts a chain at sequence 1 with no previous manifest', () => {
    const first = nextLink(null, draftFor('a'.repeat(40)))
    expect(first.pointer.sequence).toBe(1)
    expect(first.manifest).toMatchObject({ previous: null })
    expect(first.sha256).toBe(sha256Hex(first.text))
    expect(JSON.parse(first.pointerText)).toEqual(first.pointer)
  })

  it('links to the previous manifest by id, commit and sha256 and counts on', () => {
    const first = nextLink(null, draftFor('a'.repeat(40)))
    const second = nextLink(first.pointer, draftFor('b'.repeat(40)))
    expect(second.manifest).toMatchObject({
      previous: { id: first.id, commit: 'a'.repeat(40), sha256: first.sha256 }
    })
    expect(second.pointer).toMatchObject({ sequence: 2, commit: 'b'.repeat(40) })
    expect(second.id).not.toBe(first.id)
  })
})
