// Dumps and diffs the exported API of a 100-package Go module (copies of Go's own library
// packages, with API changes in a fifth of them) and prints wall time and peak RSS, next to
// Debian's golang.org/x/exp/apidiff run on the same package pairs in one process.
// Library: ../dist/index.js (createRealGoEngine), or the module named by RG_GO_LIB.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { format, measure } from './support/measure.js'

const library = process.env.RG_GO_LIB
  ? pathToFileURL(process.env.RG_GO_LIB).href
  : new URL('../dist/index.js', import.meta.url).href
const driverSource = fileURLToPath(
  new URL('../__tests__/fixtures/go/apidiff-driver/main.go', import.meta.url)
)
// The newest apidiff Debian ships (bookworm-backports, unpacked by scripts/install-test-deps.sh).
const gocode = existsSync('/opt/rollback-guard/x-exp-apidiff/src/golang.org/x/exp/apidiff')
  ? '/opt/rollback-guard/x-exp-apidiff'
  : '/usr/share/gocode'
// Go 1.24 when installed (RG_BENCH_GO overrides), else the go on PATH.
const goCommand =
  process.env.RG_BENCH_GO ||
  (existsSync('/usr/lib/go-1.24/bin/go') ? '/usr/lib/go-1.24/bin/go' : 'go')
const trees = [
  'crypto',
  'encoding',
  'go',
  'net',
  'image',
  'text',
  'container',
  'hash',
  'compress',
  'archive',
  'math',
  'html',
  'regexp',
  'unicode',
  'io',
  'path',
  'sync',
  'debug'
]
const wanted = 100

// runs in the child: build (or reuse) the dumper, then time dump + diff of base and head
const child = `
const { createRealGoEngine } = await import(process.argv[1])
const engine = createRealGoEngine({ cacheDir: process.argv[4], go: process.argv[5] })
const started = performance.now()
const changes = await engine.diff(process.argv[2], process.argv[3], { baseRoot: '/', headRoot: '/', now: new Date() })
const done = performance.now()
const levels = { breaking: 0, warning: 0, info: 0 }
for (const change of changes) levels[change.level]++
console.log(JSON.stringify({ ms: done - started, total: changes.length, levels }))
`

function go(args, env = {}) {
  return execFileSync(goCommand, args, {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', ...env }
  }).trim()
}

async function packageDirs(root) {
  const out = []
  const walk = async (dir) => {
    const entries = await readdir(dir, { withFileTypes: true })
    if (entries.some((e) => e.isFile() && e.name.endsWith('.go') && !e.name.endsWith('_test.go')))
      out.push(dir)
    for (const e of entries) {
      if (e.isDirectory() && !['internal', 'testdata', 'vendor'].includes(e.name))
        await walk(join(dir, e.name))
    }
  }
  await walk(root)
  return out
}

/**
 * Appends a variadic parameter to the first exported function of a file: callers still compile,
 * but the signature (and so the API) is incompatible.
 */
function mutate(source) {
  const m = /^func ([A-Z]\w*)\(([^()]*)\)/m.exec(source)
  if (!m || m[2].includes('...')) return null
  const params = m[2].trim() ? `${m[2]}, benchOpts ...int` : 'benchOpts ...int'
  return source.slice(0, m.index) + `func ${m[1]}(${params})` + source.slice(m.index + m[0].length)
}

async function copyModule(goroot, dirs, dest, mutateEvery) {
  await mkdir(dest, { recursive: true })
  await writeFile(join(dest, 'go.mod'), 'module example.com/stdcopy\n\ngo 1.19\n')
  let mutated = 0
  for (const [i, dir] of dirs.entries()) {
    const rel = relative(join(goroot, 'src'), dir)
    const target = join(dest, rel)
    await mkdir(target, { recursive: true })
    const files = (await readdir(dir))
      .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
      .sort()
    let changed = false
    for (const f of files) {
      let text = await readFile(join(dir, f), 'utf8')
      if (mutateEvery && !changed && i % mutateEvery === 0) {
        const next = mutate(text)
        if (next) {
          text = next
          changed = true
          mutated++
        }
      }
      await writeFile(join(target, f), text)
    }
  }
  return mutated
}

