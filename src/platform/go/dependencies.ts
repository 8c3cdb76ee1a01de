import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { InputError } from '../../core/errors.js'
import { parseApiDump } from '../../contract/go/dump.js'
import { GoToolchainMissingError } from '../../contract/go/errors.js'
import type {
  DependencyImpactPort,
  ModuleDumpResult,
  ModuleSource,
  ModuleUses
} from '../../contract/gomod/impact.js'
import { defaultCacheDir, lazyDumperBinary, runDumper, type GoDumperOptions } from './dumper.js'
import { run, type GoToolchain } from './toolchain.js'

/**
 * The environment of `go mod download`: the user's GOPROXY, GOFLAGS, GOPRIVATE, GONOSUMDB,
 * GOMODCACHE and so on are kept (they say where modules come from); only a toolchain switch and
 * a workspace are ruled out, and `-mod=` flags, which mean nothing outside a module.
 */
function downloadEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const goflags = (env.GOFLAGS ?? '')
    .split(/\s+/)
    .filter((f) => f !== '' && !/^--?mod=/.test(f))
    .join(' ')
  return { ...env, GOTOOLCHAIN: 'local', GOWORK: 'off', GO111MODULE: 'on', GOFLAGS: goflags }
}

interface DownloadJson {
  Path?: string
  Version?: string
  Dir?: string
  Error?: string
}

/** `go mod download -json path@version`: the module's source directory in the module cache. */
async function downloadModule(
  toolchain: GoToolchain,
  modulePath: string,
  version: string,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal
): Promise<{ ok: true; dir: string } | { ok: false; reason: string }> {
  const result = await run(toolchain.go, ['mod', 'download', '-json', `${modulePath}@${version}`], {
    cwd: os.tmpdir(),
    env: downloadEnv(env),
    signal
  })
  let parsed: DownloadJson | null
  try {
    parsed = JSON.parse(result.stdout) as DownloadJson
  } catch {
    parsed = null
  }
  if (parsed?.Dir && !parsed.Error && result.code === 0) return { ok: true, dir: parsed.Dir }
  const reason = (parsed?.Error ?? result.stderr.trim()) || `go mod download exited ${result.code}`
  return { ok: false, reason: oneLine(reason) }
}

const notesFile =
  /^(changelog|changes|history|news|release[-_]?notes|releases)(\.(md|markdown|txt|rst))?$/i

/** The release notes a module ships at its root (CHANGELOG.md and the like), if any. */
async function readReleaseNotes(dir: string): Promise<{ file: string; text: string } | undefined> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => notesFile.test(n)).sort()
  } catch {
    return undefined
  }
  for (const name of names) {
    const file = path.join(dir, name)
    const info = await stat(file)
    if (!info.isFile() || info.size > 2 * 1024 * 1024) continue
    return { file: name, text: await readFile(file, 'utf8') }
  }
  return undefined
}

/** `go list -m -json -retracted path@version`: the rationales of retractions covering it. */
async function moduleRetractions(
  toolchain: GoToolchain,
  modulePath: string,
  version: string,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal
): Promise<{ ok: true; rationales: string[] } | { ok: false; reason: string }> {
  const result = await run(
    toolchain.go,
    ['list', '-m', '-json', '-retracted', `${modulePath}@${version}`],
    { cwd: os.tmpdir(), env: downloadEnv(env), signal }
  )
  try {
    const parsed = JSON.parse(result.stdout) as { Retracted?: string[]; Error?: { Err?: string } }
    if (result.code === 0 && !parsed.Error) return { ok: true, rationales: parsed.Retracted ?? [] }
    return { ok: false, reason: oneLine(parsed.Error?.Err ?? result.stderr) }
  } catch {
    return { ok: false, reason: oneLine(result.stderr) || `go list exited ${result.code}` }
  }
}

function oneLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  return lines.length > 3 ? `${lines.slice(0, 3).join(' ')} …` : lines.join(' ')
}

/**
 * The real dependency-impact port: downloads through the go command, dumps each module@version
 * once (kept on disk beside the dumper: a version in the module cache never changes), and lists
 * the uses of dependencies with `apidump -uses`.
 */
