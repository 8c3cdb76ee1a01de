import * as core from '@actions/core'
import { describeError, exitCodeOf, ExitCode, InputError } from '../core/errors.js'
import type { ManifestStore } from '../manifest/store.js'
import { openStore } from '../cli/store.js'

/** Inputs as the runner gives them: trimmed strings, '' when unset. */
export function input(name: string): string {
  return core.getInput(name).trim()
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

/**
 * Runs an action body: one clear error line (core.setFailed) instead of a stack trace, and the
 * process exit code of the CLI, so a wrapper script can tell a finding (1) from bad input (2).
 */
export async function runAction(body: () => Promise<number | void>): Promise<void> {
  try {
    const code = (await body()) ?? ExitCode.ok
    process.exitCode = code
  } catch (error) {
    core.setFailed(describeError(error))
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack)
    process.exitCode = exitCodeOf(error)
  }
}

/** The manifest store the job's `store`, `branch`, `remote` and `store-path` inputs name. */
export function storeFromInputs(root: string): Promise<ManifestStore | null> {
  return openStore(
    root,
    {
      store: input('store') || 'branch',
      branch: input('branch') || 'rollback-manifests',
      remote: input('remote') || undefined,
      storePath: input('store-path') || '.rollback-guard/manifests'
    },
    actionLog.info
  )
}
