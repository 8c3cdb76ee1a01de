import { describe, expect, it } from '@jest/globals'
import { Command } from 'commander'
import { revertCommand } from '../../src/cli/revert.js'
import type { CliIo } from '../../src/cli/io.js'
import { exitCodeOf, messageOf } from '../../src/core/errors.js'
import { gitTemplate } from '../support/git-template.js'
import { releasedHistory } from './support/releases.js'

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

/**
 * Release A (GET /orders) marked good, release B (adds GET /refunds) recorded after it: built once,
 * each test gets its own copy.
 */
const releasesWithContracts = gitTemplate(() => releasedHistory({ contracts: true }))

describe('revert plan: what the rollback itself does', () => {
  it('names GET /refunds as removed by the rollback, in text, JSON and markdown', async () => {
    const history = await releasesWithContracts.clone()
    const args = ['revert', 'plan', '--verdict', 'fail', '--dry-run', '--service', 'payments']

    const text = await cli(history.work, args)
    expect(text.stderr).toContain('rollback: comparing openapi contract api/openapi.yaml')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(
      /rollback contracts: 1 breaking, \d+ warning, \d+ info for clients of v2\.8\.0/
    )
    expect(text.stdout).toContain('breaking GET /refunds: path /refunds (GET) was removed')
    expect(text.stdout).toContain('not undone by the revert:')
    expect(text.stdout).toContain('config version 2026.11.2 (last good: 2026.11.1)')

    const json = JSON.parse((await cli(history.work, [...args, '--format', 'json'])).stdout)
    expect(json.rollback.contracts).toMatchObject({
      schemaVersion: 1,
      base: { sha: history.bad, source: 'manifest' },
      head: { sha: history.good },
      summary: { breaking: 1 },
      contracts: [{ name: 'api/openapi.yaml', kind: 'openapi', status: 'compared' }]
    })
    expect(json.rollback.contracts.changes[0]).toMatchObject({
      operation: 'GET /refunds',
      level: 'breaking'
    })
    expect(json.rollback.notUndone[0]).toMatchObject({
      what: 'config version 2026.11.2 (last good: 2026.11.1)'
    })

    const markdown = (await cli(history.work, [...args, '--format', 'markdown'])).stdout
    const warning = markdown.indexOf('**Clients of v2\\.8\\.0 lose:** GET /refunds')
    expect(warning).toBeGreaterThan(0)
    // Stated first: before the strategy and the SLO evidence.
    expect(warning).toBeLessThan(markdown.indexOf('**Strategy:**'))
    expect(markdown).toContain('### What the rollback does to clients (contracts)')
    expect(markdown).toContain('- **breaking** `GET /refunds` path /refunds \\(GET\\) was removed')
    expect(markdown).toContain('### What a code revert does not undo')
    // The remote is a local folder: no link may carry its path.
    expect(markdown).not.toContain(history.base)
    expect(markdown).not.toMatch(/\]\(https:\/\/github\.com\/[^)]*rollback-guard-git/)
  })

  it('links to the host the environment names (GitHub Enterprise), never github.com', async () => {
    const history = await releasesWithContracts.clone()
    const markdown = (
      await cli(
        history.work,
        ['revert', 'plan', '--verdict', 'fail', '--service', 'payments', '--format', 'markdown'],
        {
          GITHUB_API_URL: 'https://ghe.acme.internal/api/v3',
          GITHUB_REPOSITORY: 'acme/payments',
          GITHUB_RUN_ID: '77'
        }
      )
    ).stdout
    expect(markdown).toContain(`(https://ghe.acme.internal/acme/payments/commit/${history.bad})`)
    expect(markdown).toContain('(https://ghe.acme.internal/acme/payments/actions/runs/77)')
    expect(markdown).not.toContain('https://github.com/acme/payments/commit')
  })
})
