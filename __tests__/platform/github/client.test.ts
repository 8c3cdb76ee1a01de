import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { InputError } from '../../../src/core/errors.js'
import { createGitHubClient } from '../../../src/platform/github/client.js'
import { toGitHubError } from '../../../src/platform/github/errors.js'
import { getLatestRelease } from '../../../src/platform/github/releases.js'
import {
  FAKE_GITHUB_TOKEN,
  startFakeGitHub,
  type FakeGitHub
} from '../../e2e/harness/fake-github.js'

const owner = 'acme'
const repo = 'payments'
let github: FakeGitHub
let logged: string[]

function client(options: { retries?: number } = {}) {
  const record = (level: string) => (message: string) => logged.push(`${level}: ${message}`)
  return createGitHubClient({
    token: FAKE_GITHUB_TOKEN,
    baseUrl: `${github.url}/`,
    pacing: 'none',
    retryBaseDelayMs: 1,
    log: { debug: record('debug'), info: record('info'), warn: record('warn') },
    ...options
  })
}

beforeEach(async () => {
  logged = []
  github = await startFakeGitHub({ repos: [{ owner, name: repo }] })
})

afterEach(async () => {
  github.expectNoRejections()
  await github.close()
})

describe('createGitHubClient', () => {
  it('refuses an empty token with a message that names the input', () => {
    expect(() => createGitHubClient({ token: '  ' })).toThrow(InputError)
    expect(() => createGitHubClient({ token: '' })).toThrow(/github-token input/)
  })

  it('sends the token and its user agent, and follows GitHub API URL with a trailing slash', async () => {
    const { data } = await client().request('GET /repos/{owner}/{repo}', { owner, repo })
    expect(data.full_name).toBe('acme/payments')
    expect(github.requests[0]).toMatchObject({
      login: 'github-actions[bot]',
      path: '/repos/acme/payments',
      userAgent: expect.stringMatching(/^rollback-guard octokit-core\.js\//)
    })
  })

  it('waits out a primary rate limit and retries, logging the wait but never the token', async () => {
    github.failNext('GET', '/repos/{owner}/{repo}', 403, 1, {
      message: `API rate limit exceeded for installation. token ${FAKE_GITHUB_TOKEN}`
    })
    const { status } = await client().request('GET /repos/{owner}/{repo}', { owner, repo })
    expect(status).toBe(200)
    expect(github.requests.map((r) => r.status)).toEqual([403, 200])
    expect(logged).toEqual([
      expect.stringMatching(
        /^warn: GitHub primary rate limit on GET \/repos\/\{owner\}\/\{repo\}: retrying in \d+s$/
      )
    ])
    expect(logged.join('\n')).not.toContain(FAKE_GITHUB_TOKEN)
  })

  it('waits out a secondary rate limit (429 with retry-after)', async () => {
    github.failNext('POST', /\/check-runs$/, 429, 1, {
      message: 'You have exceeded a secondary rate limit.'
    })
    github.state.addCommit(owner, repo, 'main', 'x')
    const sha = github.state.repo(owner, repo)?.refs.get('refs/heads/main') as string
    const { status } = await client().request('POST /repos/{owner}/{repo}/check-runs', {
      owner,
      repo,
      name: 'rollback-guard',
      head_sha: sha
    })
    expect(status).toBe(201)
    expect(logged).toEqual([
      'warn: GitHub secondary rate limit on POST /repos/{owner}/{repo}/check-runs: retrying in 1s'
    ])
  })

  it('paces writes as GitHub asks by default, and still gets them through', async () => {
    const issue = github.state.addIssue(owner, repo, { title: 'paced' })
    const paced = createGitHubClient({ token: FAKE_GITHUB_TOKEN, baseUrl: github.url })
    const { status } = await paced.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      {
        owner,
        repo,
        issue_number: issue.number,
        body: 'hello'
      }
    )
    expect(status).toBe(201)
    expect(github.state.commentsOf(owner, repo, issue.number).map((c) => c.body)).toEqual(['hello'])
  })

  it('gives up after the configured retries of a 5xx', async () => {
    github.failNext('GET', '/repos/{owner}/{repo}', 503, 5)
    const error = await client({ retries: 2 })
      .request('GET /repos/{owner}/{repo}', { owner, repo })
      .catch((e: unknown) => toGitHubError(e, 'reading the repository'))
    expect(github.requests).toHaveLength(3)
    expect(error).toMatchObject({
      name: 'ServiceError',
      message: expect.stringMatching(
        /^GitHub answered 503 \(Server Error\) while reading the repository, after retries/
      )
    })
  })

  it('does not retry what GitHub refused on purpose (404)', async () => {
    const error = await client()
      .request('GET /repos/{owner}/{repo}', { owner, repo: 'nope' })
      .catch((e: unknown) => toGitHubError(e, 'reading acme/nope'))
    expect(github.requests).toHaveLength(1)
    expect(error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('does not exist, or the token cannot see it')
    })
  })
})

describe('getLatestRelease', () => {
  it('is null for a repository without releases', async () => {
    expect(await getLatestRelease({ client: client(), owner, repo })).toBeNull()
  })

  it('is the newest release that is neither a draft nor a prerelease', async () => {
    github.state.addRelease(owner, repo, { tagName: 'v1.3.0' })
    github.state.addRelease(owner, repo, { tagName: 'v1.4.0', targetCommitish: 'release/1.4' })
    github.state.addRelease(owner, repo, { tagName: 'v1.5.0-rc.1', prerelease: true })
    github.state.addRelease(owner, repo, { tagName: 'v1.5.0', draft: true })
    expect(await getLatestRelease({ client: client(), owner, repo })).toMatchObject({
      tagName: 'v1.4.0',
      targetCommitish: 'release/1.4',
      url: 'https://github.com/acme/payments/releases/tag/v1.4.0'
    })
  })
})
