import { assertBranchName, isBranchName, isPlainName, isRemoteName } from '../../src/core/names.js'
import { manifestSchema } from '../../src/manifest/schema.js'

// Every name git itself refuses (`git check-ref-format --branch`) is refused here too; a few
// git accepts are refused on purpose (a leading '_' or '.'), never the other way round.
const refusedByGit = ['/main', '.hidden', 'main.', 'main/', 'a..b', 'a//b', 'x.lock', 'x.lock/y']
const refusedByGitToo = ['a/.b', '-x', 'a b', 'a@{b', 'a~1', '--upload-pack=x', '']
const accepted = ['main', 'release/1.x', 'feature/a.b', 'v1.2.3', 'rollback-manifests']

describe('one rule for names that reach git', () => {
  it.each([...refusedByGit, ...refusedByGitToo])('refuses the branch name %j', (name) => {
    expect(isBranchName(name)).toBe(false)
    expect(() => assertBranchName(name, 'base', 'main')).toThrow(
      `base '${name}' is not a usable branch name (such as main).`
    )
  })

  it.each(accepted)('accepts the branch name %j', (name) => {
    expect(isBranchName(name)).toBe(true)
  })

  it('refuses a leading underscore, which git would accept, to keep names plain', () => {
    expect(isBranchName('_x')).toBe(false)
  })

  it('accepts plain remote names only', () => {
    expect(isRemoteName('origin')).toBe(true)
    expect(isRemoteName('my-fork.2')).toBe(true)
    for (const bad of ['--upload-pack=touch x', 'a/b', '..', ''])
      expect(isRemoteName(bad)).toBe(false)
  })

  it('uses the same service/env rule in the manifest schema and in the commands', () => {
    const pattern = new RegExp(manifestSchema.$defs.name.pattern)
    for (const name of ['shop', 'eu-west.1', 'a'.repeat(63), 'a'.repeat(64), '-x', 'a/b', '']) {
      expect(isPlainName(name)).toBe(pattern.test(name))
    }
    expect(isPlainName('a'.repeat(64))).toBe(false)
  })
})
