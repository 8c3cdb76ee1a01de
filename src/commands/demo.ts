import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError } from '../core/errors.js'
import { createManifest, markManifest, renderManifestMarkdown, showManifest } from './manifest.js'
import { detectSource } from '../platform/ci-source.js'
import { git } from '../platform/git/exec.js'
import { BranchManifestStore } from '../platform/git/manifest-branch-store.js'

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
 * The whole story on the bundled example, offline and without a token: a repository with a
 * local bare remote, two releases of the shop service, a manifest for each on the manifest
 * branch, the first judged good, and the second chained to it.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { print } = options
  const base = options.workDir ?? (await mkdtemp(join(tmpdir(), 'rollback-guard-demo-')))
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
        contracts: [{ path: 'api/openapi.yaml', kind: 'openapi' }],
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

  print('## 1. Build and record release 1.4.0\n\n')
  const first = await release('1.4.0')
  print('## 2. Release 1.4.0 passes its SLO gate: mark it good\n\n')
  await markManifest(store, 'shop', 'production', first.id, 'good', null, options.now())
  print(`  ${first.id} is now the last good release\n\n`)

  print('## 3. Build and record release 1.5.0 (API, image digest and config changed)\n\n')
  await cp(join(options.examplesDir, 'shop-release-2'), work, { recursive: true })
  await run(['add', '-A'])
  await run(['commit', '-q', '-m', 'shop 1.5.0: cursor pagination, refunds'])
  await run(['tag', 'v1.5.0'])
  await run(['push', '-q', 'origin', 'main', 'v1.5.0'])
  const second = await release('1.5.0')
  if (second.manifest.previous?.sha256 !== first.sha256) {
    throw new Error('the demo expected release 1.5.0 to chain to release 1.4.0')
  }

  print('## 4. What a rollback would restore (manifest show last-good)\n\n')
  const lastGood = await showManifest(store, 'shop', 'production', 'last-good')
  print(renderManifestMarkdown(lastGood.manifest, lastGood))
  const branch = await git(['ls-tree', '-r', '--name-only', 'rollback-manifests'], { cwd: remote })
  print(`\nThe manifest branch on the remote holds:\n${branch.stdout.replace(/^/gm, '  ')}\n`)
  print(
    'Next in the full flow: contract-check on the pull request, slo-gate after the deploy, revert-pr when it fails.\n'
  )
  return { workDir: base, remote, manifests }
}