export async function run() {
  if (
    !existsSync(goCommand) &&
    !process.env.PATH?.split(':').some((d) => existsSync(join(d, 'go')))
  ) {
    console.log('go-api: no Go toolchain on PATH; skipped')
    return
  }
  const goroot = go(['env', 'GOROOT'])
  const work = await mkdtemp(join(tmpdir(), 'rollback-guard-bench-go-'))
  try {
    const dirs = []
    for (const tree of trees) {
      if (dirs.length >= wanted) break
      for (const d of await packageDirs(join(goroot, 'src', tree)))
        if (dirs.length < wanted) dirs.push(d)
    }
    const base = join(work, 'base')
    const head = join(work, 'head')
    await copyModule(goroot, dirs, base, 0)
    const mutated = await copyModule(goroot, dirs, head, 5)
    console.log(
      `module: ${dirs.length} packages copied from the library of ${go(['env', 'GOVERSION'])}; ${mutated} changed in head`
    )

    // Cold as on a fresh runner: empty rollback-guard cache and empty Go build cache.
    const cache = join(work, 'cache')
    const buildCache = { env: { GOCACHE: join(work, 'gocache') } }
    const cold = await measure(
      process.execPath,
      ['--input-type=module', '-e', child, library, base, head, cache, goCommand],
      buildCache
    )
    if (cold.code !== 0) throw new Error(`rollback-guard failed: ${cold.stderr}`)
    const warm = await measure(
      process.execPath,
      ['--input-type=module', '-e', child, library, base, head, cache, goCommand],
      buildCache
    )
    if (warm.code !== 0) throw new Error(`rollback-guard failed: ${warm.stderr}`)
    console.log(
      `rollback-guard: cold first run (builds the dumper and the standard library's export data) ${format.ms(cold.wallMs)}`
    )

    const peerReady = existsSync(join(gocode, 'src/golang.org/x/exp/apidiff'))
    let driver = null
    if (peerReady) {
      const gopath = join(work, 'gopath')
      await mkdir(gopath)
      driver = join(work, 'apidiff-driver')
      go(['build', '-o', driver, driverSource], {
        GO111MODULE: 'off',
        GOPATH: `${gocode}:${gopath}`
      })
    } else {
      console.log('apidiff: golang-golang-x-exp-dev is not installed; no side-by-side figures')
    }
    const peerName = `apidiff (x/exp ${gocode.startsWith('/opt') ? '2023-05' : '2022-10'}, Debian, go/types from source, one process)`
    console.log(
      `packages  ours, dumper and dumps cached: dump + diff  process  peak RSS  findings (breaking)  ${driver ? `${peerName}: wall  peak RSS  incompatible  ours / apidiff` : ''}`
    )
    const growth = []
    for (const n of [Math.ceil(dirs.length / 4), Math.ceil(dirs.length / 2), dirs.length]) {
      const part = dirs.slice(0, n)
      const baseN = n === dirs.length ? base : join(work, `base-${n}`)
      const headN = n === dirs.length ? head : join(work, `head-${n}`)
      if (n !== dirs.length) {
        await copyModule(goroot, part, baseN, 0)
        await copyModule(goroot, part, headN, 5)
      }
      const ours = await measure(
        process.execPath,
        ['--input-type=module', '-e', child, library, baseN, headN, cache, goCommand],
        buildCache
      )
      if (ours.code !== 0) throw new Error(`rollback-guard failed: ${ours.stderr}`)
      const result = JSON.parse(ours.stdout.trim().split('\n').pop())
      let peerText = ''
      if (driver) {
        const pairs = part.map((d) => {
          const rel = relative(join(goroot, 'src'), d)
          const path = `example.com/stdcopy/${rel}`
          return {
            oldDir: join(baseN, rel),
            oldPath: path,
            newDir: join(headN, rel),
            newPath: path
          }
        })
        const list = join(work, `pairs-${n}.json`)
        await writeFile(list, JSON.stringify(pairs))
        const peer = await measure(driver, [list], {
          env: { GO111MODULE: 'off', GOTOOLCHAIN: 'local', GODEBUG: 'gotypesalias=0' }
        })
        if (peer.code !== 0) throw new Error(`apidiff driver failed: ${peer.stderr}`)
        const reports = JSON.parse(peer.stdout.trim().split('\n').pop())
        const incompatible = reports.reduce((k, r) => k + r.incompatible.length, 0)
        peerText = `${format.ms(peer.wallMs).padEnd(6)} ${format.mb(peer.peakRssMb).padEnd(9)} ${String(incompatible).padEnd(13)} ${format.ratio(ours.wallMs, peer.wallMs)}`
      }
      growth.push(ours.wallMs)
      console.log(
        `${String(n).padEnd(9)} ${format.ms(result.ms).padEnd(17)} ${format.ms(ours.wallMs).padEnd(8)} ${format.mb(ours.peakRssMb).padEnd(9)} ${`${result.total} (${result.levels.breaking})`.padEnd(20)} ${peerText}`
      )
    }
    console.log(
      `our process time, 2N / N: ${format.ratio(growth[1], growth[0])}, 4N / N: ${format.ratio(growth[2], growth[0])}`
    )
  } finally {
    if (process.env.RG_BENCH_KEEP) console.log(`kept ${work}`)
    else await rm(work, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run()
