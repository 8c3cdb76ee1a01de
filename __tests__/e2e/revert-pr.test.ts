import { chmod, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { gitIn, writeFiles } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'
import { show, type History } from '../revert/support/history.js'
import { demoEvidence } from '../revert/support/manifests.js'
import {
  badRelease,
  goodRelease,
  recordRelease,
  releasedHistory
} from '../revert/support/releases.js'
import {
  FAKE_GITHUB_TOKEN,
  FAKE_USER_TOKEN,
  startFakeGitHub,
  type FakeGitHub
} from './harness/fake-github.js'
import { runAction } from './harness/run-action.js'

// Each test runs the bundled action several times: minutes on a busy machine. The histories are
// built once (beforeAll) and copied per test.
jest.setTimeout(180_000)

const fakes: FakeGitHub[] = []
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close()
})

interface Incident {
  history: History
  github: FakeGitHub
  evidencePath: string
  branch: string
}

/** The history of an incident with its releases recorded, and the failing gate's evidence beside it. */
async function incidentHistory(
  options: Parameters<typeof releasedHistory>[0] = {}
): Promise<{ base: string; history: History; evidencePath: string }> {
  const history = await releasedHistory(options)
  const evidencePath = join(history.base, 'evidence.json')
  await writeFile(evidencePath, JSON.stringify(await demoEvidence('failing'), null, 2))
  return { base: history.base, history, evidencePath }
}

// Built once for this file; every test works on its own copy.
const histories = {
  plain: gitTemplate(() => incidentHistory()),
  conflictAfterBad: gitTemplate(() => incidentHistory({ conflictAfterBad: true })),
  contracts: gitTemplate(() => incidentHistory({ contracts: true }))
}

async function incident(
  options: {
    conflictAfterBad?: boolean
    actionsCanCreatePullRequests?: boolean
    /** Snapshot an OpenAPI contract: GET /orders in the good release, GET /refunds added in the bad one. */
    contracts?: boolean
  } = {}
): Promise<Incident> {
  if (options.conflictAfterBad && options.contracts)
    throw new Error('no history has both a conflict after the bad release and contracts')
  const template = options.conflictAfterBad
    ? histories.conflictAfterBad
    : options.contracts
      ? histories.contracts
      : histories.plain
  const { history, evidencePath } = await template.clone()
  const github = await startFakeGitHub({
    repos: [
      {
        owner: 'acme',
        name: 'payments',
        gitDir: history.remote,
        actionsCanCreatePullRequests: options.actionsCanCreatePullRequests ?? true
      }
    ]
  })
  fakes.push(github)
  return {
    history,
    github,
    evidencePath,
    branch: `rollback-guard/revert/payments/production/${history.bad.slice(0, 12)}`
  }
}

// The action folder; another bundle (a folder holding revert-pr/action.yml and dist/) can be named
// for local runs while dist/ is being rebuilt.
const actionDir = process.env.REVERT_PR_ACTION_DIR ?? 'revert-pr'

function revertPr(i: Incident, inputs: Record<string, string> = {}) {
  return runAction(actionDir, {
    workspace: i.history.work,
    repository: 'acme/payments',
    apiUrl: i.github.url,
    token: FAKE_GITHUB_TOKEN,
    sha: i.history.tip,
    inputs: {
      service: 'payments',
      'evidence-path': i.evidencePath,
      'deploy-paths': 'deploy\ncharts',
      reviewers: 'octocat',
      ...inputs
    }
  })
}

