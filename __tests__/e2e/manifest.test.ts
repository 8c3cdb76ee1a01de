import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { manifestSchemaErrors } from '../../src/manifest/validate.js'
import { cloneOf, gitIn, repoWithRemote } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'
import { runCliProcess } from '../support/run-cli.js'
import { runAction } from './harness/run-action.js'

const digest = `sha256:${'9f'.repeat(32)}`
const files = {
  'services/cart/go.mod': 'module example.com/cart\n\ngo 1.22\n',
  'services/cart/go.sum': '',
  'services/pay/go.mod': 'module example.com/pay/v2\n\ngo 1.23\n',
  'deploy/values.yaml': 'image:\n  tag: "3.1.0"\n',
  'api/openapi.yaml': 'openapi: 3.0.3\ninfo: {title: cart, version: "3"}\npaths: {}\n'
}
// Built once; each test gets its own copy of the bare remote and the checkout.
const repo = gitTemplate(() => repoWithRemote(files))

describe('the manifest action, run as the runner runs it', () => {
  it('stores a schema-valid manifest on the branch of the bare remote and sets its outputs and summary', async () => {
    const { work, remote, head } = await repo.clone()
    const run = await runAction('manifest', {
      workspace: work,
      sha: head,
      repository: 'acme/cart',
      inputs: {
        service: 'cart',
        env: 'staging',
        images: `ghcr.io/acme/cart:3.1.0@${digest}\n`,
        'config-version-file': 'deploy/values.yaml',
        'config-version-key': 'image.tag',
        'config-files': 'deploy/*.yaml',
        contracts: 'openapi:api/openapi.yaml'
      }
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const manifest = JSON.parse(run.outputs['manifest-json'] as string)
    expect(manifestSchemaErrors(manifest)).toEqual([])
    expect(manifest).toMatchObject({
      service: 'cart',
      env: 'staging',
      source: {
        repository: 'acme/cart',
        commit: head,
        runUrl: 'https://github.com/acme/cart/actions/runs/4242',
        runAttempt: 1,
        actor: 'octocat'
      },
      config: { version: '3.1.0' }
    })
    expect(manifest.go.map((mod: { module: string }) => mod.module)).toEqual([
      'example.com/cart',
      'example.com/pay/v2'
    ])
    expect(run.outputs['manifest-sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(run.outputs['previous-sha256']).toBe('')
    expect(gitIn(remote, 'rev-parse', 'rollback-manifests')).toBe(run.outputs['store-commit'])
    expect(run.summary).toContain('### Rollback manifest `cart` / `staging`')
    expect(run.summary).toContain(`| \`ghcr.io/acme/cart\` | \`3.1.0\` | \`${digest}\` |`)

    const second = await runAction('manifest', {
      workspace: work,
      sha: head,
      repository: 'acme/cart',
      inputs: { service: 'cart', env: 'staging', images: `ghcr.io/acme/cart:3.1.0@${digest}` }
    })
    expect(second.exitCode).toBe(0)
    expect(second.outputs['previous-sha256']).toBe(run.outputs['manifest-sha256'])
  })

  it('fails the step with one clear error and writes nothing on bad input', async () => {
    const { work, remote, head } = await repo.clone()
    const run = await runAction('manifest', {
      workspace: work,
      sha: head,
      inputs: { images: 'ghcr.io/acme/cart:latest' }
    })
    expect(run.exitCode).toBe(2)
    const errors = run.annotations.filter((annotation) => annotation.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/images: image 'ghcr.io\/acme\/cart:latest' has no digest/)
    expect(run.outputs).toEqual({})
    expect(gitIn(remote, 'branch', '--list', 'rollback-manifests')).toBe('')
  })

  it('runs through the umbrella action with command: manifest', async () => {
    const { work, head } = await repo.clone()
    const run = await runAction('.', {
      workspace: work,
      sha: head,
      inputs: {
        command: 'manifest',
        service: 'cart',
        images: `ghcr.io/acme/cart@${digest}`,
        store: 'file',
        out: 'out/m.json'
      }
    })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(await readFile(join(work, 'out/m.json'), 'utf8')).service).toBe('cart')
    const unknown = await runAction('.', { workspace: work, inputs: { command: 'deploy' } })
    expect(unknown.exitCode).toBe(2)
    expect(unknown.annotations[0]?.message).toMatch(
      /input 'command' must be one of manifest, contract-check, slo-gate, revert-pr, got 'deploy'/
    )
  })
})

describe('concurrent writers', () => {
  it('8 CLI processes in 8 clones racing on one bare remote all land, in one chain', async () => {
    const { base, remote, head } = await repo.clone()
    const clones = Array.from({ length: 8 }, (_, index) =>
      cloneOf(remote, join(base, `ci-job-${index}`))
    )
    const runs = await Promise.all(
      clones.map((clone, index) =>
        runCliProcess(
          [
            'manifest',
            'create',
            '--service',
            'cart',
            '--env',
            'prod',
            '--image',
            `ghcr.io/acme/cart:${index}@${digest}`
          ],
          { cwd: clone }
        )
      )
    )
    for (const run of runs) expect(run).toMatchObject({ code: 0 })
    const manifests = runs.map((run) => JSON.parse(run.stdout))
    for (const manifest of manifests) expect(manifestSchemaErrors(manifest)).toEqual([])
    const listed = gitIn(
      remote,
      'ls-tree',
      '--name-only',
      'rollback-manifests',
      'cart/prod/'
    ).split('\n')
    expect(listed.filter((name) => !name.endsWith('latest.json'))).toHaveLength(8)
    expect(gitIn(remote, 'rev-list', '--count', 'rollback-manifests')).toBe('8')
    expect(manifests.filter((manifest) => manifest.previous === null)).toHaveLength(1)
    expect(
      new Set(manifests.map((manifest) => manifest.previous?.sha256).filter(Boolean)).size
    ).toBe(7)
    expect(runs.map((run) => run.stderr).join('')).toMatch(
      /another run updated 'rollback-manifests' first/
    )
    expect(head).toMatch(/^[0-9a-f]{40}$/)
  })
})
