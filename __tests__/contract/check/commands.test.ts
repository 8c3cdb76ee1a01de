import { describe, it, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { ExitCode, InputError } from '../../../src/core/errors.js'
import { manifestBaselineReader } from '../../../src/commands/contract-check.js'
import { localContractCheckPorts, runContractCheck } from '../../../src/wiring/contract.js'
import { createManifest } from '../../../src/wiring/manifest.js'
import { markManifest } from '../../../src/commands/manifest.js'
import { FileManifestStore } from '../../../src/platform/fs/manifest-file-store.js'
import { runContractDiff } from '../../../src/wiring/contract.js'
import { gitBaseline } from '../../../src/platform/git/baseline.js'
import { createRealGoEngine } from '../../../src/platform/go/engine.js'
import { contractEngines } from '../../../src/contract/engines.js'

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..')
const v1 = join(root, 'examples/contracts/orders-api/v1/openapi.yaml')
const v2 = join(root, 'examples/contracts/orders-api/v2/openapi.yaml')
const now = new Date('2026-11-21T00:00:00Z')

const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com'
}
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...identity },
    encoding: 'utf8'
  }).trim()
}
function put(repo: string, path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true })
  writeFileSync(join(repo, path), text)
}

const config = `contracts:
  - kind: openapi
    name: orders-api
    path: api/openapi.yaml
`

/** The orders service released as v1.4.0 with the v1 API; the working tree has the v2 API. */
function orderService(options: { tag?: boolean } = {}): { repo: string; release: string } {
  const repo = mkdtempSync(join(tmpdir(), 'rg-orders-'))
  git(repo, 'init', '-q', '-b', 'main')
  put(repo, '.rollback-guard.yml', config)
  put(repo, 'package.json', '{ "name": "orders", "version": "1.4.0" }\n')
  mkdirSync(join(repo, 'api'))
  copyFileSync(v1, join(repo, 'api/openapi.yaml'))
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'orders 1.4.0')
  if (options.tag !== false) git(repo, 'tag', 'v1.4.0')
  const release = git(repo, 'rev-parse', 'HEAD')
  git(repo, 'checkout', '-q', '-b', 'feature/refunds')
  copyFileSync(v2, join(repo, 'api/openapi.yaml'))
  git(repo, 'commit', '-q', '-am', 'refunds')
  return { repo, release }
}

function ports(repo: string) {
  const log: string[] = []
  return { git: gitBaseline({ cwd: repo }), log: (m: string) => log.push(m), lines: log }
}

