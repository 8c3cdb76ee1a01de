import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError, ServiceError } from '../../core/errors.js'
import { assertRemoteName } from '../../core/names.js'
import { prepareRevert } from '../../revert/prepare.js'
import type { PrepareRequest, RemoteBranch, RevertGit, RevertWorktree } from '../../revert/ports.js'
import type {
  CommitInfo,
  PinEdit,
  PreparedRevert,
  RevertStep,
  RevertStrategy,
  StrategyAttempt
} from '../../revert/types.js'
import type { ApiCommit } from '../github/signed-push.js'
import { pinImageReferences } from '../yaml/pin-digests.js'
import { catFileBatch, git, type GitOptions } from './exec.js'
import { pushError, scrub, tokenEnv } from './revert-auth.js'

export interface GitRevertOptions {
  /** The repository checkout. */
  cwd: string
  /** The remote to fetch the base from and push to; null works on local branches only (no push). */
  remote: string | null
  /** Sent as an HTTP header through the environment, never in arguments or URLs. */
  token?: string | null
  /** The host the token is for (GITHUB_SERVER_URL). */
  serverUrl?: string
  /** Who the revert commits are by. */
  identity?: { name: string; email: string }
  /**
   * Pushes through the Git Data API instead of `git push` (GitHub signs the commits it creates);
   * gets the commits between the base and the head, returns the sha the branch now points to.
   */
  signedPush?: (request: {
    branch: string
    expected: string | null
    parent: { sha: string; tree: string }
    commits: ApiCommit[]
  }) => Promise<string>
  log?: (message: string) => void
}

const defaultIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
}

const short = (sha: string) => sha.slice(0, 12)

/** An ApiCommit before its contents are read: each changed path names its new blob (null: deleted). */
type ListedCommit = Omit<ApiCommit, 'changes'> & {
  changes: Array<{ path: string; mode: string; blob: string | null }>
}

/** The git edge of revert-pr: history, a scratch worktree for the strategies, push and cleanup. */
export class GitRevertRepository implements RevertGit, RevertWorktree {
  private worktree: string | null = null
  /** The base commit the prepared branch builds on. */
  private openedAt: string | null = null
  private readonly token: string | null
  private readonly serverUrl: string
  private readonly identity: { name: string; email: string }
  private readonly log: (message: string) => void
  private fetchedHistory = false

  constructor(private readonly options: GitRevertOptions) {
    if (options.remote !== null) assertRemoteName(options.remote)
    this.token = options.token?.trim() || null
    this.serverUrl = options.serverUrl ?? 'https://github.com'
    this.identity = options.identity ?? defaultIdentity
    this.log = options.log ?? (() => undefined)
  }

  private auth: Promise<Record<string, string>> | null = null

  private async run(args: string[], extra: Partial<GitOptions> = {}) {
    this.auth ??= tokenEnv(this.options.cwd, this.token, this.serverUrl)
    const auth = await this.auth
    const identity = {
      GIT_AUTHOR_NAME: this.identity.name,
      GIT_AUTHOR_EMAIL: this.identity.email,
      GIT_COMMITTER_NAME: this.identity.name,
      GIT_COMMITTER_EMAIL: this.identity.email
    }
    // The repository's hooks (husky, pre-push checks) are not ours to run for a revert.
    return git(['-c', 'core.hooksPath=/dev/null', ...args], {
      cwd: this.options.cwd,
      ...extra,
      env: { ...auth, ...identity, ...extra.env }
    })
  }

  private inTree(args: string[], extra: Partial<GitOptions> = {}) {
    if (!this.worktree) throw new Error('the revert worktree is not set up')
    return this.run(args, { ...extra, cwd: this.worktree })
  }

