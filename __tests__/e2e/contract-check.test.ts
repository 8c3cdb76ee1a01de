import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { gitIn, repoWithRemote, writeFiles } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'
import {
  FAKE_GITHUB_TOKEN,
  FAKE_READ_ONLY_TOKEN,
  startFakeGitHub,
  type FakeGitHub
} from './harness/fake-github.js'
import { repoRoot, runAction } from './harness/run-action.js'

const v1 = readFileSync(resolve(repoRoot, 'examples/contracts/orders-api/v1/openapi.yaml'), 'utf8')
const v2 = readFileSync(resolve(repoRoot, 'examples/contracts/orders-api/v2/openapi.yaml'), 'utf8')
const marker = '<!-- rollback-guard:contract-check/check -->'

/**
 * The orders service: v1 of the API released as tag v1.4.0 on the bare remote, a pull request
 * branch with v2, and the workspace as actions/checkout leaves it (depth 1, no tags).
 */
async function orderServiceTemplate() {
  const { base, work, remote } = await repoWithRemote({
    '.rollback-guard.yml':
      'contracts:\n  - kind: openapi\n    name: orders-api\n    path: api/openapi.yaml\n',
    'api/openapi.yaml': v1
  })
  gitIn(work, 'tag', 'v1.4.0')
  gitIn(work, 'push', '-q', 'origin', 'v1.4.0')
  const baseSha = gitIn(work, 'rev-parse', 'HEAD')
  gitIn(work, 'checkout', '-q', '-b', 'feature/refunds')
  await writeFiles(work, { 'api/openapi.yaml': v2 })
  gitIn(work, 'commit', '-q', '-am', 'refunds')
  gitIn(work, 'push', '-q', 'origin', 'feature/refunds')
  const headSha = gitIn(work, 'rev-parse', 'HEAD')
  const checkout = join(base, 'checkout')
  gitIn(
    base,
    'clone',
    '-q',
    '--depth=1',
    '--no-tags',
    '--branch',
    'feature/refunds',
    `file://${remote}`,
    checkout
  )
  return { base, checkout, baseSha, headSha }
}

function pullEvent(number: number, headSha: string, baseSha: string, headRepo = 'acme/orders') {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      head: { ref: 'feature/refunds', sha: headSha, repo: { full_name: headRepo } },
      base: { ref: 'main', sha: baseSha, repo: { full_name: 'acme/orders' } }
    }
  }
}

