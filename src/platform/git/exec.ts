import { execFile } from 'node:child_process'
import { InputError } from '../../core/errors.js'

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
      redactCredentials(
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

/** Hides credentials embedded in remote URLs (https://user:token@host) before anything is printed. */
export function redactCredentials(text: string): string {
  return text.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1***@')
}
