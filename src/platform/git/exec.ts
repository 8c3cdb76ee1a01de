import { execFile } from 'node:child_process'
import { InputError, ServiceError } from '../../core/errors.js'
import { redactText } from '../../core/redact.js'

export interface GitResult {
  stdout: string
  stderr: string
  code: number
  /** Raw stdout, when `encoding: 'buffer'` was asked for (binary blobs). */
  stdoutBuffer?: Buffer
}

export interface GitOptions {
  cwd: string
  /** Data written to git's stdin (e.g. for hash-object --stdin, mktree). */
  input?: string | Buffer
  env?: NodeJS.ProcessEnv
  /** Resolve with the non-zero code instead of throwing. */
  allowFailure?: boolean
  maxBuffer?: number
  encoding?: 'utf8' | 'buffer'
}

/** A git command failed (the repository, the remote or the network): exit 3 like any outside tool. */
export class GitError extends Error {
  readonly exitCode = 3
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string
  ) {
    super(
      redactText(
        `git ${args.join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`
      )
    )
    this.name = 'GitError'
  }
}

/** Runs git with an argument array (never a shell). Prompts are disabled so CI never hangs. */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args as string[],
      {
        cwd: options.cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...options.env },
        maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
        encoding: 'buffer'
      },
      (error, stdoutRaw, stderrRaw) => {
        const stdout = stdoutRaw.toString('utf8')
        const stderr = stderrRaw.toString('utf8')
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new InputError('git is not installed or not on PATH; install git and retry.'))
          return
        }
        if (code !== 0 && !options.allowFailure) {
          reject(new GitError(args, code, stderr))
          return
        }
        resolve(
          options.encoding === 'buffer'
            ? { stdout, stderr, code, stdoutBuffer: stdoutRaw }
            : { stdout, stderr, code }
        )
      }
    )
    if (options.input !== undefined) child.stdin?.end(options.input)
  })
}

/**
 * Many objects (`<oid>` or `<commit>:<path>`, one a line) in one `git cat-file --batch`, as raw
 * bytes (binary blobs stay intact); a missing or ambiguous one maps to null.
 */
export async function catFileBatch(
  cwd: string,
  specs: readonly string[],
  env?: NodeJS.ProcessEnv
): Promise<Map<string, Buffer | null>> {
  const unique = [...new Set(specs)]
  const found = new Map<string, Buffer | null>()
  if (unique.length === 0) return found
  const result = await git(['cat-file', '--batch'], {
    cwd,
    input: unique.map((spec) => `${spec}\n`).join(''),
    encoding: 'buffer',
    ...(env ? { env } : {})
  })
  const out = result.stdoutBuffer ?? Buffer.from(result.stdout)
  let offset = 0
  for (const spec of unique) {
    const newline = out.indexOf(10, offset)
    if (newline < 0) throw new ServiceError(`git cat-file --batch ended early at ${spec}`)
    const header = out.subarray(offset, newline).toString('utf8')
    offset = newline + 1
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      found.set(spec, null)
      continue
    }
    const size = Number(header.split(' ')[2])
    if (!Number.isInteger(size)) throw new ServiceError(`git cat-file --batch said '${header}'`)
    found.set(spec, out.subarray(offset, offset + size))
    offset += size + 1
  }
  return found
}
