import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

export const cliPath = resolve(
  import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '../../dist/cli.js'
)

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the bundled CLI as a user would (`node dist/cli.js ...`), outside any GitHub environment. */
export function runCliProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; input?: string }
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env }
    for (const name of Object.keys(env))
      if (name.startsWith('GITHUB_') && !options.env?.[name]) delete env[name]
    delete env.GITHUB_ACTIONS
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
