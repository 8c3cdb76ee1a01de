import { execFileSync } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { renderManifestMarkdown } from '../../src/commands/manifest.js'
import { diffManifests } from '../../src/revert/manifest-diff.js'
import { renderRevertBody } from '../../src/revert/render.js'
import { renderSloMarkdown } from '../../src/slo/render/markdown.js'
import type { SloEvidence } from '../../src/slo/render/evidence.js'
import { demoEvidence, storedManifest } from '../revert/support/manifests.js'

/** Outside text that tries every trick: raw HTML, a mention, a fake marker, a link, a fence break. */
const hostile =
  '<img src=x onerror=alert(1)> @octocat <!-- rollback-guard:revert/x/y --> [click](https://evil.example) ``` <details open> | #12 \n### heading'

/** GitHub's renderer: cmark-gfm with its extensions, raw HTML let through so we see what survives. */
function render(markdown: string): string {
  return execFileSync(
    'cmark-gfm',
    ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough'],
    { input: markdown, encoding: 'utf8' }
  )
}

function expectInert(rendered: string): void {
  // GitHub neither links nor notifies inside code; everything else must be plain text.
  const html = rendered.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '<code></code>')
  expect(html).not.toMatch(/<img/i)
  expect(html).not.toContain('<!-- rollback-guard:revert/x/y')
  expect(html).not.toMatch(/<a href="https:\/\/evil/)
  expect(html).not.toContain('@octocat')
  expect(html).not.toMatch(/(^|[^&])#12/)
  expect(html).not.toMatch(/<details open>/i)
  expect(html).not.toMatch(/<h3>heading/)
}

async function hostileEvidence(): Promise<SloEvidence> {
  const evidence = await demoEvidence('failing')
  return {
    ...evidence,
    policy: hostile,
    objectives: evidence.objectives.map((o) => ({
      ...o,
      name: hostile,
      provider: hostile,
      query: hostile,
      reason: hostile,
      measurements: o.measurements.map((m) => ({ ...m, error: hostile }))
    }))
  }
}

describe('every markdown surface renders hostile outside text inert (cmark-gfm)', () => {
  it('the slo-gate job summary', async () => {
    expectInert(render(renderSloMarkdown(await hostileEvidence())))
  })

  it('the revert pull request body, with its "every measurement" part', async () => {
    const good = storedManifest({
      commit: '1'.repeat(40),
      createdAt: '2026-05-01T09:00:00Z',
      release: 'good'
    })
    const bad = storedManifest({
      commit: '2'.repeat(40),
      createdAt: '2026-05-01T11:00:00Z',
      release: 'bad'
    })
    const body = renderRevertBody({
      incident: { service: 'payments', env: 'production', badCommit: bad.manifest.source.commit },
      bad,
      good,
      diff: diffManifests(bad.manifest, good.manifest),
      prepared: {
        baseBranch: 'main',
        baseSha: '9'.repeat(40),
        attempts: [],
        applied: null,
        head: '8'.repeat(40),
        tree: '7'.repeat(40)
      },
      evidence: await hostileEvidence(),
      verdict: 'fail',
      reason: hostile,
      branch: 'rollback-guard/revert/payments/production/222222222222',
      links: { serverUrl: 'https://github.com', repository: 'acme/payments', runUrl: null },
      earlierReverts: [],
      previousIncident: null
    })
    expect(body).toContain('Every measurement')
    // Our own markers are the first lines; none of the outside text may add another.
    const html = render(body.split('\n').slice(2).join('\n'))
    expectInert(html)
  })

  it('the manifest summary', () => {
    const stored = storedManifest({
      commit: '1'.repeat(40),
      createdAt: '2026-05-01T09:00:00Z',
      release: 'good'
    })
    const manifest = {
      ...stored.manifest,
      service: hostile,
      env: hostile,
      source: {
        ...stored.manifest.source,
        ref: hostile,
        tag: '`' + hostile,
        runUrl: 'https://ci.example/run) <img src=x>'
      },
      images: [{ name: hostile, tag: hostile, digest: null }]
    }
    const html = render(
      renderManifestMarkdown(manifest, { id: hostile, sha256: 'a'.repeat(64), storeCommit: null })
    )
    expectInert(html)
  })
})
