// protobuf breaking changes: our engine against `buf breaking DIR --against DIR`, side by side, on
// google-proto-files 5.0.3 -> 6.0.1 (about 7,200 files) and on a ~500-file slice of it. Prints wall
// time, peak RSS (GNU time on each child process), the speed-up and how far the findings agree,
// and how our time grows on slices of N, 2N and 4N files.
// buf on the full pair takes minutes and ~8 GB: it runs when BENCH_FULL=1; otherwise the figures
// and findings of the last full run (cached in .bench-cache/) are shown, marked as cached.
// Library: ../dist/index.js when it exports loadProtoTree/diffProtoTrees, else RG_PROTOBUF_LIB,
// else src/contract/protobuf compiled with tsc into .bench-cache/protobuf-lib/.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { cp, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { spawn } from 'node:child_process'
import { format } from './support/measure.js'

const run$ = promisify(execFile)
const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const cache = join(root, '.bench-cache')
const versions = { base: '5.0.3', head: '6.0.1' }
const sliceTarget = Number(process.env.BENCH_PROTO_SLICE ?? 500)

// protobuf's own test protos (google/protobuf/) do not compile with buf or protoc (edition 2026,
// missing imports); buf supplies the well-known types itself, so both tools skip that folder.
const bufYaml = 'version: v1\nbuild:\n  excludes:\n    - google/protobuf\n'

/** Wall time, CPU time (user + system) and peak RSS of a child process, from GNU time when present. */
function measure(command, args, options = {}) {
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null
  const argv = gnuTime ? ['-f', '__rg_time=%U %S %M', command, ...args] : args
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint()
    const child = spawn(gnuTime ?? command, argv, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', fail)
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6
      const m = /__rg_time=([\d.]+) ([\d.]+) (\d+)/.exec(stderr)
      done({
        code,
        wallMs,
        cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null,
        peakRssMb: m ? Number(m[3]) / 1024 : null,
        stdout,
        stderr: stderr.replace(/__rg_time=.*\n?/, '')
      })
    })
  })
}

function bufBinary() {
  const arch = process.arch === 'x64' ? 'x64' : process.arch
  const native = join(
    root,
    'node_modules',
    '@bufbuild',
    `buf-${process.platform}-${arch}`,
    'bin',
    'buf'
  )
  return existsSync(native) ? native : join(root, 'node_modules', '.bin', 'buf')
}

async function fetchVersion(version) {
  const dir = join(cache, `gpf-${version}`)
  const tree = join(dir, 'package')
  if (!existsSync(join(tree, 'google'))) {
    mkdirSync(dir, { recursive: true })
    const tgz = join(cache, `google-proto-files-${version}.tgz`)
    if (!existsSync(tgz)) {
      await run$('npm', ['pack', `google-proto-files@${version}`, '--pack-destination', cache], {
        cwd: cache
      })
    }
    await run$('tar', ['xzf', tgz, '-C', dir])
  }
  writeFileSync(join(tree, 'buf.yaml'), bufYaml)
  return tree
}

