import { readFile } from 'node:fs/promises'
import { describe, expect, it } from '@jest/globals'
import { compareReleaseContracts, inferKind } from '../../src/commands/rollback-contracts.js'
import { buildManifest } from '../../src/manifest/build.js'
import type { StoredManifest } from '../../src/manifest/store.js'
import type { ContractRecord, ImageRecord } from '../../src/manifest/types.js'
import { diffManifests } from '../../src/revert/manifest-diff.js'
import { notUndoneByRevert, notUndoneMarkdown } from '../../src/revert/not-undone.js'
import {
  rollbackContractsMarkdown,
  rollbackContractsText,
  rollbackWarningMarkdown
} from '../../src/revert/rollback-impact.js'

const fixture = (name: string) =>
  readFile(new URL(`../fixtures/revert/contracts/${name}`, import.meta.url))

function release(
  commit: string,
  tag: string,
  contracts: ContractRecord[],
  extra: { images?: ImageRecord[]; configVersion?: string | null } = {}
): StoredManifest {
  const manifest = buildManifest(
    {
      service: 'shop',
      env: 'production',
      createdAt: new Date('2026-05-01T10:00:00Z'),
      source: {
        repository: 'acme/shop',
        commit,
        ref: 'refs/heads/main',
        tag,
        runUrl: null,
        runAttempt: null,
        actor: null
      },
      go: [],
      images: extra.images ?? [],
      configVersion: extra.configVersion ?? null,
      configFiles: [],
      contracts
    },
    null
  )
  return { id: `${tag}-id`, sha256: 'x', manifest, storeCommit: null, location: '' }
}

/** The manifest store's snapshot side: contents per manifest id and path. */
function snapshots(files: Record<string, Buffer>) {
  return {
    async readSnapshot(stored: StoredManifest, path: string) {
      return files[`${stored.id}:${path}`] ?? null
    }
  }
}

const openapi = (path = 'api/openapi.yaml'): ContractRecord => ({
  path,
  sha256: 'a'.repeat(64),
  kind: 'openapi'
})
const now = new Date('2026-05-02T00:00:00Z')
const log = () => undefined

