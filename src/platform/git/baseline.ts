import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import type { BaselineGit } from '../../contract/baseline/find.js'
import { InputError } from '../../core/errors.js'
import { git } from './exec.js'

export interface GitBaselineOptions {
  /** The repository root (the working tree the head contracts are read from). */
  cwd: string
  /** The remote to list and fetch tags from. */
  remote?: string
  log?: (message: string) => void
}

/** Refuses what git would read as an option, or what is not a ref name at all. */
function checkRef(ref: string): void {
  if (
    ref === '' ||
    ref.startsWith('-') ||
    /[\s:?*[\\\p{Cc}]/u.test(ref.replace(/\^\{commit\}$/, ''))
  ) {
    throw new InputError(`'${ref}' is not a valid git ref name; pass a tag, branch or commit.`)
  }
}

/**
 * BaselineGit over a local clone. CI clones are often shallow and tag-less: tags are listed on the
 * remote as well, and a missing ref is fetched alone (depth 1 when the clone is shallow).
 */
export function gitBaseline(options: GitBaselineOptions): BaselineGit & {
  materialize(sha: string, paths: readonly string[], dest: string, kind?: string): Promise<string[]>
  head(): Promise<{ ref: string | null; sha: string | null }>
} {
  const { cwd } = options
  const remote = options.remote ?? 'origin'
  const log = options.log ?? (() => {})
  let remoteTags: Map<string, string> | null = null

  async function hasRemote(): Promise<boolean> {
    const result = await git(['remote'], { cwd, allowFailure: true })
    return result.code === 0 && result.stdout.split('\n').includes(remote)
  }

  async function listRemoteTags(): Promise<Map<string, string>> {
    if (remoteTags) return remoteTags
    remoteTags = new Map()
    if (!(await hasRemote())) return remoteTags
    const result = await git(['ls-remote', '--tags', '--refs', remote], { cwd, allowFailure: true })
    if (result.code !== 0) {
      log(
        `could not list the tags of '${remote}' (${result.stderr.trim().split('\n').pop() ?? ''}); using local tags`
      )
      return remoteTags
    }
    for (const line of result.stdout.split('\n')) {
      const [sha, ref] = line.split('\t')
      if (sha && ref?.startsWith('refs/tags/')) remoteTags.set(ref.slice('refs/tags/'.length), sha)
    }
    return remoteTags
  }

  async function localCommit(ref: string): Promise<string | null> {
    const result = await git(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
      {
        cwd,
        allowFailure: true
      }
    )
    return result.code === 0 ? result.stdout.trim() : null
  }

  async function isShallow(): Promise<boolean> {
    const result = await git(['rev-parse', '--is-shallow-repository'], { cwd, allowFailure: true })
    return result.stdout.trim() === 'true'
  }

  async function fetch(refspec: string): Promise<boolean> {
    const depth = (await isShallow()) ? ['--depth=1'] : []
    log(`fetching ${refspec} from ${remote}`)
    const result = await git(['fetch', '--quiet', '--no-tags', ...depth, remote, refspec], {
      cwd,
      allowFailure: true
    })
    if (result.code !== 0) log(`fetch failed: ${result.stderr.trim().split('\n').pop() ?? ''}`)
    return result.code === 0
  }

  let checkedRepo = false
  async function ensureRepository(): Promise<void> {
    if (checkedRepo) return
    const inside = await git(['rev-parse', '--git-dir'], { cwd, allowFailure: true })
    if (inside.code !== 0) {
      throw new InputError(
        `'${cwd}' is not a git repository, so there is no release to compare with; run inside a clone, or compare two files with \`rollback-guard contract diff\`.`
      )
    }
    checkedRepo = true
  }

  return {
    async listTags() {
      await ensureRepository()
      const local = await git(['tag', '--list'], { cwd })
      const names = local.stdout.split('\n').filter(Boolean)
      return [...new Set([...names, ...(await listRemoteTags()).keys()])]
    },

    async resolveCommit(ref) {
      checkRef(ref)
      await ensureRepository()
      const direct = (await localCommit(`refs/tags/${ref}`)) ?? (await localCommit(ref))
      if (direct) return direct
      if (!(await hasRemote())) return null
      const tags = await listRemoteTags()
      if (tags.has(ref)) {
        if (await fetch(`+refs/tags/${ref}:refs/tags/${ref}`))
          return localCommit(`refs/tags/${ref}`)
        return null
      }
      const tracking = await localCommit(`refs/remotes/${remote}/${ref}`)
      if (tracking) return tracking
      if (await fetch(ref)) return localCommit('FETCH_HEAD')
      return null
    },

    async head() {
      const sha = await localCommit('HEAD')
      const branch = await git(['symbolic-ref', '--short', '-q', 'HEAD'], {
        cwd,
        allowFailure: true
      })
      return { ref: branch.code === 0 ? branch.stdout.trim() : null, sha }
    },

    async materialize(sha, paths, dest, kind) {
      return materializeAt(cwd, sha, paths, dest, kind)
    }
  }
}

interface TreeEntry {
  mode: string
  type: string
  object: string
  path: string
}

async function listTree(cwd: string, sha: string, path: string): Promise<TreeEntry[]> {
  const result = await git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', path], { cwd })
  return result.stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t')
      const [mode, type, object] = line.slice(0, tab).split(' ') as [string, string, string]
      return { mode, type, object, path: line.slice(tab + 1) }
    })
}

