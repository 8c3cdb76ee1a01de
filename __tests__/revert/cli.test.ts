import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { FAKE_GITHUB_TOKEN, startFakeGitHub } from '../e2e/harness/fake-github.js'
import { Command } from 'commander'
import { revertCommand } from '../../src/cli/revert.js'
import type { CliIo } from '../../src/cli/io.js'
import { exitCodeOf, messageOf } from '../../src/core/errors.js'
import { gitIn } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'
import { buildHistory } from './support/history.js'
import { demoEvidence } from './support/manifests.js'
import { badRelease, goodRelease, releasedHistory } from './support/releases.js'

async function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    cwd,
    now: () => new Date()
  }
  let code = -1
  const run = async (body: () => Promise<{ exitCode: number }>) => {
    try {
      code = (await body()).exitCode
    } catch (error) {
      code = exitCodeOf(error)
      err.push(messageOf(error))
    }
  }
  const program = new Command('rollback-guard').exitOverride().addCommand(revertCommand(io, run))
  await program.parseAsync(args, { from: 'user' })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

/** A history with `verdict` evidence beside it, and its releases recorded when `recorded`. */
async function historyWithEvidence(recorded: boolean, verdict: 'failing' | 'healthy') {
  const history = recorded ? await releasedHistory() : await buildHistory()
  const evidence = join(history.base, 'evidence.json')
  await writeFile(evidence, JSON.stringify(await demoEvidence(verdict)))
  return { base: history.base, history, evidence }
}

// Built once; each test works on its own copy.
const failedReleases = gitTemplate(() => historyWithEvidence(true, 'failing'))
const passedHistory = gitTemplate(() => historyWithEvidence(false, 'healthy'))

describe('rollback-guard revert plan', () => {
  it('prints the plan of a failed release without pushing anything', async () => {
    const { history, evidence } = await failedReleases.clone()
    const text = await cli(history.work, [
      'revert',
      'plan',
      '--reason',
      evidence,
      '--service',
      'payments',
      '--deploy-path',
      'deploy'
    ])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Revert plan for payments/production')
    expect(text.stdout).toContain(
      `revert -m 1 ${history.merge.slice(0, 12)} Merge branch 'feature/cursor-pagination'`
    )
    expect(text.stdout).toContain(
      `image ghcr.io/acme/payments: 2.8.0@${badRelease.digest} -> 2.7.4@${goodRelease.digest}`
    )
    expect(text.stdout).toContain('config version: 2026.11.2 -> 2026.11.1')
    expect(text.stdout).toContain('dry run: nothing was pushed')

    const json = await cli(history.work, [
      'revert',
      'open',
      '--dry-run',
      '--reason',
      evidence,
      '--service',
      'payments',
      '--format',
      'json'
    ])
    const parsed = JSON.parse(json.stdout)
    expect(parsed).toMatchObject({
      action: 'skipped',
      pushed: false,
      strategy: 'revert-commits',
      pullRequest: null
    })
    expect(parsed.plan.good.commit).toBe(history.good)
    expect(parsed.plan.body).toContain('<!-- rollback-guard:revert/payments/production -->')
    expect(gitIn(history.remote, 'for-each-ref', 'refs/heads/rollback-guard/')).toBe('')
  })

  it('says why nothing happens for a passing gate, and rejects a file that is not evidence', async () => {
    const { history, evidence } = await passedHistory.clone()
    const pass = await cli(history.work, ['revert', 'plan', '--reason', evidence])
    expect(pass).toMatchObject({ code: 0 })
    expect(pass.stdout).toMatch(/revert: skipped: the SLO gate passed/)
    const contradiction = await cli(history.work, [
      'revert',
      'plan',
      '--reason',
      evidence,
      '--verdict',
      'fail'
    ])
    expect(contradiction.code).toBe(2)
    expect(contradiction.stderr).toMatch(
      /the verdict 'fail' contradicts the evidence, whose verdict is 'pass'/
    )
    await writeFile(evidence, '{"verdict": "fail"}')
    const bad = await cli(history.work, ['revert', 'plan', '--reason', evidence])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/is not SLO gate evidence/)
    const none = await cli(history.work, ['revert', 'plan'])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/no SLO verdict/)
    const traversal = await cli(history.work, [
      'revert',
      'plan',
      '--verdict',
      'fail',
      '--service',
      '../x'
    ])
    expect(traversal.code).toBe(2)
    expect(traversal.stderr).toMatch(/service '..\/x' is not a valid name/)
    const option = await cli(history.work, [
      'revert',
      'plan',
      '--verdict',
      'fail',
      '--remote',
      '--upload-pack=x'
    ])
    expect(option.code).toBe(2)
    expect(option.stderr).toMatch(/--remote '--upload-pack=x' is not a remote name/)
    const base = await cli(history.work, [
      'revert',
      'plan',
      '--verdict',
      'fail',
      '--base',
      'main:evil'
    ])
    expect(base.stderr).toMatch(/base 'main:evil' is not a branch name/)
    const open = await cli(history.work, ['revert', 'open', '--verdict', 'fail'])
    expect(open.code).toBe(2)
    expect(open.stderr).toMatch(/revert open needs a token/)
  })
})

