import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { createManifest } from '../../src/wiring/manifest.js'
import {
  markManifest,
  showManifest,
  type ManifestCreateOptions
} from '../../src/commands/manifest.js'
import { serializeManifest, sha256Hex } from '../../src/manifest/canonical.js'
import { manifestSchemaErrors } from '../../src/manifest/validate.js'
import { BranchManifestStore } from '../../src/platform/git/manifest-branch-store.js'
import { FileManifestStore } from '../../src/platform/fs/manifest-file-store.js'
import { cloneOf, gitIn, repoWithRemote } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'

const digest = `sha256:${'ab'.repeat(32)}`
const files = {
  'go.mod': 'module example.com/shop\n\ngo 1.22\n',
  'go.sum': 'example.com/x v1.0.0 h1:abc=\n',
  'tools/go.mod': 'module example.com/shop/tools\n\ngo 1.21\n',
  'deploy/app.yaml': 'replicas: 3\n',
  'deploy/values.yaml': 'image:\n  tag: "1.4.0"\n',
  'api/openapi.yaml': 'openapi: 3.0.3\ninfo: {title: shop, version: "1"}\npaths: {}\n'
}

function options(
  root: string,
  head: string,
  overrides: Partial<ManifestCreateOptions> = {}
): ManifestCreateOptions {
  return {
    root,
    service: 'shop',
    env: 'prod',
    goMods: [],
    images: [`ghcr.io/acme/shop:1.4.0@${digest}`],
    buildMetadata: [],
    digest: null,
    imageName: null,
    allowTagOnlyImages: false,
    configVersion: null,
    configVersionFile: 'deploy/values.yaml',
    configVersionKey: 'image.tag',
    configFiles: ['deploy/*.yaml'],
    contracts: [{ path: 'api/openapi.yaml', kind: 'openapi' }],
    source: {
      repository: 'acme/shop',
      commit: head,
      ref: 'refs/heads/main',
      tag: null,
      runUrl: null,
      runAttempt: null,
      actor: null
    },
    now: new Date('2026-11-20T12:00:00Z'),
    out: null,
    ...overrides
  }
}

const quiet = () => undefined

// Built once; each test gets its own copy of the bare remote and the checkout.
const repo = gitTemplate(() => repoWithRemote(files))

