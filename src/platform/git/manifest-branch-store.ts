import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError, ServiceError } from '../../core/errors.js'
import { assertBranchName, assertRemoteName } from '../../core/names.js'
import { sha256Hex } from '../../manifest/canonical.js'
import { nextLink } from '../../manifest/chain.js'
import {
  pickManifestId,
  storeLayout,
  withVerdict,
  type LatestPointer,
  type ManifestDraft,
  type ManifestStore,
  type StoredManifest
} from '../../manifest/store.js'
import type { RollbackManifest, Verdict } from '../../manifest/types.js'
import { catFileBatch, git, GitError } from './exec.js'

export interface BranchStoreOptions {
  /** The repository to work in (its working tree and index are never touched). */
  cwd: string
  branch: string
  /** Remote to fetch from and push to; null keeps the branch local only. */
  remote: string | null
  /**
   * How long a write may keep trying while other writers land first (default 10 minutes): there is
   * no attempt count, so N concurrent writers all land as long as each gets a turn in that time.
   */
  deadlineMs?: number
  /** A hard cap on attempts, for tests; unbounded by default. */
  maxAttempts?: number
  /** Base delay for the jittered exponential backoff between attempts. */
  backoffMs?: number
  now?: () => number
  log?: (message: string) => void
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /**
   * Extra environment for fetch and push: the token's Authorization header as git configuration
   * (tokenEnv), for a checkout without persisted credentials (`persist-credentials: false`).
   */
  env?: Record<string, string>
}

const zeroOid = '0000000000000000000000000000000000000000'
const committerEnv = {
  GIT_AUTHOR_NAME: 'rollback-guard',
  GIT_AUTHOR_EMAIL: 'rollback-guard@users.noreply.github.com',
  GIT_COMMITTER_NAME: 'rollback-guard',
  GIT_COMMITTER_EMAIL: 'rollback-guard@users.noreply.github.com'
}

/**
 * Manifests on an orphan branch, written with git plumbing (hash-object, a temporary index,
 * write-tree, commit-tree) so the user's checkout is never touched, and pushed without force:
 * when another writer landed first, the write is rebuilt on the new tip and pushed again.
 */
export class BranchManifestStore implements ManifestStore {
  private readonly trackingRef: string

  constructor(private readonly options: BranchStoreOptions) {
    assertBranchName(options.branch, 'branch')
    if (options.remote !== null) assertRemoteName(options.remote, 'remote')
    this.trackingRef = options.remote
      ? `refs/rollback-guard/${options.remote}/${options.branch}`
      : `refs/heads/${options.branch}`
  }

  async append(service: string, env: string, draft: ManifestDraft): Promise<StoredManifest> {
    const giveUp = this.retryBudget()
    for (let attempt = 1; ; attempt++) {
      const tip = await this.fetchTip()
      const pointer = tip
        ? await this.readJson<LatestPointer>(tip, storeLayout.pointer(service, env))
        : null
      const { id, sha256, manifest, text, snapshots, pointerText } = nextLink(pointer, draft)
      const files = new Map<string, string>()
      files.set(storeLayout.manifest(service, env, id), await this.writeBlob(text))
      files.set(storeLayout.pointer(service, env), await this.writeBlob(pointerText))
      for (const [path, source] of snapshots) {
        files.set(storeLayout.snapshot(service, env, id, path), await this.writeFileBlob(source))
      }
      const message = `manifest ${service}/${env} ${id}\n\nsource commit ${manifest.source.commit}\nsha256 ${sha256}\n`
      const commit = await this.commitFiles(tip, files, message)
      if (await this.publish(tip, commit)) {
        this.options.log?.(
          `stored manifest ${id} on ${this.options.branch} (${commit.slice(0, 12)})`
        )
        return {
          id,
          sha256,
          manifest,
          storeCommit: commit,
          location: storeLayout.manifest(service, env, id)
        }
      }
      if (giveUp(attempt)) {
        throw new ServiceError(
          `could not store the manifest on '${this.options.branch}' in ${attempt} attempts within the deadline: other writers kept landing first. Nothing was written; run the job again.`
        )
      }
      await this.backoff(attempt)
    }
  }

  async list(service: string, env: string): Promise<string[]> {
    const tip = await this.fetchTip()
    return tip ? [...(await this.listEntries(tip, service, env)).keys()].sort() : []
  }

