// Diffs GitHub's REST description v2.1 → v2.3 (~13 MB JSON each, ~1,200 operations) in a child process.
// Both come from npm devDependencies: `openapi-v21` (an alias of @octokit/openapi@21.0.0) and
// `@octokit/openapi` (23.x), so the bench needs nothing outside the repository's own install.
// and prints load+diff wall time, peak RSS and the findings per level. oasdiff is run side by side when
// an `oasdiff` binary is on PATH (the npm registry has none: its `oasdiff` package is a name placeholder).
// Library: ../dist/index.js (loadOpenApi, diffOpenApi), or the module named by RG_OPENAPI_LIB.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { format, measure } from './support/measure.js'

const require = createRequire(import.meta.url)
const library = process.env.RG_OPENAPI_LIB
  ? pathToFileURL(process.env.RG_OPENAPI_LIB).href
  : new URL('../dist/index.js', import.meta.url).href

// runs in the child: load both sides, diff, print one JSON line
const child = `
const { loadOpenApi, diffOpenApi } = await import(process.argv[1])
const cpu = process.cpuUsage()
const started = performance.now()
const [base, head] = await Promise.all([loadOpenApi(process.argv[2]), loadOpenApi(process.argv[3])])
const loaded = performance.now()
const changes = diffOpenApi(base, head, { now: new Date('2026-01-01T00:00:00Z') })
const done = performance.now()
const levels = { breaking: 0, warning: 0, info: 0 }
for (const change of changes) levels[change.level]++
const used = process.cpuUsage(cpu)
console.log(JSON.stringify({ loadMs: loaded - started, diffMs: done - loaded, cpuMs: (used.user + used.system) / 1000, total: changes.length, levels }))
`

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name)
    if (dir && existsSync(candidate)) return candidate
  }
  return null
}

export async function run() {
  const lib = await import(library)
  if (typeof lib.loadOpenApi !== 'function' || typeof lib.diffOpenApi !== 'function') {
    console.log(
      `openapi: ${library} does not export loadOpenApi/diffOpenApi; bundle first or set RG_OPENAPI_LIB`
    )
    return
  }
  const base = require.resolve('openapi-v21/generated/api.github.com.json')
  const head = require.resolve('@octokit/openapi/generated/api.github.com.json')

  const ours = await measure(process.execPath, [
    '--input-type=module',
    '-e',
    child,
    library,
    base,
    head
  ])
  if (ours.code !== 0) throw new Error(`rollback-guard openapi diff failed: ${ours.stderr.trim()}`)
  const figures = JSON.parse(ours.stdout.trim().split('\n').pop())
  console.log('GitHub REST description v2.1 → v2.3 (13 MB JSON each, ~1,200 operations)')
  console.log(
    `  rollback-guard  wall ${format.ms(ours.wallMs)} (load ${format.ms(figures.loadMs)}, diff ${format.ms(figures.diffMs)}; CPU ${format.ms(figures.cpuMs)}), peak RSS ${format.mb(ours.peakRssMb)}`
  )
  console.log(
    `  findings        ${figures.total}: ${figures.levels.breaking} breaking, ${figures.levels.warning} warning, ${figures.levels.info} info`
  )

  const oasdiff = findOnPath('oasdiff')
  if (!oasdiff) {
    console.log(
      '  oasdiff         not run: no oasdiff binary on PATH (the npm registry has none; its "oasdiff" package is a placeholder)'
    )
    return
  }
  const version = execFileSync(oasdiff, ['--version'], { encoding: 'utf8' }).trim()
  const peer = await measure(oasdiff, ['changelog', base, head, '--format', 'json'])
  let peerCount = 'n/a'
  try {
    peerCount = String(JSON.parse(peer.stdout).length)
  } catch {
    // keep n/a: the peer printed something other than a JSON array
  }
  console.log(
    `  oasdiff         ${version}: wall ${format.ms(peer.wallMs)}, peak RSS ${format.mb(peer.peakRssMb)}, findings ${peerCount}`
  )
  console.log(
    `  ratio           wall ${format.ratio(peer.wallMs, ours.wallMs)} faster, RSS ${format.ratio(peer.peakRssMb, ours.peakRssMb)} smaller (oasdiff / rollback-guard)`
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run()
