import { describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ManifestStore, StoredManifest } from '../../src/manifest/store.js'
import type { Verdict } from '../../src/manifest/types.js'
import { markManifest, readEvidenceFile } from '../../src/wiring/evidence.js'

function recordingStore(verdicts: Verdict[]): ManifestStore {
  return {
    async setVerdict(_service: string, _env: string, ref: string, verdict: Verdict) {
      verdicts.push(verdict)
      return { id: ref } as StoredManifest
    }
  } as unknown as ManifestStore
}

describe("the library's markManifest: evidence as an object or as the path of its JSON", () => {
  it('records the same verdict from an object and from its file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-evidence-'))
    try {
      const evidence = { schemaVersion: 1, verdict: 'fail', failedObjectives: ['errors'] }
      const path = join(dir, 'evidence.json')
      await writeFile(path, JSON.stringify(evidence))
      const verdicts: Verdict[] = []
      const store = recordingStore(verdicts)
      const at = new Date('2026-05-01T13:00:00Z')
      await markManifest(store, 'shop', 'prod', 'm1', 'bad', evidence, at)
      await markManifest(store, 'shop', 'prod', 'm1', 'bad', path, at)
      expect(verdicts).toHaveLength(2)
      expect(verdicts[1]).toEqual(verdicts[0])
      expect(verdicts[0]).toEqual({ status: 'bad', decidedAt: at.toISOString(), evidence })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('names the file and the flag or input when the evidence cannot be used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rg-evidence-'))
    try {
      const list = join(dir, 'list.json')
      await writeFile(list, '[1, 2]')
      await expect(readEvidenceFile(list, "input 'evidence-path'")).rejects.toThrow(
        `input 'evidence-path': '${list}' is not a JSON object (not an object).`
      )
      await expect(readEvidenceFile(join(dir, 'missing.json'))).rejects.toThrow(
        /^--evidence: cannot read '.*missing\.json'/
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
