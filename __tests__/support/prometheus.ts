/**
 * A real Prometheus for tests: generates OpenMetrics for a timeline around a deploy, backfills it
 * with `promtool tsdb create-blocks-from openmetrics`, starts `prometheus` on 127.0.0.1 on a free
 * port with a copy of the blocks, and stops it by pid. Binaries come from Debian's `prometheus`
 * package (/usr/bin/prometheus, /usr/bin/promtool).
 *
 * With CI=true a missing binary fails the suite; elsewhere the suite is skipped with a loud message.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PrometheusBinaries {
  prometheus: string
  promtool: string
}

function which(name: string, path: string, fallbackDirs: string[]): string | null {
  for (const folder of [...path.split(delimiter), ...fallbackDirs]) {
    if (folder && existsSync(join(folder, name))) return join(folder, name)
  }
  return null
}

/**
 * The binaries, or null when they are missing outside CI (after a loud warning). Under CI=true a
 * missing binary throws, so the suite fails instead of silently skipping the real-service tests.
 */
export function findPrometheus(
  env: Record<string, string | undefined> = process.env,
  fallbackDirs = ['/usr/bin', '/usr/local/bin']
): PrometheusBinaries | null {
  const prometheus = which('prometheus', env.PATH ?? '', fallbackDirs)
  const promtool = which('promtool', env.PATH ?? '', fallbackDirs)
  if (prometheus && promtool) return { prometheus, promtool }
  const message =
    'prometheus and promtool are not installed: the real-Prometheus tests need the Debian package (apt-get install -y prometheus)'
  if (env.CI === 'true') throw new Error(`${message}; CI=true, so this fails the suite`)
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! SKIPPING: ${message}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`
  )
  return null
}

/** How one service behaves in a phase: request rate, error share, latency distribution. */
export interface Behaviour {
  requestsPerSecond: number
  errorRatio: number
  /** Cumulative share of requests at or under each bucket bound (the last must be 1). */
  latency: Record<string, number>
}

export const latencyBuckets = ['0.05', '0.1', '0.2', '0.3', '0.5', '1', '+Inf'] as const

/** p95 ≈ 0.197 s by histogram_quantile's interpolation. */
export const fastLatency: Record<string, number> = {
  '0.05': 0.3,
  '0.1': 0.6,
  '0.2': 0.96,
  '0.3': 0.99,
  '0.5': 0.999,
  '1': 1,
  '+Inf': 1
}

/** p95 ≈ 0.283 s: a regression of about 44% against fastLatency. */
export const slowLatency: Record<string, number> = {
  '0.05': 0.2,
  '0.1': 0.45,
  '0.2': 0.85,
  '0.3': 0.97,
  '0.5': 0.995,
  '1': 1,
  '+Inf': 1
}

export const healthy: Behaviour = { requestsPerSecond: 50, errorRatio: 0.001, latency: fastLatency }

export interface ServiceTimeline {
  service: string
  /** Behaviour at an offset from the deploy (ms); later phases start at their `fromMs`. */
  phases: { fromMs: number; behaviour: Behaviour }[]
}

export interface Timeline {
  deployedAt: Date
  startMs: number
  endMs: number
  stepMs: number
  services: ServiceTimeline[]
}

const minute = 60_000

/**
 * A deploy two hours ago (on a whole minute), data from an hour before it to 40 minutes after: all
 * in the past for the server, well inside its retention.
 */
export function timelineAroundDeploy(services: ServiceTimeline[], now = new Date()): Timeline {
  const deployedAt = new Date(Math.floor((now.getTime() - 120 * minute) / minute) * minute)
  return { deployedAt, startMs: -60 * minute, endMs: 40 * minute, stepMs: 15_000, services }
}

function behaviourAt(service: ServiceTimeline, offsetMs: number): Behaviour {
  let current = service.phases[0]?.behaviour ?? healthy
  for (const phase of service.phases) if (offsetMs >= phase.fromMs) current = phase.behaviour
  return current
}

/** OpenMetrics text: http_requests_total by code and the http_request_duration_seconds histogram. */
export function openMetricsOf(timeline: Timeline): string {
  const lines: string[] = [
    '# TYPE http_requests counter',
    '# HELP http_requests Requests by status code.'
  ]
  const deploy = timeline.deployedAt.getTime()
  const steps: number[] = []
  for (let offset = timeline.startMs; offset <= timeline.endMs; offset += timeline.stepMs)
    steps.push(offset)
  const seconds = (offset: number): string => ((deploy + offset) / 1000).toFixed(3)
  const stepSeconds = timeline.stepMs / 1000
  for (const service of timeline.services) {
    for (const code of ['200', '500']) {
      let total = 0
      for (const offset of steps) {
        const b = behaviourAt(service, offset)
        const share = code === '500' ? b.errorRatio : 1 - b.errorRatio
        total += b.requestsPerSecond * share * stepSeconds
        lines.push(
          `http_requests_total{service="${service.service}",code="${code}"} ${total.toFixed(3)} ${seconds(offset)}`
        )
      }
    }
  }
  lines.push(
    '# TYPE http_request_duration_seconds histogram',
    '# HELP http_request_duration_seconds Request latency.'
  )
  for (const service of timeline.services) {
    const buckets = new Map<string, number>(latencyBuckets.map((le) => [le, 0]))
    let count = 0
    let sum = 0
    for (const offset of steps) {
      const b = behaviourAt(service, offset)
      const requests = b.requestsPerSecond * stepSeconds
      for (const le of latencyBuckets)
        buckets.set(le, (buckets.get(le) ?? 0) + requests * (b.latency[le] ?? 1))
      count += requests
      sum += requests * 0.15
      const labels = `service="${service.service}"`
      for (const le of latencyBuckets) {
        lines.push(
          `http_request_duration_seconds_bucket{${labels},le="${le}"} ${(buckets.get(le) ?? 0).toFixed(3)} ${seconds(offset)}`
        )
      }
      lines.push(
        `http_request_duration_seconds_count{${labels}} ${count.toFixed(3)} ${seconds(offset)}`
      )
      lines.push(
        `http_request_duration_seconds_sum{${labels}} ${sum.toFixed(3)} ${seconds(offset)}`
      )
    }
  }
  lines.push('# EOF')
  return `${lines.join('\n')}\n`
}

/** Writes the OpenMetrics file and turns it into TSDB blocks; returns the folder holding the blocks. */
export async function backfill(binaries: PrometheusBinaries, openMetrics: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'rg-prom-blocks-'))
  const input = join(folder, 'series.om.txt')
  const blocks = join(folder, 'blocks')
  await writeFile(input, openMetrics)
  await run(
    binaries.promtool,
    ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, blocks],
    {
      maxBuffer: 16 * 1024 * 1024
    }
  )
  return blocks
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port'))
      )
    })
  })
}

export interface PrometheusServer {
  url: string
  port: number
  pid: number
  dataDir: string
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>
  /** Stops the server and removes its data folder. */
  dispose(): Promise<void>
}

/** Starts Prometheus on 127.0.0.1 with a copy of the blocks; resolves when /-/ready answers 200. */
export async function startPrometheus(
  binaries: PrometheusBinaries,
  blocks: string
): Promise<PrometheusServer> {
  const home = await mkdtemp(join(tmpdir(), 'rg-prom-'))
  const dataDir = join(home, 'data')
  await cp(blocks, dataDir, { recursive: true })
  const config = join(home, 'minimal.yml')
  await writeFile(
    config,
    'global:\n  scrape_interval: 1m\n  evaluation_interval: 1m\nscrape_configs: []\n'
  )
  // Another process may take the free port before Prometheus binds it: try a new port then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    try {
      const launched = await launch(binaries, config, dataDir, port)
      return {
        ...launched,
        dataDir,
        dispose: async () => {
          await launched.stop()
          await rm(home, { recursive: true, force: true })
        }
      }
    } catch (error) {
      if (attempt < 3 && /address already in use/.test(String(error))) continue
      await rm(home, { recursive: true, force: true })
      throw error
    }
  }
}

async function launch(
  binaries: PrometheusBinaries,
  config: string,
  dataDir: string,
  port: number
): Promise<{ url: string; port: number; pid: number; stop(): Promise<void> }> {
  const child = spawn(
    binaries.prometheus,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=30d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn'
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    process.kill(child.pid as number, 'SIGTERM')
    const timer = setTimeout(
      () => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
      5000
    )
    await exited
    clearTimeout(timer)
  }
  try {
    await waitReady(url, child, () => stderr)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, port, pid: child.pid as number, stop }
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited with ${child.exitCode}: ${stderr()}`)
    try {
      const response = await fetch(`${url}/-/ready`)
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`prometheus at ${url} was not ready within 30 s: ${stderr()}`)
}

/** Prepares blocks once for a test file and starts one server on them. */
export async function prometheusWith(
  binaries: PrometheusBinaries,
  timeline: Timeline
): Promise<{ server: PrometheusServer; blocks: string; cleanup(): Promise<void> }> {
  const blocks = await backfill(binaries, openMetricsOf(timeline))
  const server = await startPrometheus(binaries, blocks)
  return {
    server,
    blocks,
    cleanup: async () => {
      await server.dispose()
      await rm(join(blocks, '..'), { recursive: true, force: true })
    }
  }
}
