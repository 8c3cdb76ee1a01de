import * as core from '@actions/core'
import {
  describeError,
  exitCodeOf,
  ExitCode,
  InputError,
  messageOf,
  ServiceError
} from '../core/errors.js'
import { parseMaxSeconds } from '../core/budget.js'
import { openStore, parseStoreKind } from '../wiring/store.js'
import type { StoreSettings } from '../wiring/settings.js'
import { tokenEnv } from '../platform/git/revert-auth.js'
import { repositoryRoot } from '../platform/ci-source.js'

/** Inputs as the runner gives them: trimmed strings, '' when unset. */
export function input(name: string): string {
  return core.getInput(name).trim()
}

/** The `github-token` input, masked in the log from here on. */
export function tokenInput(): string {
  const token = input('github-token')
  if (token) core.setSecret(token)
  return token
}

/** The repository the step works in: `working-directory`, else the workspace, as its git root. */
export async function workspaceRoot(): Promise<string> {
  const workspace = input('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd()
  return (await repositoryRoot(workspace)) ?? workspace
}

export function multilineInput(name: string): string[] {
  return core
    .getMultilineInput(name)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

export function booleanInput(name: string, fallback: boolean): boolean {
  const raw = input(name).toLowerCase()
  if (raw === '') return fallback
  if (['true', 'yes', '1', 'on'].includes(raw)) return true
  if (['false', 'no', '0', 'off'].includes(raw)) return false
  throw new InputError(`input '${name}' must be true or false, got '${raw}'.`)
}

/** The action's log port: progress lines go to the step log. */
export const actionLog = {
  info: (message: string) => core.info(message),
  warn: (message: string) => core.warning(message),
  debug: (message: string) => core.debug(message)
}

/** CLI flags whose action input has another name. */
const inputNames: Readonly<Record<string, string>> = {
  reason: 'evidence-path',
  evidence: 'evidence-path',
  'deploy-path': 'deploy-paths',
  contract: 'contracts',
  image: 'images',
  'go-module': 'go-modules'
}

/** Words after which `--flag` is part of a command shown as an example, not the flag of this step. */
const commandWords =
  /(?:^|\s)(?:rollback-guard|check|show|latest|plan|open|diff|create|mark-good|mark-bad|\S+\s+--\S+)\s*$/

/**
 * A user mistake as the workflow author sees it: the commands share their errors with the CLI, so
 * `--store` becomes `input 'store'` (quoted command examples are left as they are).
 */
export function inInputTerms(message: string): string {
  return message
    .split(/('[^']*'|`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(
            /(^|[\s(])--([a-z][a-z0-9-]*)/g,
            (whole, before: string, flag: string, at: number) =>
              commandWords.test(part.slice(0, at))
                ? whole
                : `${before}input '${inputNames[flag] ?? flag}'`
          )
    )
    .join('')
}

/**
 * Runs an action body: one clear error line (core.setFailed) instead of a stack trace, and the
 * process exit code of the CLI, so a wrapper script can tell a finding (1) from bad input (2).
 * An input error names the action's inputs, not the CLI's flags. With `maxSeconds`, the whole job
 * has a deadline: past it the step fails with exit 3 and the process ends, even while an outside
 * call is still pending (each call has its own deadline too; this one bounds their sum).
 */
export async function runAction(
  body: () => Promise<number | void>,
  options: { maxSecondsInput?: string; defaultMaxSeconds?: number } = {}
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  let expired = false
  try {
    const name = options.maxSecondsInput
    const limit = name
      ? (parseMaxSeconds(input(name) || undefined, `input '${name}'`) ?? options.defaultMaxSeconds)
      : undefined
    const deadline =
      limit !== undefined && limit > 0
        ? new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              expired = true
              reject(
                new ServiceError(
                  `the job did not finish within ${limit} s (input '${name}'); it stopped where it was. Run it again (it picks up what is already done), or raise ${name}.`
                )
              )
            }, limit * 1000)
          })
        : null
    const code = (await (deadline ? Promise.race([body(), deadline]) : body())) ?? ExitCode.ok
    process.exitCode = code
  } catch (error) {
    core.setFailed(
      error instanceof InputError ? inInputTerms(messageOf(error)) : describeError(error)
    )
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack)
    process.exitCode = exitCodeOf(error)
  } finally {
    clearTimeout(timer)
  }
  // a pending call would keep the process (and the job) alive past its deadline
  if (expired) process.exit()
}

export const inputStoreNames = { store: "input 'store'", storePath: "input 'store-path'" }

/**
 * The manifest store the job's `store`, `branch`, `remote` and `store-path` inputs name. The branch
 * store fetches and pushes with the job's `github-token` input when the checkout kept no credentials
 * of its own (`persist-credentials: false`), never putting it in a URL or an argument.
 */
export async function storeSettingsFromInputs(root: string): Promise<StoreSettings> {
  const token = tokenInput()
  const gitEnv = await tokenEnv(
    root,
    token || null,
    process.env.GITHUB_SERVER_URL || 'https://github.com'
  )
  return {
    kind: parseStoreKind(input('store') || 'branch', "input 'store'"),
    branch: input('branch') || 'rollback-manifests',
    remote: input('remote') || undefined,
    path: input('store-path') || '.rollback-guard/manifests',
    ...(Object.keys(gitEnv).length > 0 ? { gitEnv } : {})
  }
}

/** Opens the store the settings name, with errors that name the action's inputs. */
export function openInputStore(root: string, settings: StoreSettings) {
  return openStore(root, settings, actionLog.info, inputStoreNames)
}
