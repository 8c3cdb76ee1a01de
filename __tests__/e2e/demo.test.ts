import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { parseContractConfig } from '../../src/contract/config/load.js'
import { parseSloPolicy } from '../../src/slo/index.js'
import { gitIn } from '../support/git-fixtures.js'
import { runCliProcess } from '../support/run-cli.js'
import { repoRoot } from './harness/run-action.js'

describe('the README', () => {
  it('starts with the demo command and the test command that .ci/run runs', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8')
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const commands = firstBlock
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    expect(commands).toHaveLength(2)
    expect(commands[0]).toMatch(/node dist\/cli\.js demo$/)
    const ci = await readFile(join(repoRoot, '.ci/run'), 'utf8')
    expect(ci.split('\n')).toContain(commands[1])
  })

  it('shows a .rollback-guard.yml and an slo.yml that load as they are', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8')
    const block = (name: string) =>
      new RegExp(`\`\`\`yaml\n# ${name.replace('.', '\\.')}\n([\\s\\S]*?)\`\`\``).exec(
        readme
      )?.[1] ?? ''
    const config = parseContractConfig(block('.rollback-guard.yml'), 'README .rollback-guard.yml')
    expect(config.contracts.map((contract) => contract.kind)).toEqual([
      'openapi',
      'protobuf',
      'go',
      'gomod'
    ])
    expect(config.ignore[0]).toMatchObject({
      id: 'response-property-enum-value-added',
      expires: '2027-01-31'
    })
    const policy = parseSloPolicy(block('slo.yml'), 'README slo.yml')
    expect(policy.objectives.map((objective) => objective.name)).toEqual([
      'error-rate',
      'latency-p95'
    ])
  })
})

describe('the workflow YAML in README.md', () => {
  it('uses only inputs and outputs that the actions declare', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8')
    const problems: string[] = []
    let checkedSteps = 0
    for (const [, block] of readme.matchAll(/```yaml\n([\s\S]*?)```/g)) {
      const workflow = parse(block as string) as {
        jobs?: Record<string, { steps?: Record<string, unknown>[] }>
      } | null
      for (const job of Object.values(workflow?.jobs ?? {})) {
        const ids = new Map<string, string>()
        for (const step of job.steps ?? []) {
          const uses = /^acme\/rollback-guard(?:\/([\w-]+))?@v1$/.exec(String(step.uses ?? ''))
          if (!uses) continue
          checkedSteps++
          const action = parse(await readFile(join(repoRoot, uses[1] ?? '.', 'action.yml'), 'utf8'))
          if (step.id) ids.set(String(step.id), uses[1] ?? '.')
          for (const name of Object.keys((step.with as object) ?? {})) {
            if (!(name in (action.inputs ?? {}))) problems.push(`${uses[1]}: input '${name}'`)
          }
        }
        for (const [, id, output] of JSON.stringify(job).matchAll(
          /steps\.([\w-]+)\.outputs\.([\w-]+)/g
        )) {
          const folder = ids.get(id as string)
          if (!folder) continue
          const action = parse(await readFile(join(repoRoot, folder, 'action.yml'), 'utf8'))
          if (!(String(output) in (action.outputs ?? {})))
            problems.push(`${folder}: output '${output}'`)
        }
      }
    }
    expect(checkedSteps).toBeGreaterThanOrEqual(5)
    expect(problems).toEqual([])
  })
})

describe('rollback-guard demo', () => {
  it('runs the whole story on the bundled example offline: manifests, contract check, SLO gates, revert plan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rollback-guard-demo-test-'))
    const run = await runCliProcess(['demo', '--dir', dir], {
      cwd: dir,
      env: { GIT_CONFIG_GLOBAL: '/dev/null' }
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const remote = join(dir, 'origin.git')
    const files = gitIn(remote, 'ls-tree', '-r', '--name-only', 'rollback-manifests').split('\n')
    const manifests = files.filter((file) => file.endsWith('/manifest.json'))
    expect(manifests).toHaveLength(2)
    const [first, second] = manifests.map((file) =>
      JSON.parse(gitIn(remote, 'show', `rollback-manifests:${file}`))
    )
    expect(second.previous.id).toBe(manifests[0]?.split('/')[2])
    expect(first.images[0].digest).not.toBe(second.images[0].digest)
    expect([first.source.tag, second.source.tag]).toEqual(['v1.4.0', 'v1.5.0'])
    const verdicts = files
      .filter((file) => file.endsWith('/verdict.json'))
      .map((file) => JSON.parse(gitIn(remote, 'show', `rollback-manifests:${file}`)))
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['good', 'bad'])
    expect(verdicts[1].evidence.verdict).toBe('fail')
    expect(run.stdout).toMatch(/contract check: 2 breaking/)
    // a change to the shared 'Order' schema is one finding naming both operations it reaches
    expect(run.stdout).toMatch(
      /property 'total' of the schema 'Order'[^\n]*became optional\n\s+reaches 2 operations: GET \/orders, GET \/orders\/\{id\}/
    )
    expect(run.stdout).toMatch(/BREAKING request-parameter-became-required {2}api\/openapi.yaml:10/)
    expect(run.stdout).toMatch(/SLO gate: FAIL/)
    expect(run.stdout).toMatch(/Revert plan for shop\/production[\s\S]*dry run: nothing was pushed/)
    expect(gitIn(remote, 'for-each-ref', 'refs/heads/rollback-guard/')).toBe('')
    expect(run.stdout).toContain('| Verdict | good |')
  })
})
