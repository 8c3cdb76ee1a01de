import { InputError } from '../../core/errors.js'

/**
 * No Go toolchain on PATH to build the API dumper. The contract-check job catches this to skip
 * the Go check with a warning annotation (or to fail, when configured to).
 */
export class GoToolchainMissingError extends InputError {
  constructor(
    /** What was wrong with the toolchain: not found, too old to build the dumper. */
    readonly detail: string
  ) {
    super(
      `The Go contract check needs a Go toolchain on PATH (${detail}); install Go (for example with actions/setup-go) or remove the 'go' contract from the configuration.`
    )
    this.name = 'GoToolchainMissingError'
  }
}

/**
 * The Go source does not type-check. The message is one line naming the first error's
 * file:line; `errors` holds every error the dumper listed (it stops after ten).
 */
export class GoSourceError extends InputError {
  readonly errors: string[]

  constructor(
    readonly dir: string,
    detail: string
  ) {
    const errors = detail
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => /^\S+:\d+:\d+: /.test(line))
    const first = errors[0] ?? detail.split('\n')[0] ?? detail
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
    super(
      `${dir}: the Go code does not type-check, so its API cannot be compared; fix ${first}${more}`
    )
    this.name = 'GoSourceError'
    this.errors = errors.length > 0 ? errors : [detail]
  }
}
