import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { runDemo } from '../../src/wiring/demo.js'
import { planLocalRevert } from '../../src/wiring/revert-local.js'
import { BranchManifestStore } from '../../src/platform/git/manifest-branch-store.js'
import { gitIn } from '../support/git-fixtures.js'
import { demoEvidence } from './support/manifests.js'

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url))

describe('the revert plan the demo ends with', () => {
  it('plans the revert of release 1.5.0 to 1.4.0 on the bundled example, offline and without pushing', async () => {
    let minute = 0
    const demo = await runDemo({
      examplesDir,
      print: () => undefined,
      now: () => new Date(Date.UTC(2026, 4, 1, 12, minute++))
    })
    const work = `${demo.workDir}/shop`
    const store = new BranchManifestStore({
      cwd: work,
      branch: 'rollback-manifests',
      remote: 'origin'
    })
    const { result, text, body } = await planLocalRevert({
      root: work,
      service: 'shop',
      env: 'production',
      store,
      evidence: await demoEvidence('failing'),
      deployPaths: ['deploy']
    })
    expect(result.action).toBe('skipped')
    expect(result.strategy).toBe('revert-commits')
    expect(text).toContain('Revert plan for shop/production')
    expect(text).toMatch(/revert [0-9a-f]{12} shop 1\.5\.0: cursor pagination, refunds/)
    expect(text).toContain('image ghcr.io/acme/shop: 1.5.0@sha256:9c8e7d6f')
    expect(text).toContain('config version: 2026.11.2 -> 2026.11.1')
    expect(body).toContain('```mermaid')
    // 1.5.0 changed the API; the plan says what rolling back to 1.4.0 does to its clients.
    expect(text).toMatch(
      /rollback contracts: \d+ breaking, \d+ warning, \d+ info for clients of v1\.5\.0/
    )
    expect(text).toContain(
      "warning  GET /orders: query parameter 'cursor' of GET /orders was removed"
    )
    expect(body).toContain('### What the rollback does to clients (contracts)')
    expect(body).toContain('### What a code revert does not undo')
    expect(gitIn(demo.remote, 'for-each-ref', 'refs/heads/rollback-guard/')).toBe('')

    const pinned = await planLocalRevert({
      root: work,
      service: 'shop',
      env: 'production',
      store,
      evidence: await demoEvidence('failing'),
      strategy: 'pin-digests',
      fallbackStrategies: 'none',
      deployPaths: ['deploy']
    })
    expect(pinned.text).toMatch(
      /deploy\/kustomization\.yaml:9 digest: sha256:9c8e7d6f\S+ -> sha256:3b1f0c3e\S+/
    )
  }, 180_000)
})