  /** A shallow checkout (actions/checkout's default) lacks the history to revert: fetch it, once. */
  private async ensureHistory(commits: string[]): Promise<void> {
    if (this.fetchedHistory || !this.options.remote) return
    const missing: string[] = []
    for (const sha of commits) {
      const has = await this.run(['cat-file', '-e', `${sha}^{commit}`], { allowFailure: true })
      if (has.code !== 0) missing.push(sha)
    }
    const shallow =
      (await this.run(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true'
    if (missing.length === 0 && !shallow) return
    this.fetchedHistory = true
    this.log(
      `fetching history from ${this.options.remote} (${shallow ? 'the checkout is shallow' : `it lacks ${missing.map(short).join(', ')}`})`
    )
    const fetched = await this.run(
      ['fetch', '--quiet', '--no-tags', ...(shallow ? ['--unshallow'] : []), this.options.remote],
      { allowFailure: true }
    )
    if (fetched.code !== 0)
      this.log(`fetching history failed: ${scrub(fetched.stderr, this.token).trim()}`)
  }

  async commitMessage(sha: string): Promise<string | null> {
    await this.ensureHistory([sha])
    const out = await this.run(['log', '-1', '--format=%B', sha, '--'], { allowFailure: true })
    return out.code === 0 ? out.stdout.trim() : null
  }

  async commitsBetween(good: string, bad: string): Promise<CommitInfo[] | null> {
    await this.ensureHistory([good, bad])
    const ancestor = await this.run(['merge-base', '--is-ancestor', good, bad], {
      allowFailure: true
    })
    if (ancestor.code !== 0) return null
    const out = await this.run([
      'log',
      '--first-parent',
      '--format=%H%x1f%P%x1f%s%x1f%B%x1e',
      `${good}..${bad}`,
      '--'
    ])
    return out.stdout
      .split('\x1e')
      .map((record) => record.replace(/^\n/, ''))
      .filter((record) => record.trim() !== '')
      .map((record) => {
        const [sha = '', parents = '', subject = '', message = ''] = record.split('\x1f')
        return {
          sha,
          parents: parents.split(' ').filter(Boolean),
          subject,
          message: message.trim()
        }
      })
  }

  private async baseSha(base: string): Promise<string> {
    const { remote } = this.options
    if (remote) {
      const fetched = await this.run(
        [
          'fetch',
          '--quiet',
          '--no-tags',
          remote,
          `+refs/heads/${base}:refs/remotes/${remote}/${base}`
        ],
        { allowFailure: true }
      )
      if (fetched.code !== 0) {
        throw new InputError(
          `cannot fetch the base branch '${base}' from ${remote} (${scrub(fetched.stderr, this.token).trim().split('\n').pop()}); set the base input to the branch deploys come from.`
        )
      }
      return (await this.run(['rev-parse', `refs/remotes/${remote}/${base}`])).stdout.trim()
    }
    const local = await this.run(
      ['rev-parse', '--verify', '--quiet', `refs/heads/${base}^{commit}`],
      {
        allowFailure: true
      }
    )
    if (local.code !== 0)
      throw new InputError(`the base branch '${base}' does not exist here; set the base input.`)
    return local.stdout.trim()
  }

  prepare(request: PrepareRequest): Promise<PreparedRevert> {
    return prepareRevert(this, request, this.log)
  }

  async open(request: PrepareRequest): Promise<string> {
    await this.ensureHistory([request.good, request.bad])
    const baseSha = await this.baseSha(request.base)
    this.openedAt = baseSha
    await this.dispose()
    this.worktree = await mkdtemp(join(tmpdir(), 'rollback-guard-revert-'))
    await this.run(['worktree', 'add', '--quiet', '--detach', '--force', this.worktree, baseSha])
    return baseSha
  }

  async reset(sha: string): Promise<void> {
    await this.inTree(['reset', '--quiet', '--hard', sha])
    await this.inTree(['clean', '-fdq'])
  }

  apply(strategy: RevertStrategy, request: PrepareRequest): Promise<StrategyAttempt> {
    return strategy === 'revert-commits'
      ? this.revertCommits(request)
      : strategy === 'restore-paths'
        ? this.restorePaths(request)
        : this.pinDigests(request)
  }

  async commitEmpty(message: string): Promise<void> {
    await this.commit(message, ['--allow-empty'])
  }

  async head(): Promise<{ head: string; tree: string }> {
    const head = (await this.inTree(['rev-parse', 'HEAD'])).stdout.trim()
    const tree = (await this.inTree(['rev-parse', 'HEAD^{tree}'])).stdout.trim()
    return { head, tree }
  }

  private async commit(message: string, extra: string[] = []): Promise<void> {
    await this.inTree(['commit', '--quiet', '--no-verify', ...extra, '-F', '-'], { input: message })
  }

  private async nothingStaged(): Promise<boolean> {
    return (await this.inTree(['diff', '--cached', '--quiet'], { allowFailure: true })).code === 0
  }

  private async revertCommits(request: PrepareRequest): Promise<StrategyAttempt> {
    const base: StrategyAttempt = {
      strategy: 'revert-commits',
      status: 'unavailable',
      detail: '',
      conflicts: []
    }
    if (request.steps.length === 0) {
      return {
        ...base,
        detail: `the last good commit ${short(request.good)} is not an ancestor of the failing one ${short(request.bad)}, or nothing lies between them`
      }
    }
    const reverted: RevertStep[] = []
    for (const step of request.steps) {
      const args = [
        'revert',
        '--no-commit',
        ...(step.mainline ? ['-m', String(step.mainline)] : []),
        step.sha
      ]
      const result = await this.inTree(args, { allowFailure: true })
      if (result.code !== 0) {
        const conflicts = (await this.inTree(['diff', '--name-only', '--diff-filter=U'])).stdout
          .split('\n')
          .filter(Boolean)
        await this.inTree(['revert', '--abort'], { allowFailure: true })
        if (conflicts.length === 0) {
          return {
            ...base,
            detail: `git revert ${short(step.sha)} failed: ${scrub(result.stderr, this.token).trim().split('\n')[0] ?? ''}`
          }
        }
        return {
          ...base,
          status: 'conflict',
          detail: `reverting ${short(step.sha)} (${step.subject}) conflicts with the base branch`,
          conflicts,
          conflictAt: step,
          reverted
        }
      }
      const merge = step.mainline ? ` (merge, reverted against its first parent)` : ''
      const committed = await this.inTree(['commit', '--quiet', '--no-verify', '-F', '-'], {
        input: `Revert "${step.subject}"\n\nThis reverts commit ${step.sha}${merge}.\n\n${request.trailer}\n`,
        allowFailure: true
      })
      if (committed.code !== 0) {
        // Nothing staged: the base branch already undid this commit's change.
        if (!(await this.nothingStaged()))
          throw new Error(`git commit failed: ${committed.stderr.trim()}`)
        await this.inTree(['revert', '--quit'], { allowFailure: true })
        continue
      }
      reverted.push(step)
    }
    if (reverted.length === 0) {
      return {
        ...base,
        status: 'empty',
        detail: 'every change of the range is already undone on the base branch'
      }
    }
    return {
      ...base,
      status: 'applied',
      detail: `reverted ${reverted.length} commit(s), newest first${reverted.length < request.steps.length ? ` (${request.steps.length - reverted.length} already undone)` : ''}`,
      reverted
    }
  }

  private async restorePaths(request: PrepareRequest): Promise<StrategyAttempt> {
    const base: StrategyAttempt = {
      strategy: 'restore-paths',
      status: 'unavailable',
      detail: '',
      conflicts: []
    }
    if (request.deployPaths.length === 0) {
      return { ...base, detail: 'no deploy-paths were given' }
    }
    for (const path of request.deployPaths) {
      const inGood = await this.inTree(
        ['cat-file', '-e', `${request.good}:${path.replace(/\/+$/, '')}`],
        {
          allowFailure: true
        }
      )
      if (inGood.code === 0) {
        await this.inTree([
          'restore',
          `--source=${request.good}`,
          '--staged',
          '--worktree',
          '--',
          path
        ])
      } else {
        await this.inTree(['rm', '-r', '-q', '--ignore-unmatch', '--', path])
      }
    }
    if (await this.nothingStaged()) {
      return {
        ...base,
        status: 'empty',
        detail: 'the deploy paths already match the last good commit'
      }
    }
    const restored = (await this.inTree(['diff', '--cached', '--name-only'])).stdout
      .split('\n')
      .filter(Boolean)
    await this.commit(
      `Restore ${request.deployPaths.join(', ')} from ${short(request.good)}\n\nThe deploy paths of the last good release, restored in one commit.\n\n${request.trailer}\n`
    )
    return {
      ...base,
      status: 'applied',
      detail: `restored ${restored.length} file(s) from ${short(request.good)}`,
      restored
    }
  }

  private async pinDigests(request: PrepareRequest): Promise<StrategyAttempt> {
    const base: StrategyAttempt = {
      strategy: 'pin-digests',
      status: 'unavailable',
      detail: '',
      conflicts: []
    }
    if (request.pins.length === 0) {
      return { ...base, detail: 'the two manifests record no image whose digest or tag changed' }
    }
    const listed = await this.inTree([
      'ls-files',
      '-z',
      '--',
      ...(request.deployPaths.length ? request.deployPaths : ['.'])
    ])
    const files = listed.stdout.split('\0').filter((f) => /\.ya?ml$/i.test(f))
    const edits: PinEdit[] = []
    const changed: string[] = []
    for (const file of files) {
      const path = join(this.worktree as string, file)
      const text = await readFile(path, 'utf8')
      const result = pinImageReferences(text, file, request.pins)
      if (result.error) this.log(`pin-digests: skipped ${file}: ${result.error}`)
      if (result.edits.length === 0) continue
      await writeFile(path, result.text)
      edits.push(...result.edits)
      changed.push(file)
    }
    if (changed.length === 0) {
      return {
        ...base,
        status: 'empty',
        detail: `no reference to the failing images in ${files.length} YAML file(s)`
      }
    }
    await this.inTree(['add', '--', ...changed])
    const lines = request.pins.map(
      (pin) =>
        `- ${pin.name}: ${pin.from.tag ?? ''}@${pin.from.digest ?? '-'} -> ${pin.to.tag ?? ''}@${pin.to.digest ?? '-'}`
    )
    await this.commit(
      `Pin images back to the last good release ${short(request.good)}\n\n${lines.join('\n')}\n\n${request.trailer}\n`
    )
    return {
      ...base,
      status: 'applied',
      detail: `rewrote ${edits.length} image reference(s) in ${changed.length} file(s)`,
      edits
    }
  }

  async remoteBranch(branch: string): Promise<RemoteBranch | null> {
    const { remote } = this.options
    let sha: string
    if (remote) {
      const listed = await this.run(['ls-remote', '--heads', remote, `refs/heads/${branch}`], {
        allowFailure: true
      })
      if (listed.code !== 0) {
        throw pushError(listed.stderr, branch, remote, this.token)
      }
      sha = listed.stdout.split(/\s+/)[0] ?? ''
      if (!sha) return null
      await this.run([
        'fetch',
        '--quiet',
        '--no-tags',
        remote,
        `+refs/heads/${branch}:refs/rollback-guard/remote/${branch}`
      ])
    } else {
      const local = await this.run(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], {
        allowFailure: true
      })
      if (local.code !== 0) return null
      sha = local.stdout.trim()
    }
    const out = await this.run(['log', '-1', '--format=%T%x1f%B', sha, '--'])
    const [tree = '', message = ''] = out.stdout.split('\x1f')
    return { sha, tree, message: message.trim() }
  }

  async push(head: string, branch: string, expected: string | null): Promise<void> {
    if (this.options.signedPush) {
      const base = this.openedAt
      if (!base) throw new Error('internal error: push before prepare')
      const shas = (await this.run(['rev-list', '--reverse', `${base}..${head}`])).stdout
        .split('\n')
        .filter(Boolean)
      const listed: ListedCommit[] = []
      for (const sha of shas) listed.push(await this.listCommit(sha))
      const commits = await this.withContents(listed)
      const tree = (await this.run(['rev-parse', `${base}^{tree}`])).stdout.trim()
      const pushed = await this.options.signedPush({
        branch,
        expected,
        parent: { sha: base, tree },
        commits
      })
      this.log(
        `pushed ${branch} (${short(pushed)}, ${commits.length} signed commit(s)) through the GitHub API`
      )
      return
    }
    const { remote } = this.options
    if (!remote)
      throw new InputError(
        `there is no remote to push ${branch} to; give --remote (default origin).`
      )
    const result = await this.run(
      [
        'push',
        '--quiet',
        '--porcelain',
        `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`,
        remote,
        `${head}:refs/heads/${branch}`
      ],
      { allowFailure: true }
    )
    if (result.code !== 0)
      throw pushError(`${result.stdout}\n${result.stderr}`, branch, remote, this.token)
    this.log(`pushed ${branch} (${short(head)}) to ${remote}`)
  }

  /** A commit as the Git Data API recreates it: message, author, changed paths with their blob ids. */
  private async listCommit(sha: string): Promise<ListedCommit> {
    const meta = (await this.run(['show', '-s', '--format=%an%x00%ae%x00%aI%x00%B', sha])).stdout
    const [name = '', email = '', date = '', ...message] = meta.split('\u0000')
    const raw = (
      await this.run(['diff-tree', '--no-commit-id', '-r', '--raw', '-z', `${sha}^`, sha])
    ).stdout
    const fields = raw.split('\u0000')
    const changes: ListedCommit['changes'] = []
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const [oldMode = '', newMode = '', , newSha = '', status = ''] = (fields[i] ?? '')
        .replace(/^:/, '')
        .split(' ')
      const path = fields[i + 1] as string
      changes.push(
        status.startsWith('D')
          ? { path, mode: oldMode, blob: null }
          : { path, mode: newMode, blob: newSha }
      )
    }
    return {
      message: message.join('\u0000').trimEnd() + '\n',
      author: { name, email, date },
      changes
    }
  }

