import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { gitIn, repoWithRemote } from '../support/git-fixtures.js'
import { runCliProcess } from '../support/run-cli.js'

const demoPolicy = fileURLToPath(new URL('../../examples/slo/demo/slo.yml', import.meta.url))
const invalidPolicy = fileURLToPath(new URL('../fixtures/slo/invalid-policy.yml', import.meta.url))
// The recorded demo series: v1.4.0 deployed at 10:00 is healthy, v1.5.0 at 12:00 is not, and
// nothing was recorded at 20:00.
const deploys = {
  healthy: '2026-05-01T10:00:00Z',
  failing: '2026-05-01T12:00:00Z',
  unrecorded: '2026-05-01T20:00:00Z'
}

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rollback-guard-slo-cli-'))
}

function sloCheck(deployedAt: string, extra: string[], cwd: string) {
  return runCliProcess(
    ['slo', 'check', '--policy', demoPolicy, '--deployed-at', deployedAt, ...extra],
    { cwd }
  )
}

/** A repository whose manifest branch (on a bare remote) holds one manifest of demo/prod. */
async function repoWithManifest() {
  const repo = await repoWithRemote({ 'README.md': '# demo\n' })
  const created = await runCliProcess(
    ['manifest', 'create', '--service', 'demo', '--env', 'prod', '--no-go'],
    { cwd: repo.work }
  )
  expect(created.code).toBe(0)
  return repo
}

function verdictFiles(remote: string): string[] {
  const files = gitIn(remote, 'ls-tree', '-r', '--name-only', 'rollback-manifests')
  return files.split('\n').filter((file) => file.endsWith('/verdict.json'))
}

describe('rollback-guard slo check (bundled dist/cli.js) on the recorded demo', () => {
  it('exits 0 for the healthy release and 1 for the failing one, the verdict as text on stdout', async () => {
    const cwd = await scratch()
    const good = await sloCheck(deploys.healthy, [], cwd)
    expect(good.code).toBe(0)
    expect(good.stdout).toMatch(/^SLO gate: PASS \(deployed at 2026-05-01T10:00:00.000Z/)
    expect(good.stderr).toMatch(/\[error-rate\] 1\/5 at 2026-05-01T10:02:00.000Z/)

    const bad = await sloCheck(deploys.failing, [], cwd)
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/^SLO gate: FAIL/)
    expect(bad.stdout).toMatch(/fail {9}error-rate: 2 of 2 measurements failed/)
    expect(bad.stderr).toMatch(/SLO gate: fail \(failed: error-rate, latency-p95\)/)
  })

  it('prints the evidence with --format json and writes the same document to --evidence', async () => {
    const cwd = await scratch()
    const run = await sloCheck(
      deploys.failing,
      ['--format', 'json', '--evidence', 'out/evidence.json'],
      cwd
    )
    expect(run.code).toBe(1)
    const evidence = JSON.parse(run.stdout)
    expect(evidence).toMatchObject({
      schemaVersion: 1,
      verdict: 'fail',
      deployedAt: '2026-05-01T12:00:00.000Z',
      failedObjectives: ['error-rate', 'latency-p95']
    })
    const errorRate = evidence.objectives.find((o: { name: string }) => o.name === 'error-rate')
    expect(errorRate.measurements.map((m: { at: string }) => m.at)).toEqual([
      '2026-05-01T12:02:00.000Z',
      '2026-05-01T12:03:00.000Z'
    ])
    expect(await readFile(join(cwd, 'out/evidence.json'), 'utf8')).toBe(run.stdout)
  })

  it('renders the job-summary markdown with a Mermaid chart of each failing objective', async () => {
    const run = await sloCheck(deploys.failing, ['--format', 'markdown'], await scratch())
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('## ❌ SLO gate: fail')
    expect(run.stdout).toContain('xychart-beta\n  title "error-rate"')
    expect(run.stdout).toContain('xychart-beta\n  title "latency-p95"')
  })

  it('exits 3 when there is no data: inconclusive is never a pass', async () => {
    const run = await sloCheck(deploys.unrecorded, [], await scratch())
    expect(run.code).toBe(3)
    expect(run.stdout).toMatch(/^SLO gate: INCONCLUSIVE/)
    expect(run.stdout).toContain('no data  inconclusive (no-data)')
  })

  it('exits 2 with file:line for an invalid policy, and one line naming a bad flag, without a stack trace', async () => {
    const cwd = await scratch()
    const policy = await runCliProcess(['slo', 'check', '--policy', invalidPolicy], { cwd })
    expect(policy.code).toBe(2)
    expect(policy.stdout).toBe('')
    expect(policy.stderr).toContain(
      `${invalidPolicy}:6: 'providers.prometheus.timeout' must be a duration`
    )
    expect(policy.stderr).toContain(
      `${invalidPolicy}:14: 'objectives.1' has an unknown key 'windw'`
    )
    expect(policy.stderr).not.toMatch(/\n\s+at /)

    const time = await sloCheck('yesterday', [], cwd)
    expect(time.code).toBe(2)
    expect(time.stderr).toBe(
      "rollback-guard: error: --deployed-at 'yesterday' is not an RFC 3339 time; write it like 2026-05-01T12:00:00Z\n"
    )
    const format = await sloCheck(deploys.healthy, ['--format', 'yaml'], cwd)
    expect(format.code).toBe(2)
    expect(format.stderr).toMatch(/option '--format <format>' argument 'yaml' is invalid/)
    const missing = await runCliProcess(['slo', 'check'], { cwd })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/required option '--policy <file>' not specified/)
    const unreadable = await runCliProcess(['slo', 'check', '--policy', 'nope.yml'], { cwd })
    expect(unreadable.code).toBe(2)
    expect(unreadable.stderr).toMatch(/cannot read the SLO policy .*nope\.yml/)
  })

  it('explains the exit codes in --help', async () => {
    const help = await runCliProcess(['slo', 'check', '--help'], { cwd: await scratch() })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: rollback-guard slo check [options]')
    for (const code of ['0  pass', '1  fail', '2  a bad flag', '3  inconclusive'])
      expect(help.stdout).toContain(`\n  ${code}`)
    expect(help.stdout).toMatch(/--record-verdict[\s\S]*--store <kind>/)
  })
})

