import { describe, expect, it } from '@jest/globals'
import { diffManifests } from '../../src/revert/manifest-diff.js'
import { renderRevertBody, type RevertReportInput } from '../../src/revert/render.js'
import type { PreparedRevert } from '../../src/revert/types.js'
import { demoEvidence, storedManifest } from './support/manifests.js'

const goodSha = '1'.repeat(40)
const badSha = 'abcdef0123456789abcdef0123456789abcdef01'
const good = storedManifest({ commit: goodSha, createdAt: '2026-05-01T09:00:00Z', release: 'good' })
const bad = storedManifest({ commit: badSha, createdAt: '2026-05-01T11:00:00Z', release: 'bad' })

const applied: PreparedRevert = {
  baseBranch: 'main',
  baseSha: '9'.repeat(40),
  attempts: [
    {
      strategy: 'revert-commits',
      status: 'applied',
      detail: 'reverted 2 commit(s), newest first',
      conflicts: [],
      reverted: [
        { sha: badSha, subject: 'Release 2.8.0 @payments-team', mainline: null },
        { sha: '2'.repeat(40), subject: "Merge branch 'feature/x'", mainline: 1 }
      ]
    }
  ],
  applied: null,
  head: '8'.repeat(40),
  tree: '7'.repeat(40)
}
applied.applied = applied.attempts[0] ?? null

async function input(over: Partial<RevertReportInput> = {}): Promise<RevertReportInput> {
  return {
    incident: { service: 'payments', env: 'production', badCommit: badSha },
    bad,
    good,
    diff: diffManifests(bad.manifest, good.manifest),
    prepared: applied,
    evidence: await demoEvidence('failing'),
    verdict: 'fail',
    reason: null,
    branch: 'rollback-guard/revert/payments/production/abcdef012345',
    links: {
      serverUrl: 'https://github.com',
      repository: 'acme/payments',
      runUrl: 'https://github.com/acme/payments/actions/runs/300'
    },
    earlierReverts: [],
    previousIncident: null,
    ...over
  }
}

describe('the revert pull request body', () => {
  it('tells a reviewer why at a glance: evidence table, charts, manifest diff, commits and runs', async () => {
    const body = renderRevertBody(await input())
    const lines = body.split('\n')
    expect(lines[0]).toBe('<!-- rollback-guard:revert/payments/production -->')
    expect(lines[1]).toBe(`<!-- rollback-guard:revert-incident:${badSha} -->`)
    expect(body).toMatch(
      /^\| ❌ \| error\\-rate \| `error_ratio` \| `< 0.01` \| — \| 0.02886 \| 2 of 2 measurements failed/m
    )
    expect(body).toMatch(
      /^\| ❌ \| latency\\-p95 \| `latency_p95_seconds` \| `<= \+10% of 0.2038 \(= 0.2242\)` \| 0.2038 \| 0.3127 \|/m
    )
    expect(body).toMatch(/^\| ⚠️ \| traffic \(informational\) \|/m)
    expect(
      body.match(/```mermaid\n%%\{init: .*plotColorPalette.*\}%%\nxychart-beta/g)
    ).toHaveLength(2)
    expect(
      body.match(/^Legend: 🟦 measured value \(blue\) · 🟥 the bound `[^`]+` \(red\)$/gm)
    ).toHaveLength(2)
    expect(body).toContain(
      '| `ghcr.io/acme/payments` | `2.8.0@sha256:bbbbbbbbbbbb…` | `2.7.4@sha256:aaaaaaaaaaaa…` |'
    )
    expect(body).not.toContain('envoy-sidecar')
    expect(body).toContain(
      '| `example.com/payments` | `222222222222` → `111111111111` | `444444444444` → `333333333333` | `1.23` → `1.22` |'
    )
    expect(body).toContain('Config version: `2026.11.2` → `2026.11.1`')
    expect(body).toContain(`(merge, reverted with \`-m 1\`)`)
    expect(body).toContain(
      '- This SLO gate and revert: [run](https://github.com/acme/payments/actions/runs/300)'
    )
    expect(body).toContain('[build run](https://github.com/acme/payments/actions/runs/200)')
    expect(body).toContain(`https://github.com/acme/payments/compare/${goodSha}...${badSha}`)
    // A commit subject cannot mention a team.
    expect(body).toContain('@&#8203;payments\\-team')
    expect(body).toContain('<details><summary>Every measurement</summary>')
  })

  it('warns when the reverted range holds an earlier rollback-guard revert', async () => {
    const earlier = { sha: '3'.repeat(40), parents: ['4'.repeat(40)], subject: 'x', message: 'x' }
    const body = renderRevertBody(await input({ earlierReverts: [earlier] }))
    expect(body).toMatch(
      /the reverted range holds 1 earlier rollback-guard revert\(s\) \(\[`333333333333`\]/
    )
  })

  it('for a draft, lists the conflicting files and what to do', async () => {
    const prepared: PreparedRevert = {
      ...applied,
      applied: null,
      attempts: [
        {
          strategy: 'revert-commits',
          status: 'conflict',
          detail: 'reverting 222222222222 conflicts with the base branch',
          conflicts: ['app/api.go', 'app/cursor.go'],
          conflictAt: { sha: '2'.repeat(40), subject: 'Merge', mainline: 1 }
        }
      ]
    }
    const body = renderRevertBody(await input({ prepared }))
    expect(body).toContain('> [!WARNING]')
    expect(body).toContain('- `app/api.go`\n- `app/cursor.go`')
    expect(body).toContain(`git revert -m 1 ${'2'.repeat(40)}`)
    expect(body).toContain('git switch rollback-guard/revert/payments/production/abcdef012345')
  })

  it("stays under GitHub's 65,536 characters, keeping the markers and the verdict", async () => {
    const evidence = await demoEvidence('failing')
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...(evidence.objectives[0] as (typeof evidence.objectives)[number]),
      name: `objective-${i}`,
      measurements: Array.from({ length: 40 }, (_, j) => ({
        ...(evidence.objectives[0]
          ?.measurements[0] as (typeof evidence.objectives)[number]['measurements'][number]),
        index: j + 1
      }))
    }))
    const steps = Array.from({ length: 2000 }, (_, i) => ({
      sha: i.toString(16).padStart(40, '0'),
      subject: `change ${i}`,
      mainline: null
    }))
    const big: PreparedRevert = {
      ...applied,
      applied: { ...(applied.applied as NonNullable<PreparedRevert['applied']>), reverted: steps }
    }
    const body = renderRevertBody(
      await input({ evidence: { ...evidence, objectives: many }, prepared: big })
    )
    expect(body.length).toBeLessThanOrEqual(65536)
    expect(
      body.startsWith(
        '<!-- rollback-guard:revert/payments/production -->\n<!-- rollback-guard:revert-incident:'
      )
    ).toBe(true)
    expect(body).toMatch(/^- … and 1[89]\d\d more$/m)
    expect(body).not.toContain('Every measurement')
    expect(body).toContain('objective\\-119')
  })
})
