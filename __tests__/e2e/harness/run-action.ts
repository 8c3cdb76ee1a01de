/**
 * Runs a bundled action exactly as the GitHub runner does: `node dist/<job>.js` with the
 * action.yml defaults applied as INPUT_* variables, the runner's GITHUB_* and RUNNER_* variables,
 * and the files it reads back (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

export const repoRoot = resolve(
  import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '../../..'
)

export interface RunActionOptions {
  /** `with:` inputs, by the names action.yml declares. */
  inputs?: Record<string, string>
  /** The checkout the step runs in (GITHUB_WORKSPACE). */
  workspace: string
  eventName?: string
  event?: Record<string, unknown>
  repository?: string
  sha?: string
  ref?: string
  token?: string
  apiUrl?: string
  serverUrl?: string
  /** Extra or overriding environment. */
  env?: Record<string, string>
  timeoutMs?: number
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  properties: Record<string, string>
  message: string
}

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
  env: Record<string, string>
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>
  runs: { using: string; main: string }
}

/** `job` is a folder with an action.yml (`manifest`, `contract-check`…) or '.' for the umbrella. */
export async function runAction(job: string, options: RunActionOptions): Promise<ActionRun> {
  const actionDir = resolve(repoRoot, job)
  const metadata = parse(await readFile(join(actionDir, 'action.yml'), 'utf8')) as ActionMetadata
  if (metadata.runs.using !== 'node24')
    throw new Error(`${job}/action.yml must run on node24, not ${metadata.runs.using}`)
  const temp = await mkdtemp(join(tmpdir(), 'rollback-guard-runner-'))
  const files = {
    output: join(temp, 'output'),
    summary: join(temp, 'summary'),
    state: join(temp, 'state'),
    envFile: join(temp, 'env'),
    path: join(temp, 'path'),
    event: join(temp, 'event.json')
  }
  for (const file of Object.values(files)) await writeFile(file, '')
  await writeFile(files.event, JSON.stringify(options.event ?? {}))
  const token = options.token ?? 'ghs_faketoken0000000000000000000000000000'
  const contexts: Record<string, string> = {
    'github.token': token,
    'github.workspace': options.workspace,
    'github.repository': options.repository ?? 'acme/service',
    'github.sha': options.sha ?? '',
    'github.ref': options.ref ?? 'refs/heads/main',
    'github.server_url': options.serverUrl ?? 'https://github.com',
    'github.api_url': options.apiUrl ?? 'https://api.github.com',
    'runner.temp': temp
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: contexts['github.repository'] as string,
    GITHUB_REPOSITORY_OWNER: (contexts['github.repository'] as string).split('/')[0] as string,
    GITHUB_SHA: options.sha ?? '',
    GITHUB_REF: contexts['github.ref'] as string,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.envFile,
    GITHUB_PATH: files.path,
    GITHUB_API_URL: contexts['github.api_url'] as string,
    GITHUB_SERVER_URL: contexts['github.server_url'] as string,
    GITHUB_GRAPHQL_URL: `${contexts['github.api_url']}/graphql`,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_JOB: 'check',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_ACTION: 'rollback-guard',
    GITHUB_ACTION_PATH: actionDir,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...options.env
  }
  if (!options.sha) delete env.GITHUB_SHA
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) {
    const given = options.inputs?.[name]
    const value =
      given ??
      (spec.default !== undefined ? evaluateExpression(String(spec.default), contexts) : undefined)
    // The runner upper-cases the name and keeps hyphens; unset inputs without a default are absent.
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in (metadata.inputs ?? {})))
      throw new Error(`input '${name}' is not declared in ${job}/action.yml`)
  }
  const main = resolve(actionDir, metadata.runs.main)
  const { code, stdout, stderr } = await spawnNode(
    main,
    options.workspace,
    env,
    options.timeoutMs ?? 120_000
  )
  return {
    exitCode: code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    annotations: parseAnnotations(stdout),
    env
  }
}

function evaluateExpression(text: string, contexts: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_match, name: string) => {
    if (!(name in contexts)) throw new Error(`the harness does not know the expression '${name}'`)
    return contexts[name] as string
  })
}

function spawnNode(main: string, cwd: string, env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolvePromise, reject) => {
      const child = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      child.on('error', reject)
      child.on('close', (code) => {
        clearTimeout(timer)
        resolvePromise({ code, stdout, stderr })
      })
    }
  )
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks (and plain `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const value: string[] = []
      while (++index < lines.length && lines[index] !== delimiter)
        value.push(lines[index] as string)
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

const unescapeData = (text: string) =>
  text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProperty = (text: string) =>
  unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',')

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
    annotations.push({
      level: match[1] as Annotation['level'],
      properties,
      message: unescapeData(match[3] ?? '')
    })
  }
  return annotations
}
