import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError } from '../core/errors.js'
import { renderManifestMarkdown, showManifest } from '../commands/manifest.js'
import { createManifest } from './manifest.js'
import { detectSource } from '../platform/ci-source.js'
import { git } from '../platform/git/exec.js'
import { BranchManifestStore } from '../platform/git/manifest-branch-store.js'
import { localContractCheckPorts, runContractCheck } from './contract.js'
import { planLocalRevert } from './revert-local.js'
import { runSloCheck, withProviders } from './slo-check.js'
import { runSloGate } from '../commands/slo-gate.js'

export interface DemoOptions {
  /** The bundled examples folder (examples/ of the package). */
  examplesDir: string
  /** Where to build the demo repository; a new temporary folder by default. */
  workDir?: string
  print: (text: string) => void
  now: () => Date
}

export interface DemoResult {
  workDir: string
  remote: string
  manifests: string[]
}

/** The examples folder shipped beside dist/ (or beside src/ when run from source). */
export function findExamplesDir(moduleUrl: string): string {
  for (const candidate of ['../examples/', '../../examples/']) {
    const path = fileURLToPath(new URL(candidate, moduleUrl))
    if (existsSync(join(path, 'shop'))) return path
  }
  throw new InputError(
    `the bundled examples/ folder is missing beside ${fileURLToPath(moduleUrl)}; reinstall rollback-guard.`
  )
}

const identity = {
  GIT_AUTHOR_NAME: 'Demo Developer',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Demo Developer',
  GIT_COMMITTER_EMAIL: 'dev@example.com'
}