describe('slo check --record-verdict', () => {
  it('marks the latest manifest bad with the evidence on the manifest branch of the remote', async () => {
    const { work, remote } = await repoWithManifest()
    const run = await sloCheck(
      deploys.failing,
      ['--record-verdict', '--service', 'demo', '--env', 'prod', '--format', 'json'],
      work
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/marked demo\/prod \S+ bad \([0-9a-f]{12}\)/)
    const [file, ...others] = verdictFiles(remote)
    expect(others).toEqual([])
    expect(file).toMatch(/^demo\/prod\/[^/]+\/verdict\.json$/)
    const verdict = JSON.parse(gitIn(remote, 'show', `rollback-manifests:${file}`))
    expect(verdict.status).toBe('bad')
    expect(verdict.evidence).toEqual(JSON.parse(run.stdout))
    const shown = await runCliProcess(
      ['manifest', 'show', 'latest', '--service', 'demo', '--env', 'prod'],
      { cwd: work }
    )
    expect(JSON.parse(shown.stdout).verdict.status).toBe('bad')
  })

  it('marks a healthy release good, so it becomes the last good release', async () => {
    const { work } = await repoWithManifest()
    const run = await sloCheck(
      deploys.healthy,
      ['--record-verdict', '--service', 'demo', '--env', 'prod', '--evidence', 'evidence.json'],
      work
    )
    expect(run.code).toBe(0)
    const lastGood = await runCliProcess(
      ['manifest', 'show', 'last-good', '--service', 'demo', '--env', 'prod'],
      { cwd: work }
    )
    expect(lastGood.code).toBe(0)
    const manifest = JSON.parse(lastGood.stdout)
    expect(manifest.verdict.status).toBe('good')
    expect(manifest.verdict.evidence).toEqual(
      JSON.parse(await readFile(join(work, 'evidence.json'), 'utf8'))
    )
  })

  it('marks nothing when inconclusive', async () => {
    const { work, remote } = await repoWithManifest()
    const run = await sloCheck(
      deploys.unrecorded,
      ['--record-verdict', '--service', 'demo', '--env', 'prod'],
      work
    )
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/verdict inconclusive: demo\/prod \S+ stays unknown/)
    expect(verdictFiles(remote)).toEqual([])
  })

  it('looks the manifest up before measuring: a wrong service fails at once with exit 2', async () => {
    const { work } = await repoWithManifest()
    const run = await sloCheck(
      deploys.failing,
      ['--record-verdict', '--service', 'billing', '--env', 'prod'],
      work
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /no manifest 'latest' for billing\/prod: .*run 'rollback-guard manifest create' first, or drop --record-verdict\.\n$/
    )
    expect(run.stderr).not.toMatch(/SLO gate/)
    const none = await sloCheck(deploys.failing, ['--record-verdict', '--store', 'none'], work)
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/--record-verdict needs a store to write to/)
  })
})
