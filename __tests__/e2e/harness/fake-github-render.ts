import { createHash } from 'node:crypto'
import type {
  FakeCheckRun,
  FakeComment,
  FakeCommit,
  FakeGitHubState,
  FakeIssue,
  FakePull,
  FakeRelease,
  FakeRepo,
  RestExtract
} from './fake-github-state.js'

/**
 * Response bodies shaped like GitHub's: each starts from the example GitHub publishes for the
 * operation (so every field a client might read is there) and overrides what the fake knows.
 */
export class Renderer {
  constructor(
    private readonly extract: RestExtract,
    private readonly state: FakeGitHubState,
    public apiUrl: string,
    readonly serverUrl: string
  ) {}

  private example(operationId: string): Record<string, unknown> {
    const example = this.extract.operations[operationId]?.success.example
    const value = Array.isArray(example) ? example[0] : example
    return structuredClone((value ?? {}) as Record<string, unknown>)
  }

  /** Rewrites the example's URLs and names to this fake and this repository. */
  private rebase<T>(value: T, repo?: FakeRepo): T {
    const replace = (text: string): string => {
      let out = text
        .replaceAll('https://api.github.com', this.apiUrl)
        .replaceAll('https://github.com', this.serverUrl)
      if (repo) out = out.replaceAll('octocat/Hello-World', `${repo.owner}/${repo.name}`)
      return out
    }
    const walk = (node: unknown): unknown => {
      if (typeof node === 'string') return replace(node)
      if (Array.isArray(node)) return node.map(walk)
      if (node && typeof node === 'object')
        return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]))
      return node
    }
    return walk(value) as T
  }

  nodeId(kind: string, id: number | string): string {
    return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64')
  }

  user(login: string): Record<string, unknown> {
    const user = this.state.user(login)
    const template = this.example('issues/get-comment').user as Record<string, unknown>
    const path = encodeURIComponent(login)
    const out = Object.fromEntries(
      Object.entries(template).map(([key, value]) => [
        key,
        typeof value === 'string'
          ? value
              .replaceAll('https://api.github.com', this.apiUrl)
              .replaceAll('https://github.com', this.serverUrl)
              .replaceAll('users/octocat', `users/${path}`)
          : value
      ])
    )
    return {
      ...out,
      login,
      id: user.id,
      node_id: this.nodeId(user.type === 'Bot' ? 'Bot' : 'User', user.id),
      avatar_url: `${this.serverUrl}/avatars/${path}`,
      html_url:
        user.type === 'Bot'
          ? `${this.serverUrl}/apps/${login.replace(/\[bot\]$/, '')}`
          : `${this.serverUrl}/${path}`,
      type: user.type,
      site_admin: false
    }
  }

  authenticatedUser(login: string): Record<string, unknown> {
    return {
      ...this.rebase(this.example('users/get-authenticated')),
      ...this.user(login),
      name: login,
      email: null
    }
  }

  repository(repo: FakeRepo): Record<string, unknown> {
    // Not a fork and not from a template: GitHub leaves these out.
    const {
      parent: _parent,
      source: _source,
      template_repository: _template,
      ...out
    } = this.rebase(this.example('repos/get'), repo)
    return {
      ...out,
      id: repo.id,
      node_id: this.nodeId('Repository', repo.id),
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: this.user(repo.owner),
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      default_branch: repo.defaultBranch,
      html_url: `${this.serverUrl}/${repo.owner}/${repo.name}`,
      url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}`,
      language: null,
      fork: false,
      archived: false,
      disabled: false
    }
  }

  comment(repo: FakeRepo, comment: FakeComment, login: string): Record<string, unknown> {
    const out = this.rebase(this.example('issues/get-comment'), repo)
    const issue = repo.issues.get(comment.issueNumber)
    const kind = issue?.pull ? 'pull' : 'issues'
    return {
      ...out,
      id: comment.id,
      node_id: this.nodeId('IssueComment', comment.id),
      url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}`,
      html_url: `${this.serverUrl}/${repo.owner}/${repo.name}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: this.user(comment.login),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association:
        comment.login === repo.owner ? 'OWNER' : comment.login === login ? 'CONTRIBUTOR' : 'NONE'
    }
  }

  label(repo: FakeRepo, name: string): Record<string, unknown> {
    const id = Number.parseInt(createHash('sha1').update(name).digest('hex').slice(0, 8), 16)
    return {
      id,
      node_id: this.nodeId('Label', id),
      url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(name)}`,
      name,
      description: '',
      color: createHash('sha1').update(name).digest('hex').slice(0, 6),
      default: false
    }
  }

  issue(repo: FakeRepo, issue: FakeIssue): Record<string, unknown> {
    const out = this.rebase(this.example('issues/add-assignees'), repo)
    const base = `${this.apiUrl}/repos/${repo.owner}/${repo.name}/issues/${issue.number}`
    return {
      ...out,
      id: issue.id,
      node_id: this.nodeId(issue.pull ? 'PullRequest' : 'Issue', issue.id),
      url: base,
      repository_url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}`,
      labels_url: `${base}/labels{/name}`,
      comments_url: `${base}/comments`,
      events_url: `${base}/events`,
      html_url: `${this.serverUrl}/${repo.owner}/${repo.name}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
      number: issue.number,
      state: issue.state,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.login),
      labels: issue.labels.map((name) => this.label(repo, name)),
      assignee: issue.assignees[0] ? this.user(issue.assignees[0]) : null,
      assignees: issue.assignees.map((login) => this.user(login)),
      milestone: null,
      locked: false,
      comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
      pull_request: issue.pull
        ? {
            url: `${this.apiUrl}/repos/${repo.owner}/${repo.name}/pulls/${issue.number}`,
            html_url: `${this.serverUrl}/${repo.owner}/${repo.name}/pull/${issue.number}`,
            diff_url: `${this.serverUrl}/${repo.owner}/${repo.name}/pull/${issue.number}.diff`,
            patch_url: `${this.serverUrl}/${repo.owner}/${repo.name}/pull/${issue.number}.patch`
          }
        : undefined,
      closed_at: issue.state === 'closed' ? issue.updatedAt : null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_by: null,
      author_association: 'OWNER'
    }
  }

  /** A pull request side; a head in another owner's repository is a fork of `repo`. */
  private branchOf(
    repo: FakeRepo,
    ref: string,
    sha: string,
    owner: string
  ): Record<string, unknown> {
    const sameOwner = owner.toLowerCase() === repo.owner.toLowerCase()
    const forkRepo = sameOwner
      ? this.repository(repo)
      : {
          ...this.repository({ ...repo, owner, id: repo.id + 1_000_000 }),
          fork: true
        }
    return { label: `${owner}:${ref}`, ref, sha, user: this.user(owner), repo: forkRepo }
  }

  pull(repo: FakeRepo, pull: FakePull): Record<string, unknown> {
    const out = this.rebase(this.example('pulls/get'), repo)
    const api = `${this.apiUrl}/repos/${repo.owner}/${repo.name}`
    const html = `${this.serverUrl}/${repo.owner}/${repo.name}/pull/${pull.number}`
    const headSha = repo.refs.get(`refs/heads/${pull.head.ref}`) ?? pull.head.sha
    const baseSha = repo.refs.get(`refs/heads/${pull.base.ref}`) ?? pull.base.sha
    return {
      ...out,
      url: `${api}/pulls/${pull.number}`,
      id: pull.id,
      node_id: this.nodeId('PullRequest', pull.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${pull.number}`,
      commits_url: `${api}/pulls/${pull.number}/commits`,
      review_comments_url: `${api}/pulls/${pull.number}/comments`,
      comments_url: `${api}/issues/${pull.number}/comments`,
      statuses_url: `${api}/statuses/${headSha}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.user(pull.login),
      body: pull.body,
      labels: pull.labels.map((name) => this.label(repo, name)),
      milestone: null,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      closed_at: pull.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: pull.assignees[0] ? this.user(pull.assignees[0]) : null,
      assignees: pull.assignees.map((login) => this.user(login)),
      requested_reviewers: pull.requestedReviewers.map((login) => this.user(login)),
      requested_teams: pull.requestedTeams.map((slug) => this.team(repo, slug)),
      head: this.branchOf(repo, pull.head.ref, headSha, pull.head.owner),
      base: this.branchOf(repo, pull.base.ref, baseSha, repo.owner),
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
      draft: pull.draft,
      merged: pull.merged,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: repo.comments.filter((c) => c.issueNumber === pull.number).length,
      review_comments: 0,
      maintainer_can_modify: pull.maintainerCanModify
    }
  }

  team(repo: FakeRepo, slug: string): Record<string, unknown> {
    const id = Number.parseInt(createHash('sha1').update(slug).digest('hex').slice(0, 6), 16)
    const org = `${this.apiUrl}/orgs/${repo.owner}`
    return {
      id,
      node_id: this.nodeId('Team', id),
      url: `${org}/teams/${slug}`,
      html_url: `${this.serverUrl}/orgs/${repo.owner}/teams/${slug}`,
      name: slug,
      slug,
      description: null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      permission: 'push',
      members_url: `${org}/teams/${slug}/members{/member}`,
      repositories_url: `${org}/teams/${slug}/repos`,
      parent: null,
      type: 'organization'
    }
  }

  release(repo: FakeRepo, release: FakeRelease): Record<string, unknown> {
    const out = this.rebase(this.example('repos/get-latest-release'), repo)
    const api = `${this.apiUrl}/repos/${repo.owner}/${repo.name}`
    return {
      ...out,
      url: `${api}/releases/${release.id}`,
      html_url: `${this.serverUrl}/${repo.owner}/${repo.name}/releases/tag/${encodeURIComponent(release.tagName)}`,
      assets_url: `${api}/releases/${release.id}/assets`,
      tarball_url: `${api}/tarball/${encodeURIComponent(release.tagName)}`,
      zipball_url: `${api}/zipball/${encodeURIComponent(release.tagName)}`,
      id: release.id,
      node_id: this.nodeId('Release', release.id),
      tag_name: release.tagName,
      target_commitish: release.targetCommitish,
      name: release.name,
      body: release.body,
      draft: release.draft,
      prerelease: release.prerelease,
      immutable: false,
      created_at: release.createdAt,
      published_at: release.publishedAt,
      author: this.user(release.login),
      assets: []
    }
  }

  ref(repo: FakeRepo, ref: string, sha: string): Record<string, unknown> {
    const api = `${this.apiUrl}/repos/${repo.owner}/${repo.name}`
    return {
      ref,
      node_id: this.nodeId('Ref', `${repo.id}:${ref}`),
      url: `${api}/git/${ref}`,
      object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` }
    }
  }

  commit(repo: FakeRepo, commit: FakeCommit): Record<string, unknown> {
    const out = this.rebase(this.example('repos/get-commit'), repo)
    const api = `${this.apiUrl}/repos/${repo.owner}/${repo.name}`
    const person = { name: commit.authorName, email: commit.authorEmail, date: commit.date }
    return {
      ...out,
      url: `${api}/commits/${commit.sha}`,
      sha: commit.sha,
      node_id: this.nodeId('Commit', commit.sha),
      html_url: `${this.serverUrl}/${repo.owner}/${repo.name}/commit/${commit.sha}`,
      comments_url: `${api}/commits/${commit.sha}/comments`,
      commit: {
        ...((out.commit as Record<string, unknown>) ?? {}),
        url: `${api}/git/commits/${commit.sha}`,
        author: person,
        committer: person,
        message: commit.message,
        comment_count: 0
      },
      author: null,
      committer: null,
      parents: commit.parents.map((sha) => ({
        sha,
        url: `${api}/commits/${sha}`,
        html_url: `${this.serverUrl}/${repo.owner}/${repo.name}/commit/${sha}`
      })),
      files: []
    }
  }

  content(repo: FakeRepo, path: string, text: string, ref: string): Record<string, unknown> {
    const bytes = Buffer.from(text)
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
    const api = `${this.apiUrl}/repos/${repo.owner}/${repo.name}`
    const html = `${this.serverUrl}/${repo.owner}/${repo.name}/blob/${ref}/${path}`
    return {
      type: 'file',
      encoding: 'base64',
      size: bytes.length,
      name: path.split('/').pop(),
      path,
      content: bytes.toString('base64').replace(/(.{60})/g, '$1\n'),
      sha,
      url: `${api}/contents/${path}?ref=${ref}`,
      git_url: `${api}/git/blobs/${sha}`,
      html_url: html,
      download_url: `${this.serverUrl}/raw/${repo.owner}/${repo.name}/${ref}/${path}`,
      _links: { git: `${api}/git/blobs/${sha}`, self: `${api}/contents/${path}?ref=${ref}`, html }
    }
  }

  checkRun(repo: FakeRepo, run: FakeCheckRun): Record<string, unknown> {
    const out = this.rebase(this.example('checks/create'), repo)
    const api = `${this.apiUrl}/repos/${repo.owner}/${repo.name}`
    return {
      ...out,
      id: run.id,
      node_id: this.nodeId('CheckRun', run.id),
      head_sha: run.headSha,
      external_id: '',
      url: `${api}/check-runs/${run.id}`,
      html_url: `${this.serverUrl}/${repo.owner}/${repo.name}/runs/${run.id}`,
      details_url: `${this.serverUrl}/${repo.owner}/${repo.name}/runs/${run.id}`,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.startedAt,
      completed_at: run.completedAt,
      name: run.name,
      output: {
        ...((out.output as Record<string, unknown>) ?? {}),
        ...((run.output as Record<string, unknown>) ?? {})
      },
      pull_requests: []
    }
  }
}
