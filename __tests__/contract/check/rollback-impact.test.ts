import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { runContractCheck } from '../../../src/wiring/contract.js'
import { renderJobSummary, renderPrComment } from '../../../src/contract/report/markdown.js'
import { gitBaseline } from '../../../src/platform/git/baseline.js'

const fixture = (name: string) =>
  new URL(`../../fixtures/revert/contracts/${name}`, import.meta.url).pathname
const now = new Date('2026-11-21T00:00:00Z')

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com'
    },
    encoding: 'utf8'
  }).trim()
}

function put(repo: string, path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true })
  writeFileSync(join(repo, path), text)
}

/** The shop released as v1.4.0 (GET /orders); the working tree adds GET /refunds. */
function shop(config: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'rg-rollback-impact-'))
  git(repo, 'init', '-q', '-b', 'main')
  put(repo, '.rollback-guard.yml', config)
  mkdirSync(join(repo, 'api'))
  copyFileSync(fixture('shop-1.4.0.yaml'), join(repo, 'api/openapi.yaml'))
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'shop 1.4.0')
  git(repo, 'tag', 'v1.4.0')
  copyFileSync(fixture('shop-1.5.0.yaml'), join(repo, 'api/openapi.yaml'))
  return repo
}

const contracts = 'contracts:\n  - kind: openapi\n    name: shop-api\n    path: api/openapi.yaml\n'

function check(repo: string, rollbackImpact?: boolean) {
  return runContractCheck({
    cwd: repo,
    format: 'markdown',
    rollbackImpact: rollbackImpact ?? null,
    ports: { git: gitBaseline({ cwd: repo }), log: () => undefined },
    now
  })
}

describe('contract-check: if this release is rolled back', () => {
  it('counts the additions a rollback would remove and lists them under a fold', async () => {
    const repo = shop(contracts)
    const { report } = await check(repo)
    expect(report.summary.breaking).toBe(0)
    const removes = report.rollback?.removes ?? []
    expect(removes.map((c) => [c.operation, c.level, c.contract])).toEqual([
      ['GET /refunds', 'breaking', 'shop-api']
    ])
    const comment = renderPrComment(report)
    expect(comment).toContain(
      '↩️ **If this release is rolled back:** 1 addition of this change would be removed again'
    )
    const fold = comment.slice(comment.indexOf('<details><summary>What a rollback would remove'))
    expect(fold).toContain('- GET /refunds: path /refunds \\(GET\\) was removed')
    expect(fold.indexOf('</details>')).toBeGreaterThan(0)
    expect(renderJobSummary(report)).toContain('**If this release is rolled back:** 1 addition')
  })

  it('is off with rollback-impact: off in the config, and the input overrides the config', async () => {
    const repo = shop(`rollback-impact: off\n${contracts}`)
    const off = await check(repo)
    expect(off.report.rollback).toBeUndefined()
    expect(renderPrComment(off.report)).not.toContain('If this release is rolled back')
    const on = await check(repo, true)
    expect(on.report.rollback?.removes).toHaveLength(1)
    const forcedOff = await check(shop(contracts), false)
    expect(forcedOff.report.rollback).toBeUndefined()
  })

  it('counts a contract new in this change as removed whole by a rollback', async () => {
    const repo = shop(
      `${contracts}  - kind: openapi\n    name: refunds-api\n    path: api/refunds.yaml\n`
    )
    copyFileSync(fixture('shop-1.4.0.yaml'), join(repo, 'api/refunds.yaml'))
    const { report } = await check(repo)
    expect(report.rollback?.removes.map((c) => [c.operation, c.id, c.contract])).toEqual([
      ['GET /refunds', expect.any(String), 'shop-api'],
      [null, 'contract-removed', 'refunds-api']
    ])
    expect(report.rollback?.removes[1]?.message).toBe(
      'openapi contract api/refunds.yaml is new in this change; a rollback removes all of it'
    )
    expect(renderPrComment(report)).toContain('2 additions of this change')
  })

  it('rejects a rollback-impact value that is neither on nor off, naming the fix', async () => {
    const repo = shop(`rollback-impact: sometimes\n${contracts}`)
    await expect(check(repo)).rejects.toThrow(/rollback-impact.*use on or off/)
  })
})
