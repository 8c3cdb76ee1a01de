import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createGitHubClient, type GitHubClient } from '../../../src/platform/github/client.js'
import {
  createOrUpdatePull,
  findOpenPullByHead,
  type PullRequestSpec
} from '../../../src/platform/github/pulls.js'
import { stickyMarker } from '../../../src/platform/github/sticky-comment.js'
import {
  FAKE_GITHUB_TOKEN,
  FAKE_READ_ONLY_TOKEN,
  FAKE_USER_TOKEN,
  startFakeGitHub,
  type FakeGitHub
} from '../../e2e/harness/fake-github.js'

const owner = 'acme'
const repo = 'payments'
const branch = 'rollback-guard/revert/payments/prod/9f3c2a1'
const marker = stickyMarker('revert/payments/prod')
let github: FakeGitHub

function clientFor(token: string): GitHubClient {
  return createGitHubClient({ token, baseUrl: github.url, pacing: 'none', retryBaseDelayMs: 1 })
}

function spec(overrides: Partial<PullRequestSpec> = {}): PullRequestSpec {
  return {
    client: clientFor(FAKE_GITHUB_TOKEN),
    owner,
    repo,
    head: branch,
    base: 'main',
    title: 'Revert payments to v1.4.0',
    body: 'The SLO gate failed: error ratio 4.1% > 1%.',
    marker,
    ...overrides
  }
}

async function start(options: { actionsCanCreatePullRequests?: boolean } = {}): Promise<void> {
  github = await startFakeGitHub({ repos: [{ owner, name: repo, ...options }] })
  github.state.addCommit(owner, repo, 'main', 'release v1.4.0')
  github.state.addCommit(owner, repo, 'main', 'release v1.5.0')
  github.state.addCommit(owner, repo, branch, 'Revert "release v1.5.0"')
}

beforeEach(() => start())

afterEach(async () => {
  github.expectNoRejections()
  await github.close()
})

