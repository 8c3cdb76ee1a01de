import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../../../..')

/** The buf binary installed by the `@bufbuild/buf` devDependency (the native one when present). */
export function bufBinary(): string {
  const native = join(
    root,
    'node_modules',
    '@bufbuild',
    `buf-${process.platform}-${process.arch === 'x64' ? 'x64' : process.arch}`,
    'bin',
    'buf'
  )
  if (existsSync(native)) return native
  const wrapper = join(root, 'node_modules', '.bin', 'buf')
  if (existsSync(wrapper)) return wrapper
  throw new Error('buf is not installed: run npm ci (the @bufbuild/buf devDependency provides it)')
}

export interface BufAnnotation {
  path?: string
  start_line: number
  start_column: number
  type: string
  message: string
}

function run(
  args: string[],
  cwd: string
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((done) => {
    execFile(bufBinary(), args, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      done({ stdout, stderr, code })
    })
  })
}

/** `buf breaking . --against BASE --error-format json`, run from the head directory. */
export async function bufBreaking(baseDir: string, headDir: string): Promise<BufAnnotation[]> {
  const { stdout, stderr, code } = await run(
    ['breaking', '.', '--against', resolve(baseDir), '--error-format', 'json'],
    headDir
  )
  if (code !== 0 && code !== 100)
    throw new Error(`buf breaking failed (${code}): ${stderr}${stdout}`)
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as BufAnnotation)
}

/** Rule ids buf runs for a buf.yaml (`buf config ls-breaking-rules --configured-only`). */
export async function bufConfiguredRules(dir: string): Promise<string[]> {
  const { stdout, stderr, code } = await run(
    ['config', 'ls-breaking-rules', '--configured-only', '--format', 'json'],
    dir
  )
  if (code !== 0) throw new Error(`buf config ls-breaking-rules failed (${code}): ${stderr}`)
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { id: string }).id)
    .sort()
}

/** `buf build` of a directory: its compile errors as `file:line:col message`, [] when it compiles. */
export async function bufBuildErrors(dir: string): Promise<string[]> {
  const { stdout, stderr, code } = await run(['build', '.', '-o', '/dev/null'], dir)
  if (code === 0) return []
  return `${stdout}${stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[^\s:]+\.proto:\d+:\d+:/.test(l))
}
