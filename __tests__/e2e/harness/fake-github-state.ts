import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The trimmed GitHub REST description (scripts/make-github-rest-extract.js). */
export interface RestParameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: Record<string, unknown>
}
export interface RestOperation {
  method: string
  path: string
  parameters: RestParameter[]
  requestBody: { required: boolean; schema: Record<string, unknown> } | null
  success: { status: number; schema: Record<string, unknown> | null; example: unknown }
}
export interface RestExtract {
  source: { package: string; version: string; file: string; openapi: string }
  operations: Record<string, RestOperation>
  components: { schemas: Record<string, unknown> }
}

let cachedExtract: RestExtract | undefined

/** The extract, read once per process; treat it as read-only. */
export function loadRestExtract(): RestExtract {
  cachedExtract ??= JSON.parse(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'github-rest-extract.json'), 'utf8')
  ) as RestExtract
  return cachedExtract
}

export type Permission = 'none' | 'read' | 'write'
export type PermissionName = 'contents' | 'issues' | 'pull-requests' | 'checks' | 'metadata'

/** Who a token is: `installation` tokens (GITHUB_TOKEN, app tokens) cannot call GET /user. */
export interface FakeToken {
  login: string
  kind: 'installation' | 'user'
  permissions: Partial<Record<PermissionName, Permission>>
}

export interface FakeUser {
  login: string
  id: number
  type: 'User' | 'Bot' | 'Organization'
}

export interface FakeComment {
  id: number
  issueNumber: number
  body: string
  login: string
  createdAt: string
  updatedAt: string
}

export interface FakePull {
  number: number
  id: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  draft: boolean
  merged: boolean
  head: { ref: string; sha: string; owner: string }
  base: { ref: string; sha: string }
  login: string
  labels: string[]
  assignees: string[]
  requestedReviewers: string[]
  requestedTeams: string[]
  maintainerCanModify: boolean
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

export interface FakeIssue {
  number: number
  id: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  login: string
  labels: string[]
  assignees: string[]
  createdAt: string
  updatedAt: string
  /** Set when the issue is a pull request (every pull request is an issue). */
  pull?: FakePull
}

export interface FakeRelease {
  id: number
  tagName: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  targetCommitish: string
  login: string
  createdAt: string
  publishedAt: string | null
}

export interface FakeCheckRun {
  id: number
  name: string
  headSha: string
  status: string
  conclusion: string | null
  output: unknown
  startedAt: string
  completedAt: string | null
}

export interface FakeCommit {
  sha: string
  message: string
  parents: string[]
  authorName: string
  authorEmail: string
  date: string
}

/** Where a repository's refs live: in memory, or in a real (bare) git repository the tests push to. */
export interface RefStore {
  get(ref: string): string | undefined
  list(): Array<{ ref: string; sha: string }>
  set(ref: string, sha: string): void
  delete(ref: string): void
  /** True when `ancestor` is reachable from `descendant`; true when it cannot be told (memory store). */
  isAncestor(ancestor: string, descendant: string): boolean
  commit(shaOrRef: string): FakeCommit | undefined
  /** Commits reachable from head but not from base, oldest first. */
  between(base: string, head: string): FakeCommit[] | undefined
  /** A file's text at a ref, when the store has files (git repositories). */
  readFile(ref: string, path: string): string | undefined
  /** Git Data API: object writes, when the store has objects (git repositories). */
  writeBlob?(content: Buffer): string | undefined
  /** `entries` as the API takes them (paths with slashes; sha null deletes), on top of `baseTree`. */
  writeTree?(
    baseTree: string | undefined,
    entries: Array<{ path: string; mode: string; sha: string | null }>
  ): string | undefined
  writeCommit?(
    message: string,
    tree: string,
    parents: string[],
    author: { name: string; email: string; date: string }
  ): string | undefined
}

export interface FakeRepoOptions {
  owner: string
  name: string
  defaultBranch?: string
  private?: boolean
  /** The "Allow GitHub Actions to create and approve pull requests" setting (default true). */
  actionsCanCreatePullRequests?: boolean
  /** A git repository (bare or not) whose refs and commits back this repository. */
  gitDir?: string
  /** Files served by GET /repos/{owner}/{repo}/contents/{path} (at any ref). */
  files?: Record<string, string>
}

export interface FakeRepo {
  owner: string
  name: string
  id: number
  defaultBranch: string
  private: boolean
  actionsCanCreatePullRequests: boolean
  refs: RefStore
  files: Map<string, string>
  issues: Map<number, FakeIssue>
  comments: FakeComment[]
  releases: FakeRelease[]
  checkRuns: FakeCheckRun[]
  labels: Set<string>
  nextNumber: number
}

const fakeEpoch = Date.UTC(2026, 0, 1)

class MemoryRefStore implements RefStore {
  private readonly refs = new Map<string, string>()
  readonly commits = new Map<string, FakeCommit>()
  get(ref: string): string | undefined {
    return this.refs.get(ref)
  }
  list(): Array<{ ref: string; sha: string }> {
    return [...this.refs]
      .map(([ref, sha]) => ({ ref, sha }))
      .sort((a, b) => a.ref.localeCompare(b.ref))
  }
  set(ref: string, sha: string): void {
    this.refs.set(ref, sha)
  }
  delete(ref: string): void {
    this.refs.delete(ref)
  }
  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>()
    const queue = [descendant]
    while (queue.length > 0) {
      const sha = queue.shift() as string
      if (sha === ancestor) return true
      if (seen.has(sha)) continue
      seen.add(sha)
      const commit = this.commits.get(sha)
      if (!commit) return true
      queue.push(...commit.parents)
    }
    return false
  }
  commit(shaOrRef: string): FakeCommit | undefined {
    const sha =
      this.refs.get(`refs/heads/${shaOrRef}`) ?? this.refs.get(`refs/tags/${shaOrRef}`) ?? shaOrRef
    return (
      this.commits.get(sha) ??
      [...this.commits.values()].find((c) => shaOrRef.length >= 7 && c.sha.startsWith(shaOrRef))
    )
  }
  between(base: string, head: string): FakeCommit[] | undefined {
    const baseCommit = this.commit(base)
    const headCommit = this.commit(head)
    if (!baseCommit || !headCommit) return undefined
    const reachable = (from: FakeCommit): FakeCommit[] => {
      const seen = new Map<string, FakeCommit>()
      const queue = [from]
      while (queue.length > 0) {
        const commit = queue.shift() as FakeCommit
        if (seen.has(commit.sha)) continue
        seen.set(commit.sha, commit)
        for (const parent of commit.parents) {
          const next = this.commits.get(parent)
          if (next) queue.push(next)
        }
      }
      return [...seen.values()]
    }
    const inBase = new Set(reachable(baseCommit).map((c) => c.sha))
    return reachable(headCommit)
      .filter((c) => !inBase.has(c.sha))
      .reverse()
  }
  readFile(): string | undefined {
    return undefined
  }
}