describe('rollback-guard revert open', () => {
  it('pushes the branch and opens the pull request with GITHUB_TOKEN, then finds it again', async () => {
    const { history, evidence } = await failedReleases.clone()
    const github = await startFakeGitHub({
      repos: [{ owner: 'acme', name: 'payments', gitDir: history.remote }]
    })
    try {
      const env = { GITHUB_TOKEN: FAKE_GITHUB_TOKEN, GITHUB_API_URL: github.url }
      const args = [
        'revert',
        'open',
        '--reason',
        evidence,
        '--repo',
        'acme/payments',
        '--service',
        'payments',
        '--label',
        'rollback',
        '--format',
        'json'
      ]
      const first = await cli(history.work, args, env)
      expect(first.stderr).toContain('revert: pull request #1 created')
      expect(JSON.parse(first.stdout)).toMatchObject({
        action: 'created',
        pushed: true,
        pullRequest: { number: 1, draft: false }
      })
      const second = await cli(history.work, args, env)
      expect(JSON.parse(second.stdout)).toMatchObject({
        action: 'unchanged',
        pushed: false,
        pullRequest: { number: 1 }
      })
      expect(github.state.pullsOf('acme', 'payments')).toHaveLength(1)
      expect(first.stderr + second.stderr).not.toContain(FAKE_GITHUB_TOKEN)
      github.expectNoRejections()
    } finally {
      await github.close()
    }
  })

  it('loses the race for the pull request without deleting the branch the winner opened it from', async () => {
    const { history, evidence } = await failedReleases.clone()
    const github = await startFakeGitHub({
      repos: [{ owner: 'acme', name: 'payments', gitDir: history.remote }]
    })
    try {
      const env = { GITHUB_TOKEN: FAKE_GITHUB_TOKEN, GITHUB_API_URL: github.url }
      const args = ['revert', 'open', '--reason', evidence, '--repo', 'acme/payments']
      const plan = await cli(history.work, [
        ...args,
        '--service',
        'payments',
        '--dry-run',
        '--format',
        'json'
      ])
      const planned = JSON.parse(plan.stdout) as { branch: string; plan: { body: string } }
      const { branch } = planned
      // Another run opens the same incident's pull request between our look-up and our create.
      github.beforeNext('POST', '/repos/{owner}/{repo}/pulls', () => {
        github.state.addPull('acme', 'payments', {
          title: 'Revert (other run)',
          head: branch,
          body: planned.plan.body
        })
      })
      const raced = await cli(
        history.work,
        [...args, '--service', 'payments', '--format', 'json'],
        env
      )
      expect(raced.code).toBe(0)
      expect(JSON.parse(raced.stdout)).toMatchObject({
        action: 'existing',
        pullRequest: { number: 1 }
      })
      expect(gitIn(history.work, 'ls-remote', '--heads', history.remote, branch)).toContain(branch)
      expect(
        github.state.pullsOf('acme', 'payments').filter((p) => p.state === 'open')
      ).toHaveLength(1)
    } finally {
      await github.close()
    }
  })
})
