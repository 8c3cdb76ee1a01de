import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { detectSource } from '../../src/platform/ci-source.js'
import { buildManifest } from '../../src/manifest/build.js'
import { serializeManifest } from '../../src/manifest/canonical.js'

const token = 'ghs_S3cr3tT0k3nValue'
const commit = 'a'.repeat(40)
// Not a git checkout: every field must come from the CI variables (and the overrides).
const outside = mkdtempSync(join(tmpdir(), 'rg-redact-'))
afterAll(() => rmSync(outside, { recursive: true, force: true }))

const providers: Array<[string, Record<string, string>]> = [
  [
    'GitHub Actions',
    {
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: `https://x-access-token:${token}@github.example.com`,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '42',
      GITHUB_SHA: commit,
      GITHUB_REF: 'refs/heads/main'
    }
  ],
  [
    'GitLab CI',
    {
      GITLAB_CI: 'true',
      CI_REPOSITORY_URL: `https://gitlab-ci-token:${token}@gitlab.example.com/acme/shop.git`,
      CI_COMMIT_SHA: commit,
      CI_COMMIT_REF_NAME: 'main',
      CI_JOB_URL: `https://gitlab.example.com/acme/shop/-/jobs/7?private_token=${token}`
    }
  ],
  [
    'Buildkite',
    {
      BUILDKITE: 'true',
      BUILDKITE_REPO: `https://x-access-token:${token}@github.com/acme/shop.git`,
      BUILDKITE_COMMIT: commit,
      BUILDKITE_BRANCH: 'main',
      BUILDKITE_BUILD_URL: `https://buildkite.com/acme/shop/builds/3?access_token=${token}`
    }
  ]
]

describe('a CI-provided URL never records its credentials', () => {
  it.each(providers)('%s: the source and the manifest carry no token', async (_name, env) => {
    const source = await detectSource(outside, env)
    expect(JSON.stringify(source)).not.toContain(token)
    const manifest = buildManifest(
      {
        service: 'shop',
        env: 'prod',
        createdAt: new Date('2026-12-01T00:00:00Z'),
        source,
        go: [],
        images: [],
        configVersion: null,
        configFiles: [],
        contracts: []
      },
      null
    )
    expect(serializeManifest(manifest)).not.toContain(token)
    // Still useful: the host and path are kept.
    expect(`${source.repository} ${source.runUrl}`).toMatch(/\.(com|example\.com)/)
  })

  it('Buildkite keeps the repository URL without its userinfo', async () => {
    const source = await detectSource(outside, providers[2]![1])
    expect(source.repository).toBe('https://github.com/acme/shop.git')
    expect(source.runUrl).toBe('https://buildkite.com/acme/shop/builds/3?access_token=***')
  })
})
