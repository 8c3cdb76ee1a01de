/**
 * Each action parses its inputs into the same typed settings a CLI command builds from its flags
 * (src/wiring/settings.ts): the same job, whichever face started it; action errors name inputs.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseContractCheckInputs } from '../../src/actions/inputs/contract-check.js'
import { parseManifestInputs } from '../../src/actions/inputs/manifest.js'
import { parseRevertPrInputs } from '../../src/actions/inputs/revert-pr.js'
import { parseSloGateInputs } from '../../src/actions/inputs/slo-gate.js'
import { revertSettingsOf, type RevertFlags } from '../../src/cli/revert.js'
import { sloGateSettingsOf, type SloCheckFlags } from '../../src/cli/slo.js'
import type { CliIo } from '../../src/cli/io.js'

let repo = ''
const saved = { ...process.env }

beforeAll(() => {
  repo = realpathSync(mkdtempSync(join(tmpdir(), 'rg-settings-')))
  execFileSync('git', ['init', '-q', '-b', 'main', repo])
  execFileSync('git', ['-C', repo, 'remote', 'add', 'origin', 'https://example.invalid/acme/shop'])
  const who = ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid']
  execFileSync('git', ['-C', repo, ...who, 'commit', '-q', '--allow-empty', '-m', 'first'])
})

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
})

/** Inputs as the runner passes them: INPUT_<NAME>. */
function inputs(values: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  process.env.GITHUB_WORKSPACE = repo
  process.env.GITHUB_REPOSITORY = 'acme/shop'
  delete process.env.GITHUB_EVENT_PATH
  for (const [name, value] of Object.entries(values))
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
}

const io: CliIo = {
  stdout: () => undefined,
  stderr: () => undefined,
  env: { GITHUB_REPOSITORY: 'acme/shop' },
  get cwd() {
    return repo
  },
  now: () => new Date('2026-05-01T13:00:00Z')
}

describe('slo-gate: the action and the CLI build the same settings', () => {
  it('records on the same store, service, env and manifest', async () => {
    inputs({
      policy: 'slo.yml',
      'deployed-at': '2026-05-01T12:00:00Z',
      service: 'shop',
      env: 'prod',
      store: 'file',
      'store-path': 'manifests',
      'manifest-ref': 'latest',
      'evidence-path': 'evidence.json'
    })
    const fromAction = await parseSloGateInputs()
    const flags: SloCheckFlags = {
      policy: join(repo, 'slo.yml'),
      deployedAt: '2026-05-01T12:00:00Z',
      format: 'text',
      recordVerdict: true,
      manifestRef: 'latest',
      store: 'file',
      branch: 'rollback-manifests',
      storePath: 'manifests',
      service: 'shop',
      env: 'prod'
    }
    const fromCli = await sloGateSettingsOf(io, flags)
    expect(fromAction.settings.root).toBe(repo)
    expect(fromCli.root).toBe(repo)
    expect(fromAction.settings.record).toEqual(fromCli.record)
    expect(fromAction.settings.record).toEqual({
      store: { kind: 'file', branch: 'rollback-manifests', remote: undefined, path: 'manifests' },
      service: 'shop',
      env: 'prod',
      manifestRef: 'latest'
    })
    expect(fromAction.evidencePath).toBe(join(repo, 'evidence.json'))
    expect(new Date(fromAction.settings.deployedAt!).toISOString()).toBe(
      new Date(fromCli.deployedAt!).toISOString()
    )
  })

  it('names the input in an action error and the flag in a CLI error', async () => {
    inputs({ policy: 'slo.yml', store: 'cloud', 'evidence-path': 'e.json' })
    await expect(parseSloGateInputs()).rejects.toThrow(
      "input 'store' must be branch, file or none, got 'cloud'."
    )
    inputs({ 'evidence-path': 'e.json' })
    await expect(parseSloGateInputs()).rejects.toThrow("input 'policy' is empty")
    inputs({ policy: 'slo.yml', 'evidence-path': 'e.json', 'deployed-at': 'yesterday' })
    await expect(parseSloGateInputs()).rejects.toThrow("input 'deployed-at' is 'yesterday'")
    const flags = { policy: 'slo.yml', format: 'text', recordVerdict: true, manifestRef: 'latest' }
    await expect(
      sloGateSettingsOf(io, {
        ...flags,
        store: 'cloud',
        branch: 'b',
        storePath: 'p',
        env: 'prod'
      } as SloCheckFlags)
    ).rejects.toThrow("--store must be branch, file or none, got 'cloud'.")
  })

  it('records nothing when record-verdict is false or the store is none', async () => {
    inputs({ policy: 'slo.yml', 'evidence-path': 'e.json', 'record-verdict': 'false' })
    expect((await parseSloGateInputs()).settings.record).toBeNull()
    inputs({ policy: 'slo.yml', 'evidence-path': 'e.json', store: 'none' })
    expect((await parseSloGateInputs()).settings.record).toBeNull()
  })
})

