import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSloCheck } from '../../src/wiring/slo-check.js'
import { InputError } from '../../src/core/errors.js'
import {
  findPrometheus,
  healthy,
  prometheusWith,
  slowLatency,
  timelineAroundDeploy,
  type PrometheusServer,
  type Timeline
} from '../support/prometheus.js'

const binaries = findPrometheus()
const describeReal = binaries ? describe : describe.skip
const minute = 60_000
const fixtures = fileURLToPath(new URL('../fixtures/slo/', import.meta.url))

const timeline: Timeline = timelineAroundDeploy([
  { service: 'healthy', phases: [{ fromMs: -Infinity, behaviour: healthy }] },
  // The service the examples in examples/slo/ watch.
  { service: 'checkout', phases: [{ fromMs: -Infinity, behaviour: healthy }] },
  {
    service: 'errors',
    phases: [
      { fromMs: -Infinity, behaviour: healthy },
      { fromMs: 0, behaviour: { ...healthy, errorRatio: 0.05 } }
    ]
  },
  {
    service: 'slow',
    phases: [
      { fromMs: -Infinity, behaviour: healthy },
      { fromMs: 0, behaviour: { ...healthy, latency: slowLatency } }
    ]
  },
  {
    // Half a minute of 20% errors, seen by exactly one one-minute measurement (the one at +4m).
    service: 'blip',
    phases: [
      { fromMs: -Infinity, behaviour: healthy },
      { fromMs: 3.5 * minute, behaviour: { ...healthy, errorRatio: 0.2 } },
      { fromMs: 4 * minute, behaviour: healthy }
    ]
  }
])

