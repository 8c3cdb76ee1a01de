// The SLO gate's own overhead: 20 objectives × 10 measurements (interval 0) against a local
// Prometheus (Debian's package) with backfilled data, compared with the same 200 queries sent
// straight over HTTP. Prints the overhead per measurement (goal ≤ 20 ms) and the peak RSS.
// Library: ../dist/index.js (runSloCheck), or the module named by RG_SLO_LIB.
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL, URLSearchParams } from 'node:url'
import { promisify } from 'node:util'
import { format, measure } from './support/measure.js'

const objectives = Number(process.env.BENCH_SLO_OBJECTIVES ?? 20)
const measurements = Number(process.env.BENCH_SLO_MEASUREMENTS ?? 10)
const rounds = Number(process.env.BENCH_SLO_ROUNDS ?? 5)
const library = process.env.RG_SLO_LIB
  ? pathToFileURL(process.env.RG_SLO_LIB).href
  : new URL('../dist/index.js', import.meta.url).href
const minute = 60_000

function openMetrics(deployedAt, services) {
  const lines = ['# TYPE http_requests counter']
  const steps = []
  for (let offset = -60 * minute; offset <= 20 * minute; offset += 15_000) steps.push(offset)
  const ts = (offset) => ((deployedAt + offset) / 1000).toFixed(3)
  for (let s = 0; s < services; s++) {
    for (const [code, share] of [
      ['200', 0.999],
      ['500', 0.001]
    ]) {
      let total = 0
      for (const offset of steps) {
        total += 50 * share * 15
        lines.push(
          `http_requests_total{service="svc${s}",code="${code}"} ${total.toFixed(3)} ${ts(offset)}`
        )
      }
    }
  }
  lines.push('# TYPE http_request_duration_seconds histogram')
  const shares = { 0.05: 0.3, 0.1: 0.6, 0.2: 0.96, 0.3: 0.99, 0.5: 0.999, 1: 1, '+Inf': 1 }
  for (let s = 0; s < services; s++) {
    let count = 0
    for (const offset of steps) {
      count += 50 * 15
      for (const [le, share] of Object.entries(shares)) {
        lines.push(
          `http_request_duration_seconds_bucket{service="svc${s}",le="${le}"} ${(count * share).toFixed(3)} ${ts(offset)}`
        )
      }
      lines.push(
        `http_request_duration_seconds_count{service="svc${s}"} ${count.toFixed(3)} ${ts(offset)}`
      )
      lines.push(
        `http_request_duration_seconds_sum{service="svc${s}"} ${(count * 0.15).toFixed(3)} ${ts(offset)}`
      )
    }
  }
  lines.push('# EOF')
  return `${lines.join('\n')}\n`
}

function queries(count) {
  const list = []
  for (let i = 0; i < count; i++) {
    const service = `svc${Math.floor(i / 2)}`
    list.push(
      i % 2 === 0
        ? `sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{window}}])) / sum(rate(http_requests_total{service="${service}"}[{{window}}]))`
        : `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="${service}"}[{{window}}])))`
    )
  }
  return list
}

