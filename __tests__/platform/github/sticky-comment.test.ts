import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createGitHubClient, type GitHubClient } from '../../../src/platform/github/client.js'
import { stickyMarker, upsertStickyComment } from '../../../src/platform/github/sticky-comment.js'
import { maxBodyLength } from '../../../src/platform/github/body-limit.js'
import { InputError } from '../../../src/core/errors.js'
import {
  FAKE_GITHUB_TOKEN,
  FAKE_READ_ONLY_TOKEN,
  FAKE_USER_TOKEN,
  startFakeGitHub,
  type FakeGitHub
} from '../../e2e/harness/fake-github.js'

const owner = 'acme'
const repo = 'payments'
let github: FakeGitHub
let pullNumber: number

function clientFor(token: string): GitHubClient {
  return createGitHubClient({ token, baseUrl: github.url, pacing: 'none', retryBaseDelayMs: 1 })
}

beforeEach(async () => {
  github = await startFakeGitHub({ repos: [{ owner, name: repo }] })
  github.state.addCommit(owner, repo, 'main', 'initial')
  github.state.addCommit(owner, repo, 'feature', 'change the API')
  pullNumber = github.state.addPull(owner, repo, {
    title: 'Change the API',
    head: 'feature',
    login: 'mona'
  }).number
})

afterEach(async () => {
  github.expectNoRejections()
  await github.close()
})

const upsert = (client: GitHubClient, body: string, marker = 'contract-check') =>
  upsertStickyComment({ client, owner, repo, issueNumber: pullNumber, marker, body })

