import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/core'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import {
  FAKE_GITHUB_TOKEN,
  FAKE_READ_ONLY_TOKEN,
  FAKE_USER_TOKEN,
  startFakeGitHub,
  type FakeGitHub
} from './harness/fake-github.js'

const PlainOctokit = Octokit.plugin(paginateRest)
const owner = 'acme'
const repo = 'payments'

let github: FakeGitHub
let octokit: InstanceType<typeof PlainOctokit>

beforeEach(async () => {
  github = await startFakeGitHub({ repos: [{ owner, name: repo }] })
  octokit = new PlainOctokit({ auth: FAKE_GITHUB_TOKEN, baseUrl: github.url })
  github.state.addCommit(owner, repo, 'main', 'initial commit')
})

afterEach(async () => {
  await github.close()
})

/** The status GitHub would answer, from a request octokit turns into an error. */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call
    return 200
  } catch (error) {
    return (error as { status: number }).status
  }
}

describe('the fake GitHub refuses what GitHub would refuse', () => {
  it('rejects a body field of the wrong type', async () => {
    const issue = github.state.addIssue(owner, repo, { title: 'broken build' })
    const status = await statusOf(
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: issue.number,
        body: 42 as unknown as string
      })
    )
    expect(status).toBe(422)
    expect(github.rejections).toHaveLength(1)
    expect(github.rejections[0]?.reason).toMatch(/'body'.*string/)
    expect(github.state.commentsOf(owner, repo, issue.number)).toHaveLength(0)
  })

  it('rejects a body without a required field', async () => {
    github.state.addCommit(owner, repo, 'fix', 'a fix')
    const status = await statusOf(
      octokit.request('POST /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        head: 'fix',
        title: 'Fix'
      } as never)
    )
    expect(status).toBe(422)
    expect(github.rejections.map((r) => r.reason)).toEqual([
      expect.stringContaining('"base" wasn\'t supplied')
    ])
    expect(github.state.pullsOf(owner, repo)).toHaveLength(0)
  })

  it('rejects an unknown route', async () => {
    const status = await statusOf(
      octokit.request('GET /repos/{owner}/{repo}/rollbacks', { owner, repo })
    )
    expect(status).toBe(404)
    expect(github.rejections[0]).toMatchObject({
      method: 'GET',
      path: '/repos/acme/payments/rollbacks',
      operationId: null
    })
  })

  it('rejects a method the route does not have', async () => {
    const status = await statusOf(
      octokit.request('PUT /repos/{owner}/{repo}/releases/latest', { owner, repo })
    )
    expect(status).toBe(404)
    expect(github.rejections).toHaveLength(1)
  })

  it('rejects a value outside an enum', async () => {
    const status = await statusOf(
      octokit.request('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'merged' as 'open' })
    )
    expect(status).toBe(422)
    expect(github.rejections[0]?.reason).toMatch(/"open","closed","all"/)
  })

  it('rejects a path parameter of the wrong type', async () => {
    const status = await statusOf(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: 'first' as unknown as number
      })
    )
    expect(status).toBe(404)
    expect(github.rejections[0]?.reason).toMatch(/issue_number/)
  })

  it('rejects requests without a token or with an unknown one', async () => {
    const anonymous = await fetch(`${github.url}/repos/${owner}/${repo}`)
    expect(anonymous.status).toBe(401)
    const forged = await fetch(`${github.url}/repos/${owner}/${repo}`, {
      headers: { authorization: 'token ghp_not_a_token' }
    })
    expect(forged.status).toBe(401)
    expect(github.rejections.map((r) => r.reason)).toEqual([
      'Requires authentication',
      'Bad credentials'
    ])
  })

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(`${github.url}/repos/${owner}/${repo}/git/refs`, {
      method: 'POST',
      headers: { authorization: `token ${FAKE_GITHUB_TOKEN}`, 'content-type': 'application/json' },
      body: '{"ref": "refs/heads/x",'
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { message: string }).message).toBe('Problems parsing JSON')
  })

  it('rejects a comment longer than 65,536 characters', async () => {
    const issue = github.state.addIssue(owner, repo, { title: 'long' })
    const status = await statusOf(
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: issue.number,
        body: 'x'.repeat(65537)
      })
    )
    expect(status).toBe(422)
    expect(github.rejections[0]?.reason).toBe('Validation Failed')
    expect(() => github.expectNoRejections()).toThrow(
      /POST \/repos\/acme\/payments\/issues\/1\/comments -> 422/
    )
  })
})

