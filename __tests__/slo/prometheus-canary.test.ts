import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runSloCheck } from '../../src/wiring/slo-check.js'
import {
  backfill,
  findPrometheus,
  startPrometheus,
  type PrometheusServer
} from '../support/prometheus.js'

const binaries = findPrometheus()
const describeReal = binaries ? describe : describe.skip
const minute = 60_000
const deployedAt = new Date(Math.floor((Date.now() - 120 * minute) / minute) * minute)

/** A seeded normal sample (mulberry32 and Box-Muller), so the series are the same on every run. */
function normal(seed: number): () => number {
  let state = seed
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
}

/**
 * p90 latency gauges of a canary (from the deploy on) and the stable fleet (from an hour before),
 * per service: `shifted` has a canary 25% slower, `same` one drawn like stable. Request counters of
 * `burning` (5% errors after the deploy) and `calm` (0.1%).
 */
function openMetrics(): string {
  const lines = ['# TYPE request_latency_p90_seconds gauge']
  const at = (offset: number): string => ((deployedAt.getTime() + offset) / 1000).toFixed(3)
  const noise = normal(42)
  for (const [service, shift] of [
    ['shifted', 0.25],
    ['same', 0]
  ] as const) {
    for (let offset = -60 * minute; offset <= 40 * minute; offset += 15_000) {
      const stable = 0.18 + 0.012 * noise()
      lines.push(
        `request_latency_p90_seconds{service="${service}",track="stable"} ${stable.toFixed(4)} ${at(offset)}`
      )
      if (offset < 0) continue
      const canary = 0.18 * (1 + shift) + 0.012 * noise()
      lines.push(
        `request_latency_p90_seconds{service="${service}",track="canary"} ${canary.toFixed(4)} ${at(offset)}`
      )
    }
  }
  lines.push('# TYPE http_requests counter')
  for (const [service, errorRatio] of [
    ['burning', 0.05],
    ['calm', 0.001]
  ] as const) {
    for (const code of ['200', '500']) {
      let total = 0
      for (let offset = -60 * minute; offset <= 40 * minute; offset += 15_000) {
        const errors = offset >= 0 ? errorRatio : 0.001
        total += 100 * 15 * (code === '500' ? errors : 1 - errors)
        lines.push(
          `http_requests_total{service="${service}",code="${code}"} ${total.toFixed(3)} ${at(offset)}`
        )
      }
    }
  }
  lines.push('# EOF')
  return `${lines.join('\n')}\n`
}

const canaryPolicy = (url: string, service: string): string => `
providers: { prom: { type: prometheus, url: '${url}' } }
defaults: { initialDelay: 5m, interval: 5m, count: 3 }
objectives:
  - name: latency-p90
    canary:
      canary: request_latency_p90_seconds{service="${service}",track="canary"}
      baseline: request_latency_p90_seconds{service="${service}",track="stable"}
      step: 30s
`

const burnPolicy = (url: string, service: string): string => `
providers: { prom: { type: prometheus, url: '${url}' } }
defaults: { initialDelay: 10m, interval: 5m, count: 2 }
objectives:
  - name: availability-burn
    burnRate:
      errorRatio: >-
        sum(rate(http_requests_total{service="${service}",code="500"}[{{window}}]))
        / sum(rate(http_requests_total{service="${service}"}[{{window}}]))
      target: 0.999
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  indicator:
    metadata: { name: requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { metricSourceRef: prom, spec: { query: 'sum(http_requests_total{service="${service}",code="200"})' } } }
        total: { metricSource: { metricSourceRef: prom, spec: { query: 'sum(http_requests_total{service="${service}"})' } } }
  objectives: [{ target: 0.9 }]
  alertPolicies:
    - kind: AlertPolicy
      metadata: { name: page }
      spec:
        conditions:
          - kind: AlertCondition
            metadata: { name: fast-burn }
            spec: { condition: { kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h } }
`

describeReal('canary and burn-rate objectives against a real Prometheus', () => {
  let server: PrometheusServer
  let folder: string
  let blocks: string

  beforeAll(async () => {
    blocks = await backfill(binaries!, openMetrics())
    server = await startPrometheus(binaries!, blocks)
    folder = await mkdtemp(join(tmpdir(), 'rg-slo-canary-'))
  })

  afterAll(async () => {
    await server?.dispose()
    if (blocks) await rm(join(blocks, '..'), { recursive: true, force: true })
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  async function check(name: string, text: string) {
    const path = join(folder, name)
    await writeFile(path, text)
    return runSloCheck({
      policyPath: path,
      deployedAt,
      now: deployedAt,
      ports: { log: { info: () => undefined, warn: () => undefined } }
    })
  }

  it('fails a canary whose latency is shifted against the stable track, with U, p-value and effect size', async () => {
    const result = await check('shifted.yml', canaryPolicy(server.url, 'shifted'))
    expect(result.verdict).toBe('fail')
    expect(result.exitCode).toBe(1)
    const m = result.objectives[0]!.measurements[0]!
    expect(m.result).toBe('fail')
    // 5 minutes at a 30 s step: 11 points on each side, read back from the server.
    expect(m.canary!.canary).toHaveLength(11)
    expect(m.canary!.baseline).toHaveLength(11)
    expect(m.canary!.pValue).toBeLessThan(0.001)
    expect(m.canary!.effectSize).toBeGreaterThan(0.15)
    expect(m.canary!.u).toBeGreaterThan(100)
  })

  it('passes a canary drawn like the stable track', async () => {
    const result = await check('same.yml', canaryPolicy(server.url, 'same'))
    expect(result.objectives[0]!.measurements.map((m) => m.result)).toEqual([
      'pass',
      'pass',
      'pass'
    ])
    expect(result.verdict).toBe('pass')
    const last = result.objectives[0]!.measurements[2]!.canary!
    expect(last.canary).toHaveLength(31)
    expect(Math.abs(last.effectSize)).toBeLessThan(0.1)
  })

  it('fails a budget burning at 50x over both windows, native and OpenSLO alike', async () => {
    const result = await check('burning.yml', burnPolicy(server.url, 'burning'))
    expect(result.verdict).toBe('fail')
    const native = result.objectives.find((o) => o.objective.name === 'availability-burn')!
    const burn = native.measurements[0]!.burn!
    expect(burn.long.windowMs).toBe(10 * minute)
    expect(burn.short.windowMs).toBe(5 * minute)
    expect(burn.long.errorRatio).toBeCloseTo(0.05, 3)
    expect(burn.long.burnRate).toBeCloseTo(50, 0)
    expect(burn.short.burnRate).toBeCloseTo(50, 0)
    expect(native.measurements[0]!.result).toBe('fail')
    const openslo = result.objectives.find((o) => o.objective.name === 'availability/fast-burn')!
    // target 0.9: a budget of 10%, 5% errors burn it at 0.5x; the measurement passes.
    expect(openslo.measurements[0]!.burn!.long.errorRatio).toBeCloseTo(0.05, 3)
    expect(openslo.measurements[0]!.burn!.long.burnRate).toBeCloseTo(0.5, 2)
    expect(openslo.measurements[0]!.result).toBe('pass')
  })

  it('passes a calm budget', async () => {
    const result = await check('calm.yml', burnPolicy(server.url, 'calm'))
    expect(result.verdict).toBe('pass')
    const native = result.objectives.find((o) => o.objective.name === 'availability-burn')!
    expect(native.measurements[0]!.burn!.long.burnRate).toBeCloseTo(1, 1)
  })
})
