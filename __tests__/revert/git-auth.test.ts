import { describe, expect, it } from '@jest/globals'
import { InputError, ServiceError } from '../../src/core/errors.js'
import { pushError, scrub, tokenEnv } from '../../src/platform/git/revert-auth.js'
import { gitIn, repoWithRemote } from '../support/git-fixtures.js'

const token = 'ghs_secretsecretsecretsecret0000000000'

describe('the token reaches git through the environment only', () => {
  it('as an Authorization header for the server, base64 of x-access-token:TOKEN', async () => {
    const { work } = await repoWithRemote({ 'a.txt': 'a\n' })
    const env = await tokenEnv(work, token, 'https://github.example.com/')
    expect(env).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://github.example.com/.extraheader',
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
    })
    expect(await tokenEnv(work, null, 'https://github.com')).toEqual({})
  })

  it('adds nothing when actions/checkout persisted its own header (two would be refused)', async () => {
    const { work } = await repoWithRemote({ 'a.txt': 'a\n' })
    gitIn(work, 'config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic eA==')
    expect(await tokenEnv(work, token, 'https://github.com')).toEqual({})
  })
})

describe('a failed push is one error that says what to change', () => {
  it.each([
    [
      'remote: Permission to acme/payments.git denied to github-actions[bot].\nfatal: unable to access: The requested URL returned error: 403',
      /needs 'contents: write'/
    ],
    [
      'remote: error: GH013: Repository rule violations found for refs/heads/rollback-guard/x',
      /exempt 'rollback-guard\/revert\/\*\*'/
    ],
    [' ! [rejected] x -> x (stale info)', /changed meanwhile/]
  ])('%s', (stderr, message) => {
    const error = pushError(stderr, 'rollback-guard/revert/p/e/abc', 'origin', token)
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(message)
  })

  it('is a service error for anything else, without the token or URL credentials', () => {
    const error = pushError(
      `fatal: unable to access 'https://x-access-token:${token}@github.com/acme/p.git/': Could not resolve host`,
      'b',
      'origin',
      token
    )
    expect(error).toBeInstanceOf(ServiceError)
    expect(error.message).not.toContain(token)
    expect(scrub(`header ${token}`, token)).toBe('header ***')
  })
})
