// Dependency impact of a go.mod upgrade (contract diff --kind gomod --dependency-impact direct) on
// a consumer with N, 2N and 4N upgraded dependencies, served by a file GOPROXY (offline): wall
// time, time per dependency and peak RSS, cold (empty module cache and dump cache) and warm, beside a
// floor: `go mod download` of both versions of every upgraded dependency in one go process.
// Library: ../dist/index.js (createRealGoModEngine), or the module named by RG_GO_LIB.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { format, measure } from './support/measure.js'

const library = process.env.RG_GO_LIB
  ? pathToFileURL(process.env.RG_GO_LIB).href
  : new URL('../dist/index.js', import.meta.url).href
const goCommand =
  process.env.RG_BENCH_GO ||
  (existsSync('/usr/lib/go-1.24/bin/go') ? '/usr/lib/go-1.24/bin/go' : 'go')
const unit = Number(process.env.RG_BENCH_DEPS || 8)

const child = `
const { createRealGoModEngine } = await import(process.argv[2])
const engine = createRealGoModEngine({ cacheDir: process.argv[4], go: process.argv[5] })
const started = performance.now()
const changes = await engine.diff('old/go.mod', 'new/go.mod', {
  baseRoot: process.argv[3], headRoot: process.argv[3], now: new Date(),
  settings: { dependencyImpact: 'direct' }
})
const levels = {}
for (const c of changes) levels[c.id] = (levels[c.id] ?? 0) + 1
console.log(JSON.stringify({ ms: performance.now() - started, levels }))
`

/** A dependency with a few dozen exported objects; v1.1.0 removes one and changes another. */
function library_(i, version) {
  const name = `dep${i}`
  const lines = [`package ${name}`, '']
  for (let f = 0; f < 20; f++) {
    if (version === 'v1.1.0' && f === 0) continue // Open is gone
    const fn = f === 0 ? 'Open' : `F${f}`
    const params = version === 'v1.1.0' && f === 1 ? 'a string, b int' : 'a string'
    lines.push(`func ${fn}(${params}) (*Client, error) { return &Client{}, nil }`)
  }
  lines.push('', 'type Client struct {', '\tName string', '\tSize int', '}', '')
  for (let m = 0; m < 10; m++) {
    const params = version === 'v1.1.0' && m === 0 ? 'q string, n int' : 'q string'
    lines.push(`func (c *Client) M${m}(${params}) error { return nil }`)
  }
  lines.push('', 'type Option func(*Client)', '', `const Version = "${version}"`, '')
  return { name, source: lines.join('\n') }
}

async function publish(proxy, staging, modulePath, version, files) {
  const vdir = join(proxy, modulePath, '@v')
  await mkdir(vdir, { recursive: true })
  const goMod = `module ${modulePath}\n\ngo 1.21\n`
  await writeFile(join(vdir, `${version}.mod`), goMod)
  await writeFile(join(vdir, `${version}.info`), JSON.stringify({ Version: version }))
  await appendFile(join(vdir, 'list'), `${version}\n`)
  const top = `${modulePath}@${version}`
  await mkdir(join(staging, top), { recursive: true })
  await writeFile(join(staging, top, 'go.mod'), goMod)
  for (const [name, text] of Object.entries(files)) await writeFile(join(staging, top, name), text)
  execFileSync('zip', ['-q', '-r', '-X', join(vdir, `${version}.zip`), top], { cwd: staging })
}

async function consumer(dir, count) {
  const require_ = (v) =>
    Array.from({ length: count }, (_, i) => `\texample.com/dep${i} ${v}`).join('\n')
  await mkdir(join(dir, 'old'), { recursive: true })
  await mkdir(join(dir, 'new'), { recursive: true })
  await writeFile(
    join(dir, 'old', 'go.mod'),
    `module example.com/app\n\ngo 1.22\n\nrequire (\n${require_('v1.0.0')}\n)\n`
  )
  await writeFile(
    join(dir, 'new', 'go.mod'),
    `module example.com/app\n\ngo 1.22\n\nrequire (\n${require_('v1.1.0')}\n)\n`
  )
  const imports = Array.from({ length: count }, (_, i) => `\t"example.com/dep${i}"`).join('\n')
  // Every other dependency's removed Open is called; all of them get a changed method call.
  const calls = Array.from({ length: count }, (_, i) =>
    [
      `\tc${i}, _ := dep${i}.${i % 2 === 0 ? 'Open' : 'F2'}("x")`,
      `\t_ = c${i}.M0("q")`,
      `\t_ = c${i}.M3("q")`,
      `\t_ = c${i}.Name`
    ].join('\n')
  ).join('\n')
  await writeFile(
    join(dir, 'old', 'main.go'),
    `package main\n\nimport (\n${imports}\n)\n\nfunc main() {\n${calls}\n}\n`
  )
}

