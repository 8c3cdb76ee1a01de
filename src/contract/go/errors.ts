import { InputError } from '../../core/errors.js'

/**
 * No Go toolchain on PATH to build the API dumper. The contract-check job catches this to skip
 * the Go check with a warning annotation (or to fail, when configured to).
 */
export class GoToolchainMissingError extends InputError {
  constructor(detail: string) {
    super(
      `The Go contract check needs a Go toolchain on PATH (${detail}); install Go (for example with actions/setup-go) or remove the 'go' contract from the configuration.`
    )
    this.name = 'GoToolchainMissingError'
  }
}

/** The Go source does not type-check; the message carries file:line of each error. */
export class GoSourceError extends InputError {
  constructor(
    readonly dir: string,
    detail: string
  ) {
    super(`${dir}: the Go code does not type-check, so its API cannot be compared; fix:\n${detail}`)
    this.name = 'GoSourceError'
  }
}