describe('upsertStickyComment', () => {
  it('creates the comment once, then updates it, then leaves it alone', async () => {
    const client = clientFor(FAKE_GITHUB_TOKEN)
    const first = await upsert(client, '2 breaking changes')
    const second = await upsert(client, '1 breaking change')
    const third = await upsert(client, '1 breaking change')

    expect([first.action, second.action, third.action]).toEqual(['created', 'updated', 'unchanged'])
    const comments = github.state.commentsOf(owner, repo, pullNumber)
    expect(comments).toHaveLength(1)
    expect(comments[0]).toMatchObject({
      login: 'github-actions[bot]',
      body: `${stickyMarker('contract-check')}\n1 breaking change`
    })
    expect(first).toMatchObject({
      id: comments[0]?.id,
      url: expect.stringMatching(/\/acme\/payments\/pull\/1#issuecomment-\d+$/)
    })
    expect(github.requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual([
      'POST',
      'PATCH'
    ])
  })

  it('converges on one comment when two runs post at the same time', async () => {
    const results = await Promise.all([
      upsert(clientFor(FAKE_GITHUB_TOKEN), 'run A'),
      upsert(clientFor(FAKE_GITHUB_TOKEN), 'run B')
    ])
    const comments = github.state.commentsOf(owner, repo, pullNumber)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).toMatch(/\nrun [AB]$/)
    expect(results.map((r) => (r as { id: number }).id)).toEqual([comments[0]?.id, comments[0]?.id])
  })

  it('keeps the older comment when another run posted between our look-up and our post', async () => {
    const marker = stickyMarker('contract-check')
    let racer = 0
    github.beforeNext('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', () => {
      racer = github.state.addComment(owner, repo, pullNumber, {
        login: 'github-actions[bot]',
        body: `${marker}\nother run`
      }).id
    })
    const result = await upsert(clientFor(FAKE_GITHUB_TOKEN), 'this run')

    expect(result).toMatchObject({ action: 'updated', id: racer })
    expect(github.state.commentsOf(owner, repo, pullNumber)).toEqual([
      expect.objectContaining({ id: racer, body: `${marker}\nthis run` })
    ])
    expect(github.requests.filter((r) => r.method !== 'GET').map((r) => r.operationId)).toEqual([
      'issues/create-comment',
      'issues/update-comment',
      'issues/delete-comment'
    ])
  })

  it('never touches a comment of another author that carries the same marker', async () => {
    const foreign = github.state.addComment(owner, repo, pullNumber, {
      login: 'mona',
      body: `${stickyMarker('contract-check')}\nI copied your marker`
    })
    const client = clientFor(FAKE_GITHUB_TOKEN)
    await upsert(client, 'report one')
    await upsert(client, 'report two')

    const comments = github.state.commentsOf(owner, repo, pullNumber)
    expect(comments.map((c) => [c.login, c.body.split('\n')[1]])).toEqual([
      ['mona', 'I copied your marker'],
      ['github-actions[bot]', 'report two']
    ])
    expect(comments[0]).toEqual(foreign)
  })

  it('keeps comments with other markers apart', async () => {
    const client = clientFor(FAKE_GITHUB_TOKEN)
    await upsert(client, 'contracts', 'contract-check')
    await upsert(client, 'slo', 'slo-gate')
    await upsert(client, 'contracts again', 'contract-check')
    expect(github.state.commentsOf(owner, repo, pullNumber).map((c) => c.body)).toEqual([
      `${stickyMarker('contract-check')}\ncontracts again`,
      `${stickyMarker('slo-gate')}\nslo`
    ])
  })

  it('finds its comment behind 150 others by following the pages', async () => {
    const client = clientFor(FAKE_GITHUB_TOKEN)
    for (let i = 0; i < 120; i++)
      github.state.addComment(owner, repo, pullNumber, { login: 'mona', body: `chatter ${i}` })
    const created = await upsert(client, 'first report')
    for (let i = 0; i < 30; i++)
      github.state.addComment(owner, repo, pullNumber, { login: 'octocat', body: `more ${i}` })
    const updated = await upsert(client, 'second report')

    expect(updated).toMatchObject({ action: 'updated', id: (created as { id: number }).id })
    expect(github.state.commentsOf(owner, repo, pullNumber)).toHaveLength(151)
    const pages = github.requests
      .filter((r) => r.operationId === 'issues/list-comments')
      .map((r) => r.query.page ?? '1')
    // the look-up before the first post, the check for a concurrent post after it, the update
    expect(pages).toEqual(['1', '2', '1', '2', '1', '2'])
  })

  it('writes as the token user when GET /user answers', async () => {
    const result = await upsertStickyComment({
      client: clientFor(FAKE_USER_TOKEN),
      owner,
      repo,
      issueNumber: pullNumber,
      marker: 'x',
      body: 'hi'
    })
    expect(result.action).toBe('created')
    expect(github.state.commentsOf(owner, repo, pullNumber)[0]?.login).toBe('octocat')
    // octocat's comment is not mistaken for the bot's
    await upsert(clientFor(FAKE_GITHUB_TOKEN), 'bot', 'x')
    expect(github.state.commentsOf(owner, repo, pullNumber).map((c) => c.login)).toEqual([
      'octocat',
      'github-actions[bot]'
    ])
  })

  it('retries a 502 twice and then succeeds', async () => {
    github.failNext('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 502, 2)
    const result = await upsert(clientFor(FAKE_GITHUB_TOKEN), 'after retries')
    expect(result.action).toBe('created')
    expect(
      github.requests.filter((r) => r.operationId === 'issues/list-comments').map((r) => r.status)
    ).toEqual([502, 502, 200, 200])
  })

  it('gives up with a ServiceError when GitHub keeps failing', async () => {
    github.failNext('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 500, 10)
    const error = (await upsert(clientFor(FAKE_GITHUB_TOKEN), 'never').catch(
      (e: unknown) => e
    )) as Error
    expect(error).toMatchObject({ name: 'ServiceError', exitCode: 3 })
    expect(error.message).toMatch(
      /GitHub answered 500 .*while commenting on acme\/payments#1, after retries/
    )
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(4)
  })

  it('skips, without failing, when the token is read-only (a pull request from a fork)', async () => {
    const result = await upsert(clientFor(FAKE_READ_ONLY_TOKEN), 'report')
    expect(result).toEqual({
      action: 'skipped',
      reason: expect.stringMatching(/403 Resource not accessible by integration.*fork/)
    })
    expect(github.state.commentsOf(owner, repo, pullNumber)).toHaveLength(0)
  })

  it('cuts a body over GitHub limit and says so on the last line', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `| change ${i} | ${'x'.repeat(20)} |`)
    const body = ['## Contract changes', '```diff', ...lines, '```'].join('\n')
    const result = await upsert(clientFor(FAKE_GITHUB_TOKEN), body)

    expect(result).toMatchObject({ action: 'created', truncated: true })
    const stored = github.state.commentsOf(owner, repo, pullNumber)[0]?.body ?? ''
    expect(stored.length).toBeLessThanOrEqual(maxBodyLength)
    expect(stored.length).toBeGreaterThan(maxBodyLength - 200)
    expect(stored.split('\n').at(-1)).toMatch(/cut to fit GitHub's 65,536-character limit/)
    expect(stored.match(/^```/gm)).toHaveLength(2)
    expect(await upsert(clientFor(FAKE_GITHUB_TOKEN), body)).toMatchObject({ action: 'unchanged' })
  })

  it('refuses a marker that could break out of the HTML comment', async () => {
    await expect(upsert(clientFor(FAKE_GITHUB_TOKEN), 'x', 'a --> <img>')).rejects.toBeInstanceOf(
      InputError
    )
    expect(github.requests).toHaveLength(0)
  })
})
