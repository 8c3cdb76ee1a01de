import { describe, expect, it } from '@jest/globals'
import { openApiRules } from '../../src/contract/openapi/index.js'
import { repoRoot } from '../e2e/harness/run-action.js'
import { runCliProcess } from '../support/run-cli.js'

const base = 'examples/shop/api/openapi.yaml'
const head = 'examples/shop-release-2/api/openapi.yaml'

describe('rollback-guard contract and rules (bundled dist/cli.js)', () => {
  it('contract diff reports the breaking changes of the example release as JSON and exits 1', async () => {
    const run = await runCliProcess(
      ['contract', 'diff', '--kind', 'openapi', '--base', base, '--head', head, '--format', 'json'],
      { cwd: repoRoot }
    )
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.schemaVersion).toBe(1)
    expect(report.summary.breaking).toBeGreaterThan(0)
    const required = report.changes.find(
      (change: { id: string }) => change.id === 'request-parameter-became-required'
    )
    expect(required).toMatchObject({
      kind: 'openapi',
      level: 'breaking',
      operation: 'GET /orders',
      file: head,
      line: 10
    })
    expect(required.fingerprint).toMatch(/^[0-9a-f]{12}$/)
    // The path parameter rename {orderId} -> {id} is the same endpoint, not a removal.
    expect(report.changes.map((change: { id: string }) => change.id)).not.toContain(
      'api-removed-without-deprecation'
    )
  })

  it('contract diff exits 0 when --fail-on never, and 2 naming the flag or file on bad input', async () => {
    const never = await runCliProcess(
      [
        'contract',
        'diff',
        '--kind',
        'openapi',
        '--base',
        base,
        '--head',
        head,
        '--fail-on',
        'never'
      ],
      { cwd: repoRoot }
    )
    expect(never.code).toBe(0)
    expect(never.stdout).toMatch(/BREAKING request-parameter-became-required/)
    const kind = await runCliProcess(
      ['contract', 'diff', '--kind', 'graphql', '--base', base, '--head', head],
      { cwd: repoRoot }
    )
    expect(kind.code).toBe(2)
    expect(kind.stderr).toMatch(/--kind <kind>' argument 'graphql' is invalid/)
    const missing = await runCliProcess(
      ['contract', 'diff', '--kind', 'openapi', '--base', 'nope.yaml', '--head', head],
      { cwd: repoRoot }
    )
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/error: --base nope.yaml: no such file or directory/)
  })

  it('rules lists every OpenAPI rule of the registry, as text and as JSON', async () => {
    const json = await runCliProcess(['rules', '--kind', 'openapi', '--format', 'json'], {
      cwd: repoRoot
    })
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).map((rule: { id: string }) => rule.id)).toEqual(
      openApiRules.map((rule) => rule.id)
    )
    const text = await runCliProcess(['rules', '--kind', 'openapi'], { cwd: repoRoot })
    expect(text.stdout.split('\n').filter(Boolean)).toHaveLength(openApiRules.length)
    expect(text.stdout).toMatch(
      /^new-required-request-parameter\s+openapi\s+breaking\s+request\s+\S/m
    )
  })
})
