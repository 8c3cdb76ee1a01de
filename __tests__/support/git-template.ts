import { afterAll, beforeAll } from '@jest/globals'
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { gitIn } from './git-fixtures.js'

/**
 * A git history built once per test file and copied for each test.
 *
 * `build` makes the history (bare remote, working clones, manifest branch, scratch files) under one
 * folder, named by the `base` of what it returns. It runs once, in a `beforeAll` of the scope that
 * calls `gitTemplate`; `clone()` then copies that folder whole for one test, so a test may push,
 * commit, tag, add hooks or race writers on its copy without another test seeing it.
 *
 * In the copy, every git config (and FETCH_HEAD) that named the template folder names the copy: the
 * clones' `origin` is the copied bare remote, not the template's; and each working tree's index is
 * refreshed, so plumbing that trusts it (diff-index) sees a clean tree where the template had one.
 * Every string of the returned value
 * that is a path in the template folder is a path in the copy; everything else (commit ids, parsed
 * manifests) is as `build` returned it, so every copy has the same commits.
 *
 * The template and the copies are removed in an `afterAll` of the same scope.
 */
export interface GitTemplate<T extends { base: string }> {
  /** A fresh, independent copy of the history for one test. */
  clone(): Promise<T>
}

export function gitTemplate<T extends { base: string }>(build: () => Promise<T>): GitTemplate<T> {
  let template: Promise<T> | undefined
  const made: string[] = []
  const built = () => (template ??= build().then((value) => (made.push(value.base), value)))
  beforeAll(async () => {
    await built()
  })
  afterAll(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
    template = undefined
  })
  return {
    async clone() {
      const value = await built()
      const copy = await mkdtemp(join(tmpdir(), 'rollback-guard-copy-'))
      made.push(copy)
      await copyTree(value.base, copy)
      await repointGitDirs(copy, value.base, copy)
      return rebase(value, value.base, copy) as T
    }
  }
}

/**
 * Copies the files, folders and symbolic links under `from` into the existing folder `to`, modes
 * kept (fs.cp is several times slower on a repository's many small files).
 */
async function copyTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true })
  await Promise.all(
    entries.map(async (entry) => {
      const source = join(from, entry.name)
      const target = join(to, entry.name)
      if (entry.isDirectory()) {
        await mkdir(target)
        await copyTree(source, target)
      } else if (entry.isSymbolicLink()) await symlink(await readlink(source), target)
      else if (entry.isFile()) await copyFile(source, target)
      else throw new Error(`cannot copy ${source}: not a file, folder or symbolic link`)
    })
  )
}

/** `path` with the folder `from` replaced by `to`, or `path` itself when it is not inside `from`. */
function moved(path: string, from: string, to: string): string {
  return path === from || path.startsWith(`${from}/`) ? to + path.slice(from.length) : path
}

function rebase(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return moved(value, from, to)
  if (Array.isArray(value)) return value.map((item) => rebase(item, from, to))
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, rebase(item, from, to)])
    )
  return value
}

/** The files of a git dir that name other repositories by path. */
const namingFiles = ['config', 'FETCH_HEAD']

/** Points every git dir (bare, or a working tree's .git) under `root` from the folder `from` to `to`. */
async function repointGitDirs(root: string, from: string, to: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true })
  const names = new Set(entries.map((entry) => entry.name))
  const isGitDir = names.has('HEAD') && names.has('objects') && names.has('refs')
  if (isGitDir) {
    for (const name of namingFiles) {
      if (!names.has(name)) continue
      const text = await readFile(join(root, name), 'utf8')
      const repointed = text.split(from).join(to)
      if (repointed !== text) await writeFile(join(root, name), repointed)
    }
    // A copied index holds the template's inodes and times: refresh it as git status would.
    if (basename(root) === '.git') gitIn(dirname(root), 'update-index', '-q', '--refresh')
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || (isGitDir && entry.name === 'objects')) continue
    await repointGitDirs(join(root, entry.name), from, to)
  }
}
