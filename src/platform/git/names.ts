import { InputError } from '../../core/errors.js'

/**
 * Names that reach git as arguments: a value starting with '-' would be read as an option
 * (`--upload-pack=…` runs a command), so only plain names are accepted.
 */
export function assertRemoteName(remote: string, input = 'remote'): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote)) {
    throw new InputError(`${input} '${remote}' is not a remote name (such as origin).`)
  }
}

export function assertBranchName(branch: string, input = 'branch'): void {
  const plain = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch)
  if (
    !plain ||
    branch.includes('..') ||
    branch.includes('//') ||
    branch.endsWith('/') ||
    branch.endsWith('.lock')
  ) {
    throw new InputError(
      `${input} '${branch}' is not a usable branch name (such as rollback-manifests).`
    )
  }
}