function listProtos(dir, prefix = '') {
  const out = []
  for (const entry of readdirSync(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${entry}` : entry
    if (statSync(join(dir, path)).isDirectory()) out.push(...listProtos(dir, path))
    else if (path.endsWith('.proto')) out.push(path)
  }
  return out
}

/**
 * API folders of google/cloud that changed between the versions (sorted), with their imports,
 * until about `target` files: a slice with findings to compare.
 */
async function makeSlice(baseTree, headTree, target) {
  const marker = join(cache, `slice-${target}`, 'done')
  const slice = {
    base: join(cache, `slice-${target}`, 'base'),
    head: join(cache, `slice-${target}`, 'head')
  }
  if (existsSync(marker)) return slice
  const chosen = new Set()
  const addClosure = (path) => {
    const queue = [path]
    while (queue.length > 0) {
      const p = queue.pop()
      if (chosen.has(p) || p.startsWith('google/protobuf/')) continue
      const file = existsSync(join(headTree, p)) ? join(headTree, p) : join(baseTree, p)
      if (!existsSync(file)) continue
      chosen.add(p)
      for (const m of readFileSync(file, 'utf8').matchAll(
        /^import\s+(?:public\s+|weak\s+)?"([^"]+)"/gm
      )) {
        queue.push(m[1])
      }
    }
  }
  const apis = readdirSync(join(headTree, 'google', 'cloud')).sort()
  for (const api of apis) {
    if (chosen.size >= target) break
    const dir = join('google', 'cloud', api)
    if (!statSync(join(headTree, dir)).isDirectory() || !existsSync(join(baseTree, dir))) continue
    const files = new Set([...listProtos(headTree, dir), ...listProtos(baseTree, dir)])
    const changed = [...files].some((f) => {
      const a = join(baseTree, f)
      const b = join(headTree, f)
      return !existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b))
    })
    if (!changed) continue
    for (const f of files) addClosure(f)
  }
  for (const [side, tree] of [
    ['base', baseTree],
    ['head', headTree]
  ]) {
    await rm(slice[side], { recursive: true, force: true })
    for (const p of chosen) {
      if (!existsSync(join(tree, p))) continue
      mkdirSync(dirname(join(slice[side], p)), { recursive: true })
      await cp(join(tree, p), join(slice[side], p))
    }
    writeFileSync(join(slice[side], 'buf.yaml'), bufYaml)
  }
  writeFileSync(marker, `${chosen.size}\n`)
  return slice
}

/** The first `target` head files (sorted, google/protobuf aside) with their imports, both sides. */
async function growthSlice(baseTree, headTree, target) {
  const dir = join(cache, `growth-${target}`)
  const slice = { base: join(dir, 'base'), head: join(dir, 'head') }
  if (existsSync(join(dir, 'done'))) return slice
  const all = listProtos(headTree)
    .filter((p) => !p.startsWith('google/protobuf/'))
    .sort()
  const chosen = new Set()
  const queue = all.slice(0, target)
  while (queue.length > 0) {
    const p = queue.pop()
    if (chosen.has(p) || p.startsWith('google/protobuf/')) continue
    // Imports on either side, so that both sides of the slice compile.
    const found = [headTree, baseTree].map((t) => join(t, p)).filter((f) => existsSync(f))
    if (found.length === 0) continue
    chosen.add(p)
    for (const file of found) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /^import\s+(?:public\s+|weak\s+)?"([^"]+)"/gm
      )) {
        queue.push(m[1])
      }
    }
  }
  for (const [side, tree] of [
    ['base', baseTree],
    ['head', headTree]
  ]) {
    await rm(slice[side], { recursive: true, force: true })
    for (const p of chosen) {
      if (!existsSync(join(tree, p))) continue
      mkdirSync(dirname(join(slice[side], p)), { recursive: true })
      await cp(join(tree, p), join(slice[side], p))
    }
    writeFileSync(join(slice[side], 'buf.yaml'), bufYaml)
  }
  writeFileSync(join(dir, 'done'), `${chosen.size}\n`)
  return slice
}

async function libraryUrl() {
  if (process.env.RG_PROTOBUF_LIB) return pathToFileURL(resolve(process.env.RG_PROTOBUF_LIB)).href
  const dist = join(root, 'dist', 'index.js')
  if (existsSync(dist)) {
    const lib = await import(pathToFileURL(dist).href)
    if (lib.loadProtoTree && lib.diffProtoTrees) return pathToFileURL(dist).href
  }
  const out = join(cache, 'protobuf-lib')
  await run$(
    join(root, 'node_modules', '.bin', 'tsc'),
    [
      '--outDir',
      out,
      '--noEmit',
      'false',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--skipLibCheck',
      '--types',
      'node',
      '--declaration',
      'false',
      join(root, 'src', 'contract', 'protobuf', 'index.ts')
    ],
    { cwd: root }
  )
  return pathToFileURL(join(out, 'contract', 'protobuf', 'index.js')).href
}

// Runs in the child: load both trees, diff, print one JSON line of (file, line, rule) keys.
const childScript = `
const [lib, base, head] = process.argv.slice(1)
const { loadProtoTree, loadProtoTreePair, diffProtoTrees } = await import(lib)
const [b, h] = loadProtoTreePair ? loadProtoTreePair(base, head) : [loadProtoTree(base), loadProtoTree(head)]
const inHead = new Set(h.files.map((f) => f.displayPath))
const changes = diffProtoTrees(b, h).filter((c) => !c.ignored)
const keys = changes.map((c) => inHead.has(c.file) ? [c.file, c.line, c.id] : ['<none>', 1, c.id])
console.log(JSON.stringify({ files: h.files.length, keys }))
`

async function ours(lib, base, head) {
  const r = await measure(process.execPath, [
    '--input-type=module',
    '-e',
    childScript,
    lib,
    base,
    head
  ])
  if (r.code !== 0) throw new Error(`our engine failed: ${r.stderr}`)
  const out = JSON.parse(r.stdout)
  return {
    wallMs: r.wallMs,
    cpuMs: r.cpuMs,
    peakRssMb: r.peakRssMb,
    files: out.files,
    keys: out.keys
  }
}

async function buf(base, head) {
  const r = await measure(
    bufBinary(),
    ['breaking', '.', '--against', base, '--error-format', 'json'],
    {
      cwd: head
    }
  )
  if (r.code !== 0 && r.code !== 100)
    throw new Error(`buf breaking failed (${r.code}): ${r.stderr}`)
  const keys = r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((a) =>
      a.path ? [a.path.replace(/^\.\//, ''), a.start_line, a.type] : ['<none>', 1, a.type]
    )
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, keys }
}

function agreement(a, b) {
  const count = (keys) => {
    const m = new Map()
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
    return m
  }
  const x = count(a)
  const y = count(b)
  let matched = 0
  let total = 0
  const onlyBuf = []
  const onlyOurs = []
  for (const k of new Set([...x.keys(), ...y.keys()])) {
    const p = x.get(k) ?? 0
    const q = y.get(k) ?? 0
    matched += Math.min(p, q)
    total += Math.max(p, q)
    for (let i = q; i < p; i++) onlyBuf.push(k)
    for (let i = p; i < q; i++) onlyOurs.push(k)
  }
  return { matched, total, onlyBuf, onlyOurs }
}

function report(name, files, o, b, cached) {
  const fr = agreement(
    b.keys.map(([f, , r]) => `${f} ${r}`),
    o.keys.map(([f, , r]) => `${f} ${r}`)
  )
  const flr = agreement(
    b.keys.map(([f, l, r]) => `${f}:${l} ${r}`),
    o.keys.map(([f, l, r]) => `${f}:${l} ${r}`)
  )
  const pct = (a) => (a.total === 0 ? '100.0%' : `${((a.matched / a.total) * 100).toFixed(1)}%`)
  const cpu = (x) => (x.cpuMs == null ? 'n/a' : format.ms(x.cpuMs))
  const note = cached ? ' (cached from the last BENCH_FULL=1 run)' : ''
  console.log(`${name}: ${files} files`)
  console.log(
    `  ours: wall ${format.ms(o.wallMs)}, CPU ${cpu(o)}, peak RSS ${format.mb(o.peakRssMb)}, ${o.keys.length} findings`
  )
  console.log(
    `  buf:  wall ${format.ms(b.wallMs)}, CPU ${cpu(b)}, peak RSS ${format.mb(b.peakRssMb)}, ${b.keys.length} findings${note}`
  )
  console.log(
    `  buf / ours: wall ${format.ratio(b.wallMs, o.wallMs)}, CPU ${format.ratio(b.cpuMs, o.cpuMs)}, peak RSS ${format.ratio(b.peakRssMb, o.peakRssMb)}`
  )
  console.log(`  agreement: (file, rule) ${pct(fr)}, (file, line, rule) ${pct(flr)}`)
  for (const k of flr.onlyBuf) console.log(`  only buf:  ${k}`)
  for (const k of flr.onlyOurs) console.log(`  only ours: ${k}`)
}

export async function run() {
  mkdirSync(cache, { recursive: true })
  const base = await fetchVersion(versions.base)
  const head = await fetchVersion(versions.head)
  const lib = await libraryUrl()
  const { stdout: bufVersion } = await run$(bufBinary(), ['--version'])

  const slice = await makeSlice(base, head, sliceTarget)
  const sliceOurs = await ours(lib, slice.base, slice.head)
  const sliceBuf = await buf(slice.base, slice.head)
  report(
    `google-proto-files ${versions.base} -> ${versions.head}, slice`,
    sliceOurs.files,
    sliceOurs,
    sliceBuf,
    false
  )

  // Growth: the engine on the first N, 2N and 4N files of the pair (with their imports;
  // N = BENCH_PROTO_GROWTH, 1,000 by default): each doubling should cost about twice the time.
  const n = Number(process.env.BENCH_PROTO_GROWTH ?? 1000)
  let previous = null
  console.log(`growth (ours, the first N/2N/4N files of ${versions.base} -> ${versions.head}):`)
  for (const target of [n, 2 * n, 4 * n]) {
    const s = await growthSlice(base, head, target)
    const o = await ours(lib, s.base, s.head)
    const cpu = o.cpuMs == null ? 'n/a' : format.ms(o.cpuMs)
    const step = previous
      ? `; x${(o.files / previous.files).toFixed(1)} files -> x${(o.wallMs / previous.wallMs).toFixed(1)} wall` +
        (o.cpuMs && previous.cpuMs ? `, x${(o.cpuMs / previous.cpuMs).toFixed(1)} CPU` : '')
      : ''
    console.log(
      `  ${o.files} files: wall ${format.ms(o.wallMs)}, CPU ${cpu}, ${o.keys.length} findings${step}`
    )
    previous = o
  }

  const fullOurs = await ours(lib, base, head)
  const cached = join(cache, `buf-full-${bufVersion.trim()}.json`)
  let fullBuf = null
  if (process.env.BENCH_FULL === '1') {
    fullBuf = await buf(base, head)
    writeFileSync(cached, JSON.stringify(fullBuf))
  } else if (existsSync(cached)) {
    fullBuf = JSON.parse(readFileSync(cached, 'utf8'))
  }
  if (fullBuf) {
    report(
      `google-proto-files ${versions.base} -> ${versions.head}, full`,
      fullOurs.files,
      fullOurs,
      fullBuf,
      process.env.BENCH_FULL !== '1'
    )
  } else {
    console.log(
      `full pair: ours ${format.ms(fullOurs.wallMs)}, peak RSS ${format.mb(fullOurs.peakRssMb)}, ${fullOurs.keys.length} findings; buf not run (BENCH_FULL=1 runs it: minutes, ~8 GB)`
    )
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run()
