import { execFile } from 'node:child_process'
import os from 'node:os'

export interface GoToolchain {
  /** The go command that was found (on PATH unless given). */
  go: string
  /** `go1.19.8`, `go1.23.4`. */
  version: string
  /** Where the standard library is: the dumper type-checks imports of it from there. */
  goroot: string
  /** The module cache, where the dumper finds the sources of dependencies (when downloaded). */
  gomodcache: string
}

/** Whether Go is installed: a typed result, so the job can skip the Go check with a warning. */
export type GoToolchainLookup =
  { found: true; toolchain: GoToolchain } | { found: false; reason: string }

export interface RunResult {
  stdout: string
  stderr: string
  code: number
}

/**
 * The environment every go command and the dumper run with: never switch or download a
 * toolchain because of a go.mod nearby, never consult a workspace, no cgo, and none of the
 * user's GOFLAGS (the standard library's export data is built with `go list -export` on Go 1.20+).
 */
export function goEnv(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...env,
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    GOFLAGS: '',
    GO111MODULE: 'on',
    CGO_ENABLED: '0',
    ...extra
  }
}

/**
 * Runs a program with an argument array (never a shell) and collects its output; `signal` stops
 * it (SIGTERM), which ends in a non-zero code.
 */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; signal?: AbortSignal }
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args as string[],
      {
        cwd: options.cwd,
        env: options.env,
        maxBuffer: 512 * 1024 * 1024,
        encoding: 'utf8',
        signal: options.signal
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(error)
          return
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ stdout, stderr, code })
      }
    )
  })
}

/** Looks for `go` (on PATH, or the given command) and asks it for its version. */
export async function findGoToolchain(
  options: { go?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<GoToolchainLookup> {
  const go = options.go ?? 'go'
  const env = goEnv(options.env ?? process.env)
  try {
    const result = await run(go, ['env', 'GOVERSION', 'GOROOT', 'GOMODCACHE'], {
      cwd: os.tmpdir(),
      env
    })
    const [version = '', goroot = '', gomodcache = ''] = result.stdout.trim().split('\n')
    if (result.code !== 0 || !/^go\d/.test(version)) {
      return {
        found: false,
        reason: `'${go} env GOVERSION' failed: ${(result.stderr || result.stdout).trim().split('\n')[0] ?? ''}`
      }
    }
    return {
      found: true,
      toolchain: { go, version, goroot: goroot.trim(), gomodcache: gomodcache.trim() }
    }
  } catch {
    return { found: false, reason: `'${go}' was not found on PATH` }
  }
}
