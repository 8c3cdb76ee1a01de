import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSloCheck } from '../../src/wiring/slo-check.js'
import {
  findPrometheus,
  healthy,
  prometheusWith,
  timelineAroundDeploy,
  type PrometheusServer
} from '../support/prometheus.js'

const binaries = findPrometheus()
const describeReal = binaries ? describe : describe.skip
const minute = 60_000
const fixtures = fileURLToPath(new URL('../fixtures/slo/', import.meta.url))
const timeline = timelineAroundDeploy([
  { service: 'healthy', phases: [{ fromMs: -Infinity, behaviour: healthy }] }
])

describeReal('the SLO gate when Prometheus goes away mid-run', () => {
  let server: PrometheusServer
  let cleanup: () => Promise<void>
  let folder: string

  beforeAll(async () => {
    const started = await prometheusWith(binaries!, timeline)
    server = started.server
    cleanup = started.cleanup
    folder = await mkdtemp(join(tmpdir(), 'rg-slo-outage-'))
  })

  afterAll(async () => {
    await cleanup?.()
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  it('retries with backoff, then calls the objectives inconclusive and flags the service failure (exit 3)', async () => {
    const template = await readFile(join(fixtures, 'prometheus-gate.yml'), 'utf8')
    const policyPath = join(folder, 'slo.yml')
    await writeFile(
      policyPath,
      template.replaceAll('{{URL}}', server.url).replaceAll('{{SERVICE}}', 'healthy')
    )

    // A virtual clock: the schedule's waits and the retries' backoffs move it, nothing really sleeps.
    let now = timeline.deployedAt.getTime()
    const waits: number[] = []
    const stopAfter = timeline.deployedAt.getTime() + 3 * minute
    let stopped = false
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms)
      now += ms
      if (!stopped && now > stopAfter) {
        stopped = true
        await server.stop()
      }
    }
    const lines: string[] = []
    const result = await runSloCheck({
      policyPath,
      deployedAt: timeline.deployedAt,
      ports: {
        clock: { now: () => new Date(now) },
        sleep,
        log: { info: (m) => lines.push(m), warn: (m) => lines.push(m) }
      }
    })

    expect(stopped).toBe(true)
    expect(result.verdict).toBe('inconclusive')
    expect(result.exitCode).toBe(3)
    expect(result.result.serviceFailed).toBe(true)
    const errors = result.objectives.find((o) => o.objective.name === 'error-rate')!
    // Measured at +2m and +3m while the server was up; from +4m on it is gone.
    expect(errors.measurements.slice(0, 2).map((m) => m.result)).toEqual(['pass', 'pass'])
    const failed = errors.measurements.slice(2)
    expect(failed.length).toBe(3) // errorLimit 3 stops measuring
    for (const m of failed) {
      expect(m.result).toBe('inconclusive')
      expect(m.reason).toBe('provider-error')
      expect(m.error).toMatch(/connection refused \(after 3 attempts\)/)
    }
    expect(errors.reason).toMatch(/the provider failed 3 times \(errorLimit 3\)/)
    // Two retries per request, backing off 1 s then 2 s.
    expect(waits.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(6)
    expect(waits.filter((ms) => ms === 2000).length).toBeGreaterThanOrEqual(6)
    expect(
      lines.some((l) =>
        /^\[error-rate\] 3\/6 .* -> inconclusive: Prometheus at .*connection refused/.test(l)
      )
    ).toBe(true)
  })
})