describe('createOrUpdatePull', () => {
  it('opens one pull request, then updates it on later runs instead of opening another', async () => {
    const first = await createOrUpdatePull(spec())
    const second = await createOrUpdatePull(spec({ body: 'The SLO gate failed again: 5.0% > 1%.' }))
    const third = await createOrUpdatePull(spec({ body: 'The SLO gate failed again: 5.0% > 1%.' }))

    expect([first.action, second.action, third.action]).toEqual(['created', 'updated', 'unchanged'])
    const pulls = github.state.pullsOf(owner, repo)
    expect(pulls).toHaveLength(1)
    expect(pulls[0]).toMatchObject({
      head: { ref: branch },
      base: { ref: 'main' },
      login: 'github-actions[bot]',
      state: 'open'
    })
    expect(pulls[0]?.body).toBe(`${marker}\nThe SLO gate failed again: 5.0% > 1%.`)
    expect(first).toMatchObject({
      number: pulls[0]?.number,
      url: `https://github.com/acme/payments/pull/${pulls[0]?.number}`
    })
  })

  it('adds labels, assignees, reviewers and team reviewers, and can open a draft', async () => {
    const result = await createOrUpdatePull(
      spec({
        draft: true,
        labels: ['rollback', 'incident'],
        assignees: ['mona'],
        reviewers: ['hubot'],
        teamReviewers: ['@acme/sre']
      })
    )
    expect(result).toMatchObject({ action: 'created', draft: true, warnings: [] })
    expect(github.state.pullsOf(owner, repo)[0]).toMatchObject({
      draft: true,
      labels: ['rollback', 'incident'],
      assignees: ['mona'],
      requestedReviewers: ['hubot'],
      requestedTeams: ['sre']
    })
  })

  it('cuts a body over GitHub limit instead of failing', async () => {
    const result = await createOrUpdatePull(spec({ body: 'evidence\n'.repeat(10000) }))
    expect(result.warnings).toEqual([
      expect.stringMatching(/cut to GitHub's 65536-character limit/)
    ])
    const body = github.state.pullsOf(owner, repo)[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65536)
    expect(body.startsWith(marker)).toBe(true)
  })

  it('turns a refused reviewer into a warning, not a failure', async () => {
    const result = await createOrUpdatePull(
      spec({ client: clientFor(FAKE_USER_TOKEN), reviewers: ['octocat'] })
    )
    expect(result.action).toBe('created')
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /could not request reviewers.*422.*Review cannot be requested from pull request author/
      )
    ])
  })

  it('never reopens a closed pull request of ours, and opens no new one', async () => {
    github.state.addPull(owner, repo, {
      title: 'old revert',
      head: branch,
      body: `${marker}\nold`,
      state: 'closed',
      login: 'github-actions[bot]'
    })
    const result = await createOrUpdatePull(spec())
    expect(result).toMatchObject({ action: 'closed-exists', number: 1, merged: false })
    expect(github.state.pullsOf(owner, repo).map((p) => p.state)).toEqual(['closed'])
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  it('refuses to take over an open pull request on the branch that is not ours', async () => {
    github.state.addPull(owner, repo, {
      title: 'manual revert',
      head: branch,
      body: 'by hand',
      login: 'mona'
    })
    await expect(createOrUpdatePull(spec())).rejects.toThrow(
      /pull request #1 .* from branch 'rollback-guard\/revert\/payments\/prod\/9f3c2a1' was not opened by rollback-guard/
    )
    expect(github.state.pullsOf(owner, repo)[0]?.body).toBe('by hand')
  })

  it('ignores a pull request from a fork branch with the same name', async () => {
    github.state.addPull(owner, repo, {
      title: 'fork',
      head: branch,
      headOwner: 'forker',
      body: marker,
      login: 'forker'
    })
    const result = await createOrUpdatePull(spec())
    expect(result.action).toBe('created')
    expect(github.state.pullsOf(owner, repo).map((p) => p.head.owner)).toEqual(['forker', 'acme'])
    const listed = await clientFor(FAKE_GITHUB_TOKEN).request('GET /repos/{owner}/{repo}/pulls', {
      owner,
      repo
    })
    expect(
      listed.data.map((p) => [p.head.label, p.head.repo?.full_name, p.head.repo?.fork])
    ).toEqual([
      [`acme:${branch}`, 'acme/payments', false],
      [`forker:${branch}`, 'forker/payments', true]
    ])
  })

  it('names the repository setting when GitHub Actions may not create pull requests', async () => {
    await github.close()
    await start({ actionsCanCreatePullRequests: false })
    const error = (await createOrUpdatePull(spec()).catch((e: unknown) => e)) as Error
    expect(error.name).toBe('InputError')
    expect(error.message).toMatch(
      /acme\/payments .*Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"/
    )
  })

  it('names the missing permissions when the token is read-only', async () => {
    const error = (await createOrUpdatePull(
      spec({ client: clientFor(FAKE_READ_ONLY_TOKEN) })
    ).catch((e: unknown) => e)) as Error
    expect(error.name).toBe('InputError')
    expect(error.message).toMatch(/'pull-requests: write' and 'contents: write'.*'permissions:'/)
  })

  it('says which branch is missing when the head was never pushed', async () => {
    const error = (await createOrUpdatePull(spec({ head: 'not-pushed' })).catch(
      (e: unknown) => e
    )) as Error
    expect(error.name).toBe('InputError')
    expect(error.message).toMatch(
      /422 \(Validation Failed: head invalid\) while opening a pull request from not-pushed to main/
    )
  })
})

describe('findOpenPullByHead', () => {
  it('finds the open pull request from a branch, and null when there is none', async () => {
    const client = clientFor(FAKE_GITHUB_TOKEN)
    expect(await findOpenPullByHead({ client, owner, repo, head: branch })).toBeNull()
    github.state.addPull(owner, repo, { title: 'other', head: 'main', base: branch })
    const pull = github.state.addPull(owner, repo, { title: 'ours', head: branch, body: 'x' })
    expect(await findOpenPullByHead({ client, owner, repo, head: branch })).toMatchObject({
      number: pull.number,
      title: 'ours',
      head: branch,
      base: 'main',
      state: 'open'
    })
    expect(
      github.requests.filter((r) => r.operationId === 'pulls/list').map((r) => r.query.head)
    ).toEqual([`acme:${branch}`, `acme:${branch}`])
  })
})
