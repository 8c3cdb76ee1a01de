import { describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import {
  deployedAtFromEvent,
  manifestVerdictOf,
  parseDeployedAt,
  renderSlo
} from '../../src/commands/slo-check.js'
import { runSloCheck } from '../../src/wiring/slo-check.js'
import { InputError } from '../../src/core/errors.js'
import { mermaidChart } from '../../src/slo/render/markdown.js'

const demoPolicy = fileURLToPath(new URL('../../examples/slo/demo/slo.yml', import.meta.url))
const releases = { healthy: '2026-05-01T10:00:00Z', failing: '2026-05-01T12:00:00Z' }

async function demo(deployedAt: string) {
  const lines: string[] = []
  const result = await runSloCheck({
    policyPath: demoPolicy,
    deployedAt,
    now: new Date(deployedAt),
    format: 'markdown',
    ports: { log: { info: (m) => lines.push(m), warn: (m) => lines.push(m) } }
  })
  return { result, lines }
}

describe('rollback-guard slo check on the recorded demo', () => {
  it('passes the healthy release with one progress line per measurement', async () => {
    const { result, lines } = await demo(releases.healthy)
    expect(result.verdict).toBe('pass')
    expect(result.exitCode).toBe(0)
    expect(result.failedObjectives).toEqual([])
    expect(lines.filter((l) => /^\[[a-z0-9-]+\] \d+\/5 at /.test(l))).toHaveLength(15)
    expect(result.output).toContain('## ✅ SLO gate: pass')
    expect(result.output).not.toContain('xychart-beta')
  })

  it('fails the release whose errors and latency jump, with evidence a person can read', async () => {
    const { result } = await demo(releases.failing)
    expect(result.verdict).toBe('fail')
    expect(result.exitCode).toBe(1)
    expect(result.failedObjectives).toEqual(['error-rate', 'latency-p95'])
    const evidence = result.evidence
    expect(evidence.schemaVersion).toBe(1)
    expect(evidence.deployedAt).toBe('2026-05-01T12:00:00.000Z')
    const latency = evidence.objectives.find((o) => o.name === 'latency-p95')!
    expect(latency.bound).toEqual({ text: '<= +10%', kind: 'relative', op: '<=', percent: 10 })
    expect(latency.baseline).toMatchObject({
      query: 'latency_p95_seconds',
      to: '2026-05-01T12:00:00.000Z',
      from: '2026-05-01T11:30:00.000Z'
    })
    const baseline = latency.baseline!.value as number
    expect(latency.measurements[0]).toMatchObject({
      at: '2026-05-01T12:02:00.000Z',
      result: 'fail'
    })
    expect(latency.measurements[0]?.threshold).toBeCloseTo(baseline * 1.1, 10)

    const chart = mermaidChart(latency)!
    const values = latency.measurements.map((m) =>
      String(Number((m.value as number).toPrecision(4)))
    )
    expect(chart.split('\n')).toEqual([
      '%%{init: {"themeVariables":{"xyChart":{"plotColorPalette":"#1f5fbf, #d1242f"}}}}%%',
      'xychart-beta',
      '  title "latency-p95"',
      '  x-axis ["12:02:00", "12:03:00"]',
      expect.stringMatching(/^ {2}y-axis "value" [\d.]+ --> [\d.]+$/),
      `  line [${values.join(', ')}]`,
      `  line [${latency.measurements.map(() => String(Number((baseline * 1.1).toPrecision(4)))).join(', ')}]`
    ])
    expect(result.output).toContain(
      `\`\`\`mermaid\n${mermaidChart(evidence.objectives[0]!)}\n\`\`\``
    )

    const tiny = {
      ...evidence.objectives[0]!,
      measurements: evidence.objectives[0]!.measurements.map((m) => ({
        ...m,
        value: (m.value as number) * 1e-6,
        threshold: 1e-8
      }))
    }
    expect(mermaidChart(tiny)).not.toMatch(/\de-\d/)
    expect(mermaidChart(tiny)).toContain('line [0.00000003104, 0.00000002886]')

    const text = renderSlo(evidence, 'text')
    expect(text).toMatch(/^SLO gate: FAIL \(deployed at 2026-05-01T12:00:00.000Z/)
    expect(text).toContain('fail         error-rate: 2 of 2 measurements failed (failureLimit 2)')
    expect(JSON.parse(renderSlo(evidence, 'json'))).toEqual(JSON.parse(JSON.stringify(evidence)))
  })

  it('refuses a deploy time that is not RFC 3339 and a policy that cannot be read', async () => {
    expect(() => parseDeployedAt('yesterday', new Date())).toThrow(
      "--deployed-at 'yesterday' is not an RFC 3339 time"
    )
    expect(() => parseDeployedAt('2026-05-01', new Date())).toThrow(InputError)
    expect(parseDeployedAt('2026-05-01T12:00:00+02:00', new Date()).toISOString()).toBe(
      '2026-05-01T10:00:00.000Z'
    )
    await expect(runSloCheck({ policyPath: '/nonexistent/slo.yml' })).rejects.toThrow(
      /cannot read the SLO policy \/nonexistent\/slo\.yml/
    )
  })
})

describe('a long run in the job summary', () => {
  it('shows the latest 50 measurements per objective and points at the JSON for the rest', async () => {
    const series = fileURLToPath(new URL('../../examples/slo/demo/series.json', import.meta.url))
    const policy = [
      'providers: { recorded: { type: file, path: ' + JSON.stringify(series) + ' } }',
      'objectives:',
      "  - { name: errors, query: error_ratio, bound: '< 0.01', interval: 1m, count: 60 }"
    ].join('\n')
    const result = await runSloCheck({
      policyPath: 'long.yml',
      deployedAt: releases.healthy,
      now: new Date(releases.healthy),
      format: 'markdown',
      ports: { readFile: async () => policy, log: { info: () => undefined, warn: () => undefined } }
    })
    expect(result.evidence.objectives[0]?.measurements).toHaveLength(60)
    expect(result.output).toContain('10 earlier measurements are in the evidence JSON')
    expect(result.output?.split('\n').filter((l) => l.startsWith('| 2026-05-01T'))).toHaveLength(50)
  })
})

describe('where the deploy time and the manifest verdict come from', () => {
  it('reads the deploy time from a deployment_status event, else from the deployment', () => {
    const event = {
      deployment: { created_at: '2026-05-01T11:58:00Z', updated_at: '2026-05-01T11:58:30Z' },
      deployment_status: { state: 'success', created_at: '2026-05-01T12:00:00Z' }
    }
    expect(deployedAtFromEvent(event)).toBe('2026-05-01T12:00:00Z')
    expect(deployedAtFromEvent({ deployment: event.deployment })).toBe('2026-05-01T11:58:30Z')
    expect(deployedAtFromEvent({ pull_request: {} })).toBeNull()
  })

  it('marks good on pass, bad on fail, and leaves an inconclusive release unknown', () => {
    expect(manifestVerdictOf('pass')).toBe('good')
    expect(manifestVerdictOf('fail')).toBe('bad')
    expect(manifestVerdictOf('inconclusive')).toBeNull()
  })
})
