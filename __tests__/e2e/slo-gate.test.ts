import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gitIn, repoWithRemote, writeFiles } from '../support/git-fixtures.js'
import { gitTemplate } from '../support/git-template.js'
import {
  findPrometheus,
  healthy,
  prometheusWith,
  timelineAroundDeploy,
  type PrometheusServer,
  type Timeline
} from '../support/prometheus.js'
import { runCliProcess } from '../support/run-cli.js'
import { parse, parseAllDocuments } from 'yaml'
import { parseSloPolicy } from '../../src/slo/policy/load.js'
import { repoRoot, runAction, type ActionRun } from './harness/run-action.js'

const binaries = findPrometheus()
const describeReal = binaries ? describe : describe.skip
const minute = 60_000
const gateFixture = fileURLToPath(new URL('../fixtures/slo/prometheus-gate.yml', import.meta.url))

// Two services behind one Prometheus, deployed two hours ago: one stays healthy, one starts
// answering 5% of its requests with a 5xx at the deploy.
const timeline: Timeline = timelineAroundDeploy([
  { service: 'cart', phases: [{ fromMs: -Infinity, behaviour: healthy }] },
  {
    service: 'payments',
    phases: [
      { fromMs: -Infinity, behaviour: healthy },
      { fromMs: 0, behaviour: { ...healthy, errorRatio: 0.05 } }
    ]
  }
])
const deployedAt = timeline.deployedAt.toISOString()

