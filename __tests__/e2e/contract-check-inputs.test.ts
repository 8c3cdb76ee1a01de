import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { gitIn, repoWithRemote, writeFiles } from '../support/git-fixtures.js'
import { repoRoot, runAction } from './harness/run-action.js'

const v1 = readFileSync(resolve(repoRoot, 'examples/contracts/orders-api/v1/openapi.yaml'), 'utf8')
const v2 = readFileSync(resolve(repoRoot, 'examples/contracts/orders-api/v2/openapi.yaml'), 'utf8')

describe('contract-check inputs for one spec and for a skip label (dist/contract-check.js)', () => {
  it('compares base and revision directly, with no config, and wants both', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'rollback-guard-single-'))
    await writeFiles(workspace, { 'specs/base.yaml': v1, 'specs/head.yaml': v2 })
    const common = { workspace, repository: 'acme/orders', eventName: 'push' }
    const run = await runAction('contract-check', {
      ...common,
      inputs: { base: 'specs/base.yaml', revision: 'specs/head.yaml', comment: 'false' }
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(1)
    expect(Number(run.outputs['breaking-count'])).toBeGreaterThan(0)
    expect(run.outputs.verdict).toBe('fail')

    const half = await runAction('contract-check', {
      ...common,
      inputs: { base: 'specs/base.yaml' }
    })
    expect(half.exitCode).toBe(2)
    expect(half.stdout).toContain("input 'revision' is empty")
  })

  it('reports but does not fail a pull request that carries the skip label', async () => {
    const { work } = await repoWithRemote({
      '.rollback-guard.yml':
        'contracts:\n  - kind: openapi\n    name: orders-api\n    path: api/openapi.yaml\n',
      'api/openapi.yaml': v1
    })
    const baseSha = gitIn(work, 'rev-parse', 'HEAD')
    gitIn(work, 'checkout', '-q', '-b', 'feature/refunds')
    await writeFiles(work, { 'api/openapi.yaml': v2 })
    gitIn(work, 'commit', '-q', '-am', 'refunds')
    const headSha = gitIn(work, 'rev-parse', 'HEAD')
    const event = (labels: string[]) => ({
      action: 'labeled',
      number: 7,
      pull_request: {
        number: 7,
        labels: labels.map((name) => ({ name })),
        head: { ref: 'feature/refunds', sha: headSha, repo: { full_name: 'acme/orders' } },
        base: { ref: 'main', sha: baseSha, repo: { full_name: 'acme/orders' } }
      }
    })
    const common = {
      workspace: work,
      repository: 'acme/orders',
      eventName: 'pull_request',
      sha: headSha,
      inputs: { against: 'pr-base', comment: 'false' }
    }
    const labelled = await runAction('contract-check', {
      ...common,
      event: event(['docs', 'rollback-guard skip breaking'])
    })
    expect(labelled.exitCode).toBe(0)
    expect(Number(labelled.outputs['breaking-count'])).toBeGreaterThan(0)
    expect(labelled.outputs.verdict).toBe('pass')
    expect(labelled.stdout).toContain("carries the label 'rollback-guard skip breaking'")
    const plain = await runAction('contract-check', { ...common, event: event(['docs']) })
    expect(plain.exitCode).toBe(1)
    expect(plain.outputs.verdict).toBe('fail')
  })
})
