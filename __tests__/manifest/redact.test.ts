import { describe, expect, it } from '@jest/globals'
import { redactText } from '../../src/core/redact.js'
import { buildManifest } from '../../src/manifest/build.js'
import { messageOf } from '../../src/core/errors.js'

describe('redaction of recorded URLs', () => {
  it('removes userinfo and credential query values, keeps the rest', () => {
    expect(redactText('https://x-access-token:tok@github.com/acme/shop.git')).toBe(
      'https://github.com/acme/shop.git'
    )
    expect(redactText('https://user@host.example/path?a=1&token=tok#frag')).toBe(
      'https://host.example/path?a=1&token=***#frag'
    )
    expect(redactText('git@github.com:acme/shop.git')).toBe('git@github.com:acme/shop.git')
    expect(redactText('acme/shop')).toBe('acme/shop')
  })

  it('redacts URLs inside an error message (git push stderr)', () => {
    const error = new Error(
      "fatal: unable to access 'https://gitlab-ci-token:tok123@gitlab.com/a/b.git/': 403"
    )
    expect(messageOf(error)).toBe("fatal: unable to access 'https://gitlab.com/a/b.git/': 403")
    expect(redactText('see https://a:b@h.example and https://c:d@i.example/x')).toBe(
      'see https://h.example and https://i.example/x'
    )
  })

  it('a manifest built from a source with a token records none', () => {
    const manifest = buildManifest(
      {
        service: 's',
        env: 'e',
        createdAt: new Date(0),
        source: {
          repository: 'https://x-access-token:tok@github.com/acme/shop.git',
          commit: 'a'.repeat(40),
          ref: null,
          tag: null,
          runUrl: 'https://ci.example/run/1?sig=tok',
          runAttempt: null,
          actor: null
        },
        go: [],
        images: [],
        configVersion: null,
        configFiles: [],
        contracts: []
      },
      null
    )
    expect(JSON.stringify(manifest)).not.toContain('tok')
  })
})