  /** The commits with the content of every new blob, all read in one `git cat-file --batch`. */
  private async withContents(listed: readonly ListedCommit[]): Promise<ApiCommit[]> {
    const blobs = await catFileBatch(
      this.options.cwd,
      listed.flatMap((commit) =>
        commit.changes.flatMap(({ blob }) => (blob === null ? [] : [blob]))
      )
    )
    return listed.map(({ changes, ...commit }) => ({
      ...commit,
      changes: changes.map(({ path, mode, blob }) => {
        if (blob === null) return { path, mode, content: null }
        const content = blobs.get(blob)
        if (!content) throw new ServiceError(`git cat-file found no blob ${blob} for ${path}`)
        return { path, mode, content }
      })
    }))
  }

  async deleteRemoteBranch(branch: string, expected: string): Promise<void> {
    const { remote } = this.options
    if (!remote) return
    const result = await this.run(
      [
        'push',
        '--quiet',
        '--porcelain',
        `--force-with-lease=refs/heads/${branch}:${expected}`,
        remote,
        '--delete',
        `refs/heads/${branch}`
      ],
      { allowFailure: true }
    )
    if (result.code !== 0)
      throw pushError(`${result.stdout}\n${result.stderr}`, branch, remote, this.token)
    this.log(`deleted ${branch} from ${remote}`)
  }

  async dispose(): Promise<void> {
    if (!this.worktree) return
    const dir = this.worktree
    this.worktree = null
    await this.run(['worktree', 'remove', '--force', dir], { allowFailure: true })
    await rm(dir, { recursive: true, force: true })
    await this.run(['worktree', 'prune'], { allowFailure: true })
  }
}
