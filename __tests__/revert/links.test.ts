import { describe, expect, it } from '@jest/globals'
import { hostedRemote, revertLinks, serverOfApiUrl } from '../../src/revert/links.js'

describe('the links of the revert pull request', () => {
  it('use GITHUB_SERVER_URL, with the run link on the same host', () => {
    expect(
      revertLinks({
        serverUrl: 'https://ghe.acme.internal',
        repository: 'acme/payments',
        runId: '4242'
      })
    ).toEqual({
      serverUrl: 'https://ghe.acme.internal',
      repository: 'acme/payments',
      runUrl: 'https://ghe.acme.internal/acme/payments/actions/runs/4242'
    })
  })

  it('take the host of GitHub Enterprise from its API URL when the server URL is not set', () => {
    expect(serverOfApiUrl('https://ghe.acme.internal/api/v3')).toBe('https://ghe.acme.internal')
    expect(serverOfApiUrl('https://api.github.com')).toBe('https://github.com')
    expect(serverOfApiUrl('https://api.acme.ghe.com')).toBe('https://acme.ghe.com')
    expect(serverOfApiUrl('http://127.0.0.1:3000')).toBeNull()
    expect(
      revertLinks({ apiUrl: 'https://ghe.acme.internal/api/v3', repository: 'acme/payments' })
        .serverUrl
    ).toBe('https://ghe.acme.internal')
  })

  it("take the host of a hosted remote, never github.com guessed from another host's URL", () => {
    expect(hostedRemote('git@gitlab.acme.internal:acme/payments.git')).toEqual({
      serverUrl: 'https://gitlab.acme.internal',
      repository: 'acme/payments'
    })
    expect(
      hostedRemote('https://x-access-token:secret@ghe.acme.internal/acme/payments.git')
    ).toEqual({ serverUrl: 'https://ghe.acme.internal', repository: 'acme/payments' })
    const links = revertLinks({ remoteUrl: 'ssh://git@ghe.acme.internal/acme/payments.git' })
    expect(links).toMatchObject({
      serverUrl: 'https://ghe.acme.internal',
      repository: 'acme/payments'
    })
  })

  it('give no repository links for a local remote, so local paths never appear', () => {
    for (const remoteUrl of [
      '/tmp/rollback-guard-git-abc/remote.git',
      'file:///srv/git/payments.git',
      '../payments.git',
      'work-alias:acme/payments'
    ]) {
      expect(hostedRemote(remoteUrl)).toBeNull()
      const links = revertLinks({ remoteUrl, runId: '7' })
      expect(links.repository).toBeNull()
      expect(links.runUrl).toBeNull()
      expect(JSON.stringify(links)).not.toMatch(/tmp|srv|payments/)
    }
  })

  it('ignore a run id or repository that is not plain', () => {
    expect(
      revertLinks({ serverUrl: 'https://github.com', repository: 'acme/x', runId: '1/../../evil' })
        .runUrl
    ).toBeNull()
    expect(revertLinks({ repository: 'acme/x)](https://evil' }).repository).toBeNull()
  })
})