describe('the contract-check action, run as the runner runs it', () => {
  let github: FakeGitHub
  beforeAll(async () => {
    github = await startFakeGitHub({ repos: [{ owner: 'acme', name: 'orders' }] })
  })
  afterAll(async () => {
    await github.close()
  })
  // Built once; each test gets its own copy of the remote and the checkout.
  const orderServices = gitTemplate(orderServiceTemplate)
  const orderService = () => orderServices.clone()

  it('comments once on the pull request, updates that comment on the next push, and fails on breaking changes', async () => {
    const { checkout, baseSha, headSha } = await orderService()
    const pull = github.state.addPull('acme', 'orders', {
      title: 'Refunds',
      head: 'feature/refunds'
    })
    // Someone quoting our marker must not have their comment taken over.
    github.state.addComment('acme', 'orders', pull.number, {
      body: `${marker}\nquoted by a person`,
      login: 'octocat'
    })
    const common = {
      workspace: checkout,
      eventName: 'pull_request',
      event: pullEvent(pull.number, headSha, baseSha),
      repository: 'acme/orders',
      sha: headSha,
      token: FAKE_GITHUB_TOKEN,
      apiUrl: github.url
    }

    const first = await runAction('contract-check', common)
    expect(first.stderr).toBe('')
    expect(first.exitCode).toBe(1)
    expect(first.stdout).toContain('::error::contract check failed (fail-on: breaking): ')
    expect(first.outputs['semver-required']).toBe('major')
    expect(first.outputs['next-version']).toBe('2.0.0')
    expect(Number(first.outputs['breaking-count'])).toBeGreaterThan(0)
    expect(Number(first.outputs['warning-count'])).toBeGreaterThan(0)
    const reportPath = first.outputs['report-path'] as string
    expect(reportPath).toBe(
      join(first.env.RUNNER_TEMP as string, 'rollback-guard', 'contract-report.json')
    )
    const report = JSON.parse(readFileSync(reportPath, 'utf8'))
    expect(report.base).toMatchObject({ ref: 'v1.4.0', sha: baseSha, source: 'tag' })
    expect(report.head).toEqual({ ref: 'feature/refunds', sha: headSha })
    expect(String(report.summary.breaking)).toBe(first.outputs['breaking-count'])

    const errors = first.annotations.filter((a) => a.level === 'error' && a.properties.file)
    expect(errors[0]?.properties).toMatchObject({ file: 'api/openapi.yaml' })
    expect(first.annotations.findIndex((a) => a.level === 'warning')).toBeGreaterThan(
      first.annotations.findIndex((a) => a.level === 'error')
    )
    expect(first.summary).toContain('**API contract check**')
    expect(first.summary).toContain('| contract | breaking | warning | info | semver |')

    const ours = () =>
      github.state
        .commentsOf('acme', 'orders', pull.number)
        .filter((c) => c.login === 'github-actions[bot]')
    expect(ours()).toHaveLength(1)
    const created = ours()[0]!
    expect(created.body.split('\n')[0]).toBe(marker)
    expect(created.body).toContain(
      `https://github.com/acme/orders/blob/${headSha}/api/openapi.yaml#L`
    )
    expect(created.body).toContain("required query parameter 'region' was added to GET /orders")
    // v2 adds POST /orders/{id}/refunds: a rollback of this release would take it away again.
    expect(created.body).toMatch(
      /\*\*If this release is rolled back:\*\* \d+ additions? of this change/
    )
    expect(created.body).toContain('<details><summary>What a rollback would remove</summary>')
    expect(created.body).toMatch(/- POST \/orders\/\\\{id\\\}\/refunds: /)
    expect(first.outputs['comment-url']).toContain(
      `/acme/orders/pull/${pull.number}#issuecomment-${created.id}`
    )

    // The next push drops the breaking parts: only the new endpoint remains.
    await writeFiles(checkout, {
      'api/openapi.yaml': v1.replace(
        '  /orders/{orderId}:',
        "  /health:\n    get:\n      responses:\n        '200':\n          description: ok\n  /orders/{orderId}:"
      )
    })
    gitIn(checkout, 'commit', '-q', '-am', 'keep the API compatible')
    const second = await runAction('contract-check', common)
    expect(second.stderr).toBe('')
    expect(second.exitCode).toBe(0)
    expect(second.outputs['breaking-count']).toBe('0')
    expect(second.outputs['semver-required']).toBe('minor')
    expect(second.outputs['next-version']).toBe('1.5.0')
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.id).toBe(created.id)
    expect(ours()[0]?.body).toContain('Nothing breaking')
    expect(
      github.state.commentsOf('acme', 'orders', pull.number).find((c) => c.login === 'octocat')
        ?.body
    ).toBe(`${marker}\nquoted by a person`)
    github.expectNoRejections()
  })

  it('on a fork pull request, skips the comment with a notice and still reports and fails', async () => {
    const { checkout, baseSha, headSha } = await orderService()
    const pull = github.state.addPull('acme', 'orders', {
      title: 'From a fork',
      head: 'feature/refunds',
      headOwner: 'stranger'
    })
    const run = await runAction('contract-check', {
      workspace: checkout,
      eventName: 'pull_request',
      event: pullEvent(pull.number, headSha, baseSha, 'stranger/orders'),
      repository: 'acme/orders',
      sha: headSha,
      token: FAKE_READ_ONLY_TOKEN,
      apiUrl: github.url
    })
    expect(run.exitCode).toBe(1)
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: expect.stringContaining(
          'No PR comment: this pull request comes from the fork stranger/orders'
        )
      })
    )
    expect(github.state.commentsOf('acme', 'orders', pull.number)).toHaveLength(0)
    expect(run.summary).toContain('**API contract check**')
    expect(run.outputs['comment-url']).toBe('')
    expect(Number(run.outputs['breaking-count'])).toBeGreaterThan(0)
    // The token appears only in the command that tells the runner to mask it.
    const withToken = (run.stdout + run.summary)
      .split('\n')
      .filter((line) => line.includes(FAKE_READ_ONLY_TOKEN))
    expect(withToken).toEqual([`::add-mask::${FAKE_READ_ONLY_TOKEN}`])
  })

  it('with a read-only token on a same-repository pull request, falls back the same way', async () => {
    const { checkout, baseSha, headSha } = await orderService()
    const pull = github.state.addPull('acme', 'orders', {
      title: 'Read-only',
      head: 'feature/refunds'
    })
    const run = await runAction('contract-check', {
      workspace: checkout,
      eventName: 'pull_request',
      event: pullEvent(pull.number, headSha, baseSha),
      repository: 'acme/orders',
      sha: headSha,
      token: FAKE_READ_ONLY_TOKEN,
      apiUrl: github.url,
      inputs: { 'fail-on': 'never' }
    })
    expect(run.exitCode).toBe(0)
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: expect.stringMatching(/^No PR comment: GitHub refused .*403/)
      })
    )
    expect(github.state.commentsOf('acme', 'orders', pull.number)).toHaveLength(0)
  })

  it('on a tag push, compares the release with the release before it and writes no comment', async () => {
    const { checkout, baseSha, headSha } = await orderService()
    gitIn(checkout, 'tag', 'v2.0.0')
    const run = await runAction('contract-check', {
      workspace: checkout,
      eventName: 'push',
      event: { ref: 'refs/tags/v2.0.0' },
      ref: 'refs/tags/v2.0.0',
      env: { GITHUB_REF_NAME: 'v2.0.0' },
      repository: 'acme/orders',
      sha: headSha,
      token: FAKE_GITHUB_TOKEN,
      apiUrl: github.url,
      inputs: { 'fail-on': 'never', comment: 'true' }
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const report = JSON.parse(readFileSync(run.outputs['report-path'] as string, 'utf8'))
    expect(report.base).toMatchObject({ ref: 'v1.4.0', sha: baseSha })
    expect(report.head).toEqual({ ref: 'v2.0.0', sha: headSha })
    expect(run.outputs['next-version']).toBe('2.0.0')
    expect(run.outputs['comment-url']).toBe('')
  })

  it('stops with one clear error on an invalid config (exit 2)', async () => {
    const { checkout } = await orderService()
    await writeFiles(checkout, {
      '.rollback-guard.yml':
        'contracts:\n  - kind: openapi\n    path: api/openapi.yaml\nfail-on: sometimes\n'
    })
    const temp = await mkdtemp(join(tmpdir(), 'rg-e2e-'))
    const run = await runAction('contract-check', {
      workspace: checkout,
      token: FAKE_GITHUB_TOKEN,
      apiUrl: github.url,
      env: { RUNNER_TEMP: temp }
    })
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toContain(
      '::error::.rollback-guard.yml:4: fail-on is "sometimes"; use breaking, warning or never'
    )
    expect(existsSync(join(temp, 'rollback-guard', 'contract-report.json'))).toBe(false)
  })
})