/** Blob contents by object id through one `git cat-file --batch` (binary-safe). */
function readBlobs(cwd: string, objects: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    if (objects.length === 0) {
      resolve(new Map())
      return
    }
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd,
      env: { ...process.env, LC_ALL: 'C' }
    })
    const chunks: Buffer[] = []
    const errors: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) {
        reject(
          new Error(
            `git cat-file failed (exit ${code}): ${Buffer.concat(errors).toString().trim()}`
          )
        )
        return
      }
      const out = Buffer.concat(chunks)
      const blobs = new Map<string, Buffer>()
      let offset = 0
      while (offset < out.length) {
        const newline = out.indexOf(0x0a, offset)
        const header = out.subarray(offset, newline).toString()
        const [object, type, size] = header.split(' ')
        if (type === 'missing' || !object || size === undefined) {
          offset = newline + 1
          continue
        }
        const start = newline + 1
        const end = start + Number(size)
        blobs.set(object, out.subarray(start, end))
        offset = end + 1
      }
      resolve(blobs)
    })
    child.stdin.end(objects.join('\n') + '\n')
  })
}

/**
 * Inside a contract folder, only the files its engine reads (a gomod folder may be the whole
 * repository). Go folders come whole: `//go:embed` files must exist for the package to load.
 */
function wanted(kind: string | undefined, path: string): boolean {
  const name = posix.basename(path)
  switch (kind) {
    case 'gomod':
      return name === 'go.mod' || name === 'go.sum'
    case 'gomod-code': // the module's code, for the uses of its dependencies
      return (
        name === 'go.mod' ||
        name === 'go.sum' ||
        (name.endsWith('.go') && !name.endsWith('_test.go')) ||
        path.endsWith('vendor/modules.txt')
      )
    case 'protobuf':
      return name.endsWith('.proto') || /^buf(\.work)?\.ya?ml$|^buf\.lock$/.test(name)
    default:
      return true
  }
}

/** Relative `$ref` targets of an OpenAPI document (fragments and URLs left out). */
function relativeRefs(text: string): string[] {
  const refs = new Set<string>()
  for (const match of text.matchAll(/["']?\$ref["']?\s*:\s*["']?([^"'\s,}]+)/g)) {
    const target = (match[1] ?? '').split('#')[0] ?? ''
    if (target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target)) refs.add(decodeURIComponent(target))
  }
  return [...refs]
}

/**
 * Writes the contracts' files as they were at `sha` into `dest`, at their repository paths.
 * Directories (protobuf, go) come whole; an OpenAPI file comes with the files its relative `$ref`s
 * reach. Returns the paths that did not exist at `sha`.
 */
export async function materializeAt(
  cwd: string,
  sha: string,
  paths: readonly string[],
  dest: string,
  kind?: string
): Promise<string[]> {
  const missing: string[] = []
  const done = new Set<string>()
  let queue = [...paths]
  while (queue.length > 0) {
    const entries: TreeEntry[] = []
    for (const path of queue) {
      const clean = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '')
      if (done.has(clean) || clean.startsWith('../')) continue
      done.add(clean)
      const listed = (await listTree(cwd, sha, clean)).filter(
        (e) =>
          e.type === 'blob' && e.mode !== '120000' && (e.path === clean || wanted(kind, e.path))
      )
      if (listed.length === 0 && paths.includes(path)) missing.push(path)
      entries.push(...listed)
    }
    const blobs = await readBlobs(
      cwd,
      entries.map((e) => e.object)
    )
    const next: string[] = []
    for (const entry of entries) {
      const content = blobs.get(entry.object)
      if (!content) continue
      const target = join(dest, ...entry.path.split('/'))
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, content)
      if (kind === 'openapi' && /\.(ya?ml|json)$/i.test(entry.path)) {
        const folder = posix.dirname(entry.path)
        for (const ref of relativeRefs(content.toString('utf8'))) next.push(posix.join(folder, ref))
      }
    }
    queue = next
  }
  return missing
}