describe('what a rollback does to the contracts (failing -> last good)', () => {
  it('names the endpoint the failing release added as removed by the rollback', async () => {
    const good = release('1'.repeat(40), '1.4.0', [openapi()])
    const bad = release('2'.repeat(40), '1.5.0', [openapi()])
    const report = await compareReleaseContracts({
      bad,
      good,
      store: snapshots({
        '1.4.0-id:api/openapi.yaml': await fixture('shop-1.4.0.yaml'),
        '1.5.0-id:api/openapi.yaml': await fixture('shop-1.5.0.yaml')
      }),
      now,
      log
    })
    expect(report.base).toMatchObject({ ref: '1.5.0', sha: bad.manifest.source.commit })
    expect(report.head).toMatchObject({ ref: '1.4.0', sha: good.manifest.source.commit })
    expect(report.contracts).toEqual([
      { name: 'api/openapi.yaml', kind: 'openapi', paths: ['api/openapi.yaml'], status: 'compared' }
    ])
    const removed = report.changes.filter((c) => c.operation === 'GET /refunds')
    expect(removed.length).toBeGreaterThan(0)
    expect(removed[0]?.level).toBe('breaking')
    expect(report.changes.some((c) => c.operation === 'GET /orders')).toBe(false)
    expect(report.summary.breaking).toBeGreaterThan(0)

    const text = rollbackContractsText(report, '1.5.0').join('\n')
    expect(text).toMatch(/rollback contracts: \d+ breaking/)
    expect(text).toMatch(/ breaking GET \/refunds: path \/refunds \(GET\) was removed/)
    const warning = rollbackWarningMarkdown(report, '1.5.0', 10).join('\n')
    expect(warning).toContain('**Clients of 1\\.5\\.0 lose:** GET /refunds')
    const section = rollbackContractsMarkdown(report, '1.5.0', 10).join('\n')
    expect(section).toContain('### What the rollback does to clients (contracts)')
    expect(section).toContain('`GET /refunds`')
  })

  it('states a contract recorded by one release only, on either side, and never skips it silently', async () => {
    const proto: ContractRecord = {
      path: 'proto/shop/refunds/v1/refunds.proto',
      sha256: 'b'.repeat(64),
      kind: 'protobuf'
    }
    const good = release('1'.repeat(40), '1.4.0', [openapi('api/legacy.yaml')])
    const bad = release('2'.repeat(40), '1.5.0', [proto])
    const report = await compareReleaseContracts({
      bad,
      good,
      store: snapshots({
        '1.4.0-id:api/legacy.yaml': await fixture('shop-1.4.0.yaml'),
        '1.5.0-id:proto/shop/refunds/v1/refunds.proto': await fixture('refunds.proto')
      }),
      now,
      log
    })
    const byName = Object.fromEntries(report.contracts.map((c) => [c.name, c]))
    expect(byName['proto/shop/refunds/v1']).toMatchObject({ kind: 'protobuf', status: 'removed' })
    expect(byName['proto/shop/refunds/v1']?.note).toMatch(/only the failing release .* removes it/)
    expect(byName['api/legacy.yaml']).toMatchObject({ kind: 'openapi', status: 'new' })
    expect(byName['api/legacy.yaml']?.note).toMatch(/only the last good release .* brings it back/)
    expect(report.changes.map((c) => [c.id, c.level, c.contract])).toEqual([
      ['contract-removed', 'breaking', 'proto/shop/refunds/v1'],
      ['contract-added', 'info', 'api/legacy.yaml']
    ])
    const section = rollbackContractsMarkdown(report, '1.5.0', 10).join('\n')
    expect(section).toContain('`proto/shop/refunds/v1`: only in one release (removed)')
    expect(section).toContain('`api/legacy.yaml`: only in one release (new)')
  })

  it('says so when a snapshot is missing or unreadable, or its kind is unknown', async () => {
    const good = release('1'.repeat(40), '1.4.0', [
      openapi(),
      { path: 'schema/events.avsc', sha256: 'c'.repeat(64), kind: null },
      { path: 'db/migrations', sha256: 'e'.repeat(64), kind: 'liquibase' }
    ])
    const bad = release('2'.repeat(40), '1.5.0', [openapi()])
    const report = await compareReleaseContracts({
      bad,
      good,
      store: snapshots({ '1.4.0-id:api/openapi.yaml': await fixture('shop-1.4.0.yaml') }),
      now,
      log
    })
    expect(report.contracts).toEqual([
      expect.objectContaining({
        name: 'api/openapi.yaml',
        status: 'skipped',
        note: 'snapshot missing or unreadable in the manifest store: api/openapi.yaml (failing release)'
      })
    ])
    expect(report.changes).toEqual([])
    const warnings = report.notes.map((n) => n.message).join('\n')
    expect(warnings).toContain('contract api/openapi.yaml was not compared')
    expect(warnings).toContain('schema/events.avsc has no known kind')
    expect(warnings).toContain(
      "db/migrations is of kind 'liquibase', which this version of rollback-guard cannot compare"
    )
    const section = rollbackContractsMarkdown(report, '1.5.0', 10).join('\n')
    expect(section).toContain('`api/openapi.yaml`: not compared: snapshot missing or unreadable')
    expect(section).not.toContain('changes nothing for clients')
    expect(section).toContain('No change found in the contracts that could be compared')
    // in text, the skipped contract is said once (its warning repeats it), the other notes stay
    const text = rollbackContractsText(report, '1.5.0').join('\n')
    expect(text).toContain('skipped  api/openapi.yaml: snapshot missing or unreadable')
    expect(text).not.toContain('contract api/openapi.yaml was not compared')
    expect(text).toContain('schema/events.avsc has no known kind')
  })

  it('reports a spec the engine cannot read as not compared, without stopping', async () => {
    const good = release('1'.repeat(40), '1.4.0', [openapi()])
    const bad = release('2'.repeat(40), '1.5.0', [openapi()])
    const report = await compareReleaseContracts({
      bad,
      good,
      store: snapshots({
        '1.4.0-id:api/openapi.yaml': await fixture('shop-1.4.0.yaml'),
        '1.5.0-id:api/openapi.yaml': Buffer.from('openapi: [unclosed\n')
      }),
      now,
      log
    })
    expect(report.contracts[0]).toMatchObject({ status: 'skipped' })
    expect(report.notes[0]?.level).toBe('warning')
  })

  it('says when neither release recorded contracts', async () => {
    const report = await compareReleaseContracts({
      bad: release('2'.repeat(40), '1.5.0', []),
      good: release('1'.repeat(40), '1.4.0', []),
      store: snapshots({}),
      now,
      log
    })
    expect(rollbackContractsText(report, '1.5.0')).toEqual([
      '  rollback contracts: neither release recorded contract snapshots'
    ])
    expect(rollbackContractsMarkdown(report, '1.5.0', 10).join('\n')).toContain(
      'Neither manifest records contract snapshots'
    )
  })

  it('infers the kind of a snapshot recorded without one', () => {
    expect(inferKind('api/openapi.yaml')).toBe('openapi')
    expect(inferKind('proto/a/v1/a.proto')).toBe('protobuf')
    expect(inferKind('go.mod')).toBe('gomod')
    expect(inferKind('schema/events.avsc')).toBeNull()
  })
})

