import { InputError } from './errors.js'

/**
 * The one rule for names that reach git as arguments, refs and paths. Stricter than
 * `git check-ref-format`: a name starting with '-' would be read as an option (`--upload-pack=…`
 * runs a command), and names starting with '.', '_' or '/' are refused as well.
 */
export function isBranchName(branch: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) &&
    !branch.includes('..') &&
    !branch.includes('//') &&
    !branch.includes('/.') &&
    !/[./]$/.test(branch) &&
    !/\.lock(\/|$)/.test(branch)
  )
}

export function isRemoteName(remote: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote) && !remote.includes('..')
}

/** service and env names: they become parts of paths, branch names and labels. */
export const plainNamePattern = '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'
const plainName = new RegExp(plainNamePattern)

export function isPlainName(name: string): boolean {
  return plainName.test(name)
}

export function assertRemoteName(remote: string, input = 'remote'): void {
  if (!isRemoteName(remote)) {
    throw new InputError(`${input} '${remote}' is not a remote name (such as origin).`)
  }
}

export function assertBranchName(
  branch: string,
  input = 'branch',
  example = 'rollback-manifests'
): void {
  if (!isBranchName(branch)) {
    throw new InputError(`${input} '${branch}' is not a usable branch name (such as ${example}).`)
  }
}