  async resolve(service: string, env: string, ref: string): Promise<StoredManifest | null> {
    const tip = await this.fetchTip()
    if (!tip) return null
    return this.resolveAt(tip, service, env, ref)
  }

  async setVerdict(
    service: string,
    env: string,
    ref: string,
    verdict: Verdict
  ): Promise<StoredManifest> {
    const giveUp = this.retryBudget()
    for (let attempt = 1; ; attempt++) {
      const tip = await this.fetchTip()
      const stored = tip ? await this.resolveAt(tip, service, env, ref) : null
      if (!tip || !stored) {
        throw new InputError(
          `no manifest '${ref}' for ${service}/${env} on branch '${this.options.branch}'; list them with 'rollback-guard manifest show latest --service ${service} --env ${env}'.`
        )
      }
      const files = new Map([
        [
          storeLayout.verdict(service, env, stored.id),
          await this.writeBlob(`${JSON.stringify(verdict, null, 2)}\n`)
        ]
      ])
      const commit = await this.commitFiles(
        tip,
        files,
        `verdict ${verdict.status} for ${service}/${env} ${stored.id}\n`
      )
      if (await this.publish(tip, commit)) {
        return { ...stored, manifest: withVerdict(stored.manifest, verdict), storeCommit: commit }
      }
      if (giveUp(attempt)) {
        throw new ServiceError(
          `could not record the verdict on '${this.options.branch}' in ${attempt} attempts within the deadline; run the job again.`
        )
      }
      await this.backoff(attempt)
    }
  }

  async readSnapshot(stored: StoredManifest, path: string): Promise<Buffer | null> {
    const tip = await this.currentTip()
    if (!tip) return null
    const { service, env } = stored.manifest
    const result = await git(
      ['cat-file', 'blob', `${tip}:${storeLayout.snapshot(service, env, stored.id, path)}`],
      {
        cwd: this.options.cwd,
        allowFailure: true,
        encoding: 'buffer'
      }
    )
    return result.code === 0 ? (result.stdoutBuffer ?? null) : null
  }

  /**
   * One ref among the manifests of a service/env in a constant number of git processes, however
   * long the history: one `ls-tree` and at most two batched `cat-file` reads.
   */
  private async resolveAt(
    tip: string,
    service: string,
    env: string,
    ref: string
  ): Promise<StoredManifest | null> {
    let id: string | null
    if (ref === 'latest') {
      id = (await this.readJson<LatestPointer>(tip, storeLayout.pointer(service, env)))?.id ?? null
    } else {
      const entries = await this.listEntries(tip, service, env)
      const ids = [...entries.keys()].sort()
      const blobsOf = (which: 'manifest' | 'verdict') =>
        lazy(() =>
          this.readBlobs(
            [...entries.values()].map((entry) => entry[which]).filter((oid) => oid !== null)
          )
        )
      const verdicts = blobsOf('verdict')
      const manifests = blobsOf('manifest')
      const parsed = async (
        blobs: () => Promise<Map<string, string>>,
        oid: string | null | undefined,
        path: string
      ) => {
        const text = oid ? ((await blobs()).get(oid) ?? null) : null
        return text === null ? null : this.parseJson<Record<string, unknown>>(path, text)
      }
      id = await pickManifestId(
        ids,
        ref,
        async (candidate) => {
          const path = storeLayout.manifest(service, env, candidate)
          const manifest = (await parsed(
            manifests,
            entries.get(candidate)?.manifest,
            path
          )) as RollbackManifest | null
          return manifest?.source?.commit ?? ''
        },
        async (candidate) => {
          const path = storeLayout.verdict(service, env, candidate)
          return (await parsed(verdicts, entries.get(candidate)?.verdict, path)) as Verdict | null
        }
      )
    }
    if (!id) return null
    const manifestPath = storeLayout.manifest(service, env, id)
    const verdictPath = storeLayout.verdict(service, env, id)
    const found = await catFileBatch(this.options.cwd, [
      `${tip}:${manifestPath}`,
      `${tip}:${verdictPath}`
    ])
    const text = found.get(`${tip}:${manifestPath}`)?.toString('utf8') ?? null
    if (text === null) return null
    const manifest = this.parseJson<RollbackManifest>(manifestPath, text) as RollbackManifest
    const verdictText = found.get(`${tip}:${verdictPath}`)?.toString('utf8') ?? null
    const verdict = verdictText === null ? null : this.parseJson<Verdict>(verdictPath, verdictText)
    return {
      id,
      sha256: sha256Hex(text),
      manifest: withVerdict(manifest, verdict),
      storeCommit: tip,
      location: manifestPath
    }
  }