describe('the fake GitHub accepts what GitHub accepts', () => {
  it('answers every operation of the extract with bodies that match GitHub response schemas', async () => {
    const main = github.state.repo(owner, repo)?.refs.get('refs/heads/main') as string
    const issue = github.state.addIssue(owner, repo, { title: 'incident' })
    github.state.addRelease(owner, repo, { tagName: 'v1.4.0', targetCommitish: main })

    await octokit.request('GET /repos/{owner}/{repo}', { owner, repo })
    const created = await octokit.request('POST /repos/{owner}/{repo}/git/refs', {
      owner,
      repo,
      ref: 'refs/heads/revert-1',
      sha: main
    })
    expect(created.data.object.sha).toBe(main)
    const next = github.state.addCommit(owner, repo, 'revert-1', 'Revert "feature"')
    await octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
      owner,
      repo,
      ref: 'heads/revert-1',
      sha: next
    })
    const ref = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner,
      repo,
      ref: 'heads/revert-1'
    })
    expect(ref.data.object.sha).toBe(next)
    const pull = await octokit.request('POST /repos/{owner}/{repo}/pulls', {
      owner,
      repo,
      head: 'revert-1',
      base: 'main',
      title: 'Revert',
      body: 'why',
      draft: true
    })
    expect(pull.status).toBe(201)
    expect(pull.data).toMatchObject({
      number: 2,
      state: 'open',
      draft: true,
      head: { ref: 'revert-1', sha: next },
      user: { login: 'github-actions[bot]', type: 'Bot' }
    })
    await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner,
      repo,
      pull_number: 2,
      body: 'why, updated'
    })
    await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner,
      repo,
      pull_number: 2
    })
    await octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
      owner,
      repo,
      pull_number: 2,
      reviewers: ['mona'],
      team_reviewers: ['sre']
    })
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner,
      repo,
      issue_number: 2,
      labels: ['rollback']
    })
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', {
      owner,
      repo,
      issue_number: 2,
      assignees: ['mona']
    })
    const listed = await octokit.request('GET /repos/{owner}/{repo}/pulls', {
      owner,
      repo,
      head: `${owner}:revert-1`
    })
    expect(
      listed.data.map((p) => [
        p.number,
        p.labels.map((l) => l.name),
        p.requested_reviewers?.map((u) => u.login),
        p.requested_teams?.map((t) => t.slug)
      ])
    ).toEqual([[2, ['rollback'], ['mona'], ['sre']]])
    const comment = await octokit.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { owner, repo, issue_number: issue.number, body: 'first' }
    )
    await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner,
      repo,
      comment_id: comment.data.id,
      body: 'edited'
    })
    await octokit.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner,
      repo,
      comment_id: comment.data.id
    })
    await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: issue.number
    })
    await octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner,
      repo,
      comment_id: comment.data.id
    })
    const latest = await octokit.request('GET /repos/{owner}/{repo}/releases/latest', {
      owner,
      repo
    })
    expect(latest.data.tag_name).toBe('v1.4.0')
    await octokit.request('GET /repos/{owner}/{repo}/releases', { owner, repo })
    await octokit.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', {
      owner,
      repo,
      tag: 'v1.4.0'
    })
    await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref: next })
    const compare = await octokit.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
      owner,
      repo,
      basehead: `main...revert-1`
    })
    expect(compare.data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0 })
    const run = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      owner,
      repo,
      name: 'rollback-guard',
      head_sha: next,
      status: 'in_progress'
    })
    await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner,
      repo,
      check_run_id: run.data.id,
      conclusion: 'success'
    })
    await octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
      owner,
      repo,
      ref: 'heads/revert-1'
    })
    const me = await new PlainOctokit({ auth: FAKE_USER_TOKEN, baseUrl: github.url }).request(
      'GET /user'
    )
    expect(me.data.login).toBe('octocat')

    github.expectNoRejections()
    expect(github.responseProblems).toEqual([])
    const answered = new Set(github.requests.map((r) => r.operationId))
    // the contents API and the Git Data API need a repository with files: the git-backed test below
    expect(Object.keys(github.extract.operations).filter((id) => !answered.has(id))).toEqual([
      'repos/get-content',
      'git/create-blob',
      'git/create-tree',
      'git/create-commit'
    ])
  })

  it('serves file contents base64-encoded, as GitHub does', async () => {
    await github.close()
    github = await startFakeGitHub({
      repos: [{ owner, name: repo, files: { 'api/openapi.yaml': 'openapi: 3.0.3\n' } }]
    })
    const file = await new PlainOctokit({ auth: FAKE_GITHUB_TOKEN, baseUrl: github.url }).request(
      'GET /repos/{owner}/{repo}/contents/{path}',
      {
        owner,
        repo,
        path: 'api/openapi.yaml'
      }
    )
    const data = file.data as { content: string; encoding: string }
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe('openapi: 3.0.3\n')
    expect(github.responseProblems).toEqual([])
  })

  it('paginates with Link headers that octokit follows', async () => {
    const issue = github.state.addIssue(owner, repo, { title: 'busy' })
    for (let i = 1; i <= 150; i++)
      github.state.addComment(owner, repo, issue.number, { body: `comment ${i}`, login: 'mona' })
    const first = await octokit.request(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { owner, repo, issue_number: issue.number, per_page: 100 }
    )
    expect(first.data).toHaveLength(100)
    expect(first.headers.link).toMatch(/[?&]page=2[^>]*>; rel="next"/)
    const all = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: issue.number,
      per_page: 100
    })
    expect(all.map((c) => c.body)).toEqual(
      Array.from({ length: 150 }, (_, i) => `comment ${i + 1}`)
    )
  })

  it('ignores a head filter without the owner prefix, as GitHub does', async () => {
    github.state.addCommit(owner, repo, 'a', 'a')
    github.state.addCommit(owner, repo, 'b', 'b')
    github.state.addPull(owner, repo, { title: 'A', head: 'a' })
    github.state.addPull(owner, repo, { title: 'B', head: 'b' })
    const unprefixed = await octokit.request('GET /repos/{owner}/{repo}/pulls', {
      owner,
      repo,
      head: 'a'
    })
    const prefixed = await octokit.request('GET /repos/{owner}/{repo}/pulls', {
      owner,
      repo,
      head: `${owner}:a`
    })
    expect(unprefixed.data.map((p) => p.title).sort()).toEqual(['A', 'B'])
    expect(prefixed.data.map((p) => p.title)).toEqual(['A'])
  })
})