/** The floor: both versions of the n dependencies fetched by one `go mod download`, nothing read. */
function downloadFloor(n, env, cwd) {
  const modules = []
  for (let i = 0; i < n; i++)
    for (const version of ['v1.0.0', 'v1.1.0']) modules.push(`example.com/dep${i}@${version}`)
  const started = performance.now()
  execFileSync(goCommand, ['mod', 'download', ...modules], {
    cwd,
    env: { ...process.env, ...env, GO111MODULE: 'on' },
    stdio: 'ignore'
  })
  return performance.now() - started
}

export async function run() {
  if (!existsSync(goCommand)) {
    console.log('dependency-impact: no Go toolchain; skipped')
    return
  }
  const work = await mkdtemp(join(tmpdir(), 'rollback-guard-bench-deps-'))
  try {
    const proxy = join(work, 'proxy')
    const staging = join(work, 'staging')
    const sizes = [unit, unit * 2, unit * 4]
    for (let i = 0; i < sizes.at(-1); i++) {
      for (const version of ['v1.0.0', 'v1.1.0']) {
        const { name, source } = library_(i, version)
        await publish(proxy, staging, `example.com/dep${i}`, version, { [`${name}.go`]: source })
      }
    }
    const cache = join(work, 'cache')
    const script = join(work, 'child.mjs')
    await writeFile(script, child)
    const envFor = (modcache) => ({
      GOPROXY: `file://${proxy}`,
      GOSUMDB: 'off',
      GOFLAGS: '-modcacherw',
      GOMODCACHE: modcache
    })
    // Builds the dumper (and reads the standard library) once, outside the figures.
    await consumer(join(work, 'warmup'), 1)
    await measure(process.execPath, [script, library, join(work, 'warmup'), cache, goCommand], {
      env: envFor(join(work, 'modcache-warmup'))
    })
    console.log('deps  run   wall      per dependency  peak RSS  findings                vs floor')
    const perDep = []
    for (const n of sizes) {
      const dir = join(work, `n${n}`)
      await consumer(dir, n)
      const modcache = join(work, `modcache-${n}`)
      const floorMs = downloadFloor(n, envFor(join(work, `modcache-floor-${n}`)), work)
      for (const run of ['cold', 'warm']) {
        if (run === 'cold')
          await rm(join(cache, 'dependency-apis'), { recursive: true, force: true })
        const r = await measure(process.execPath, [script, library, dir, cache, goCommand], {
          env: envFor(modcache)
        })
        if (r.code !== 0) throw new Error(`n=${n} failed: ${r.stderr}`)
        const result = JSON.parse(r.stdout.trim().split('\n').pop())
        const breaks = result.levels['dependency-api-break'] ?? 0
        // Open removed (called for every other dependency) and M0 changed (called for all).
        const expected = n + Math.ceil(n / 2)
        if (breaks !== expected)
          throw new Error(`n=${n}: ${breaks} breaking call sites, expected ${expected}`)
        if (run === 'cold') perDep.push(result.ms / n)
        console.log(
          `${String(n).padEnd(5)} ${run.padEnd(5)} ${format.ms(result.ms).padEnd(9)} ${format.ms(result.ms / n).padEnd(15)} ${format.mb(r.peakRssMb).padEnd(9)} ${`${breaks} dependency-api-break`.padEnd(24)}${format.ratio(result.ms, floorMs)} of ${format.ms(floorMs)}`
        )
      }
    }
    console.log(
      `time per dependency (cold), 2N / N: ${format.ratio(perDep[1], perDep[0])}, 4N / N: ${format.ratio(perDep[2], perDep[0])}`
    )
  } finally {
    if (!process.env.RG_BENCH_KEEP) await rm(work, { recursive: true, force: true })
  }
}