  /**
   * Every manifest of a service/env with the blob ids of its manifest.json and verdict.json, from one
   * recursive `ls-tree`: which manifests have a verdict is known without reading any of them.
   */
  private async listEntries(
    tip: string,
    service: string,
    env: string
  ): Promise<Map<string, { manifest: string | null; verdict: string | null }>> {
    const folder = storeLayout.folder(service, env)
    const result = await git(['ls-tree', '-r', '-z', tip, `${folder}/`], {
      cwd: this.options.cwd,
      allowFailure: true
    })
    const entries = new Map<string, { manifest: string | null; verdict: string | null }>()
    if (result.code !== 0) return entries
    for (const line of result.stdout.split('\0')) {
      const tab = line.indexOf('\t')
      if (tab < 0) continue
      const [, type, oid] = line.slice(0, tab).split(' ')
      const rest = line
        .slice(tab + 1)
        .slice(folder.length + 1)
        .split('/')
      if (type !== 'blob' || rest.length !== 2 || !oid) continue
      const [id, file] = rest as [string, string]
      if (file !== 'manifest.json' && file !== 'verdict.json') continue
      const entry = entries.get(id) ?? { manifest: null, verdict: null }
      entry[file === 'manifest.json' ? 'manifest' : 'verdict'] = oid
      entries.set(id, entry)
    }
    return entries
  }

  /** Blobs by object id in one `git cat-file --batch` (every one exists: ls-tree named it). */
  private async readBlobs(oids: readonly string[]): Promise<Map<string, string>> {
    const found = await catFileBatch(this.options.cwd, oids)
    const texts = new Map<string, string>()
    for (const [oid, blob] of found) if (blob !== null) texts.set(oid, blob.toString('utf8'))
    return texts
  }

  private async readText(tip: string, path: string): Promise<string | null> {
    const result = await git(['cat-file', 'blob', `${tip}:${path}`], {
      cwd: this.options.cwd,
      allowFailure: true
    })
    return result.code === 0 ? result.stdout : null
  }

  private async readJson<T>(tip: string, path: string): Promise<T | null> {
    const text = await this.readText(tip, path)
    if (text === null) return null
    return this.parseJson<T>(path, text)
  }

  private parseJson<T>(path: string, text: string): T | null {
    try {
      return JSON.parse(text) as T
    } catch {
      throw new InputError(
        `'${path}' on branch '${this.options.branch}' is not valid JSON; it was edited by hand. Fix or revert that commit.`
      )
    }
  }