describe('what a code revert does not undo', () => {
  const digest = (c: string) => `sha256:${c.repeat(64)}`
  it('lists config kept outside the repository and image tags that moved, each with what to do', () => {
    const good = release('1'.repeat(40), '1.4.0', [], {
      configVersion: '2026.11.1',
      images: [
        { name: 'ghcr.io/acme/shop', tag: 'stable', digest: digest('a') },
        { name: 'ghcr.io/acme/worker', tag: '3.1.0', digest: digest('c') },
        { name: 'ghcr.io/acme/cron', tag: 'nightly', digest: null }
      ]
    })
    const bad = release('2'.repeat(40), '1.5.0', [], {
      configVersion: '2026.11.2',
      images: [
        { name: 'ghcr.io/acme/shop', tag: 'stable', digest: digest('b') },
        { name: 'ghcr.io/acme/worker', tag: '3.2.0', digest: digest('d') },
        { name: 'ghcr.io/acme/cron', tag: 'nightly-2', digest: null }
      ]
    })
    const items = notUndoneByRevert(
      diffManifests(bad.manifest, good.manifest),
      bad.manifest,
      good.manifest
    )
    expect(items.map((i) => i.what)).toEqual([
      'config version 2026.11.2 (last good: 2026.11.1)',
      'image ghcr.io/acme/cron:nightly',
      'image ghcr.io/acme/shop:stable'
    ])
    expect(items[2]?.why).toMatch(/the tag moved/)
    expect(items[2]?.action).toContain(`ghcr.io/acme/shop@${digest('a')}`)
    for (const item of items) expect(item.action.length).toBeGreaterThan(10)
    const markdown = notUndoneMarkdown(items).join('\n')
    expect(markdown).toContain('### What a code revert does not undo')
    expect(markdown).toContain('**config version 2026\\.11\\.2 \\(last good\\: 2026\\.11\\.1\\)**')
  })

  it('leaves config out when its files are in the repository (the revert restores them)', () => {
    const good = release('1'.repeat(40), '1.4.0', [], { configVersion: '1' })
    const bad = release('2'.repeat(40), '1.5.0', [], { configVersion: '2' })
    bad.manifest.config.files = [{ path: 'config/app.yaml', sha256: 'd'.repeat(64), size: 10 }]
    expect(
      notUndoneByRevert(diffManifests(bad.manifest, good.manifest), bad.manifest, good.manifest)
    ).toEqual([])
    expect(notUndoneMarkdown([]).join('\n')).toContain('Nothing the manifests record outside git')
  })

  it('escapes outside text in the items', () => {
    const markdown = notUndoneMarkdown([
      { what: '<img src=x onerror=alert(1)>', why: '@admins #1', action: '[x](https://evil)' }
    ]).join('\n')
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toContain('](https://evil)')
    expect(markdown).not.toMatch(/@admins/)
  })
})
