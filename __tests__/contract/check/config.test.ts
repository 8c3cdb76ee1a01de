import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../../src/core/errors.js'
import { loadContractConfig, parseContractConfig } from '../../../src/contract/config/load.js'
import { configSchema } from '../../../src/contract/config/schema.js'

const valid = `# rollback-guard settings for the orders service
contracts:
  - kind: openapi
    name: orders-api
    path: api/openapi.yaml
    exempt-stability-levels: [alpha]
  - kind: protobuf
    paths: [proto/orders, proto/billing]
  - kind: go
    path: pkg/client
    missing-toolchain: fail
fail-on: warning
overrides:
  response-optional-property-removed: breaking
  api-security-added: info
ignore:
  - id: request-parameter-removed
    operation: GET /orders
    reason: the cursor parameter was never documented to partners
    expires: 2026-12-31
  - fingerprint: 3f9c1a2b7d4e
    reason: accepted in the API review of 2026-10-02
baseline:
  tag-pattern: orders/v{version}
  include-prereleases: true
manifest:
  service: orders
  env: production
slo:
  objectives: []
`

function problemsOf(text: string): string[] {
  try {
    parseContractConfig(text, '.rollback-guard.yml')
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message.split('\n')
  }
  throw new Error('expected the config to be rejected')
}

