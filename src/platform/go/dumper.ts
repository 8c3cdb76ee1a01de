import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError } from '../../core/errors.js'
import { parseApiDump, type ApiDump } from '../../contract/go/dump.js'
import type { GoApiDumper } from '../../contract/go/engine.js'
import { GoSourceError, GoToolchainMissingError } from '../../contract/go/errors.js'
import { findGoToolchain, goEnv, run, type GoToolchain, type RunResult } from './toolchain.js'

export interface GoDumperOptions {
  /** Where built dumpers are kept; default: $RUNNER_TEMP/rollback-guard, else the user cache. */
  cacheDir?: string
  /** The dumper's source (go/apidump of the package); found next to this file by default. */
  sourceDir?: string
  /** The go command; default `go` on PATH. */
  go?: string
  env?: NodeJS.ProcessEnv
}

/** Finds go/apidump by walking up from this module (src/platform/go, dist/, or dist/chunks/). */
export function findDumperSource(
  from: string = path.dirname(fileURLToPath(import.meta.url))
): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'go', 'apidump')
    if (existsSync(path.join(candidate, 'main.go'))) return candidate
    if (path.dirname(dir) === dir) {
      throw new Error(
        `go/apidump (the Go API dumper) is missing from the package installed at ${from}`
      )
    }
  }
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RUNNER_TEMP) return path.join(env.RUNNER_TEMP, 'rollback-guard')
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.tmpdir(), '.cache')
  return path.join(base, 'rollback-guard')
}

/** Hash of the dumper's source files: a changed dumper is rebuilt, an unchanged one reused. */
async function sourceHash(sourceDir: string): Promise<string> {
  const names = (await readdir(sourceDir)).filter((n) => n.endsWith('.go') || n === 'go.mod').sort()
  const hash = createHash('sha256')
  for (const name of names) {
    hash
      .update(name)
      .update('\0')
      .update(await readFile(path.join(sourceDir, name)))
      .update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * Builds the dumper with the Go on PATH once per source hash and Go version, into the cache.
 * Concurrent builds are safe: each builds under a unique name and renames into place.
 */
export async function buildDumper(
  toolchain: GoToolchain,
  options: GoDumperOptions = {},
  log?: (message: string) => void
): Promise<string> {
  const env = options.env ?? process.env
  const sourceDir = options.sourceDir ?? findDumperSource()
  const cacheDir = options.cacheDir ?? defaultCacheDir(env)
  const exe = process.platform === 'win32' ? '.exe' : ''
  const binary = path.join(
    cacheDir,
    `apidump-${await sourceHash(sourceDir)}-${toolchain.version}${exe}`
  )
  if (existsSync(binary)) return binary
  await mkdir(cacheDir, { recursive: true })
  log?.(
    `Building the Go API dumper with ${toolchain.version} (once per Go version; kept in ${cacheDir})...`
  )
  const partial = `${binary}.${process.pid}.${Date.now()}.tmp`
  const extra: NodeJS.ProcessEnv = {}
  if (!env.GOCACHE && !env.HOME && !env.XDG_CACHE_HOME)
    extra.GOCACHE = path.join(cacheDir, 'go-build')
  // Go 1.23 type-checks generic aliases only with this experiment (on by default from 1.24).
  if (/^go1\.23(\D|$)/.test(toolchain.version)) extra.GOEXPERIMENT = 'aliastypeparams'
  const result = await run(toolchain.go, ['build', '-o', partial, '.'], {
    cwd: sourceDir,
    env: goEnv(env, extra)
  })
  if (result.code !== 0) {
    await rm(partial, { force: true })
    throw new InputError(
      `Building the Go API dumper with ${toolchain.version} failed: ${result.stderr.trim()}; Go 1.21 or newer is needed (set up Go, e.g. actions/setup-go).`
    )
  }
  await rename(partial, binary)
  return binary
}

/** Runs a built dumper; the standard library is read from the toolchain's GOROOT. */
export function runDumper(
  binary: string,
  toolchain: GoToolchain,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal
): Promise<RunResult> {
  // The dumper keeps where the standard library's export data is beside its binary.
  const extra: NodeJS.ProcessEnv = { APIDUMP_CACHE: env.APIDUMP_CACHE || path.dirname(binary) }
  if (toolchain.goroot) extra.GOROOT = toolchain.goroot
  if (toolchain.gomodcache && !env.GOMODCACHE) extra.GOMODCACHE = toolchain.gomodcache
  return run(binary, args, { cwd: os.tmpdir(), env: goEnv(env, extra), signal })
}

/** A built dumper and the toolchain it was built with. */
export interface DumperBinary {
  binary: string
  toolchain: GoToolchain
}

/**
 * Finds Go and builds the dumper on the first call, once (the first caller's `log` tells of it);
 * a failure (GoToolchainMissingError without Go) is tried again on the next call.
 */
export function lazyDumperBinary(
  options: GoDumperOptions = {}
): (log?: (message: string) => void) => Promise<DumperBinary> {
  const env = options.env ?? process.env
  let setup: Promise<DumperBinary> | undefined
  const build = async (log?: (message: string) => void): Promise<DumperBinary> => {
    const lookup = await findGoToolchain({ go: options.go, env })
    if (!lookup.found) throw new GoToolchainMissingError(lookup.reason)
    log?.(`Go API dumper: using ${lookup.toolchain.version}`)
    return {
      binary: await buildDumper(lookup.toolchain, options, log),
      toolchain: lookup.toolchain
    }
  }
  return (log) => {
    setup ??= build(log)
    setup.catch(() => {
      setup = undefined
    })
    return setup
  }
}

/** The real dumper: finds Go, builds go/apidump once, runs it on a directory. */
export function createGoApiDumper(options: GoDumperOptions = {}): GoApiDumper {
  const env = options.env ?? process.env
  const ensure = lazyDumperBinary(options)
  return async (dir, { log, label = dir }) => {
    const { binary: exe, toolchain } = await ensure(log)
    const absolute = path.resolve(dir)
    const started = Date.now()
    const result = await runDumper(exe, toolchain, [absolute], env)
    if (result.code !== 0) {
      const detail = result.stderr.trim()
      if (/does not type-check|:\d+:\d+: /.test(detail)) throw new GoSourceError(label, detail)
      throw new InputError(`${label}: the Go API could not be read: ${detail}`)
    }
    const dump: ApiDump = parseApiDump(result.stdout, label)
    log?.(`Go API of ${label}: ${dump.packages.length} package(s) in ${Date.now() - started} ms`)
    for (const warning of dump.warnings) log?.(`${label}: ${warning}`)
    return dump
  }
}
