import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseApiDump, type ApiDump } from '../../../src/contract/go/dump.js'
import { buildDumper, runDumper } from '../../../src/platform/go/dumper.js'
import {
  findGoToolchain,
  goEnv,
  run,
  type GoToolchain
} from '../../../src/platform/go/toolchain.js'

const here = path.dirname(fileURLToPath(import.meta.url))
export const fixturesDir = path.resolve(here, '../../fixtures/go')
/**
 * The newest apidiff Debian ships (bookworm-backports, 2023-05, unpacked by
 * scripts/install-test-deps.sh), else bookworm's own (2022-10). Debian's x/exp is also where the
 * mutated x/exp packages of the differential come from, whichever apidiff judges them.
 */
const backportedGocode = '/opt/rollback-guard/x-exp-apidiff'
export const gocode = existsSync(path.join(backportedGocode, 'src/golang.org/x/exp/apidiff'))
  ? backportedGocode
  : '/usr/share/gocode'
/**
 * APIDIFF_ORACLE_DIR: a GOPATH directory whose src/golang.org/x/exp/apidiff holds another
 * apidiff's sources (e.g. golang/exp at a recent commit, see the differential test's header),
 * which then judges the differential instead of Debian's. golang.org/x/tools/go/types/typeutil
 * is taken from that GOPATH when present, else from a stand-in in the fixtures.
 */
export const apidiffOracle = process.env.APIDIFF_ORACLE_DIR || null
const oracleGopath = apidiffOracle ?? gocode
export const apidiffSource = path.join(oracleGopath, 'src/golang.org/x/exp/apidiff')

/**
 * The go command of a Debian golang-1.x-go package (scripts/install-test-deps.sh installs 1.22
 * and 1.24), RG_TEST_GO when set, else the go on PATH.
 */
export function goCommandFor(version: '1.22' | '1.24' = '1.24'): string | null {
  if (version === '1.24' && process.env.RG_TEST_GO) return process.env.RG_TEST_GO
  const debian = `/usr/lib/go-${version}/bin/go`
  return existsSync(debian) ? debian : null
}

/**
 * Go 1.24 by default (or the given version), else the go on PATH for the default; null when
 * missing (the caller fails under CI=true, where .ci/run installs it).
 */
export async function goToolchain(version?: '1.22' | '1.24'): Promise<GoToolchain | null> {
  const go = goCommandFor(version) ?? (version ? null : 'go')
  const lookup = go
    ? await findGoToolchain({ go })
    : { found: false as const, reason: `/usr/lib/go-${version}/bin/go is missing` }
  if (lookup.found) return lookup.toolchain
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but Go ${version ?? ''} is missing (${lookup.reason}); .ci/run must install it (scripts/install-test-deps.sh)`
    )
  }
  return null
}

export async function buildOurDumper(toolchain: GoToolchain, tmp: string): Promise<string> {
  return buildDumper(toolchain, { cacheDir: path.join(tmp, 'cache') })
}

/** Builds the apidiff driver against the oracle's (else Debian's) x/exp/apidiff in GOPATH mode. */
export async function buildApidiffDriver(
  toolchain: GoToolchain,
  tmp: string
): Promise<string | null> {
  if (!existsSync(apidiffSource)) {
    if (apidiffOracle) throw new Error(`APIDIFF_ORACLE_DIR is set but ${apidiffSource} is missing`)
    if (process.env.CI === 'true') {
      throw new Error(
        `CI=true but ${apidiffSource} is missing; .ci/run must install golang-golang-x-exp-dev`
      )
    }
    return null
  }
  const gopath = path.join(tmp, 'gopath')
  await mkdir(gopath, { recursive: true })
  const out = path.join(tmp, 'apidiff-driver')
  const env = goEnv(process.env, {
    GO111MODULE: 'off',
    GOFLAGS: '',
    GOPATH: [oracleGopath, path.join(fixturesDir, 'apidiff-oracle-shim'), gopath].join(
      path.delimiter
    )
  })
  const result = await run(
    toolchain.go,
    ['build', '-o', out, path.join(fixturesDir, 'apidiff-driver', 'main.go')],
    { cwd: tmp, env }
  )
  if (result.code !== 0) throw new Error(`building the apidiff driver failed: ${result.stderr}`)
  return out
}

export interface ApidiffReport {
  incompatible: string[]
  compatible: string[]
}

export interface Pair {
  name: string
  oldDir: string
  newDir: string
  oldPath: string
  newPath: string
}

/** apidiff's reports for many pairs, from one driver process. */
export async function runApidiff(
  driver: string,
  pairs: Pair[],
  tmp: string
): Promise<ApidiffReport[]> {
  const list = path.join(tmp, `pairs-${Date.now()}.json`)
  await writeFile(list, JSON.stringify(pairs))
  // apidiff of 2023 predates materialized aliases (it panics on them); today's unaliases them,
  // and gorelease runs it with gotypesalias=1 as our dumper does.
  const result = await run(driver, [list], {
    cwd: tmp,
    env: goEnv(process.env, {
      GO111MODULE: 'off',
      GODEBUG: `gotypesalias=${apidiffOracle ? 1 : 0}`
    })
  })
  if (result.code !== 0) throw new Error(`apidiff driver failed: ${result.stderr}`)
  // apidiff may print diagnostics of its own before the report (the last line).
  const last = result.stdout.trim().split('\n').pop() ?? '[]'
  return JSON.parse(last) as ApidiffReport[]
}

export async function dump(
  binary: string,
  toolchain: GoToolchain,
  dir: string,
  importPath?: string
): Promise<ApiDump> {
  const args = importPath ? ['-path', importPath, dir] : [dir]
  const result = await runDumper(binary, toolchain, args)
  if (result.code !== 0) throw new Error(`apidump ${dir} failed: ${result.stderr}`)
  return parseApiDump(result.stdout, dir)
}

/**
 * Splits apidiff's testdata/tests.go into an old and a new package, as its own test does:
 * `// old`, `// new`, `// both` switch the destination; `// i` and `// c` lines are expectations.
 */
export async function splitApidiffTestdata(
  outDir: string
): Promise<{ oldDir: string; newDir: string; incompatible: string[]; compatible: string[] }> {
  // The oracle's own testdata when it was placed with it, else Debian's.
  const oracleTests = path.join(apidiffSource, 'testdata', 'tests.go')
  const text = await readFile(
    existsSync(oracleTests)
      ? oracleTests
      : path.join(gocode, 'src/golang.org/x/exp/apidiff/testdata/tests.go'),
    'utf8'
  )
  const old: string[] = []
  const neu: string[] = []
  const incompatible: string[] = []
  const compatible: string[] = []
  let mode = 'both' as 'old' | 'new' | 'both'
  for (const line of text.split('\n')) {
    const t = line.trim()
    if (t === '// old' || t === '// new' || t === '// both') mode = t.slice(3) as typeof mode
    else if (t.startsWith('// i ')) incompatible.push(t.slice(5).trim())
    else if (t.startsWith('// c ')) compatible.push(t.slice(5).trim())
    else {
      if (mode !== 'new') old.push(line)
      if (mode !== 'old') neu.push(line)
    }
  }
  const oldDir = path.join(outDir, 'old')
  const newDir = path.join(outDir, 'new')
  await mkdir(oldDir, { recursive: true })
  await mkdir(newDir, { recursive: true })
  await writeFile(path.join(oldDir, 'old.go'), old.join('\n'))
  await writeFile(path.join(newDir, 'new.go'), neu.join('\n'))
  return { oldDir, newDir, incompatible, compatible }
}