/** Refs and commits read from and written to a real git repository with argument-array git calls. */
class GitRefStore implements RefStore {
  constructor(private readonly gitDir: string) {}
  private git(args: string[]): string | undefined {
    try {
      return execFileSync('git', ['--git-dir', this.gitDir, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      }).trim()
    } catch {
      return undefined
    }
  }
  get(ref: string): string | undefined {
    return this.git(['rev-parse', '--verify', '--quiet', `${ref}^{}`]) || undefined
  }
  list(): Array<{ ref: string; sha: string }> {
    const out = this.git(['for-each-ref', '--format=%(objectname) %(refname)']) ?? ''
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha, ref] = line.split(' ') as [string, string]
        return { ref, sha }
      })
  }
  set(ref: string, sha: string): void {
    this.git(['update-ref', ref, sha])
  }
  delete(ref: string): void {
    this.git(['update-ref', '-d', ref])
  }
  isAncestor(ancestor: string, descendant: string): boolean {
    try {
      execFileSync(
        'git',
        ['--git-dir', this.gitDir, 'merge-base', '--is-ancestor', ancestor, descendant],
        { stdio: 'ignore' }
      )
      return true
    } catch {
      return false
    }
  }
  commit(shaOrRef: string): FakeCommit | undefined {
    const out = this.git([
      'show',
      '-s',
      '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%B',
      `${shaOrRef}^{commit}`,
      '--'
    ])
    if (!out) return undefined
    const [sha, parents, authorName, authorEmail, date, ...message] = out.split('\u0000')
    return {
      sha: sha as string,
      parents: (parents ?? '').split(' ').filter(Boolean),
      authorName: authorName ?? '',
      authorEmail: authorEmail ?? '',
      date: date ?? '',
      message: message.join('\u0000').trim()
    }
  }
  between(base: string, head: string): FakeCommit[] | undefined {
    if (!this.commit(base) || !this.commit(head)) return undefined
    const out = this.git(['rev-list', '--reverse', `${base}..${head}`]) ?? ''
    return out
      .split('\n')
      .filter(Boolean)
      .map((sha) => this.commit(sha))
      .filter((c): c is FakeCommit => c !== undefined)
  }
  writeBlob(content: Buffer): string | undefined {
    try {
      return execFileSync('git', ['--git-dir', this.gitDir, 'hash-object', '-w', '--stdin'], {
        input: content,
        encoding: 'utf8'
      }).trim()
    } catch {
      return undefined
    }
  }
  writeTree(
    baseTree: string | undefined,
    entries: Array<{ path: string; mode: string; sha: string | null }>
  ): string | undefined {
    // a scratch index: read the base tree, apply the entries, write the tree
    const index = join(mkdtempSync(join(tmpdir(), 'fake-github-index-')), 'index')
    const env = { ...process.env, GIT_INDEX_FILE: index }
    const run = (args: string[]) =>
      execFileSync('git', ['--git-dir', this.gitDir, ...args], { env, encoding: 'utf8' }).trim()
    try {
      if (baseTree) run(['read-tree', baseTree])
      else run(['read-tree', '--empty'])
      for (const entry of entries) {
        if (entry.sha === null) run(['update-index', '--force-remove', '--', entry.path])
        else
          run(['update-index', '--add', '--cacheinfo', `${entry.mode},${entry.sha},${entry.path}`])
      }
      return run(['write-tree'])
    } catch {
      return undefined
    } finally {
      rmSync(dirname(index), { recursive: true, force: true })
    }
  }
  writeCommit(
    message: string,
    tree: string,
    parents: string[],
    author: { name: string; email: string; date: string }
  ): string | undefined {
    try {
      return execFileSync(
        'git',
        ['--git-dir', this.gitDir, 'commit-tree', tree, ...parents.flatMap((p) => ['-p', p])],
        {
          input: message,
          encoding: 'utf8',
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: author.name,
            GIT_AUTHOR_EMAIL: author.email,
            GIT_AUTHOR_DATE: author.date,
            GIT_COMMITTER_NAME: 'GitHub',
            GIT_COMMITTER_EMAIL: 'noreply@github.com',
            GIT_COMMITTER_DATE: author.date
          }
        }
      ).trim()
    } catch {
      return undefined
    }
  }
  treeOf(commit: string): string | undefined {
    return this.git(['rev-parse', '--verify', '--quiet', `${commit}^{tree}`]) || undefined
  }
  readFile(ref: string, path: string): string | undefined {
    try {
      return execFileSync('git', ['--git-dir', this.gitDir, 'show', `${ref}:${path}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      })
    } catch {
      return undefined
    }
  }
}

/** The fake's data: repositories with their issues, pull requests, comments, releases and refs. */
export class FakeGitHubState {
  readonly repos = new Map<string, FakeRepo>()
  /** Commits made through the Git Data API (signed by GitHub), newest last. */
  readonly signedCommits: string[] = []
  readonly users = new Map<string, FakeUser>()
  private nextId = 1000
  private clockMs = fakeEpoch

  /** A fresh numeric id (comments, pulls, releases, repositories share one sequence, like node ids). */
  id(): number {
    return this.nextId++
  }

  /** Timestamps advance one second per call so ordering by time is deterministic. */
  now(): string {
    this.clockMs += 1000
    return new Date(this.clockMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  user(login: string): FakeUser {
    let user = this.users.get(login)
    if (!user) {
      user = { login, id: this.id(), type: login.endsWith('[bot]') ? 'Bot' : 'User' }
      this.users.set(login, user)
    }
    return user
  }

  addRepo(options: FakeRepoOptions): FakeRepo {
    const repo: FakeRepo = {
      owner: options.owner,
      name: options.name,
      id: this.id(),
      defaultBranch: options.defaultBranch ?? 'main',
      private: options.private ?? false,
      actionsCanCreatePullRequests: options.actionsCanCreatePullRequests ?? true,
      refs: options.gitDir ? new GitRefStore(options.gitDir) : new MemoryRefStore(),
      files: new Map(Object.entries(options.files ?? {})),
      issues: new Map(),
      comments: [],
      releases: [],
      checkRuns: [],
      labels: new Set(),
      nextNumber: 1
    }
    this.repos.set(`${options.owner}/${options.name}`.toLowerCase(), repo)
    this.user(options.owner)
    return repo
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase())
  }

  private mustRepo(owner: string, name: string): FakeRepo {
    const repo = this.repo(owner, name)
    if (!repo) throw new Error(`fake GitHub: no repository ${owner}/${name}; add it with addRepo`)
    return repo
  }

  /** Adds a commit to an in-memory repository and moves `branch` to it. Returns its sha. */
  addCommit(owner: string, name: string, branch: string, message: string): string {
    const repo = this.mustRepo(owner, name)
    if (!(repo.refs instanceof MemoryRefStore))
      throw new Error('fake GitHub: commit to the git repository instead')
    const parent = repo.refs.get(`refs/heads/${branch}`)
    const sha = createHash('sha1')
      .update(`${parent ?? ''}\n${message}\n${this.id()}`)
      .digest('hex')
    repo.refs.commits.set(sha, {
      sha,
      message,
      parents: parent ? [parent] : [],
      authorName: 'Mona Lisa',
      authorEmail: 'mona@example.com',
      date: this.now()
    })
    repo.refs.set(`refs/heads/${branch}`, sha)
    return sha
  }

  addIssue(
    owner: string,
    name: string,
    options: { title: string; body?: string; login?: string }
  ): FakeIssue {
    const repo = this.mustRepo(owner, name)
    const createdAt = this.now()
    const issue: FakeIssue = {
      number: repo.nextNumber++,
      id: this.id(),
      title: options.title,
      body: options.body ?? null,
      state: 'open',
      login: options.login ?? repo.owner,
      labels: [],
      assignees: [],
      createdAt,
      updatedAt: createdAt
    }
    repo.issues.set(issue.number, issue)
    return issue
  }

  addPull(
    owner: string,
    name: string,
    options: {
      title: string
      head: string
      base?: string
      body?: string | null
      login?: string
      draft?: boolean
      state?: 'open' | 'closed'
      headOwner?: string
    }
  ): FakePull {
    const repo = this.mustRepo(owner, name)
    const base = options.base ?? repo.defaultBranch
    const createdAt = this.now()
    const issue = this.addIssue(owner, name, {
      title: options.title,
      body: options.body ?? undefined,
      login: options.login
    })
    const pull: FakePull = {
      number: issue.number,
      id: this.id(),
      title: options.title,
      body: options.body ?? null,
      state: options.state ?? 'open',
      draft: options.draft ?? false,
      merged: false,
      head: {
        ref: options.head,
        sha: repo.refs.get(`refs/heads/${options.head}`) ?? zeroSha,
        owner: options.headOwner ?? repo.owner
      },
      base: { ref: base, sha: repo.refs.get(`refs/heads/${base}`) ?? zeroSha },
      login: issue.login,
      labels: issue.labels,
      assignees: issue.assignees,
      requestedReviewers: [],
      requestedTeams: [],
      maintainerCanModify: false,
      createdAt,
      updatedAt: createdAt,
      closedAt: options.state === 'closed' ? createdAt : null
    }
    issue.state = pull.state
    issue.pull = pull
    return pull
  }

  addComment(
    owner: string,
    name: string,
    issueNumber: number,
    options: { body: string; login: string }
  ): FakeComment {
    const repo = this.mustRepo(owner, name)
    if (!repo.issues.has(issueNumber))
      throw new Error(`fake GitHub: no issue #${issueNumber} in ${owner}/${name}`)
    const createdAt = this.now()
    const comment: FakeComment = {
      id: this.id(),
      issueNumber,
      body: options.body,
      login: options.login,
      createdAt,
      updatedAt: createdAt
    }
    repo.comments.push(comment)
    this.user(options.login)
    return comment
  }

  addRelease(
    owner: string,
    name: string,
    options: {
      tagName: string
      name?: string
      body?: string
      draft?: boolean
      prerelease?: boolean
      targetCommitish?: string
      login?: string
    }
  ): FakeRelease {
    const repo = this.mustRepo(owner, name)
    const createdAt = this.now()
    const release: FakeRelease = {
      id: this.id(),
      tagName: options.tagName,
      name: options.name ?? options.tagName,
      body: options.body ?? null,
      draft: options.draft ?? false,
      prerelease: options.prerelease ?? false,
      targetCommitish: options.targetCommitish ?? repo.defaultBranch,
      login: options.login ?? 'github-actions[bot]',
      createdAt,
      publishedAt: options.draft ? null : createdAt
    }
    repo.releases.push(release)
    return release
  }

  /** Comments of one issue or pull request, oldest first (GitHub orders them by ascending id). */
  commentsOf(owner: string, name: string, issueNumber: number): FakeComment[] {
    return this.mustRepo(owner, name)
      .comments.filter((c) => c.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id)
  }

  pullsOf(owner: string, name: string): FakePull[] {
    return [...this.mustRepo(owner, name).issues.values()].flatMap((issue) =>
      issue.pull ? [issue.pull] : []
    )
  }
}

export const zeroSha = '0000000000000000000000000000000000000000'