describe('.rollback-guard.yml', () => {
  it('reads contracts, fail-on, overrides, ignore entries and baseline settings', () => {
    const config = parseContractConfig(valid, '.rollback-guard.yml')
    expect(config.contracts.map((c) => [c.kind, c.name, c.paths])).toEqual([
      ['openapi', 'orders-api', ['api/openapi.yaml']],
      ['protobuf', 'proto/orders', ['proto/orders', 'proto/billing']],
      ['go', 'pkg/client', ['pkg/client']]
    ])
    expect(config.contracts[0]?.settings).toEqual({ 'exempt-stability-levels': ['alpha'] })
    expect(config.contracts[2]?.settings).toEqual({ 'missing-toolchain': 'fail' })
    expect(config.contracts[1]?.line).toBe(7)
    expect(config.failOn).toBe('warning')
    expect(config.overrides['api-security-added']).toBe('info')
    expect(config.ignore[0]).toMatchObject({
      id: 'request-parameter-removed',
      operation: 'GET /orders',
      expires: '2026-12-31',
      line: 17
    })
    expect(config.baseline.tagPatterns).toEqual(['orders/v{version}'])
    expect(config.baseline.includePrereleases).toBe(true)
    expect(config.manifest).toEqual({ service: 'orders', env: 'production' })
  })

  it('uses the defaults for what the file leaves out', () => {
    const config = parseContractConfig('contracts:\n  - kind: gomod\n    path: go.mod\n', 'x.yml')
    expect(config.failOn).toBe('breaking')
    expect(config.baseline.tagPatterns).toEqual(['v{version}', '{version}'])
    expect(config.baseline.includePrereleases).toBe(false)
    expect(config.ignore).toEqual([])
  })

  it('names the line and the fix of an unknown contract kind', () => {
    const problems = problemsOf(
      'contracts:\n  - kind: openapi\n    path: a.yaml\n  - kind: graphql\n    path: schema.graphql\n'
    )
    expect(problems).toEqual([
      '.rollback-guard.yml:4: contracts[1].kind is "graphql"; use one of openapi, protobuf, go, gomod, migrations'
    ])
  })

  it('reports every problem of the file at once, each with its line', () => {
    const problems = problemsOf(
      [
        'contracts:',
        '  - kind: openapi',
        '  - kind: go',
        '    path: pkg',
        '    paths: [pkg2]',
        'fail-on: sometimes',
        'ignore:',
        '  - id: endpoint-added',
        '  - reason: no target',
        'overrides:',
        '  endpoint-added: fatal',
        'typo-section: {}'
      ].join('\n')
    )
    expect(problems).toContain(
      '.rollback-guard.yml:2: contracts[0]: give each contract exactly one of `path: FILE` or `paths: [FILE, ...]`'
    )
    expect(problems).toContain(
      '.rollback-guard.yml:3: contracts[1]: give each contract exactly one of `path: FILE` or `paths: [FILE, ...]`'
    )
    expect(problems).toContain(
      '.rollback-guard.yml:6: fail-on is "sometimes"; use breaking, warning or never'
    )
    expect(problems).toContain(".rollback-guard.yml:8: ignore[0] needs 'reason'")
    expect(problems).toContain(
      '.rollback-guard.yml:9: ignore[1]: say what to ignore with at least one of id, operation, path, symbol or fingerprint'
    )
    expect(problems).toContain(
      '.rollback-guard.yml:11: overrides.endpoint-added is "fatal"; set the level to breaking, warning or info'
    )
    expect(problems.find((p) => p.startsWith('.rollback-guard.yml:12: unknown key'))).toMatch(
      /unknown key 'typo-section' in the top level; remove it or use one of contracts, fail-on, .*manifest, slo/
    )
  })

  it('rejects an expiry that is not a calendar date, and a bad fingerprint', () => {
    expect(problemsOf('ignore:\n  - id: x\n    reason: r\n    expires: 2026-02-30\n')).toEqual([
      ".rollback-guard.yml:4: ignore[0].expires '2026-02-30' is not a calendar date; write it as YYYY-MM-DD"
    ])
    const problems = problemsOf(
      'ignore:\n  - id: x\n    reason: r\n    expires: 2026-02-28\n  - fingerprint: XYZ\n    reason: r\n    expires: next week\n'
    )
    expect(problems).toContain(
      '.rollback-guard.yml:5: ignore[1].fingerprint is "XYZ"; copy the 12-hex-digit fingerprint from the report'
    )
    expect(problems).toContain(
      '.rollback-guard.yml:7: ignore[1].expires is "next week"; write the date as YYYY-MM-DD, e.g. 2026-12-31'
    )
  })

  it('rejects duplicate contract names, paths outside the repository and unknown ignore contracts', () => {
    const problems = problemsOf(
      [
        'contracts:',
        '  - { kind: openapi, name: api, path: a.yaml }',
        '  - { kind: openapi, name: api, path: ../b.yaml }',
        'ignore:',
        '  - { id: x, contract: nope, reason: r }'
      ].join('\n')
    )
    expect(problems).toContain(
      ".rollback-guard.yml:3: contracts[1] has the same name 'api' as contracts[0]; give one of them another `name:`"
    )
    expect(problems).toContain(
      ".rollback-guard.yml:3: contracts[1] path '../b.yaml' must stay inside the repository; write it relative to the repository root"
    )
    expect(problems).toContain(
      ".rollback-guard.yml:5: ignore[0].contract 'nope' names no contract; use one of api"
    )
  })

  it('keeps a fingerprint of only digits as written, leading zeros included', () => {
    const config = parseContractConfig(
      'ignore:\n  - fingerprint: 000123456789\n    reason: r\n',
      'x.yml'
    )
    expect(config.ignore[0]?.fingerprint).toBe('000123456789')
  })

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(
      'contracts:\n  - kind: openapi\n    path: [unclosed\nfail-on: breaking\n'
    )
    expect(problems[0]).toMatch(/^\.rollback-guard\.yml:\d+: not valid YAML: /)
  })

  it('says which file is missing and how to fix it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-config-'))
    await expect(loadContractConfig(join(dir, 'nope.yml'), 'nope.yml')).rejects.toThrow(
      'nope.yml: no such file; create it (see docs/contract-check.md) or pass --config PATH.'
    )
    writeFileSync(join(dir, 'ok.yml'), valid)
    expect((await loadContractConfig(join(dir, 'ok.yml'))).contracts).toHaveLength(3)
  })

  it('accepts the example config of the orders API', async () => {
    const file = new URL(
      '../../../examples/contracts/orders-api/.rollback-guard.yml',
      import.meta.url
    ).pathname
    const config = await loadContractConfig(file)
    expect(config.contracts[0]).toMatchObject({
      kind: 'openapi',
      name: 'orders-api',
      paths: ['api/openapi.yaml']
    })
    expect(config.ignore[0]?.expires).toBe('2027-03-31')
  })

  it('publishes the same schema in schemas/ for editors', () => {
    const published = JSON.parse(
      readFileSync(
        new URL('../../../schemas/rollback-guard-config.schema.json', import.meta.url),
        'utf8'
      )
    )
    expect(published).toEqual(JSON.parse(JSON.stringify(configSchema)))
  })
})
