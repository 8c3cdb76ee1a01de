// OpenAPI diffs on the shapes that hung before: every schema on a cycle ("expandable" fields written as
// anyOf[string, $ref]) at N = 15, 30, 60, 120, and a generated Stripe-shaped description of ~4 MB of
// YAML with a one-property change. Each run is a fresh child process; the floor is loading the two
// documents (parse with line positions: what any diff must do), measured in the same process.
// Library: ../dist/index.js (loadOpenApi, diffOpenApi), or the module named by RG_OPENAPI_LIB.
import { writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { stringify } from 'yaml'
import { format, measure } from './support/measure.js'
import { allPairsPair, stripeShapedPair } from './support/openapi-shapes.js'

const library = process.env.RG_OPENAPI_LIB
  ? pathToFileURL(process.env.RG_OPENAPI_LIB).href
  : new URL('../dist/index.js', import.meta.url).href

const child = `
const { loadOpenApi, diffOpenApi, reclaimMemory } = await import(process.argv[1])
// as the engine does: each side loaded, then the parser's garbage reclaimed (timed apart from the floor)
let loadMs = 0
let reclaimMs = 0
const load = async (file) => {
  const t0 = performance.now()
  const spec = await loadOpenApi(file)
  const t1 = performance.now()
  reclaimMemory?.()
  loadMs += t1 - t0
  reclaimMs += performance.now() - t1
  return spec
}
const base = await load(process.argv[2])
const head = await load(process.argv[3])
const loaded = performance.now()
const changes = diffOpenApi(base, head, { now: new Date('2026-01-01T00:00:00Z') })
const done = performance.now()
const collapsed = changes.reduce((n, c) => n + (c.operations ? c.operations.length : 1), 0)
console.log(JSON.stringify({ loadMs, reclaimMs, diffMs: done - loaded, findings: changes.length, reached: collapsed }))
`

async function runPair(work, name, pair, asYaml) {
  const ext = asYaml ? 'yaml' : 'json'
  const baseFile = join(work, `${name}-base.${ext}`)
  const headFile = join(work, `${name}-head.${ext}`)
  const text = (doc) =>
    asYaml ? stringify(doc, { aliasDuplicateObjects: false }) : JSON.stringify(doc)
  const baseText = text(pair.base)
  await writeFile(baseFile, baseText)
  await writeFile(headFile, text(pair.head))
  const run = await measure(process.execPath, [
    '--input-type=module',
    '-e',
    child,
    library,
    baseFile,
    headFile
  ])
  if (run.code !== 0) throw new Error(`${name}: ${run.stderr.trim()}`)
  return {
    ...JSON.parse(run.stdout.trim().split('\n').pop()),
    wallMs: run.wallMs,
    rssMb: run.peakRssMb,
    bytes: Buffer.byteLength(baseText)
  }
}

export async function run() {
  const lib = await import(library)
  if (typeof lib.loadOpenApi !== 'function') {
    console.log(
      `openapi-scale: ${library} does not export loadOpenApi; bundle first or set RG_OPENAPI_LIB`
    )
    return
  }
  const work = await mkdtemp(join(tmpdir(), 'rollback-guard-bench-openapi-scale-'))
  try {
    console.log(
      'all-pairs anyOf[string,$ref] family (every schema on a cycle with every other; one property renamed)'
    )
    console.log(
      '  N     size     floor (load)   diff        diff/floor   findings   growth of diff vs N'
    )
    let previous = null
    const rows = []
    for (const n of [15, 30, 60, 120]) {
      const r = await runPair(work, `all-pairs-${n}`, allPairsPair(n), false)
      const growth = previous
        ? (Math.log(r.diffMs / previous.diffMs) / Math.log(n / previous.n)).toFixed(2)
        : '-'
      console.log(
        `  ${String(n).padEnd(5)} ${(r.bytes / 1024).toFixed(0).padStart(5)} KB ${format.ms(r.loadMs).padStart(10)}   ${format.ms(r.diffMs).padStart(9)}   ${format.ratio(r.diffMs, r.loadMs).padStart(8)}   ${String(r.findings).padStart(8)}   N^${growth}`
      )
      rows.push({ n, ...r })
      previous = { n, diffMs: r.diffMs }
    }
    const at15 = rows.find((r) => r.n === 15)
    const at60 = rows.find((r) => r.n === 60)
    console.log(
      `  N=60 / N=15: diff ${format.ratio(at60.diffMs, at15.diffMs)} for ${format.ratio(at60.bytes, at15.bytes)} the input (goal < 3×, < 10 s: ${at60.diffMs < 10_000 ? 'under 10 s' : 'OVER 10 s'})`
    )

    const stripe = await runPair(work, 'stripe-shaped', stripeShapedPair(400), true)
    console.log(
      `Stripe-shaped description (${(stripe.bytes / 1024 / 1024).toFixed(1)} MB YAML, 400 resources, 1,200 operations, one property renamed)`
    )
    console.log(
      `  floor (load both) ${format.ms(stripe.loadMs)}, memory reclaim ${format.ms(stripe.reclaimMs)}, diff ${format.ms(stripe.diffMs)}: total ${format.ratio(stripe.loadMs + stripe.reclaimMs + stripe.diffMs, stripe.loadMs)} the floor (goal ≤ 5×), peak RSS ${format.mb(stripe.rssMb)} (goal ≤ 500 MB)`
    )
    console.log(
      `  findings ${stripe.findings}, reaching ${stripe.reached} operation×finding pairs (one finding per changed place, with its operations)`
    )
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run()