describeReal('the slo-gate action, run as the runner runs it, against a real Prometheus', () => {
  let server: PrometheusServer
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    const started = await prometheusWith(binaries!, timeline)
    server = started.server
    cleanup = started.cleanup
  })

  afterAll(async () => {
    await cleanup?.()
  })

  async function policyWatching(work: string, file: string, watched: string) {
    const policy = (await readFile(gateFixture, 'utf8'))
      .replaceAll('{{URL}}', server.url)
      .replaceAll('{{SERVICE}}', watched)
    await writeFile(join(work, file), policy)
  }

  /** A checkout with slo.yml watching `watched`, whose manifest branch holds one manifest of it. */
  async function deployedRepoTemplate(watched: string) {
    const repo = await repoWithRemote({ 'README.md': `# ${watched}\n` })
    await policyWatching(repo.work, 'slo.yml', watched)
    const created = await runCliProcess(
      ['manifest', 'create', '--service', watched, '--env', 'production', '--no-go'],
      { cwd: repo.work }
    )
    expect(created.code).toBe(0)
    return { ...repo, manifest: JSON.parse(created.stdout) }
  }

  // Built once (after Prometheus started: the policy names its URL); each test gets its own copy.
  const deployedRepos = {
    payments: gitTemplate(() => deployedRepoTemplate('payments')),
    cart: gitTemplate(() => deployedRepoTemplate('cart')),
    ghost: gitTemplate(() => deployedRepoTemplate('ghost'))
  }
  const deployedRepo = (watched: keyof typeof deployedRepos) => deployedRepos[watched].clone()

  function gate(work: string, head: string, inputs: Record<string, string>, event = {}) {
    return runAction('slo-gate', {
      workspace: work,
      sha: head,
      repository: 'acme/shop',
      ...event,
      inputs: { policy: 'slo.yml', ...inputs }
    })
  }

  function verdictOnBranch(remote: string, run: ActionRun) {
    const files = gitIn(remote, 'ls-tree', '-r', '--name-only', 'rollback-manifests').split('\n')
    const verdicts = files.filter((file) => file.endsWith('/verdict.json'))
    expect(verdicts).toHaveLength(1)
    expect(gitIn(remote, 'rev-parse', 'rollback-manifests')).toBe(run.outputs['manifest-commit'])
    return JSON.parse(gitIn(remote, 'show', `rollback-manifests:${verdicts[0]}`))
  }

  it('fails a deploy whose error rate jumps: outputs, a summary with the chart, the manifest marked bad with the evidence', async () => {
    const { work, remote, head } = await deployedRepo('payments')
    const run = await gate(work, head, { service: 'payments', 'deployed-at': deployedAt })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    expect(run.outputs['failed-objectives']).toBe('error-rate')
    const evidencePath = join(run.env.RUNNER_TEMP as string, 'rollback-guard', 'slo-evidence.json')
    expect(run.outputs['evidence-path']).toBe(evidencePath)
    const evidence = JSON.parse(await readFile(evidencePath, 'utf8'))
    expect(evidence).toMatchObject({
      verdict: 'fail',
      policy: 'slo.yml',
      deployedAt,
      failedObjectives: ['error-rate']
    })
    const errorRate = evidence.objectives.find((o: { name: string }) => o.name === 'error-rate')
    expect(errorRate.query).toContain('service="payments"')
    expect(errorRate.measurements).toHaveLength(2)
    expect(errorRate.measurements[0].at).toBe(
      new Date(timeline.deployedAt.getTime() + 2 * minute).toISOString()
    )
    expect(errorRate.measurements[0].value).toBeCloseTo(0.05, 3)

    const errors = run.annotations.filter((annotation) => annotation.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/^SLO gate failed: error-rate out of bounds/)
    expect(run.stdout).toMatch(/\[error-rate\] 1\/6 at /)

    expect(run.summary).toContain('## ❌ SLO gate: fail')
    expect(run.summary).toMatch(
      /```mermaid\n%%\{init: .*plotColorPalette.*\}%%\nxychart-beta\n {2}title "error-rate"/
    )
    expect(run.summary).toMatch(/Manifest `[^`]+` of payments\/production marked \*\*bad\*\*/)

    const verdict = verdictOnBranch(remote, run)
    expect(verdict.status).toBe('bad')
    expect(verdict.evidence).toEqual(evidence)
    const shown = await runCliProcess(
      ['manifest', 'show', 'latest', '--service', 'payments', '--env', 'production'],
      { cwd: work }
    )
    expect(JSON.parse(shown.stdout).verdict.status).toBe('bad')
  })

  it('passes a healthy deploy and marks its manifest good: the last good release', async () => {
    const { work, remote, head, manifest } = await deployedRepo('cart')
    const run = await gate(work, head, {
      service: 'cart',
      'deployed-at': deployedAt,
      'evidence-path': 'out/evidence.json'
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      verdict: 'pass',
      'failed-objectives': '',
      'evidence-path': join(work, 'out/evidence.json')
    })
    expect(run.annotations).toEqual([])
    expect(run.summary).toContain('## ✅ SLO gate: pass')
    expect(run.summary).not.toContain('xychart-beta')
    expect(verdictOnBranch(remote, run).status).toBe('good')
    const lastGood = await runCliProcess(
      ['manifest', 'show', 'last-good', '--service', 'cart', '--env', 'production'],
      { cwd: work }
    )
    expect(lastGood.code).toBe(0)
    expect(JSON.parse(lastGood.stdout)).toMatchObject({
      createdAt: manifest.createdAt,
      verdict: { status: 'good' }
    })
  })

  it('takes the deploy time from the deployment_status event when no deployed-at is given', async () => {
    const { work, head } = await deployedRepo('cart')
    const run = await gate(
      work,
      head,
      { service: 'cart', 'record-verdict': 'false' },
      {
        eventName: 'deployment_status',
        event: {
          deployment_status: { state: 'success', created_at: deployedAt },
          deployment: { created_at: new Date(timeline.deployedAt.getTime() - 5 * minute) }
        }
      }
    )
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(`deployed-at ${deployedAt}, from the deployment_status event`)
    const evidence = JSON.parse(await readFile(run.outputs['evidence-path'] as string, 'utf8'))
    expect(evidence.deployedAt).toBe(new Date(deployedAt).toISOString())
    expect(run.outputs['manifest-commit']).toBe('')
  })

  it('fails on inconclusive by default, only warns with fail-on-inconclusive: false, and marks nothing', async () => {
    const { work, remote, head } = await deployedRepo('ghost')
    const strict = await gate(work, head, { service: 'ghost', 'deployed-at': deployedAt })
    expect(strict.exitCode).toBe(3)
    expect(strict.outputs.verdict).toBe('inconclusive')
    const errors = strict.annotations.filter((annotation) => annotation.level === 'error')
    expect(errors.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(
        /^SLO gate inconclusive \(error-rate, latency-p95\): .*set fail-on-inconclusive: false to only warn\.$/
      )
    ])
    expect(strict.summary).toContain('## ⚠️ SLO gate: inconclusive')
    expect(strict.summary).toMatch(/stays \*\*unknown\*\*/)

    const lenient = await gate(work, head, {
      service: 'ghost',
      'deployed-at': deployedAt,
      'fail-on-inconclusive': 'false'
    })
    expect(lenient.exitCode).toBe(0)
    expect(lenient.annotations.map((annotation) => annotation.level)).toEqual(['warning'])
    expect(lenient.annotations[0]?.message).toMatch(/fail-on-inconclusive is false/)
    expect(lenient.outputs['manifest-commit']).toBe('')
    expect(
      gitIn(remote, 'ls-tree', '-r', '--name-only', 'rollback-manifests')
        .split('\n')
        .filter((file) => file.endsWith('/verdict.json'))
    ).toEqual([])
  })

  it('stops with one clear error and exit 2 on a bad policy or a service without manifests, before measuring', async () => {
    const { work, head } = await deployedRepo('cart')
    await writeFile(join(work, 'broken.yml'), 'version: 1\nobjectives:\n  - name: x\n')
    const policy = await gate(work, head, { policy: 'broken.yml', service: 'cart' })
    expect(policy.exitCode).toBe(2)
    const errors = policy.annotations.filter((annotation) => annotation.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/broken\.yml:\d+: /)
    expect(policy.outputs).toEqual({})

    const unknown = await gate(work, head, { service: 'billing', 'deployed-at': deployedAt })
    expect(unknown.exitCode).toBe(2)
    expect(unknown.annotations[0]?.message).toMatch(
      /no manifest 'latest' for billing\/production: .*run the manifest job first, or set record-verdict: false\.$/
    )
    expect(unknown.stdout).not.toMatch(/\[error-rate\]/)
    expect(existsSync(join(unknown.env.RUNNER_TEMP as string, 'rollback-guard'))).toBe(false)

    const time = await gate(work, head, { service: 'cart', 'deployed-at': '12:00 yesterday' })
    expect(time.exitCode).toBe(2)
    expect(time.annotations[0]?.message).toBe(
      "input 'deployed-at' is '12:00 yesterday', not an RFC 3339 time; write it like 2026-05-01T12:00:00Z (date -u +%Y-%m-%dT%H:%M:%SZ)."
    )

    const empty = await gate(work, head, { policy: '' })
    expect(empty.exitCode).toBe(2)
    expect(empty.annotations[0]?.message).toMatch(/input 'policy' is empty/)
  })

  it('waits on the real clock for the measurements due after a deploy that just finished', async () => {
    const { work, remote, head } = await deployedRepo('cart')
    await writeFile(
      join(work, 'now.yml'),
      [
        'version: 1',
        'providers:',
        `  prometheus: { type: prometheus, url: '${server.url}' }`,
        'objectives:',
        '  - name: steady',
        '    query: vector(0.001)',
        "    bound: '< 0.01'",
        '    initialDelay: 2s',
        '    interval: 1s',
        '    count: 3',
        ''
      ].join('\n')
    )
    const justNow = new Date()
    const run = await gate(work, head, {
      policy: 'now.yml',
      service: 'cart',
      'deployed-at': justNow.toISOString()
    })
    expect(run.exitCode).toBe(0)
    const evidence = JSON.parse(await readFile(run.outputs['evidence-path'] as string, 'utf8'))
    const at = (seconds: number) => new Date(justNow.getTime() + seconds * 1000).toISOString()
    expect(evidence.objectives[0].measurements.map((m: { at: string }) => m.at)).toEqual([
      at(2),
      at(3),
      at(4)
    ])
    expect(Date.parse(evidence.finishedAt)).toBeGreaterThanOrEqual(justNow.getTime() + 4000)
    expect(run.stdout.match(/\[steady\] \d\/3 at /g)).toHaveLength(3)
    expect(verdictOnBranch(remote, run).status).toBe('good')
  })

  it('runs through the umbrella action with command: slo-gate', async () => {
    const { work, remote, head } = await deployedRepo('payments')
    const run = await runAction('.', {
      workspace: work,
      sha: head,
      inputs: {
        command: 'slo-gate',
        policy: 'slo.yml',
        service: 'payments',
        'deployed-at': deployedAt
      }
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'fail', 'failed-objectives': 'error-rate' })
    expect(verdictOnBranch(remote, run).status).toBe('bad')
  })

  it('records the verdicts revert-pr decides on: the good release, then a failing one it plans to revert', async () => {
    const { work, head: good } = await repoWithRemote({ 'deploy/app.yaml': 'replicas: 2\n' })
    await policyWatching(work, 'healthy.yml', 'cart')
    await policyWatching(work, 'failing.yml', 'payments')
    const manifest = ['manifest', 'create', '--service', 'shop', '--no-go']
    expect((await runCliProcess(manifest, { cwd: work })).code).toBe(0)
    const inputs = { service: 'shop', 'deployed-at': deployedAt }
    const first = await gate(work, good, { ...inputs, policy: 'healthy.yml' })
    expect(first.outputs.verdict).toBe('pass')

    await writeFiles(work, { 'deploy/app.yaml': 'replicas: 3\n' })
    gitIn(work, 'commit', '-q', '-am', 'scale up')
    gitIn(work, 'push', '-q', 'origin', 'main')
    const bad = gitIn(work, 'rev-parse', 'HEAD')
    expect((await runCliProcess(manifest, { cwd: work })).code).toBe(0)
    const second = await gate(work, bad, { ...inputs, policy: 'failing.yml' })
    expect(second.outputs.verdict).toBe('fail')

    const revert = await runAction('revert-pr', {
      workspace: work,
      sha: bad,
      repository: 'acme/shop',
      inputs: {
        service: 'shop',
        verdict: second.outputs.verdict as string,
        'evidence-path': second.outputs['evidence-path'] as string,
        'dry-run': 'true'
      }
    })
    expect(revert.exitCode).toBe(0)
    expect(revert.outputs).toMatchObject({
      branch: `rollback-guard/revert/shop/production/${bad.slice(0, 12)}`,
      strategy: 'revert-commits'
    })
    expect(revert.summary).toContain('Revert plan for shop/production')
    expect(revert.summary).toContain('error-rate')
  })
})

