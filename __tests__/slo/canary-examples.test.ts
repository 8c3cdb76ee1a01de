import { describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import { runCli } from '../../src/cli/program.js'
import { mannWhitneyU } from '../../src/slo/evaluate/mann-whitney.js'
import type { MeasurementEvidence, SloEvidence } from '../../src/slo/render/evidence.js'

const example = (name: string): string =>
  fileURLToPath(new URL(`../../examples/slo/canary/${name}`, import.meta.url))
const deployedAt = '2026-05-01T12:00:00Z'

async function sloCheck(policy: string, format = 'text') {
  let stdout = ''
  let stderr = ''
  const code = await runCli(
    ['slo', 'check', '--policy', example(policy), '--deployed-at', deployedAt, '--format', format],
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env: {},
      cwd: process.cwd(),
      now: () => new Date('2026-06-01T00:00:00Z')
    }
  )
  return { code, stdout, stderr }
}

const values = (sample: [string, unknown][]): number[] => sample.map(([, v]) => v as number)

describe('the canary examples through the CLI (recorded series, no server)', () => {
  it('fails the canary whose latency distribution is shifted, printing U, p-value and effect size', async () => {
    const run = await sloCheck('regressed.yml')
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^SLO gate: FAIL/)
    expect(run.stdout).toMatch(
      /fail {9}latency-p90: .*\n.*\n.*\n.* fail {2}U=\d+(\.5)? p-value=\S+ effect size=\+\d+(\.\d+)?% \(asymptotic; canary median /
    )

    const json = await sloCheck('regressed.yml', 'json')
    expect(json.code).toBe(1)
    const evidence = JSON.parse(json.stdout) as SloEvidence
    expect(evidence.failedObjectives).toEqual(['latency-p90'])
    const latency = evidence.objectives.find((o) => o.name === 'latency-p90')!
    expect(latency.judge).toBe('mann-whitney')
    const m = latency.measurements[0] as MeasurementEvidence
    const c = m.canary!
    // The printed numbers are the test's on the samples the evidence shows.
    const again = mannWhitneyU(values(c.canarySample), values(c.baselineSample), 'greater')
    expect(c.u).toBe(again.u)
    expect(c.pValue).toBe(again.pValue)
    expect(c.pValue).toBeLessThan(0.02)
    expect(c.effectSize).toBeGreaterThan(0.1)
    expect(run.stdout).toContain(`U=${c.u} `)
    expect(c.canarySample[0]?.[0]).toBe('2026-05-01T12:00:00.000Z')
    expect(c.canarySample.length).toBe(11)
  })

  it('passes the canary drawn from the same distribution as stable, stopping after 3 good measurements', async () => {
    const run = await sloCheck('healthy.yml')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^SLO gate: PASS/)
    expect(run.stdout).toMatch(
      /latency-p90: 3 measurements in a row passed \(consecutiveSuccessLimit 3\)/
    )
    expect(run.stdout).toMatch(/ pass {2}U=\d+(\.5)? p-value=[\d.]+ effect size=[+-][\d.]+%/)
    expect(run.stdout).toContain('error-ratio-two-sided [dry run]')
  })

  it('charts both series in the markdown evidence', async () => {
    const run = await sloCheck('regressed.yml', 'markdown')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('| U | p-value | effect size |')
    const chart =
      /```mermaid\n(xychart-beta\n {2}title "latency-p90: canary vs baseline"[\s\S]*?)```/.exec(
        run.stdout
      )
    expect(chart).not.toBeNull()
    expect(chart![1]!.match(/^ {2}line \[/gm)).toHaveLength(2)
  })
})
