import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { buildManifest } from '../../src/manifest/build.js'
import { BranchManifestStore } from '../../src/platform/git/manifest-branch-store.js'
import { cloneOf, gitIn, repoWithRemote } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'

/** The smallest manifest a writer can append: what is measured here is the race, not the content. */
function draftFor(writer: number, commit: string) {
  return (previous: Parameters<typeof buildManifest>[1]) => ({
    manifest: buildManifest(
      {
        service: 'shop',
        env: 'prod',
        createdAt: new Date(Date.UTC(2026, 10, 20, 12, 0, 0, writer)),
        source: {
          repository: null,
          commit,
          ref: null,
          tag: null,
          runUrl: null,
          runAttempt: null,
          actor: `writer-${writer}`
        },
        go: [],
        images: [],
        configVersion: null,
        configFiles: [],
        contracts: []
      },
      previous
    ),
    snapshots: new Map<string, string>()
  })
}

// Built once; each case races on its own copy of the bare remote.
const repo = gitTemplate(() => repoWithRemote({ 'README.md': 'shop\n' }))

describe('racing manifest writers', () => {
  it.each([16, 32])(
    '%i writers from separate clones all land in one chain',
    async (writers) => {
      const { base, remote, head } = await repo.clone()
      const clones = Array.from({ length: writers }, (_, index) =>
        cloneOf(remote, join(base, `writer-${index}`))
      )
      // The store's own backoff: a shorter one only makes the writers collide (and spend CPU) more.
      const results = await Promise.all(
        clones.map((clone, index) =>
          new BranchManifestStore({
            cwd: clone,
            branch: 'rollback-manifests',
            remote: 'origin'
          }).append('shop', 'prod', draftFor(index, head))
        )
      )
      expect(gitIn(remote, 'rev-list', '--count', 'rollback-manifests')).toBe(String(writers))
      // One linear chain: one first manifest, every other one after a distinct predecessor.
      const previous = results.map((r) => r.manifest.previous?.sha256 ?? null)
      expect(previous.filter((sha) => sha === null)).toHaveLength(1)
      expect(new Set(previous.filter(Boolean)).size).toBe(writers - 1)
      for (const sha of previous.filter(Boolean))
        expect(results.map((r) => r.sha256)).toContain(sha)
      expect(new Set(results.map((r) => r.id.slice(0, 6)))).toEqual(
        new Set(Array.from({ length: writers }, (_, i) => String(i + 1).padStart(6, '0')))
      )
    },
    240_000
  )
})