describe('docs/slo-gate.md', () => {
  const yamlBlocks = async () => {
    const text = await readFile(join(repoRoot, 'docs/slo-gate.md'), 'utf8')
    return {
      text,
      blocks: [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string)
    }
  }

  it('uses only inputs slo-gate/action.yml declares, and lists every one of them', async () => {
    const action = parse(await readFile(join(repoRoot, 'slo-gate/action.yml'), 'utf8'))
    const declared = Object.keys(action.inputs)
    const { text, blocks } = await yamlBlocks()
    const used = new Set<string>()
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit)
      else if (node && typeof node === 'object') {
        const step = node as { uses?: string; with?: Record<string, unknown> }
        if (step.uses?.includes('rollback-guard/slo-gate@'))
          Object.keys(step.with ?? {}).forEach((name) => used.add(name))
        Object.values(node).forEach(visit)
      }
    }
    blocks.forEach((block) => parseAllDocuments(block).forEach((doc) => visit(doc.toJS())))
    expect(used.size).toBeGreaterThan(3)
    for (const name of used) expect(declared).toContain(name)
    const table = text.slice(text.indexOf('### Inputs'), text.indexOf('### Outputs'))
    for (const name of declared) expect([name, table.includes(`\`${name}\``)]).toEqual([name, true])
    const outputs = text.slice(text.indexOf('### Outputs'), text.indexOf('## A policy'))
    for (const name of Object.keys(action.outputs))
      expect([name, outputs.includes(`\`${name}\``)]).toEqual([name, true])
  })

  it('shows policies that load: the rollback-guard format and pure OpenSLO', async () => {
    const { blocks } = await yamlBlocks()
    const policies = blocks.filter(
      (block) =>
        /^(version: 1|apiVersion: openslo\/v1)$/m.test(block) && !block.startsWith('# an excerpt')
    )
    expect(policies).toHaveLength(3)
    for (const policy of policies) {
      const loaded = parseSloPolicy(policy, 'docs/slo-gate.md')
      expect(loaded.objectives.length).toBeGreaterThan(0)
      expect(Object.values(loaded.providers)[0]).toMatchObject({ type: 'prometheus' })
    }
  })
})