function policy(url, list) {
  const objectivesYaml = list
    .map(
      (query, i) =>
        `  - name: objective-${i}\n    query: '${query}'\n    bound: '${i % 2 === 0 ? '< 0.01' : '< 0.5'}'`
    )
    .join('\n')
  return `version: 1
providers:
  prometheus: { type: prometheus, url: '${url}' }
defaults: { window: 5m, initialDelay: 10m, interval: '0', count: ${measurements} }
objectives:
${objectivesYaml}
`
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function post(url, form) {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(form).toString()
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body)
        }
      },
      (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(text)
            : reject(new Error(`HTTP ${res.statusCode}: ${text}`))
        )
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** The child: times the gate and the bare queries in one process, prints JSON. */
async function child(policyPath, url, deployedAt) {
  const lib = await import(library)
  const quiet = { info: () => undefined, warn: () => undefined }
  const deployed = new Date(deployedAt)
  const gate = () =>
    lib.runSloCheck({
      policyPath,
      deployedAt: deployed,
      now: deployed,
      format: 'json',
      ports: { log: quiet }
    })
  const list = queries(objectives)
  const at = ((deployed.getTime() + 10 * minute) / 1000).toFixed(3)
  const bare = async () => {
    for (let m = 0; m < measurements; m++) {
      await Promise.all(
        list.map((q) =>
          post(`${url}/api/v1/query`, { query: q.replaceAll('{{window}}', '5m'), time: at })
        )
      )
    }
  }
  const first = await gate()
  if (first.verdict !== 'pass')
    throw new Error(
      `the bench policy should pass, got ${first.verdict}: ${first.evidence.objectives.map((o) => o.reason).join('; ')}`
    )
  const taken = first.evidence.objectives.reduce((n, o) => n + o.measurements.length, 0)
  await bare()
  const timings = { gate: [], bare: [] }
  for (let r = 0; r < rounds; r++) {
    let started = performance.now()
    await gate()
    timings.gate.push(performance.now() - started)
    started = performance.now()
    await bare()
    timings.bare.push(performance.now() - started)
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  process.stdout.write(
    JSON.stringify({
      taken,
      gateMs: median(timings.gate),
      bareMs: median(timings.bare),
      maxRssKb: process.resourceUsage().maxRSS
    })
  )
}

export async function run() {
  const prometheus = ['/usr/bin/prometheus', '/usr/local/bin/prometheus'].find(existsSync)
  const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find(existsSync)
  if (!prometheus || !promtool) {
    console.log(
      'skipped: prometheus and promtool are not installed (apt-get install -y prometheus)'
    )
    return
  }
  const lib = await import(library).catch(() => ({}))
  if (typeof lib.runSloCheck !== 'function') {
    console.log(`skipped: ${library} does not export runSloCheck (bundle first, or set RG_SLO_LIB)`)
    return
  }
  const base = await mkdtemp(join(tmpdir(), 'rollback-guard-bench-slo-'))
  let server
  try {
    const deployedAt = Math.floor((Date.now() - 90 * minute) / minute) * minute
    await writeFile(join(base, 'series.om.txt'), openMetrics(deployedAt, Math.ceil(objectives / 2)))
    await promisify(execFile)(promtool, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      join(base, 'series.om.txt'),
      join(base, 'blocks')
    ])
    await cp(join(base, 'blocks'), join(base, 'data'), { recursive: true })
    await writeFile(
      join(base, 'minimal.yml'),
      'global:\n  scrape_interval: 1m\nscrape_configs: []\n'
    )
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    server = spawn(
      prometheus,
      [
        `--config.file=${join(base, 'minimal.yml')}`,
        `--storage.tsdb.path=${join(base, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=error'
      ],
      { stdio: 'ignore' }
    )
    for (let i = 0; ; i++) {
      const ready = await new Promise((resolve) =>
        request(`${url}/-/ready`, (res) => {
          res.resume()
          resolve(res.statusCode === 200)
        })
          .on('error', () => resolve(false))
          .end()
      )
      if (ready) break
      if (i > 300) throw new Error('prometheus did not become ready')
      await new Promise((r) => setTimeout(r, 100))
    }
    const policyPath = join(base, 'slo.yml')
    await writeFile(policyPath, policy(url, queries(objectives)))
    const self = fileURLToPath(import.meta.url)
    const result = await measure(
      process.execPath,
      [self, '--child', policyPath, url, new Date(deployedAt).toISOString()],
      {
        env: process.env.RG_SLO_LIB ? { RG_SLO_LIB: process.env.RG_SLO_LIB } : {}
      }
    )
    if (result.code !== 0) throw new Error(`bench child failed: ${result.stderr}`)
    const figures = JSON.parse(result.stdout)
    const perMeasurement = (figures.gateMs - figures.bareMs) / figures.taken
    console.log(
      `objectives × measurements: ${objectives} × ${measurements} = ${figures.taken} measurements (interval 0), Prometheus ${url}`
    )
    console.log(
      `gate wall time (median of ${rounds}): ${format.ms(figures.gateMs)}; the same ${figures.taken} queries over bare HTTP: ${format.ms(figures.bareMs)}`
    )
    console.log(
      `gate overhead per measurement: ${perMeasurement.toFixed(2)} ms (goal ≤ 20 ms); ratio gate/bare ${format.ratio(figures.gateMs, figures.bareMs)}`
    )
    console.log(
      `peak RSS of the process: ${format.mb(result.peakRssMb ?? figures.maxRssKb / 1024)}`
    )
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r))
      process.kill(server.pid, 'SIGTERM')
      await exited
    }
    await rm(base, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5])
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await run()
}