describe('the fake GitHub models tokens and faults', () => {
  it('answers GET /user with 403 for an installation token', async () => {
    expect(await statusOf(octokit.request('GET /user'))).toBe(403)
    expect(github.rejections).toEqual([])
  })

  it('refuses writes with a read-only token, as on a fork pull request', async () => {
    const issue = github.state.addIssue(owner, repo, { title: 'from a fork' })
    const readOnly = new PlainOctokit({ auth: FAKE_READ_ONLY_TOKEN, baseUrl: github.url })
    const error = await readOnly
      .request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: issue.number,
        body: 'hi'
      })
      .catch((e: unknown) => e as { status: number; message: string })
    expect(error).toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration')
    })
    expect(
      (
        await readOnly.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner,
          repo,
          issue_number: issue.number
        })
      ).status
    ).toBe(200)
  })

  it('refuses pull requests from GITHUB_TOKEN when the repository setting forbids them', async () => {
    await github.close()
    github = await startFakeGitHub({
      repos: [{ owner, name: repo, actionsCanCreatePullRequests: false }]
    })
    github.state.addCommit(owner, repo, 'main', 'one')
    github.state.addCommit(owner, repo, 'fix', 'two')
    const error = await new PlainOctokit({ auth: FAKE_GITHUB_TOKEN, baseUrl: github.url })
      .request('POST /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        head: 'fix',
        base: 'main',
        title: 'Fix'
      })
      .catch((e: unknown) => e as { status: number; message: string })
    expect(error).toMatchObject({
      status: 403,
      message: expect.stringContaining('not permitted to create or approve pull requests')
    })
  })

  it('fails the next requests to a route as asked, then answers normally', async () => {
    github.failNext('GET', '/repos/{owner}/{repo}', 502, 2)
    expect(await statusOf(octokit.request('GET /repos/{owner}/{repo}', { owner, repo }))).toBe(502)
    expect(await statusOf(octokit.request('GET /repos/{owner}/{repo}', { owner, repo }))).toBe(502)
    expect(await statusOf(octokit.request('GET /repos/{owner}/{repo}', { owner, repo }))).toBe(200)
    expect(github.requests.map((r) => [r.status, r.injected])).toEqual([
      [502, true],
      [502, true],
      [200, false]
    ])
  })

  it('adds rate-limit headers to an injected rate-limit answer', async () => {
    github.failNext('GET', /\/pulls$/, 403, 1, {
      message: 'API rate limit exceeded for installation ID 1.'
    })
    const error = (await octokit
      .request('GET /repos/{owner}/{repo}/pulls', { owner, repo })
      .catch((e: unknown) => e)) as {
      status: number
      response: { headers: Record<string, string> }
    }
    expect(error.status).toBe(403)
    expect(error.response.headers['x-ratelimit-remaining']).toBe('0')
    expect(Number(error.response.headers['x-ratelimit-reset'])).toBeGreaterThan(
      Date.now() / 1000 - 1
    )
  })
})