describe('contract-check inputs', () => {
  it('become the check settings: against, fail-on, budget, manifest branch, dependency impact', async () => {
    inputs({
      against: 'v1.2.0',
      'fail-on': 'warning',
      'max-seconds': '30',
      branch: 'releases',
      'dependency-impact': 'off',
      'rollback-impact': 'false',
      'github-token': 'ghs_example'
    })
    const { settings, presentation } = await parseContractCheckInputs()
    expect(settings.root).toBe(repo)
    expect(settings.failOn).toBe('warning')
    expect(settings.maxSeconds).toBe(30)
    expect(settings.dependencyImpact).toBe('off')
    expect(settings.lookupFailures).toBe('warn')
    expect(settings.github).toMatchObject({ token: 'ghs_example', owner: 'acme', repo: 'shop' })
    expect(settings.source).toMatchObject({
      mode: 'check',
      configPath: '.rollback-guard.yml',
      against: 'v1.2.0',
      manifestBranch: 'releases',
      rollbackImpact: false
    })
    expect(presentation).toMatchObject({ wantComment: true, skipped: false })
  })

  it('become the diff settings with base and revision, and name the missing one', async () => {
    inputs({ base: 'old.yaml', revision: 'new.yaml', kind: 'openapi' })
    const { settings } = await parseContractCheckInputs()
    expect(settings.source).toEqual({
      mode: 'diff',
      kind: 'openapi',
      basePath: 'old.yaml',
      headPath: 'new.yaml',
      configPath: null,
      engineSettings: {}
    })
    inputs({ base: 'old.yaml' })
    await expect(parseContractCheckInputs()).rejects.toThrow("input 'revision' is empty")
  })

  it('name the input when a value is not allowed', async () => {
    inputs({ 'fail-on': 'sometimes' })
    await expect(parseContractCheckInputs()).rejects.toThrow("input 'fail-on' must be one of")
    inputs({ 'dependency-impact': 'some' })
    await expect(parseContractCheckInputs()).rejects.toThrow(
      "input 'dependency-impact' must be direct, all or off"
    )
    inputs({ 'max-seconds': 'soon' })
    await expect(parseContractCheckInputs()).rejects.toThrow("input 'max-seconds'")
    inputs({ against: 'pr-base' })
    await expect(parseContractCheckInputs()).rejects.toThrow("input 'against: pr-base'")
  })
})

describe('revert-pr: the action and the CLI build the same settings', () => {
  it('plan the same revert from the same store and remote', async () => {
    inputs({
      'dry-run': 'true',
      verdict: 'fail',
      service: 'shop',
      env: 'prod',
      store: 'file',
      'store-path': 'manifests',
      base: 'main',
      strategy: 'pin-digests',
      'fallback-strategies': 'none',
      'deploy-paths': 'deploy',
      labels: 'rollback'
    })
    const fromAction = await parseRevertPrInputs()
    const flags: RevertFlags = {
      verdict: 'fail',
      strategy: 'pin-digests',
      fallbackStrategies: 'none',
      deployPath: ['deploy'],
      dryRun: true,
      service: 'shop',
      env: 'prod',
      bad: 'latest',
      base: 'main',
      remote: 'origin',
      store: 'file',
      branch: 'rollback-manifests',
      storePath: 'manifests',
      label: ['rollback'],
      reviewer: [],
      teamReviewer: [],
      assignee: [],
      draft: false,
      signCommits: false,
      format: 'text'
    }
    const fromCli = await revertSettingsOf('plan', flags, io)
    expect(fromAction.mode).toBe('plan')
    expect(fromCli.mode).toBe('plan')
    expect(fromAction.store).toEqual({ ...fromCli.store, remote: undefined })
    expect(fromAction.remote).toBe(fromCli.remote)
    const comparable = (o: typeof fromAction.options) => ({ ...o, links: undefined })
    expect(comparable(fromAction.options)).toEqual(comparable(fromCli.options))
  })

  it('names the input: a store that keeps nothing, a missing token, a bad remote', async () => {
    inputs({ store: 'none', 'dry-run': 'true' })
    await expect(parseRevertPrInputs()).rejects.toThrow("input 'store: none' keeps no manifests")
    inputs({ store: 'file' })
    await expect(parseRevertPrInputs()).rejects.toThrow("input 'github-token' is empty")
    inputs({ remote: '-upload-pack=x', 'dry-run': 'true' })
    await expect(parseRevertPrInputs()).rejects.toThrow("input 'remote'")
  })
})

describe('manifest inputs', () => {
  it('become the settings of the manifest job, and name the store input', async () => {
    inputs({
      'go-modules': 'none',
      images: 'ghcr.io/acme/shop@sha256:' + 'a'.repeat(64),
      store: 'file',
      'store-path': 'm'
    })
    const settings = await parseManifestInputs()
    expect(settings.store).toMatchObject({ kind: 'file', path: 'm' })
    expect(settings.create).toMatchObject({ root: repo, service: 'shop', goMods: null })
    expect(settings.create.images).toHaveLength(1)
    inputs({ store: 'bucket' })
    await expect(parseManifestInputs()).rejects.toThrow("input 'store' must be branch")
  })
})