const pulls = (i: Incident) => i.github.state.pullsOf('acme', 'payments')
const remoteBranches = (i: Incident) =>
  gitIn(i.history.remote, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/rollback-guard/')

describe('revert-pr, run as the runner runs it, against a bare remote and the fake GitHub', () => {
  it('a GitHub API that accepts connections and never answers ends the job at its deadline with exit 3', async () => {
    const i = await incident()
    const hung = createServer(() => undefined)
    await new Promise<void>((done) => hung.listen(0, '127.0.0.1', done))
    try {
      const started = Date.now()
      const run = await runAction(actionDir, {
        workspace: i.history.work,
        repository: 'acme/payments',
        apiUrl: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
        token: FAKE_GITHUB_TOKEN,
        sha: i.history.tip,
        inputs: {
          service: 'payments',
          'evidence-path': i.evidencePath,
          'deploy-paths': 'deploy\ncharts',
          'max-seconds': '8'
        }
      })
      expect(run.exitCode).toBe(3)
      expect(run.stdout).toMatch(
        /::error::the job did not finish within 8 s \(input 'max-seconds'\)/
      )
      expect(Date.now() - started).toBeLessThan(30_000)
    } finally {
      hung.closeAllConnections()
      await new Promise((done) => hung.close(done))
    }
  })

  it('sign-commits: pushes the revert through the Git Data API, so GitHub signs the commits; the same tree as git push', async () => {
    const plain = await incident()
    expect((await revertPr(plain)).exitCode).toBe(0)
    const signed = await incident()
    const run = await revertPr(signed, { 'sign-commits': 'true' })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ action: 'created', strategy: 'revert-commits' })
    const tip = gitIn(signed.history.remote, 'rev-parse', `refs/heads/${signed.branch}`)
    // every commit of the branch since the base was made by GitHub through the API
    const made = gitIn(signed.history.remote, 'rev-list', `${signed.history.tip}..${tip}`)
      .split('\n')
      .filter(Boolean)
    expect(made.length).toBeGreaterThan(0)
    expect([...made].sort()).toEqual([...signed.github.state.signedCommits].sort())
    expect(gitIn(signed.history.remote, 'log', '-1', '--format=%cn', tip)).toBe('GitHub')
    // the content is what git push gives: the same tree
    const plainTip = gitIn(plain.history.remote, 'rev-parse', `refs/heads/${plain.branch}^{tree}`)
    expect(gitIn(signed.history.remote, 'rev-parse', `${tip}^{tree}`)).toBe(plainTip)
    expect(pulls(signed)[0]).toMatchObject({ state: 'open', head: { ref: signed.branch } })
    // a second run finds the branch as it left it and changes nothing
    const again = await revertPr(signed, { 'sign-commits': 'true' })
    expect(again.outputs.action).toBe('unchanged')
    signed.github.expectNoRejections()
  })

  it('reverts the commits since the last good release (merge with -m 1) in one pull request; a second run changes nothing', async () => {
    const i = await incident()
    const run = await revertPr(i, {
      labels: 'rollback, incident',
      'team-reviewers': 'acme/oncall',
      assignees: 'octocat'
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      action: 'created',
      'pull-request-number': '1',
      branch: i.branch,
      strategy: 'revert-commits'
    })
    const [pull] = pulls(i)
    expect(pull).toMatchObject({
      state: 'open',
      draft: false,
      head: { ref: i.branch },
      base: { ref: 'main' },
      labels: ['rollback', 'incident'],
      requestedReviewers: ['octocat'],
      requestedTeams: ['oncall'],
      assignees: ['octocat']
    })
    expect(pull?.title).toBe(
      `rollback-guard: revert payments/production to ${i.history.good.slice(0, 12)} (SLO gate failed on ${i.history.bad.slice(0, 12)})`
    )
    expect(pull?.body).toMatch(
      /^<!-- rollback-guard:revert\/payments\/production -->\n<!-- rollback-guard:revert-incident:/
    )
    expect(pull?.body).toMatch(/```mermaid\n%%\{init: .*\}%%\nxychart-beta/)
    expect(pull?.body).toContain('(merge, reverted with `-m 1`)')
    expect(pull?.body).toContain('https://github.com/acme/payments/actions/runs/4242')
    // The branch on the remote brings app and deploy back to the good release, on top of main.
    for (const path of [
      'app/api.go',
      'deploy/overlays/production/kustomization.yaml',
      'charts/payments/values.yaml'
    ])
      expect(show(i.history.remote, i.branch, path)).toBe(
        show(i.history.remote, i.history.good, path)
      )
    expect(gitIn(i.history.remote, 'merge-base', '--is-ancestor', i.history.tip, i.branch)).toBe('')
    expect(run.summary).toContain('revert-pr: created')

    const again = await revertPr(i)
    expect(again.exitCode).toBe(0)
    expect(again.outputs).toMatchObject({ action: 'unchanged', 'pull-request-number': '1' })
    expect(pulls(i)).toHaveLength(1)
    expect(remoteBranches(i)).toBe(i.branch)
    i.github.expectNoRejections()
    expect(JSON.stringify(i.github.requests)).not.toContain(FAKE_GITHUB_TOKEN)
    // The runner masks what ::add-mask:: names; nothing else may print the token, and git keeps none.
    const printed = (run.stdout + again.stdout + run.stderr + again.stderr).replace(
      /^::add-mask::.*$/gm,
      ''
    )
    expect(printed).not.toContain(FAKE_GITHUB_TOKEN)
    expect(await readFile(join(i.history.work, '.git', 'config'), 'utf8')).not.toContain(
      FAKE_GITHUB_TOKEN
    )
  })

  it('says in the body what the rollback removes for clients and what it does not undo', async () => {
    const i = await incident({ contracts: true })
    const run = await revertPr(i)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ action: 'created' })
    const body = pulls(i)[0]?.body ?? ''
    const warning = body.indexOf('**Clients of v2\\.8\\.0 lose:** GET /refunds')
    expect(warning).toBeGreaterThan(0)
    expect(warning).toBeLessThan(body.indexOf('### Why: the SLO evidence'))
    expect(body).toContain('### What the rollback does to clients (contracts)')
    expect(body).toContain('- **breaking** `GET /refunds` path /refunds \\(GET\\) was removed')
    expect(body).toContain('### What a code revert does not undo')
    expect(body).toContain('config version 2026\\.11\\.2 \\(last good\\: 2026\\.11\\.1\\)')
    expect(body).toContain(`(https://github.com/acme/payments/commit/${i.history.bad})`)
    expect(body).not.toContain(i.history.base)
    expect(run.summary).toContain('rollback contracts: 1 breaking')
    i.github.expectNoRejections()
  })

  it('restore-paths restores the deploy paths from the good commit in one commit', async () => {
    const i = await incident()
    const run = await revertPr(i, { strategy: 'restore-paths' })
    expect(run.outputs).toMatchObject({ action: 'created', strategy: 'restore-paths' })
    expect(show(i.history.remote, i.branch, 'deploy/overlays/production/kustomization.yaml')).toBe(
      show(i.history.remote, i.history.good, 'deploy/overlays/production/kustomization.yaml')
    )
    expect(show(i.history.remote, i.branch, 'app/api.go')).toContain('Cursor')
    expect(gitIn(i.history.remote, 'rev-list', '--count', `main..${i.branch}`)).toBe('1')
    i.github.expectNoRejections()
  })

  it('pin-digests rewrites the kustomize and Helm files in place, their comments intact', async () => {
    const i = await incident()
    const run = await revertPr(i, { strategy: 'pin-digests', 'fallback-strategies': 'none' })
    expect(run.outputs).toMatchObject({ action: 'created', strategy: 'pin-digests' })
    const kustomization = show(
      i.history.remote,
      i.branch,
      'deploy/overlays/production/kustomization.yaml'
    )
    expect(kustomization).toBe(
      show(i.history.remote, i.history.good, 'deploy/overlays/production/kustomization.yaml')
    )
    expect(kustomization).toContain('# the sidecar is released separately and must not move')
    const values = show(i.history.remote, i.branch, 'charts/payments/values.yaml')
    expect(values).toBe(show(i.history.remote, i.history.good, 'charts/payments/values.yaml'))
    expect(values).toContain(
      '## @param image.digest Image digest in the form sha256:aaaa; overrides the tag'
    )
    expect(pulls(i)[0]?.body).toContain('| `deploy/overlays/production/kustomization.yaml` |')
    i.github.expectNoRejections()
  })

  it('on a conflict falls back to the next strategy and says so', async () => {
    const i = await incident({ conflictAfterBad: true })
    const run = await revertPr(i)
    expect(run.outputs).toMatchObject({ action: 'created', strategy: 'restore-paths' })
    const [pull] = pulls(i)
    expect(pull?.draft).toBe(false)
    expect(pull?.body).toMatch(/Tried first:\n- `revert-commits`: conflict, .*: `app\/api.go`/)
    i.github.expectNoRejections()
  })

  it('on a conflict with no fallback opens a draft that lists the conflicting files and what to do', async () => {
    const i = await incident({ conflictAfterBad: true })
    const run = await revertPr(i, { 'fallback-strategies': 'none' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ action: 'created', strategy: '' })
    const [pull] = pulls(i)
    expect(pull?.draft).toBe(true)
    expect(pull?.title).toMatch(/^\[needs a person\] rollback-guard: revert/)
    expect(pull?.body).toContain('Conflicting files:\n\n- `app/api.go`')
    expect(pull?.body).toContain(`git revert -m 1 ${i.history.merge}`)
    i.github.expectNoRejections()
  })

  it('a 403 from "Allow GitHub Actions to create pull requests" is one clear error, and the branch is deleted', async () => {
    const i = await incident({ actionsCanCreatePullRequests: false })
    const run = await revertPr(i)
    expect(run.exitCode).toBe(2)
    const errors = run.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(
      /Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"/
    )
    expect(remoteBranches(i)).toBe('')
    expect(pulls(i)).toHaveLength(0)
  })

  it('a refused push (no contents: write) is one clear error naming the permission, and leaves no branch', async () => {
    const i = await incident()
    const hook = join(i.history.remote, 'hooks', 'pre-receive')
    await writeFile(
      hook,
      '#!/bin/sh\necho "Permission to acme/payments.git denied to github-actions[bot]." >&2\nexit 1\n'
    )
    await chmod(hook, 0o755)
    const run = await revertPr(i)
    expect(run.exitCode).toBe(2)
    const errors = run.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/the token needs 'contents: write'/)
    expect(remoteBranches(i)).toBe('')
    expect(pulls(i)).toHaveLength(0)
  })

  it('never reopens a revert a person closed', async () => {
    const i = await incident()
    const first = await revertPr(i)
    const number = first.outputs['pull-request-number']
    const closed = await fetch(`${i.github.url}/repos/acme/payments/pulls/${number}`, {
      method: 'PATCH',
      headers: { authorization: `token ${FAKE_USER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'closed' })
    })
    expect(closed.status).toBe(200)
    const again = await revertPr(i)
    expect(again.exitCode).toBe(0)
    expect(again.outputs).toMatchObject({ action: 'skipped', 'pull-request-number': number })
    expect(again.outputs.reason).toMatch(/was closed by a person; it is not reopened/)
    expect(pulls(i).map((p) => p.state)).toEqual(['closed'])
    i.github.expectNoRejections()
  })

  it('a newer failing release updates the open revert instead of opening a second one', async () => {
    const i = await incident()
    await revertPr(i)
    await writeFiles(i.history.work, {
      'app/flags.go': 'package app\n\nconst NewCheckout = true\n'
    })
    gitIn(i.history.work, 'add', '-A')
    gitIn(i.history.work, 'commit', '-q', '-m', 'Enable the new checkout')
    gitIn(i.history.work, 'push', '-q', 'origin', 'main')
    const newer = gitIn(i.history.work, 'rev-parse', 'HEAD')
    await recordRelease(i.history.work, newer, { ...badRelease, tag: '2.8.1' })
    const run = await revertPr(i)
    expect(run.outputs).toMatchObject({
      action: 'updated',
      'pull-request-number': '1',
      branch: i.branch
    })
    expect(pulls(i)).toHaveLength(1)
    expect(pulls(i)[0]?.body).toContain(`<!-- rollback-guard:revert-incident:${newer} -->`)
    expect(pulls(i)[0]?.body).toContain('the newer failing release replaced it')
    expect(gitIn(i.history.remote, 'ls-tree', '--name-only', i.branch, 'app/')).toBe('app/api.go')
    // A re-run for the older incident does not take the pull request back.
    const rerun = await revertPr(i, { bad: i.history.bad })
    expect(rerun.outputs).toMatchObject({ action: 'skipped', 'pull-request-number': '1' })
    expect(rerun.outputs.reason).toMatch(/covers a newer failing release/)
    expect(pulls(i)[0]?.body).toContain(`<!-- rollback-guard:revert-incident:${newer} -->`)
    i.github.expectNoRejections()
  })

  it.each([
    [
      'an inconclusive verdict',
      { verdict: 'inconclusive', 'evidence-path': '' },
      /only a failed gate opens a revert/
    ],
    ['a passing gate', { verdict: 'pass', 'evidence-path': '' }, /the SLO gate passed/]
  ])('does nothing on %s, and says why', async (_what, inputs, reason) => {
    const i = await incident()
    const run = await revertPr(i, inputs)
    expect(run.exitCode).toBe(0)
    expect(run.outputs.action).toBe('skipped')
    expect(run.outputs.reason).toMatch(reason)
    expect(
      run.annotations
        .filter((a) => a.level === 'notice')
        .map((a) => a.message)
        .join()
    ).toMatch(reason)
    expect(i.github.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(remoteBranches(i)).toBe('')
  })

  it('dry-run prints the plan and pushes nothing', async () => {
    const i = await incident()
    const run = await revertPr(i, { 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      action: 'skipped',
      branch: i.branch,
      strategy: 'revert-commits'
    })
    expect(run.summary).toContain(`Revert plan for payments/production`)
    expect(run.summary).toContain('<!-- rollback-guard:revert/payments/production -->')
    expect(remoteBranches(i)).toBe('')
    expect(i.github.requests).toEqual([])
  })

  it('never reverts a revert: a failing release made of our merged revert is left to a person', async () => {
    const i = await incident()
    await revertPr(i)
    gitIn(i.history.work, 'fetch', '-q', 'origin', i.branch)
    gitIn(
      i.history.work,
      'merge',
      '-q',
      '--no-ff',
      '-m',
      `Merge pull request #1 from acme/${i.branch}`,
      'FETCH_HEAD'
    )
    gitIn(i.history.work, 'push', '-q', 'origin', 'main')
    const merged = gitIn(i.history.work, 'rev-parse', 'HEAD')
    await recordRelease(i.history.work, merged, {
      ...goodRelease,
      tag: '2.7.5',
      verdict: undefined
    })
    const run = await revertPr(i)
    expect(run.outputs.action).toBe('skipped')
    expect(run.outputs.reason).toMatch(/is itself a rollback-guard revert/)
    expect(pulls(i)).toHaveLength(1)
  })

  it('when main moved, a second run rebuilds the branch on it and updates the same pull request', async () => {
    const i = await incident()
    await revertPr(i)
    await writeFiles(i.history.work, { 'docs/runbook.md': '# Runbook\n' })
    gitIn(i.history.work, 'add', '-A')
    gitIn(i.history.work, 'commit', '-q', '-m', 'Docs: runbook')
    gitIn(i.history.work, 'push', '-q', 'origin', 'main')
    const main = gitIn(i.history.work, 'rev-parse', 'HEAD')
    const run = await revertPr(i)
    expect(run.outputs).toMatchObject({ action: 'updated', 'pull-request-number': '1' })
    expect(gitIn(i.history.remote, 'merge-base', '--is-ancestor', main, i.branch)).toBe('')
    expect(pulls(i)).toHaveLength(1)
    i.github.expectNoRejections()
  })

  it('leaves a revert branch alone once a person pushed to it', async () => {
    const i = await incident({ conflictAfterBad: true })
    await revertPr(i, { 'fallback-strategies': 'none' })
    gitIn(i.history.work, 'fetch', '-q', 'origin', i.branch)
    gitIn(i.history.work, 'switch', '-q', '-c', 'fix', 'FETCH_HEAD')
    await writeFiles(i.history.work, {
      'app/api.go': 'package app\n\nfunc PageSize() int { return 50 }\n'
    })
    gitIn(i.history.work, 'commit', '-q', '-am', 'Resolve the revert by hand')
    gitIn(i.history.work, 'push', '-q', 'origin', `HEAD:refs/heads/${i.branch}`)
    const resolved = gitIn(i.history.work, 'rev-parse', 'HEAD')
    gitIn(i.history.work, 'switch', '-q', 'main')
    const run = await revertPr(i, { 'fallback-strategies': 'none' })
    expect(run.exitCode).toBe(0)
    expect(gitIn(i.history.remote, 'rev-parse', i.branch)).toBe(resolved)
    expect(
      run.annotations.some(
        (a) => a.level === 'warning' && /rollback-guard did not make/.test(a.message)
      )
    ).toBe(true)
    expect(pulls(i)).toHaveLength(1)
  })

  it("works from actions/checkout's shallow clone, fetching the history it needs", async () => {
    const i = await incident()
    const shallow = join(i.history.base, 'shallow')
    gitIn(i.history.base, 'clone', '-q', '--depth', '1', `file://${i.history.remote}`, shallow)
    const run = await runAction(actionDir, {
      workspace: shallow,
      repository: 'acme/payments',
      apiUrl: i.github.url,
      token: FAKE_GITHUB_TOKEN,
      sha: i.history.tip,
      inputs: { service: 'payments', 'evidence-path': i.evidencePath }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ action: 'created', strategy: 'revert-commits' })
    expect(show(i.history.remote, i.branch, 'app/api.go')).toBe(
      show(i.history.remote, i.history.good, 'app/api.go')
    )
    i.github.expectNoRejections()
  })
})