describe('contract diff', () => {
  it('finds the breaking changes between the two example API versions and exits 1', async () => {
    const result = await runContractDiff({
      kind: 'openapi',
      basePath: v1,
      headPath: v2,
      format: 'json',
      cwd: root,
      now
    })
    expect(result.exitCode).toBe(ExitCode.found)
    const report = JSON.parse(result.output)
    expect(report.schemaVersion).toBe(1)
    expect(report.verdict).toBe('fail')
    const ids = report.changes.map((c: { id: string }) => c.id)
    expect(ids).toContain('new-required-request-parameter')
    expect(ids).toContain('request-property-max-length-decreased')
    expect(ids).toContain('endpoint-added')
    expect(report.changes[0].level).toBe('breaking')
    const region = report.changes.find(
      (c: { id: string }) => c.id === 'new-required-request-parameter'
    )
    expect(region).toMatchObject({
      operation: 'GET /orders',
      file: 'examples/contracts/orders-api/v2/openapi.yaml',
      contract: 'examples/contracts/orders-api/v2/openapi.yaml'
    })
    expect(region.line).toBeGreaterThan(1)
    // {orderId} → {id} is the same endpoint: GET /orders/{id} is not reported as removed and added.
    expect(
      report.changes.some((c: { message: string }) =>
        /GET \/orders\/\{orderId\} .*removed/.test(c.message)
      )
    ).toBe(false)
    expect(report.summary.breaking).toBe(
      report.changes.filter((c: { level: string }) => c.level === 'breaking').length
    )
  })

  it('passes with fail-on never, and applies the config given', async () => {
    const never = await runContractDiff({
      kind: 'openapi',
      basePath: v1,
      headPath: v2,
      format: 'text',
      failOn: 'never',
      cwd: root,
      now
    })
    expect(never.exitCode).toBe(ExitCode.ok)
    expect(never.output).toContain('result: PASS (fail-on never)')

    const dir = mkdtempSync(join(tmpdir(), 'rg-diff-config-'))
    put(
      dir,
      'accept.yml',
      `fail-on: warning
overrides:
  endpoint-added: warning
ignore:
  - id: new-required-request-parameter
    reason: every partner sends region already
  - operation: GET /orders
    id: request-parameter-removed
    reason: cursor was replaced
    expires: 2026-01-31
`
    )
    const result = await runContractDiff({
      kind: 'openapi',
      basePath: v1,
      headPath: v2,
      format: 'json',
      configPath: join(dir, 'accept.yml'),
      cwd: root,
      now
    })
    const report = JSON.parse(result.output)
    expect(report.failOn).toBe('warning')
    expect(
      report.changes.find((c: { id: string }) => c.id === 'new-required-request-parameter')
    ).toMatchObject({
      ignored: true,
      ignoreReason: 'every partner sends region already'
    })
    expect(report.changes.find((c: { id: string }) => c.id === 'endpoint-added')).toMatchObject({
      level: 'warning',
      originalLevel: 'info'
    })
    expect(
      report.changes.find((c: { id: string }) => c.id === 'request-parameter-removed').ignored
    ).toBe(false)
    expect(report.notes.map((n: { message: string }) => n.message).join('\n')).toContain(
      'expired on 2026-01-31'
    )
    expect(report.notes).not.toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('names no rule') })
    )
  })

  it('warns about overrides and ignore entries that name no rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-diff-typo-'))
    put(
      dir,
      'typo.yml',
      'overrides:\n  endpoint-addded: warning\nignore:\n  - id: new-required-request-param\n    reason: typo\n'
    )
    const result = await runContractDiff({
      kind: 'openapi',
      basePath: v1,
      headPath: v2,
      format: 'json',
      configPath: join(dir, 'typo.yml'),
      cwd: root,
      now
    })
    expect(result.report.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([
        "override 'endpoint-addded' names no rule of the configured contract kinds, so it changes nothing; check the id (`rollback-guard rules` lists them).",
        "ignore entry on line 4 names the rule 'new-required-request-param', which no configured contract kind has; check the id (`rollback-guard rules` lists them)."
      ])
    )
  })

  it('keeps a hostile spec inert in the PR comment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-hostile-'))
    const spec = (extra: string) => `openapi: 3.0.3
info: { title: evil, version: '1' }
paths:
  /pets:
    get:
      parameters:
        - name: "<!-- rollback-guard:contract-check/check --> @octocat <img src=x onerror=alert(1)>"
          in: query
          required: ${extra}
          schema: { type: string }
      responses:
        '200':
          description: ok
`
    put(dir, 'base.yaml', spec('false'))
    put(dir, 'head.yaml', spec('true'))
    const result = await runContractDiff({
      kind: 'openapi',
      basePath: 'base.yaml',
      headPath: 'head.yaml',
      format: 'markdown',
      cwd: dir,
      now,
      markdown: { jobId: 'check', repository: 'acme/pets' }
    })
    expect(result.report.changes[0]?.message).toContain('@octocat <img')
    expect(result.output.match(/<!--/g)).toHaveLength(1)
    expect(result.output).not.toContain('@octocat')
    expect(result.output).not.toContain('<img')
    expect(result.output).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
  })

  it('reports unreadable input as an input error (exit 2)', async () => {
    const missing = runContractDiff({
      kind: 'openapi',
      basePath: 'nope.yaml',
      headPath: v2,
      format: 'json',
      cwd: root,
      now
    })
    await expect(missing).rejects.toBeInstanceOf(InputError)
    await expect(missing).rejects.toThrow('--base nope.yaml: no such file or directory.')
    await expect(
      runContractDiff({
        kind: 'graphql',
        basePath: v1,
        headPath: v2,
        format: 'json',
        cwd: root,
        now
      })
    ).rejects.toThrow(
      "--kind must be one of openapi, protobuf, go, gomod, migrations, got 'graphql'."
    )
  })
})

