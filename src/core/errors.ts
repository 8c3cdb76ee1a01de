import { redactText } from './redact.js'

/** Exit codes shared by the CLI and the actions (INTERFACES.md). */
export const ExitCode = {
  ok: 0,
  found: 1,
  usage: 2,
  service: 3,
  /** An error rollback-guard did not expect: a bug, reported as one. */
  internal: 4
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** An error the user can fix: a bad flag, an unreadable or invalid file. Exit code 2. */
export class InputError extends Error {
  readonly exitCode = ExitCode.usage
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'InputError'
  }
}

/** An outside service failed after retries (Prometheus down, GitHub 5xx). Exit code 3. */
export class ServiceError extends Error {
  readonly exitCode = ExitCode.service
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ServiceError'
  }
}

/** A job that a later release will provide. Exit code 2: the user asked for something unavailable. */
export class NotAvailableError extends InputError {
  constructor(what: string) {
    super(
      `${what} is not available yet in this version of rollback-guard; see the README for what is.`
    )
    this.name = 'NotAvailableError'
  }
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof InputError || error instanceof ServiceError) return error.exitCode
  // Errors of the edges that declare their cause (a git command that failed, an unreachable backend).
  const declared = (error as { exitCode?: unknown } | null)?.exitCode
  if (declared === ExitCode.usage || declared === ExitCode.service) return declared
  return ExitCode.internal
}

/**
 * The one line a person reads: the message of an error we expect, or for anything else what it
 * was, that it is a bug, and how to get the details for a report.
 */
export function describeError(error: unknown): string {
  const message = messageOf(error)
  if (exitCodeOf(error) !== ExitCode.internal) return message
  const kind = error instanceof Error ? error.name : typeof error
  return `unexpected ${kind}: ${message}. This is a bug in rollback-guard, not in your input: run again with --debug (in an action, re-run the job with debug logging) and report the output with the stack trace.`
}

export function messageOf(error: unknown): string {
  return redactText(error instanceof Error ? error.message : String(error))
}
