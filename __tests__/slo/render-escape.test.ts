import { describe, expect, it } from '@jest/globals'
import { renderSloMarkdown } from '../../src/slo/render/markdown.js'
import type { ObjectiveEvidence, SloEvidence } from '../../src/slo/render/evidence.js'

const hostile = 'p90 <img src=x onerror=alert(1)> @org/team #12 [x](https://evil.example) |'

function evidence(objective: Partial<ObjectiveEvidence>): SloEvidence {
  return {
    schemaVersion: 1,
    verdict: 'fail',
    policy: 'slo.yml',
    deployedAt: '2026-05-01T12:00:00.000Z',
    startedAt: '2026-05-01T12:00:00.000Z',
    finishedAt: '2026-05-01T12:05:00.000Z',
    score: 0,
    serviceFailed: false,
    failedObjectives: [hostile],
    inconclusiveObjectives: [],
    objectives: [
      {
        name: hostile,
        provider: 'prom',
        query: 'q`{track="canary"}',
        verdict: 'fail',
        reason: `provider said ${hostile}`,
        weight: 1,
        judge: 'mann-whitney',
        bound: { text: 'canary vs baseline', kind: 'absolute', op: '<=', value: 0.1 },
        baseline: null,
        schedule: { initialDelay: '5m', interval: '5m', count: 1, window: '5m' },
        failureLimit: 1,
        consecutive: false,
        errorLimit: 3,
        noData: 'inconclusive',
        failures: 1,
        errors: 0,
        source: { file: 'slo.yml', line: 3, from: 'policy' },
        measurements: [
          {
            index: 1,
            at: '2026-05-01T12:05:00.000Z',
            window: '5m',
            value: 0.3,
            threshold: 0.1,
            result: 'fail',
            error: hostile,
            canary: {
              u: 120,
              pValue: 0.0001,
              method: 'asymptotic',
              effectSize: 0.3,
              canaryMedian: 0.23,
              baselineMedian: 0.18,
              canarySample: [
                ['2026-05-01T12:00:00.000Z', 0.22],
                ['2026-05-01T12:00:30.000Z', 0.24]
              ],
              baselineSample: [
                ['2026-05-01T12:00:00.000Z', 0.18],
                ['2026-05-01T12:00:30.000Z', 0.17]
              ]
            }
          }
        ],
        ...objective
      }
    ]
  }
}

describe('the SLO job summary escapes outside text', () => {
  it('leaves no HTML, mention, link or table break from names, reasons and provider messages', () => {
    const markdown = renderSloMarkdown(evidence({}))
    expect(markdown).not.toContain('<img')
    // Mentions notify outside code blocks only (the chart is one).
    const outsideCode = markdown.replace(/```mermaid[\s\S]*?```/g, '')
    expect(outsideCode).toContain('@&#8203;org')
    expect(outsideCode).not.toMatch(/(^|[^;])@org/)
    expect(outsideCode).not.toContain('[x](https://evil.example)')
    expect(markdown).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    // The query keeps its text, in a code span longer than its backtick.
    expect(markdown).toContain('``q`{track="canary"}``')
    expect(markdown).toContain('title "p90  img src=x onerror=alert(1)  @org/team #12')
    expect(markdown).toContain('| 120 | 0.0001 | +30% | 0.23 | 0.18 | 2 / 2 | asymptotic |')
    expect(markdown).toContain('  line [0.22, 0.24]\n  line [0.18, 0.17]')
  })
})

describe('evidence written before the canary and burn-rate judges', () => {
  it('renders its objectives as bound objectives', () => {
    const old = evidence({ name: 'latency-p95' })
    const objective = old.objectives[0] as Partial<ObjectiveEvidence>
    delete objective.judge
    for (const m of old.objectives[0]!.measurements) delete m.canary
    const markdown = renderSloMarkdown(old)
    expect(markdown).toContain('### latency\\-p95\n')
    expect(markdown).not.toContain('| U | p-value')
  })
})