export function createDependencyImpactPort(options: GoDumperOptions = {}): DependencyImpactPort {
  const env = options.env ?? process.env
  const dumper = lazyDumperBinary(options)
  const ensure = (log?: (message: string) => void) =>
    dumper(log).catch((error: unknown) => {
      // A Go too old to build the dumper is no usable toolchain: the impact is a warning.
      if (error instanceof InputError && !(error instanceof GoToolchainMissingError))
        throw new GoToolchainMissingError(error.message)
      throw error
    })
  // The dumps without release notes, and the module's directory to read them from when asked.
  const memo = new Map<string, Promise<{ result: ModuleDumpResult; dir?: string }>>()
  const cacheRoot = path.join(options.cacheDir ?? defaultCacheDir(env), 'dependency-apis')

  const dumpDir = async (
    binary: string,
    toolchain: GoToolchain,
    dir: string,
    modulePath: string,
    label: string,
    signal?: AbortSignal
  ): Promise<ModuleDumpResult> => {
    const result = await runDumper(binary, toolchain, ['-path', modulePath, dir], env, signal)
    if (result.code !== 0) {
      return { ok: false, reason: `its API could not be read: ${oneLine(result.stderr)}` }
    }
    return { ok: true, dump: parseApiDump(result.stdout, label) }
  }

  const dumpOnce = async (
    source: ModuleSource,
    log?: (message: string) => void,
    signal?: AbortSignal
  ): Promise<{ result: ModuleDumpResult; dir?: string }> => {
    const { binary, toolchain } = await ensure(log)
    if (source.kind === 'directory') {
      const result = await dumpDir(binary, toolchain, source.dir, source.path, source.dir, signal)
      return { result, dir: source.dir }
    }
    const label = `${source.path}@${source.version}`
    const key = createHash('sha256')
      .update(`${path.basename(binary)}\0${label}`)
      .digest('hex')
      .slice(0, 24)
    const cached = path.join(cacheRoot, `${key}.json`)
    const downloaded = await downloadModule(toolchain, source.path, source.version, env, signal)
    if (!downloaded.ok) return { result: { ok: false, reason: downloaded.reason } }
    const dir = downloaded.dir
    try {
      return {
        result: { ok: true, dump: parseApiDump(await readFile(cached, 'utf8'), label) },
        dir
      }
    } catch {
      // Not cached yet (or unreadable): dump it.
    }
    const started = Date.now()
    const dumped = await dumpDir(binary, toolchain, downloaded.dir, source.path, label, signal)
    if (dumped.ok) {
      log?.(
        `Go API of ${label}: ${dumped.dump.packages.length} package(s) in ${Date.now() - started} ms`
      )
      await mkdir(cacheRoot, { recursive: true })
      const partial = `${cached}.${process.pid}.tmp`
      await writeFile(partial, JSON.stringify(dumped.dump))
      await rename(partial, cached)
    }
    return { result: dumped, dir }
  }

  return {
    async dump(source, log, signal, notes) {
      const key =
        source.kind === 'download' ? `${source.path}@${source.version}` : `dir:${source.dir}`
      let dumped = memo.get(key)
      if (!dumped) {
        dumped = dumpOnce(source, log, signal)
        memo.set(key, dumped)
        // Only a dump is kept: a failure (offline, stopped by the budget) is tried again next run.
        const forget = () => memo.delete(key)
        dumped.then((d) => {
          if (!d.result.ok || signal?.aborted) forget()
        }, forget)
      }
      const { result, dir } = await dumped
      // Release notes only for the version asked for with them (the target of an upgrade).
      if (!notes || !result.ok || dir === undefined) return result
      return { ...result, notes: await readReleaseNotes(dir) }
    },
    async retractions(modulePath, version, signal) {
      const { toolchain } = await ensure()
      return moduleRetractions(toolchain, modulePath, version, env, signal)
    },
    async uses(moduleDir, log, signal): Promise<ModuleUses> {
      const { binary, toolchain } = await ensure(log)
      const started = Date.now()
      const result = await runDumper(
        binary,
        toolchain,
        ['-uses', path.resolve(moduleDir)],
        env,
        signal
      )
      if (result.code !== 0) {
        throw new InputError(
          `${moduleDir}: the uses of dependencies could not be listed: ${oneLine(result.stderr)}`
        )
      }
      const parsed = JSON.parse(result.stdout) as Partial<ModuleUses>
      const uses: ModuleUses = {
        uses: parsed.uses ?? [],
        warnings: parsed.warnings ?? [],
        errors: parsed.errors ?? []
      }
      log?.(
        `Uses of dependencies in ${moduleDir}: ${uses.uses.length} in ${Date.now() - started} ms`
      )
      return uses
    }
  }
}
