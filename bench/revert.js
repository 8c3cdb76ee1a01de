// Plans reverts (dry run, no push) on a generated repository: 300 first-parent commits since the
// last good release (30 of them merges of 3-commit branches) and a deploy folder holding 2,000
// Kubernetes documents that reference the released image. Prints wall time per strategy and peak
// RSS, beside plain git reverting the same commits and a yaml Document round-trip of the same edit.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { format } from './support/measure.js'

const lib = await import(process.env.ROLLBACK_GUARD_LIB ?? '../dist/index.js')
const commits = Number(process.env.BENCH_REVERT_COMMITS ?? 300)
const documents = Number(process.env.BENCH_REVERT_DOCUMENTS ?? 2000)
const good = `sha256:${'a'.repeat(64)}`
const bad = `sha256:${'b'.repeat(64)}`

function deployYaml(digest) {
  const docs = []
  for (let i = 0; i < documents; i++) {
    docs.push(`# worker ${i}: scaled by the HPA
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker-${i}, labels: { app: worker, shard: "${i}" } }
spec:
  template:
    spec:
      containers:
        - name: worker
          image: ghcr.io/acme/app@${digest}   # pinned by CI
          args: ["--shard", "${i}"]
`)
  }
  return docs.join('---\n')
}

export async function run() {
  const base = await mkdtemp(join(tmpdir(), 'rollback-guard-bench-revert-'))
  const work = join(base, 'work')
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'b',
    GIT_AUTHOR_EMAIL: 'b@b',
    GIT_COMMITTER_NAME: 'b',
    GIT_COMMITTER_EMAIL: 'b@b'
  }
  const git = (...args) =>
    execFileSync('git', args, { cwd: work, env, encoding: 'utf8', stdio: 'pipe' }).trim()
  try {
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', join(base, 'remote.git')])
    await mkdir(join(work, 'deploy'), { recursive: true })
    git('init', '-q', '-b', 'main')
    git('remote', 'add', 'origin', join(base, 'remote.git'))
    await writeFile(join(work, 'deploy/workers.yaml'), deployYaml(good))
    await mkdir(join(work, 'src'))
    await writeFile(join(work, 'src/app.txt'), 'v1\n')
    git('add', '-A')
    git('commit', '-q', '-m', 'Release 1')
    const goodCommit = git('rev-parse', 'HEAD')
    for (let i = 1; i < commits; i++) {
      if (i % 10 === 0) {
        git('switch', '-q', '-c', `feature-${i}`)
        for (let j = 0; j < 3; j++) {
          await writeFile(join(work, `src/feature-${i}-${j}.txt`), `${i} ${j}\n`)
          git('add', '-A')
          git('commit', '-q', '-m', `Feature ${i} part ${j}`)
        }
        git('switch', '-q', 'main')
        git('merge', '-q', '--no-ff', '-m', `Merge feature-${i}`, `feature-${i}`)
      } else {
        await writeFile(join(work, `src/change-${i}.txt`), `${i}\n`)
        git('add', '-A')
        git('commit', '-q', '-m', `Change ${i}`)
      }
    }
    await writeFile(join(work, 'deploy/workers.yaml'), deployYaml(bad))
    git('add', '-A')
    git('commit', '-q', '-m', 'Release 2')
    const badCommit = git('rev-parse', 'HEAD')
    git('push', '-q', 'origin', 'main')

    const store = new lib.FileManifestStore(join(base, 'manifests'))
    const record = async (commit, digest, when) => {
      const result = await lib.createManifest(
        {
          root: work,
          service: 'app',
          env: 'production',
          goMods: null,
          images: [`ghcr.io/acme/app@${digest}`],
          buildMetadata: [],
          digest: null,
          imageName: null,
          allowTagOnlyImages: false,
          configVersion: null,
          configVersionFile: null,
          configVersionKey: null,
          configFiles: [],
          contracts: [],
          source: {
            repository: 'acme/app',
            commit,
            ref: 'refs/heads/main',
            tag: null,
            runUrl: null,
            runAttempt: null,
            actor: null
          },
          now: new Date(when),
          out: null
        },
        { store, log: () => undefined }
      )
      return result.id
    }
    const goodId = await record(goodCommit, good, '2026-05-01T10:00:00Z')
    await lib.markManifest(
      store,
      'app',
      'production',
      goodId,
      'good',
      null,
      new Date('2026-05-01T11:00:00Z')
    )
    await record(badCommit, bad, '2026-05-01T12:00:00Z')
    const evidence = {
      schemaVersion: 1,
      verdict: 'fail',
      policy: 'slo.yml',
      deployedAt: '2026-05-01T12:00:00Z',
      startedAt: '2026-05-01T12:02:00Z',
      finishedAt: '2026-05-01T12:07:00Z',
      score: 0,
      serviceFailed: false,
      failedObjectives: [],
      inconclusiveObjectives: [],
      objectives: []
    }
    const firstParent = git('rev-list', '--first-parent', '--count', `${goodCommit}..${badCommit}`)
    console.log(
      `history: ${firstParent} first-parent commits since the good release (${Math.floor(commits / 10)} merges), ${documents} documents in deploy/workers.yaml`
    )

    for (const strategy of ['revert-commits', 'restore-paths', 'pin-digests']) {
      const started = process.hrtime.bigint()
      const { result } = await lib.planLocalRevert({
        root: work,
        service: 'app',
        env: 'production',
        store,
        evidence,
        strategy,
        fallbackStrategies: 'none',
        deployPaths: ['deploy']
      })
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const attempt = result.plan?.prepared.attempts[0]
      console.log(
        `${strategy.padEnd(15)} ${format.ms(ms).padStart(9)}  ${attempt?.status}: ${attempt?.detail}`
      )
    }

    // Peer: plain git reverting the same first-parent commits, newest first, in a scratch worktree.
    const peer = join(base, 'peer')
    git('worktree', 'add', '-q', '--detach', peer, 'main')
    const list = git(
      'log',
      '--first-parent',
      '--format=%H %P',
      `${goodCommit}..${badCommit}`
    ).split('\n')
    const started = process.hrtime.bigint()
    for (const line of list) {
      const [sha, ...parents] = line.split(' ')
      execFileSync(
        'git',
        ['revert', '--no-edit', ...(parents.length > 1 ? ['-m', '1'] : []), sha],
        { cwd: peer, env, stdio: 'pipe' }
      )
    }
    const gitMs = Number(process.hrtime.bigint() - started) / 1e6
    console.log(
      `${'plain git revert'.padEnd(15)} ${format.ms(gitMs).padStart(9)}  (${list.length} reverts, no planning, fetch or checks)`
    )

    if (typeof lib.pinImageReferences !== 'function') {
      console.log(
        'pinImageReferences is not exported by this bundle: the YAML comparison is skipped'
      )
      console.log(`peak RSS ${format.mb(process.resourceUsage().maxRSS / 1024)}`)
      return
    }
    // The same digest edit through yaml's Document API: works, but rewrites the layout.
    const text = await readFile(join(work, 'deploy/workers.yaml'), 'utf8')
    const pins = [
      {
        name: 'ghcr.io/acme/app',
        from: { tag: null, digest: bad },
        to: { tag: null, digest: good }
      }
    ]
    let t = process.hrtime.bigint()
    const ours = lib.pinImageReferences(text, 'workers.yaml', pins)
    const oursMs = Number(process.hrtime.bigint() - t) / 1e6
    t = process.hrtime.bigint()
    const docs = parseAllDocuments(text)
    for (const doc of docs)
      doc.setIn(['spec', 'template', 'spec', 'containers', 0, 'image'], `ghcr.io/acme/app@${good}`)
    const roundTrip = docs.map((d) => d.toString()).join('---\n')
    const docMs = Number(process.hrtime.bigint() - t) / 1e6
    const changed = (after) => {
      const a = text.split('\n')
      const b = after.split('\n')
      let n = Math.abs(a.length - b.length)
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++
      return n
    }
    console.log(
      `pin ${(text.length / 1048576).toFixed(1)} MB YAML: CST edit ${format.ms(oursMs)}, ${ours.edits.length} values, ${changed(ours.text)} lines changed; ` +
        `Document round-trip ${format.ms(docMs)}, ${changed(roundTrip)} lines changed (${format.ratio(oursMs, docMs)} the time)`
    )
    console.log(`peak RSS ${format.mb(process.resourceUsage().maxRSS / 1024)}`)
  } finally {
    await rm(base, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