describe('the manifest branch store', () => {
  it('writes a schema-valid manifest and its contract snapshot on the orphan branch, leaving the checkout untouched', async () => {
    const { work, remote, head } = await repo.clone()
    const statusBefore = gitIn(work, 'status', '--porcelain')
    const store = new BranchManifestStore({
      cwd: work,
      branch: 'rollback-manifests',
      remote: 'origin'
    })
    const result = await createManifest(options(work, head), { store, log: quiet })

    expect(manifestSchemaErrors(result.manifest)).toEqual([])
    expect(result.manifest.go.map((mod) => [mod.path, mod.module])).toEqual([
      ['.', 'example.com/shop'],
      ['tools', 'example.com/shop/tools']
    ])
    expect(result.manifest.config.version).toBe('1.4.0')
    expect(result.manifest.config.files.map((file) => file.path)).toEqual([
      'deploy/app.yaml',
      'deploy/values.yaml'
    ])

    const onRemote = gitIn(remote, 'ls-tree', '-r', '--name-only', 'rollback-manifests').split('\n')
    expect(onRemote).toEqual(
      expect.arrayContaining([
        `shop/prod/${result.id}/manifest.json`,
        `shop/prod/${result.id}/contracts/api/openapi.yaml`,
        'shop/prod/latest.json'
      ])
    )
    const stored = gitIn(remote, 'show', `rollback-manifests:shop/prod/${result.id}/manifest.json`)
    expect(sha256Hex(`${stored}\n`)).toBe(result.sha256)
    expect(
      gitIn(remote, 'show', `rollback-manifests:shop/prod/${result.id}/contracts/api/openapi.yaml`)
    ).toBe(files['api/openapi.yaml'].trim())
    // An orphan branch: no history shared with main.
    expect(gitIn(remote, 'rev-list', '--max-parents=0', 'rollback-manifests')).not.toBe(head)
    expect(gitIn(work, 'status', '--porcelain')).toBe(statusBefore)
    expect(gitIn(work, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main')
  })

  it('chains each manifest to the one before, across clones', async () => {
    const { base, work, remote, head } = await repo.clone()
    const first = await createManifest(options(work, head), {
      store: new BranchManifestStore({ cwd: work, branch: 'rollback-manifests', remote: 'origin' }),
      log: quiet
    })
    const other = cloneOf(remote, join(base, 'other'))
    // An earlier time from a runner whose clock lags: ids still sort in chain order.
    const second = await createManifest(
      options(other, head, { now: new Date('2026-11-20T11:59:59Z') }),
      {
        store: new BranchManifestStore({
          cwd: other,
          branch: 'rollback-manifests',
          remote: 'origin'
        }),
        log: quiet
      }
    )
    expect(first.previousSha256).toBeNull()
    expect(second.manifest.previous).toEqual({ id: first.id, commit: head, sha256: first.sha256 })
    expect(gitIn(remote, 'rev-list', '--count', 'rollback-manifests')).toBe('2')
    expect([first.id.slice(0, 7), second.id.slice(0, 7)]).toEqual(['000001-', '000002-'])
    const store = new BranchManifestStore({
      cwd: other,
      branch: 'rollback-manifests',
      remote: 'origin'
    })
    expect(await store.list('shop', 'prod')).toEqual([first.id, second.id])
  })

  it('writes nothing when an input is invalid', async () => {
    const { work, remote, head } = await repo.clone()
    const store = new BranchManifestStore({
      cwd: work,
      branch: 'rollback-manifests',
      remote: 'origin'
    })
    for (const bad of [
      { images: ['ghcr.io/acme/shop:1.4.0'] },
      { configFiles: ['deploy/*.json'] },
      { contracts: [{ path: 'api/missing.yaml', kind: 'openapi' }] },
      { images: [`ghcr.io/acme/shop@${digest}`, `ghcr.io/acme/shop@${digest}`] },
      { goMods: ['nowhere/go.mod'] },
      { service: 'bad name' },
      { out: 'manifest.json', configVersionKey: 'image.missing' }
    ]) {
      await expect(createManifest(options(work, head, bad), { store, log: quiet })).rejects.toThrow(
        /./
      )
    }
    expect(gitIn(remote, 'branch', '--list', 'rollback-manifests')).toBe('')
    await expect(readFile(join(work, 'manifest.json'))).rejects.toThrow()
  })

  it('resolves latest, ids, commits and last-good, and records verdicts without rewriting history', async () => {
    const { work, head } = await repo.clone()
    const store = new BranchManifestStore({
      cwd: work,
      branch: 'rollback-manifests',
      remote: 'origin'
    })
    const first = await createManifest(options(work, head), { store, log: quiet })
    gitIn(work, 'commit', '--allow-empty', '-q', '-m', 'second release')
    const secondHead = gitIn(work, 'rev-parse', 'HEAD')
    const second = await createManifest(
      options(work, secondHead, { now: new Date('2026-11-21T08:00:00Z') }),
      {
        store,
        log: quiet
      }
    )

    expect((await showManifest(store, 'shop', 'prod', 'latest')).id).toBe(second.id)
    expect((await showManifest(store, 'shop', 'prod', first.id.slice(0, 20))).id).toBe(first.id)
    expect((await showManifest(store, 'shop', 'prod', secondHead.slice(0, 9))).id).toBe(second.id)
    await expect(showManifest(store, 'shop', 'prod', 'last-good')).rejects.toThrow(
      /no manifest has been marked good/
    )

    const tipBefore = gitIn(work, 'rev-parse', 'refs/rollback-guard/origin/rollback-manifests')
    await markManifest(
      store,
      'shop',
      'prod',
      first.id,
      'good',
      null,
      new Date('2026-11-21T09:00:00Z')
    )
    const marked = await markManifest(
      store,
      'shop',
      'prod',
      'latest',
      'bad',
      null,
      new Date('2026-11-21T09:05:00Z')
    )
    expect(marked.manifest.verdict.status).toBe('bad')
    const lastGood = await showManifest(store, 'shop', 'prod', 'last-good')
    expect(lastGood.id).toBe(first.id)
    expect(lastGood.manifest.verdict).toMatchObject({
      status: 'good',
      decidedAt: '2026-11-21T09:00:00.000Z'
    })
    // The manifest bytes (and so the chain) never change; the verdict lives beside them.
    expect(lastGood.sha256).toBe(first.sha256)
    const tipAfter = gitIn(work, 'rev-parse', 'refs/rollback-guard/origin/rollback-manifests')
    expect(gitIn(work, 'merge-base', '--is-ancestor', tipBefore, tipAfter)).toBe('')
  })

  it('keeps the branch local when the repository has no remote', async () => {
    const { work, head } = await repo.clone()
    gitIn(work, 'remote', 'remove', 'origin')
    const store = new BranchManifestStore({ cwd: work, branch: 'rollback-manifests', remote: null })
    const result = await createManifest(options(work, head), { store, log: quiet })
    expect(gitIn(work, 'ls-tree', '--name-only', 'rollback-manifests', 'shop/prod/')).toContain(
      `shop/prod/${result.id}`
    )
  })

  it('rebuilds on the new tip when other writers pushed first, so every concurrent write lands', async () => {
    const { base, remote, head } = await repo.clone()
    const clones = Array.from({ length: 5 }, (_, index) =>
      cloneOf(remote, join(base, `writer-${index}`))
    )
    const rebuilt: string[] = []
    const results = await Promise.all(
      clones.map((clone, index) =>
        createManifest(
          options(clone, head, { now: new Date(Date.UTC(2026, 10, 20, 12, 0, index)) }),
          {
            store: new BranchManifestStore({
              cwd: clone,
              branch: 'rollback-manifests',
              remote: 'origin',
              backoffMs: 5,
              log: (message) => message.includes('another run') && rebuilt.push(message)
            }),
            log: quiet
          }
        )
      )
    )
    expect(rebuilt.length).toBeGreaterThan(0)
    expect(gitIn(remote, 'rev-list', '--count', 'rollback-manifests')).toBe('5')
    // One linear chain: exactly one first manifest, and every other one points at a distinct predecessor.
    const previous = results.map((result) => result.manifest.previous?.sha256 ?? null)
    expect(previous.filter((sha) => sha === null)).toHaveLength(1)
    expect(new Set(previous.filter(Boolean)).size).toBe(4)
    for (const sha of previous.filter(Boolean))
      expect(results.map((result) => result.sha256)).toContain(sha)
  })
})

describe('the manifest file store', () => {
  it('keeps the same layout in a folder, chained, with verdicts beside', async () => {
    const { base, work, head } = await repo.clone()
    const store = new FileManifestStore(join(base, 'manifests'))
    const first = await createManifest(options(work, head, { out: 'out/manifest.json' }), {
      store,
      log: quiet
    })
    const second = await createManifest(
      options(work, head, { now: new Date('2026-11-20T12:30:00Z') }),
      { store, log: quiet }
    )
    expect(second.manifest.previous?.sha256).toBe(first.sha256)
    expect(await readFile(join(work, 'out/manifest.json'), 'utf8')).toBe(
      serializeManifest(first.manifest)
    )
    expect(
      await readFile(
        join(base, 'manifests/shop/prod', first.id, 'contracts/api/openapi.yaml'),
        'utf8'
      )
    ).toBe(files['api/openapi.yaml'])
    await markManifest(store, 'shop', 'prod', first.id, 'good', null, new Date())
    expect((await showManifest(store, 'shop', 'prod', 'last-good')).id).toBe(first.id)
    expect(await store.list('shop', 'prod')).toEqual([first.id, second.id])
  })
})