describe('the fake GitHub backed by a real git repository', () => {
  it('reads and writes refs, commits and files of the repository the tests push to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-github-git-'))
    try {
      const work = join(dir, 'work')
      const bare = join(dir, 'remote.git')
      const git = (cwd: string, ...args: string[]) =>
        execFileSync(
          'git',
          ['-c', 'user.name=Mona', '-c', 'user.email=mona@example.com', ...args],
          {
            cwd,
            encoding: 'utf8'
          }
        ).trim()
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare])
      execFileSync('git', ['init', '-q', '-b', 'main', work])
      writeFileSync(join(work, 'go.mod'), 'module example.com/payments\n\ngo 1.22\n')
      git(work, 'add', 'go.mod')
      git(work, 'commit', '-q', '-m', 'release v1.4.0')
      const good = git(work, 'rev-parse', 'HEAD')
      writeFileSync(join(work, 'go.mod'), 'module example.com/payments\n\ngo 1.23\n')
      git(work, 'commit', '-q', '-am', 'release v1.5.0')
      const bad = git(work, 'rev-parse', 'HEAD')
      git(work, 'push', '-q', bare, 'main')
      git(work, 'checkout', '-q', '-b', 'revert')
      git(work, 'revert', '--no-edit', 'HEAD')
      const revert = git(work, 'rev-parse', 'HEAD')
      git(work, 'push', '-q', bare, 'revert')

      await github.close()
      github = await startFakeGitHub({ repos: [{ owner, name: repo, gitDir: bare }] })
      const client = new PlainOctokit({ auth: FAKE_GITHUB_TOKEN, baseUrl: github.url })
      const main = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
        owner,
        repo,
        ref: 'heads/main'
      })
      expect(main.data.object.sha).toBe(bad)
      await client.request('POST /repos/{owner}/{repo}/git/refs', {
        owner,
        repo,
        ref: 'refs/tags/v1.4.0',
        sha: good
      })
      const tag = ['--git-dir', bare, 'rev-parse', 'refs/tags/v1.4.0']
      expect(execFileSync('git', tag, { encoding: 'utf8' }).trim()).toBe(good)
      const rewind = { owner, repo, ref: 'heads/main', sha: good }
      expect(
        await statusOf(client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', rewind))
      ).toBe(422)
      const compare = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', {
        owner,
        repo,
        basehead: 'main...revert'
      })
      expect(compare.data).toMatchObject({
        status: 'ahead',
        ahead_by: 1,
        commits: [
          { sha: revert, commit: { message: expect.stringMatching(/^Revert "release v1.5.0"/) } }
        ]
      })
      const file = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner,
        repo,
        path: 'go.mod',
        ref: 'revert'
      })
      const content = (file.data as { content: string }).content
      expect(Buffer.from(content, 'base64').toString()).toContain('go 1.22')
      const commit = await client.request('GET /repos/{owner}/{repo}/commits/{ref}', {
        owner,
        repo,
        ref: good
      })
      expect(commit.data.commit.author?.email).toBe('mona@example.com')
      const pull = await client.request('POST /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        head: 'revert',
        base: 'main',
        title: 'Revert to v1.4.0'
      })
      expect(pull.data.head.sha).toBe(revert)
      const again = { owner, repo, head: 'revert', base: 'main', title: 'again' }
      expect(await statusOf(client.request('POST /repos/{owner}/{repo}/pulls', again))).toBe(422)
      // the Git Data API writes real objects: a blob, a tree on the good release's tree, a commit
      const blob = await client.request('POST /repos/{owner}/{repo}/git/blobs', {
        owner,
        repo,
        content: Buffer.from('module example.com/payments\n\ngo 1.24\n').toString('base64'),
        encoding: 'base64'
      })
      const goodTree = git(work, 'rev-parse', `${good}^{tree}`)
      const tree = await client.request('POST /repos/{owner}/{repo}/git/trees', {
        owner,
        repo,
        base_tree: goodTree,
        tree: [{ path: 'go.mod', mode: '100644', type: 'blob', sha: blob.data.sha }]
      })
      const made = await client.request('POST /repos/{owner}/{repo}/git/commits', {
        owner,
        repo,
        message: 'go 1.24',
        tree: tree.data.sha,
        parents: [good]
      })
      expect(made.data.verification?.verified).toBe(true)
      const show = ['--git-dir', bare, 'show', `${made.data.sha}:go.mod`]
      expect(execFileSync('git', show, { encoding: 'utf8' })).toContain('go 1.24')
      const orphan = { owner, repo, message: 'x', tree: tree.data.sha, parents: ['f'.repeat(40)] }
      expect(await statusOf(client.request('POST /repos/{owner}/{repo}/git/commits', orphan))).toBe(
        422
      )
      github.expectNoRejections()
      expect(github.responseProblems).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the REST extract', () => {
  it('records the @octokit/openapi version it was made from, and matches the installed description', async () => {
    const require = createRequire(import.meta.url)
    const installed = JSON.parse(
      readFileSync(require.resolve('@octokit/openapi/package.json'), 'utf8')
    ) as { version: string }
    expect(github.extract.source).toMatchObject({
      package: '@octokit/openapi',
      version: installed.version
    })
    const { stdout } = await promisify(execFile)(process.execPath, [
      'scripts/make-github-rest-extract.js',
      '--check'
    ])
    expect(stdout).toMatch(/matches @octokit\/openapi/)
  })
})