  /** The branch tip after fetching it from the remote, or null when the branch does not exist yet. */
  private async fetchTip(): Promise<string | null> {
    const { remote, branch, cwd } = this.options
    if (remote) {
      const fetched = await git(
        ['fetch', '--no-tags', '--quiet', remote, `+refs/heads/${branch}:${this.trackingRef}`],
        {
          cwd,
          allowFailure: true,
          ...(this.options.env ? { env: this.options.env } : {})
        }
      )
      if (fetched.code !== 0) {
        if (/couldn't find remote ref|could not find remote ref/i.test(fetched.stderr)) return null
        const known = await git(['remote', 'get-url', remote], { cwd, allowFailure: true })
        if (known.code !== 0 && !/[/:]/.test(remote))
          throw new InputError(
            `the repository in ${cwd} has no remote '${remote}' to keep manifests on: add it (git remote add ${remote} URL), name another with --remote, or use --store file.`
          )
        throw new ServiceError(
          `could not fetch '${branch}' from remote '${remote}': ${firstError(fetched.stderr)}`
        )
      }
    }
    return this.currentTip()
  }

  private async currentTip(): Promise<string | null> {
    const result = await git(['rev-parse', '--verify', '--quiet', `${this.trackingRef}^{commit}`], {
      cwd: this.options.cwd,
      allowFailure: true
    })
    return result.code === 0 ? result.stdout.trim() : null
  }

  private async writeBlob(text: string): Promise<string> {
    return (
      await git(['hash-object', '-w', '--stdin'], { cwd: this.options.cwd, input: text })
    ).stdout.trim()
  }

  private async writeFileBlob(path: string): Promise<string> {
    return (
      await git(['hash-object', '-w', '--no-filters', '--', path], { cwd: this.options.cwd })
    ).stdout.trim()
  }

  /** A commit of `tip`'s tree plus `files`, built in a throw-away index. */
  private async commitFiles(
    tip: string | null,
    files: ReadonlyMap<string, string>,
    message: string
  ): Promise<string> {
    const scratch = await mkdtemp(join(tmpdir(), 'rollback-guard-index-'))
    try {
      const env = { GIT_INDEX_FILE: join(scratch, 'index') }
      const cwd = this.options.cwd
      await git(tip ? ['read-tree', tip] : ['read-tree', '--empty'], { cwd, env })
      const entries = [...files].map(([path, blob]) => `100644 ${blob}\t${path}\n`).join('')
      await git(['update-index', '--add', '--index-info'], { cwd, env, input: entries })
      const tree = (await git(['write-tree'], { cwd, env })).stdout.trim()
      const parents = tip ? ['-p', tip] : []
      return (
        await git(['commit-tree', tree, ...parents, '-m', message], { cwd, env: committerEnv })
      ).stdout.trim()
    } finally {
      await rm(scratch, { recursive: true, force: true })
    }
  }

  /** Publishes `commit` as the new tip; false when another writer moved the branch first. */
  private async publish(tip: string | null, commit: string): Promise<boolean> {
    const { remote, branch, cwd } = this.options
    if (!remote) {
      const result = await git(['update-ref', this.trackingRef, commit, tip ?? zeroOid], {
        cwd,
        allowFailure: true
      })
      return result.code === 0
    }
    const pushed = await git(
      ['push', '--porcelain', '--quiet', remote, `${commit}:refs/heads/${branch}`],
      {
        cwd,
        allowFailure: true,
        ...(this.options.env ? { env: this.options.env } : {})
      }
    )
    if (pushed.code === 0) {
      await git(['update-ref', this.trackingRef, commit], { cwd })
      return true
    }
    const output = `${pushed.stdout}\n${pushed.stderr}`
    if (
      /non-fast-forward|fetch first|rejected|cannot lock ref|failed to update ref|stale info|incorrect old value/i.test(
        output
      )
    ) {
      this.options.log?.(`another run updated '${branch}' first; rebuilding on the new tip`)
      return false
    }
    if (/permission|denied|403|authentication|could not read Username/i.test(output)) {
      throw new InputError(
        `pushing to '${branch}' on '${remote}' was refused: ${lastLine(output)}. The job needs 'contents: write' permission (permissions: contents: write) and a checkout that keeps credentials (actions/checkout persist-credentials: true).`
      )
    }
    throw new ServiceError(`pushing to '${branch}' on '${remote}' failed: ${lastLine(output)}`)
  }

  /** Whether a write that lost `attempt` times should stop: past the deadline (or the test cap). */
  private retryBudget(): (attempt: number) => boolean {
    const now = this.options.now ?? Date.now
    const deadline = now() + (this.options.deadlineMs ?? 10 * 60_000)
    const cap = this.options.maxAttempts ?? Number.POSITIVE_INFINITY
    return (attempt) => attempt >= cap || now() >= deadline
  }

  /** Full jitter over an exponential window (capped at 5 s), so racing writers spread out. */
  private async backoff(attempt: number): Promise<void> {
    const base = this.options.backoffMs ?? 200
    const random = this.options.random ?? Math.random
    const delay = Math.min(5000, base * 2 ** Math.min(attempt - 1, 6)) * random()
    await (this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(delay)
  }
}

/** A promise made on first use and shared afterwards. */
function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null
  return () => (made ??= make())
}

/** git's first `fatal:`/`error:` line (its last line is often advice cut mid-sentence). */
function firstError(text: string): string {
  const line = text.split('\n').find((l) => /^(fatal|error):/.test(l.trim()))
  return line ? line.trim().replace(/^(fatal|error):\s*/, '') : lastLine(text)
}

function lastLine(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
  return lines[lines.length - 1] ?? 'no output'
}

export { GitError }