describe('contract check', () => {
  it('compares the working tree with the last release tag and judges the declared version', async () => {
    const { repo, release } = orderService()
    put(repo, 'package.json', '{ "name": "orders", "version": "1.5.0" }\n')
    const p = ports(repo)
    const result = await runContractCheck({
      cwd: repo,
      format: 'markdown',
      ports: { git: p.git, log: p.log },
      now,
      markdown: { repository: 'acme/orders', jobId: 'api' }
    })
    const { report } = result
    expect(result.exitCode).toBe(ExitCode.found)
    expect(report.base).toEqual({ ref: 'v1.4.0', sha: release, source: 'tag' })
    expect(report.head).toEqual({ ref: 'feature/refunds', sha: git(repo, 'rev-parse', 'HEAD') })
    expect(report.semver).toEqual({
      base: '1.4.0',
      required: 'major',
      next: '2.0.0',
      declared: '1.5.0',
      sufficient: false
    })
    expect(report.contracts).toEqual([
      { name: 'orders-api', kind: 'openapi', paths: ['api/openapi.yaml'], status: 'compared' }
    ])
    const region = report.changes.find((c) => c.id === 'new-required-request-parameter')
    expect(region).toMatchObject({ file: 'api/openapi.yaml', contract: 'orders-api' })
    expect(result.output).toContain('<!-- rollback-guard:contract-check/api -->')
    expect(result.output).toContain(
      `https://github.com/acme/orders/blob/${report.head.sha}/api/openapi.yaml#L${region?.line}`
    )
    expect(result.output).toContain('This change declares 1.5.0, which is too small.')
  })

  it('runs with the git-only ports of the command line, against an explicit tag', async () => {
    const { repo, release } = orderService()
    const log: string[] = []
    const result = await runContractCheck({
      cwd: repo,
      against: 'v1.4.0',
      format: 'github',
      ports: localContractCheckPorts(repo, (m) => log.push(m)),
      now
    })
    expect(result.report.base).toEqual({ ref: 'v1.4.0', sha: release, source: 'ref' })
    expect(result.report.semver.next).toBe('2.0.0')
    expect(result.output.split('\n')[0]).toMatch(
      /^::error file=api\/openapi\.yaml,line=\d+,title=orders-api%3A /
    )
    expect(log.some((line) => line.startsWith('openapi: comparing'))).toBe(true)
  })

  it('passes a compatible change and asks for a minor release', async () => {
    const { repo } = orderService()
    copyFileSync(v1, join(repo, 'api/openapi.yaml'))
    put(
      repo,
      'api/openapi.yaml',
      execFileSync('git', ['show', 'v1.4.0:api/openapi.yaml'], {
        cwd: repo,
        encoding: 'utf8'
      }).replace(
        '  /orders/{orderId}:',
        "  /health:\n    get:\n      operationId: health\n      responses:\n        '200':\n          description: ok\n  /orders/{orderId}:"
      )
    )
    const p = ports(repo)
    const result = await runContractCheck({
      cwd: repo,
      format: 'text',
      ports: { git: p.git, log: p.log },
      now
    })
    expect(result.exitCode).toBe(ExitCode.ok)
    expect(result.report.summary).toEqual({ breaking: 0, warning: 0, info: 1, ignored: 0 })
    expect(result.report.semver).toEqual({ base: '1.4.0', required: 'minor', next: '1.5.0' })
    expect(result.output).toContain('result: PASS')
  })

  it('reports every contract as new when there is no earlier release', async () => {
    const { repo } = orderService({ tag: false })
    const p = ports(repo)
    const result = await runContractCheck({
      cwd: repo,
      format: 'json',
      ports: { git: p.git, log: p.log },
      now
    })
    expect(result.exitCode).toBe(ExitCode.ok)
    expect(result.report.base).toEqual({ ref: null, sha: null, source: 'none' })
    expect(result.report.contracts[0]).toMatchObject({
      status: 'new',
      note: 'no earlier release to compare with'
    })
    expect(result.report.changes).toEqual([
      expect.objectContaining({ id: 'contract-added', level: 'info', file: 'api/openapi.yaml' })
    ])
    expect(result.report.notes[0]?.message).toMatch(/^No earlier release found/)
  })

  it('treats a contract file deleted since the release as breaking, and names a path that never existed', async () => {
    const { repo } = orderService()
    rmSync(join(repo, 'api/openapi.yaml'))
    const p = ports(repo)
    const result = await runContractCheck({
      cwd: repo,
      format: 'text',
      against: 'v1.4.0',
      ports: { git: p.git, log: p.log },
      now
    })
    expect(result.report.contracts[0]?.status).toBe('removed')
    expect(result.report.changes[0]).toMatchObject({ id: 'contract-removed', level: 'breaking' })
    expect(result.exitCode).toBe(ExitCode.found)

    put(repo, '.rollback-guard.yml', 'contracts:\n  - kind: openapi\n    path: api/typo.yaml\n')
    await expect(
      runContractCheck({ cwd: repo, format: 'text', ports: { git: p.git, log: p.log }, now })
    ).rejects.toThrow(
      ".rollback-guard.yml:2: contract 'api/typo.yaml' path 'api/typo.yaml' exists neither in the working tree nor at v1.4.0; fix `path:`."
    )
  })

  it('needs a config that lists contracts', async () => {
    const { repo } = orderService()
    const p = ports(repo)
    put(repo, '.rollback-guard.yml', 'fail-on: warning\n')
    await expect(
      runContractCheck({ cwd: repo, format: 'text', ports: { git: p.git, log: p.log }, now })
    ).rejects.toThrow('.rollback-guard.yml lists no contracts')
    await expect(
      runContractCheck({
        cwd: repo,
        configPath: 'ci/missing.yml',
        format: 'text',
        ports: { git: p.git, log: p.log },
        now
      })
    ).rejects.toThrow('ci/missing.yml: no such file')
  })

  it('skips a Go contract with a warning when Go is not installed, or fails when configured to', async () => {
    const { repo } = orderService()
    const goModule = {
      'pkg/client/go.mod': 'module example.com/client\n\ngo 1.21\n',
      'pkg/client/client.go': 'package client\n\nfunc Do() {}\n'
    }
    for (const [path, text] of Object.entries(goModule)) put(repo, path, text)
    put(
      repo,
      '.rollback-guard.yml',
      config + '  - kind: go\n    name: go-client\n    path: pkg/client\n'
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'go client')
    git(repo, 'tag', 'v1.5.0')
    const engines = { ...contractEngines, go: createRealGoEngine({ go: join(repo, 'no-go-here') }) }
    const p = ports(repo)
    const result = await runContractCheck({
      cwd: repo,
      format: 'text',
      failOn: 'never',
      ports: { git: p.git, log: p.log },
      now,
      engines
    })
    expect(result.report.contracts.find((c) => c.name === 'go-client')).toMatchObject({
      status: 'skipped'
    })
    expect(result.report.notes).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /^contract 'go-client' was not checked: The Go contract check needs a Go toolchain/
        )
      })
    )
    expect(result.output).toContain('go-client (go) [skipped: ')

    put(
      repo,
      '.rollback-guard.yml',
      config +
        '  - kind: go\n    name: go-client\n    path: pkg/client\n    missing-toolchain: fail\n'
    )
    await expect(
      runContractCheck({
        cwd: repo,
        format: 'text',
        ports: { git: p.git, log: p.log },
        now,
        engines
      })
    ).rejects.toThrow('The Go contract check needs a Go toolchain on PATH')
  })

  it('reads a protobuf folder at the release and finds a deleted field', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'rg-proto-'))
    git(repo, 'init', '-q', '-b', 'main')
    put(
      repo,
      '.rollback-guard.yml',
      'contracts:\n  - kind: protobuf\n    name: orders-proto\n    path: proto\n'
    )
    const message = (fields: string) =>
      `syntax = "proto3";\n\npackage acme.orders.v1;\n\nimport "acme/orders/v1/money.proto";\n\nmessage Order {\n${fields}}\n`
    put(
      repo,
      'proto/acme/orders/v1/money.proto',
      'syntax = "proto3";\n\npackage acme.orders.v1;\n\nmessage Money {\n  string amount = 1;\n  string currency = 2;\n}\n'
    )
    put(
      repo,
      'proto/acme/orders/v1/order.proto',
      message('  string id = 1;\n  Money total = 2;\n  string note = 3;\n')
    )
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'orders proto')
    git(repo, 'tag', 'v0.3.0')
    put(repo, 'proto/acme/orders/v1/order.proto', message('  string id = 1;\n  Money total = 2;\n'))
    const result = await runContractCheck({
      cwd: repo,
      format: 'json',
      ports: localContractCheckPorts(repo, () => {}),
      now
    })
    const deleted = result.report.changes.find((c) => c.id === 'FIELD_NO_DELETE')
    expect(deleted).toMatchObject({ level: 'breaking', contract: 'orders-proto', kind: 'protobuf' })
    expect(deleted?.file).toMatch(/order\.proto$/)
    expect(result.report.semver).toEqual({ base: '0.3.0', required: 'minor', next: '0.4.0' })
    expect(result.exitCode).toBe(ExitCode.found)
  })

  it('compares every go.mod of a repository folder with the release, reading only go.mod files', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'rg-gomod-'))
    git(repo, 'init', '-q', '-b', 'main')
    put(
      repo,
      '.rollback-guard.yml',
      'contracts:\n  - kind: gomod\n    name: modules\n    path: .\n'
    )
    const mod = (goVersion: string, yaml: string) =>
      `module example.com/orders\n\ngo ${goVersion}\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgopkg.in/yaml.${yaml}\n)\n`
    put(repo, 'go.mod', mod('1.21', 'v2 v2.4.0'))
    put(repo, 'tools/go.mod', 'module example.com/orders/tools\n\ngo 1.21\n')
    put(repo, 'README.md', '# orders\n')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'orders')
    git(repo, 'tag', 'v1.0.0')
    put(repo, 'go.mod', mod('1.23', 'v3 v3.0.1'))
    const log: string[] = []
    const result = await runContractCheck({
      cwd: repo,
      format: 'json',
      failOn: 'never',
      ports: localContractCheckPorts(repo, (m) => log.push(m)),
      now
    })
    expect(result.report.contracts[0]).toMatchObject({ name: 'modules', status: 'compared' })
    const ids = result.report.changes.map((c) => c.id)
    expect(ids.some((id) => id.startsWith('gomod-'))).toBe(true)
    expect(result.report.changes.every((c) => c.file === 'go.mod')).toBe(true)
    expect(result.report.summary.breaking + result.report.summary.warning).toBeGreaterThan(0)

    const dest = mkdtempSync(join(tmpdir(), 'rg-gomod-base-'))
    await gitBaseline({ cwd: repo }).materialize(
      git(repo, 'rev-parse', 'v1.0.0'),
      ['.'],
      dest,
      'gomod'
    )
    const listed = execFileSync('find', [dest, '-type', 'f'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((file) => file.slice(dest.length + 1))
      .sort()
    expect(listed).toEqual(['go.mod', 'tools/go.mod'])
  })

  it('refuses a contract that a symlink leads outside the repository', async () => {
    const { repo } = orderService()
    const outside = mkdtempSync(join(tmpdir(), 'rg-outside-'))
    put(outside, 'secret.yaml', 'token: not-for-reports\n')
    rmSync(join(repo, 'api/openapi.yaml'))
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'api/openapi.yaml'))
    await expect(
      runContractCheck({
        cwd: repo,
        format: 'json',
        ports: localContractCheckPorts(repo, () => {}),
        now
      })
    ).rejects.toThrow(
      '.rollback-guard.yml:2: contract path api/openapi.yaml leads outside the repository (through a symlink)'
    )
  })

  it('says plainly that contract check needs a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-nogit-'))
    put(dir, '.rollback-guard.yml', config)
    await expect(
      runContractCheck({
        cwd: dir,
        format: 'text',
        ports: localContractCheckPorts(dir, () => {}),
        now
      })
    ).rejects.toThrow('is not a git repository, so there is no release to compare with')
  })

  it('compares with the contract snapshot of the last manifest marked good when no release is tagged', async () => {
    const { repo, release } = orderService({ tag: false })
    put(repo, '.rollback-guard.yml', config + 'manifest:\n  service: orders\n  env: prod\n')
    git(repo, 'checkout', '-q', release)
    const store = new FileManifestStore(mkdtempSync(join(tmpdir(), 'rg-store-')))
    const created = await createManifest(
      {
        root: repo,
        service: 'orders',
        env: 'prod',
        goMods: null,
        images: [],
        buildMetadata: [],
        digest: null,
        imageName: null,
        allowTagOnlyImages: false,
        configVersion: '1.4.0',
        configVersionFile: null,
        configVersionKey: null,
        configFiles: [],
        contracts: [{ path: 'api/openapi.yaml', kind: 'openapi' }],
        source: {
          repository: 'acme/orders',
          commit: release,
          ref: 'refs/heads/main',
          tag: null,
          runUrl: null,
          runAttempt: null,
          actor: null
        },
        now,
        out: null
      },
      { store, log: () => {} }
    )
    await markManifest(store, 'orders', 'prod', created.id, 'good', null, now)
    git(repo, 'checkout', '-q', 'feature/refunds')
    put(repo, '.rollback-guard.yml', config + 'manifest:\n  service: orders\n  env: prod\n')

    const snapshots = mkdtempSync(join(tmpdir(), 'rg-snapshots-'))
    const log: string[] = []
    const result = await runContractCheck({
      cwd: repo,
      format: 'json',
      ports: {
        ...localContractCheckPorts(repo, (m) => log.push(m)),
        manifests: manifestBaselineReader(store, snapshots)
      },
      now
    })
    expect(result.report.base).toEqual({ ref: null, sha: release, source: 'manifest' })
    expect(result.report.changes.map((c) => c.id)).toContain('new-required-request-parameter')
    expect(result.report.changes.find((c) => c.id === 'request-parameter-removed')?.file).toBe(
      'api/openapi.yaml'
    )
    expect(readFileSync(join(snapshots, 'api/openapi.yaml'), 'utf8')).toBe(readFileSync(v1, 'utf8'))
    expect(log).toContain(
      `openapi: comparing ${join(snapshots, 'api/openapi.yaml')} with ${join(repo, 'api/openapi.yaml')}`
    )
    expect(result.exitCode).toBe(ExitCode.found)
  })
})