describeReal('the SLO gate against a real Prometheus', () => {
  let server: PrometheusServer
  let cleanup: () => Promise<void>
  let folder: string

  beforeAll(async () => {
    const started = await prometheusWith(binaries!, timeline)
    server = started.server
    cleanup = started.cleanup
    folder = await mkdtemp(join(tmpdir(), 'rg-slo-policy-'))
  })

  afterAll(async () => {
    await cleanup?.()
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  async function policyFor(fixture: string, service: string): Promise<string> {
    const template = await readFile(join(fixtures, fixture), 'utf8')
    const path = join(folder, `${service}-${fixture}`)
    await writeFile(
      path,
      template.replaceAll('{{URL}}', server.url).replaceAll('{{SERVICE}}', service)
    )
    return path
  }

  async function check(fixture: string, service: string) {
    const lines: string[] = []
    const result = await runSloCheck({
      policyPath: await policyFor(fixture, service),
      deployedAt: timeline.deployedAt.toISOString(),
      now: timeline.deployedAt,
      format: 'json',
      ports: { log: { info: (m) => lines.push(m), warn: (m) => lines.push(m) } }
    })
    return {
      result,
      lines,
      objective: (name: string) => result.objectives.find((o) => o.objective.name === name)!
    }
  }

  it('passes a healthy deploy, with every measurement in the evidence and one progress line each', async () => {
    const { result, lines, objective } = await check('prometheus-gate.yml', 'healthy')
    expect(result.verdict).toBe('pass')
    expect(result.exitCode).toBe(0)
    const errors = objective('error-rate')
    expect(errors.measurements).toHaveLength(6)
    for (const m of errors.measurements) expect(m.value).toBeCloseTo(0.001, 4)
    expect(errors.measurements[0]?.at.toISOString()).toBe(
      new Date(timeline.deployedAt.getTime() + 2 * minute).toISOString()
    )
    const latency = objective('latency-p95')
    expect(latency.baseline?.value).toBeCloseTo(0.197, 2)
    expect(latency.measurements.every((m) => m.result === 'pass')).toBe(true)
    expect(lines.filter((l) => /^\[(error-rate|latency-p95)\] \d\/6 at /.test(l))).toHaveLength(12)
    const evidence = JSON.parse(result.output!)
    expect(evidence.objectives[0].query).toContain('service="healthy"')
    expect(evidence.objectives[0].measurements[0]).toMatchObject({ window: '1m', result: 'pass' })
  })

  it('fails a deploy whose error rate jumps, as soon as failureLimit failures are in', async () => {
    const { result, objective } = await check('prometheus-gate.yml', 'errors')
    expect(result.verdict).toBe('fail')
    expect(result.exitCode).toBe(1)
    expect(result.failedObjectives).toEqual(['error-rate'])
    const errors = objective('error-rate')
    expect(errors.measurements.map((m) => m.result)).toEqual(['fail', 'fail'])
    expect(errors.measurements[0]?.value).toBeCloseTo(0.05, 3)
    expect(result.evidence.objectives[0]?.reason).toMatch(/2 of 2 measurements failed/)
  })

  it('fails a p95 latency regression against the pre-deploy baseline (<= +10%)', async () => {
    const { result, objective } = await check('prometheus-gate.yml', 'slow')
    expect(result.verdict).toBe('fail')
    expect(result.failedObjectives).toEqual(['latency-p95'])
    const latency = objective('latency-p95')
    expect(latency.baseline?.value).toBeCloseTo(0.197, 2)
    expect(latency.measurements[0]?.threshold).toBeCloseTo(0.197 * 1.1, 2)
    expect(latency.measurements[0]?.value).toBeCloseTo(0.283, 2)
    const markdown = (await import('../../src/slo/render/markdown.js')).renderSloMarkdown(
      result.evidence
    )
    expect(markdown).toContain('xychart-beta\n  title "latency-p95"')
  })

  it('passes a single blip that stays under failureLimit', async () => {
    const { result, objective } = await check('prometheus-gate.yml', 'blip')
    const errors = objective('error-rate')
    expect(errors.measurements.map((m) => m.result)).toEqual([
      'pass',
      'pass',
      'fail',
      'pass',
      'pass',
      'pass'
    ])
    expect(errors.measurements[2]?.value).toBeGreaterThan(0.05)
    expect(errors.verdict).toBe('pass')
    expect(result.verdict).toBe('pass')
  })

  it('is inconclusive, never a pass, when the series do not exist', async () => {
    const { result, objective } = await check('prometheus-gate.yml', 'ghost')
    expect(result.verdict).toBe('inconclusive')
    expect(result.exitCode).toBe(3)
    expect(result.result.serviceFailed).toBe(false)
    expect(
      objective('error-rate').measurements.every(
        (m) => m.reason === 'nan' || m.reason === 'no-data'
      )
    ).toBe(true)
    const latency = objective('latency-p95')
    expect(latency.baseline?.value).toBeNull()
    expect(latency.measurements.every((m) => m.reason === 'no-data')).toBe(true)
  })

  it("stops on a malformed query with an input error carrying the server's message", async () => {
    const policy = await policyFor('malformed-query.yml', 'healthy')
    const attempt = runSloCheck({
      policyPath: policy,
      deployedAt: timeline.deployedAt,
      now: new Date(timeline.deployedAt.getTime() - minute),
      ports: { log: { info: () => undefined, warn: () => undefined } }
    })
    await expect(attempt).rejects.toBeInstanceOf(InputError)
    await expect(attempt).rejects.toThrow(
      /malformed-query\.yml:7: objective 'error-rate': Prometheus at .* rejected the query: .*parse error/
    )
  })

  it('runs pure OpenSLO documents: ratioMetric over the window since the deploy and a thresholdMetric in time slices', async () => {
    const good = await check('openslo-gate.yaml', 'healthy')
    expect(good.result.verdict).toBe('pass')
    expect(good.objective('availability').measurements[0]?.value).toBeCloseTo(0.999, 4)
    expect(good.objective('latency').measurements[0]?.value).toBe(1)

    const errors = await check('openslo-gate.yaml', 'errors')
    expect(errors.objective('availability').verdict).toBe('fail')
    expect(errors.objective('availability').measurements[0]?.value).toBeCloseTo(0.95, 3)

    const slow = await check('openslo-gate.yaml', 'slow')
    expect(slow.objective('latency').verdict).toBe('fail')
    // The gate stops at the first failure (failFast): what was measured of the rest still passed.
    expect(slow.objective('availability').measurements.map((m) => m.result)).toEqual([
      'pass',
      'pass'
    ])
    expect(slow.objective('availability').reason).toMatch(/the gate stopped when latency failed/)
  })

  it('runs the shipped examples as they are, against the real server', async () => {
    for (const example of ['slo.yml', 'openslo.yaml']) {
      const text = await readFile(
        fileURLToPath(new URL(`../../examples/slo/${example}`, import.meta.url)),
        'utf8'
      )
      const path = join(folder, `example-${example}`)
      await writeFile(path, text.replaceAll('http://127.0.0.1:9090', server.url))
      const result = await runSloCheck({
        policyPath: path,
        deployedAt: timeline.deployedAt,
        now: timeline.deployedAt,
        ports: { log: { info: () => undefined, warn: () => undefined } }
      })
      expect([example, result.verdict]).toEqual([example, 'pass'])
      for (const objective of result.objectives) {
        expect(objective.measurements.length).toBe(objective.objective.count)
        expect(objective.measurements.every((m) => m.result === 'pass')).toBe(true)
      }
    }
  })
})