/**
 * The whole story on the bundled example, offline and without a token: a repository with a local
 * bare remote; release 1.4.0 recorded and judged good by the SLO gate on recorded metrics; the
 * pull request for 1.5.0 checked against it; its canary failing against the stable fleet; release
 * 1.5.0 recorded, failing its gate; and the revert plan that would restore 1.4.0 (a dry run:
 * nothing is pushed).
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { print } = options
  const base = options.workDir
    ? resolve(options.workDir)
    : await mkdtemp(join(tmpdir(), 'rollback-guard-demo-'))
  await mkdir(base, { recursive: true })
  const work = join(base, 'shop')
  const remote = join(base, 'origin.git')
  const run = (args: string[], cwd = work) => git(args, { cwd, env: identity })
  print(`rollback-guard demo in ${base}\n\n`)

  await cp(join(options.examplesDir, 'shop'), work, { recursive: true })
  await git(['init', '-q', '--bare', '-b', 'main', remote], { cwd: base })
  await run(['init', '-q', '-b', 'main'])
  await run(['remote', 'add', 'origin', remote])
  await run(['add', '-A'])
  await run(['commit', '-q', '-m', 'shop 1.4.0'])
  await run(['tag', 'v1.4.0'])
  await run(['push', '-q', 'origin', 'main', 'v1.4.0'])

  const store = new BranchManifestStore({
    cwd: work,
    branch: 'rollback-manifests',
    remote: 'origin'
  })
  const manifests: string[] = []
  const release = async (version: string) => {
    const kustomization = await readFile(join(work, 'deploy/kustomization.yaml'), 'utf8')
    const digest = /digest:\s*(sha256:[0-9a-f]{64})/.exec(kustomization)?.[1]
    const result = await createManifest(
      {
        root: work,
        service: 'shop',
        env: 'production',
        goMods: [],
        images: [`ghcr.io/acme/shop:${version}@${digest}`],
        buildMetadata: [],
        digest: null,
        imageName: null,
        allowTagOnlyImages: false,
        configVersion: null,
        configVersionFile: 'deploy/VERSION',
        configVersionKey: null,
        configFiles: ['deploy/*.yaml'],
        contracts: [
          { path: 'api/openapi.yaml', kind: 'openapi' },
          { path: 'db/migrations', kind: 'migrations' }
        ],
        source: await detectSource(work, {}),
        now: options.now(),
        out: null
      },
      { store, log: () => undefined }
    )
    manifests.push(result.id)
    print(`Release ${version}: manifest ${result.id}\n`)
    print(
      `  sha256 ${result.sha256}\n  previous ${result.previousSha256 ?? 'none (first manifest)'}\n  stored at ${result.storeCommit}\n\n`
    )
    return result
  }

  const policyPath = join(options.examplesDir, 'slo/demo/slo.yml')
  const gate = async (version: string, deployedAt: string, manifestId: string) => {
    const { check, status } = await runSloGate(
      withProviders({
        policyPath,
        deployedAt,
        now: new Date(deployedAt),
        format: 'text',
        ports: { log: { info: () => undefined, warn: () => undefined } },
        target: { store, service: 'shop', env: 'production', ref: manifestId, hint: '' },
        decidedAt: options.now,
        onMeasured: (measured) => print(`${measured.output ?? ''}\n`)
      })
    )
    if (status) print(`  release ${version} marked ${status} on the manifest branch\n\n`)
    return check
  }

  print('## 1. Build and record release 1.4.0\n\n')
  const first = await release('1.4.0')
  print('## 2. Deploy 1.4.0; the SLO gate measures recorded metrics after the deploy\n\n')
  const firstGate = await gate('1.4.0', '2026-05-01T10:00:00Z', first.id)
  if (firstGate.verdict !== 'pass')
    throw new Error('the demo expected release 1.4.0 to pass its gate')

  print('## 3. A pull request for 1.5.0: contract-check against the last release (v1.4.0)\n\n')
  await cp(join(options.examplesDir, 'shop-release-2'), work, { recursive: true })
  const contractCheck = await runContractCheck({
    cwd: work,
    against: 'auto',
    format: 'text',
    ports: localContractCheckPorts(work, () => undefined),
    now: options.now()
  })
  print(`${contractCheck.output.trimEnd()}\n\n`)
  print('  (the team accepts the breaking change and releases 1.5.0 anyway)\n\n')
  await run(['add', '-A'])
  await run(['commit', '-q', '-m', 'shop 1.5.0: cursor pagination, refunds'])
  await run(['tag', 'v1.5.0'])
  await run(['push', '-q', 'origin', 'main', 'v1.5.0'])

  print('## 4. Build and record release 1.5.0\n\n')
  const second = await release('1.5.0')
  if (second.manifest.previous?.sha256 !== first.sha256) {
    throw new Error('the demo expected release 1.5.0 to chain to release 1.4.0')
  }
  print(
    '## 5. Canary of 1.5.0 next to the stable fleet: Mann-Whitney U per metric on recorded series\n\n'
  )
  const canary = await runSloCheck({
    policyPath: join(options.examplesDir, 'slo/canary/regressed.yml'),
    deployedAt: '2026-05-01T12:00:00Z',
    now: new Date('2026-05-01T12:00:00Z'),
    format: 'text',
    ports: { log: { info: () => undefined, warn: () => undefined } }
  })
  print(`${canary.output ?? ''}\n`)
  if (canary.verdict !== 'fail') throw new Error('the demo expected the 1.5.0 canary to fail')
  print(
    '  (the canary is slower than stable; here the rollout goes on anyway, to show the gate)\n\n'
  )
  print('## 5b. Deploy 1.5.0 everywhere; the SLO gate fails on the recorded metrics\n\n')
  const secondGate = await gate('1.5.0', '2026-05-01T12:00:00Z', second.id)
  if (secondGate.verdict !== 'fail')
    throw new Error('the demo expected release 1.5.0 to fail its gate')

  print(
    '## 6. revert-pr: the plan that restores the last good release (dry run, nothing pushed)\n\n'
  )
  const plan = await planLocalRevert({
    root: work,
    service: 'shop',
    env: 'production',
    store,
    evidence: secondGate.evidence,
    deployPaths: ['deploy']
  })
  print(`${plan.text.trimEnd()}\n\n`)

  print('## The rollback target (manifest show last-good)\n\n')
  const lastGood = await showManifest(store, 'shop', 'production', 'last-good')
  print(renderManifestMarkdown(lastGood.manifest, lastGood))
  const branch = await git(['ls-tree', '-r', '--name-only', 'rollback-manifests'], { cwd: remote })
  print(`\nThe manifest branch on the remote holds:\n${branch.stdout.replace(/^/gm, '  ')}\n`)
  return { workDir: base, remote, manifests }
}
