/**
 * A fake GitHub REST API for end-to-end tests, checked against GitHub's published REST description.
 *
 *   const github = await startFakeGitHub({ repos: [{ owner: 'acme', name: 'payments' }] })
 *   // run the action with GITHUB_API_URL=github.url and GITHUB_TOKEN=FAKE_GITHUB_TOKEN
 *   github.expectNoRejections()          // nothing was sent that GitHub would refuse
 *   await github.close()
 *
 * - Listens on 127.0.0.1 on a free port; `url` is the API base (GITHUB_API_URL).
 * - Every request is matched to an operation of `github-rest-extract.json` (made from @octokit/openapi
 *   by scripts/make-github-rest-extract.js) and its path and query parameters and JSON body are
 *   validated with ajv. An unknown route (404), a body or parameter GitHub would refuse (400/422), a
 *   missing or unknown token (401), or a comment or PR body over 65,536 characters is answered as GitHub does
 *   and recorded in `rejections`. Conflicts with the state (ref exists, PR exists) answer 422 too but
 *   are not rejections: code is allowed to probe them.
 * - Tokens map to users (`tokens` option): FAKE_GITHUB_TOKEN is `github-actions[bot]` (an installation
 *   token: GET /user answers 403), FAKE_USER_TOKEN is `octocat`, FAKE_READ_ONLY_TOKEN is a fork PR's
 *   read-only GITHUB_TOKEN (writes answer 403 "Resource not accessible by integration").
 * - State (`state`, see fake-github-state.ts): repositories, issues, pull requests, comments with
 *   their authors, releases, refs (in memory or in a real git repository via `gitDir`), check runs.
 * - Lists paginate with GitHub's `Link` header (per_page default 30, at most 100).
 * - `failNext(method, path, status, times, body?, headers?)` answers the next `times` matching
 *   requests with `status`; `path` is a route template (`/repos/{owner}/{repo}/pulls`), a concrete
 *   path or a RegExp. A 403/429 whose message mentions a rate limit carries rate-limit headers.
 * - `beforeNext(method, path, action)` changes the state just before a request is answered (races).
 * - `requests` logs every request; `responseProblems` lists success bodies of the fake itself that
 *   do not match GitHub's response schema (a test of the fake's realism).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Renderer } from './fake-github-render.js'
import {
  FakeGitHubState,
  loadRestExtract,
  type FakeRepo,
  type FakeRepoOptions,
  type FakeToken,
  type Permission,
  type PermissionName,
  type RestExtract
} from './fake-github-state.js'
import { describeErrors, validatorsFor, type OperationValidators } from './fake-github-validate.js'

export { FakeGitHubState } from './fake-github-state.js'
export type {
  FakeComment,
  FakePull,
  FakeRelease,
  FakeRepo,
  FakeRepoOptions,
  FakeToken
} from './fake-github-state.js'

export const FAKE_GITHUB_TOKEN = 'ghs_fakeInstallationToken0000000000000000'
export const FAKE_USER_TOKEN = 'ghp_fakeUserToken00000000000000000000000'
export const FAKE_READ_ONLY_TOKEN = 'ghs_fakeReadOnlyForkToken000000000000000'

const docs = 'https://docs.github.com/rest'
const maxCommentLength = 65536

export interface FakeGitHubOptions {
  repos?: FakeRepoOptions[]
  /** Extra or replacement tokens; the three FAKE_* tokens are always known unless replaced. */
  tokens?: Record<string, FakeToken>
  /** The web host in html_url fields (GITHUB_SERVER_URL); default https://github.com. */
  serverUrl?: string
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  operationId: string | null
  body: unknown
  status: number
  login: string | null
  userAgent: string | null
  injected: boolean
}

export interface Rejection {
  method: string
  path: string
  status: number
  operationId: string | null
  reason: string
}

export interface FakeGitHub {
  url: string
  state: FakeGitHubState
  requests: RecordedRequest[]
  rejections: Rejection[]
  responseProblems: string[]
  extract: RestExtract
  failNext(
    method: string,
    path: string | RegExp,
    status: number,
    times?: number,
    body?: unknown,
    headers?: Record<string, string>
  ): void
  /**
   * Runs `action` just before the next request matching method and path is answered, e.g. to
   * make a concurrent run's write land between a client's read and its write.
   */
  beforeNext(method: string, path: string | RegExp, action: () => void): void
  /** Throws, listing them, when any request was one that GitHub would reject. */
  expectNoRejections(): void
  close(): Promise<void>
}

interface Route {
  operationId: string
  method: string
  template: string
  regex: RegExp
  names: string[]
  literalLength: number
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Why GitHub would refuse the request; set for rejections only. */
  rejection?: string
}

interface Context {
  repo: FakeRepo
  params: Record<string, unknown>
  query: Record<string, unknown>
  body: Record<string, unknown>
  login: string
  token: FakeToken
  rawQuery: URLSearchParams
  pathname: string
}

interface Hook {
  method: string
  path: string | RegExp
  action: () => void
}

interface Fault {
  method: string
  path: string | RegExp
  status: number
  remaining: number
  body?: unknown
  headers?: Record<string, string>
}

/** The file path and ref names in these positions may contain slashes. */
const greedyParameters = new Set(['path', 'ref'])

function compileRoutes(extract: RestExtract): Route[] {
  const routes = Object.entries(extract.operations).map(([operationId, operation]) => {
    const names: string[] = []
    const segments = operation.path.split('/')
    const pattern = segments
      .map((segment, index) =>
        segment.replace(
          /\{(\w+)\}|([^{]+)/g,
          (_match, name: string | undefined, literal: string | undefined) => {
            if (literal !== undefined) return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            names.push(name as string)
            return index === segments.length - 1 && greedyParameters.has(name as string)
              ? '(.+)'
              : '([^/]+?)'
          }
        )
      )
      .join('/')
    return {
      operationId,
      method: operation.method,
      template: operation.path,
      regex: new RegExp(`^${pattern}$`),
      names,
      literalLength: operation.path.replace(/\{\w+\}/g, '').length
    }
  })
  return routes.sort((a, b) => b.literalLength - a.literalLength)
}

const allWrite: Partial<Record<PermissionName, Permission>> = {
  contents: 'write',
  issues: 'write',
  'pull-requests': 'write',
  checks: 'write',
  metadata: 'read'
}
const allRead: Partial<Record<PermissionName, Permission>> = {
  contents: 'read',
  issues: 'read',
  'pull-requests': 'read',
  checks: 'read',
  metadata: 'read'
}

/** The permission each operation needs from an installation token (any one of the names suffices). */
const permissionNeeded: Record<string, [PermissionName[], Permission]> = {
  'repos/get': [['metadata'], 'read'],
  'repos/get-content': [['contents'], 'read'],
  'repos/compare-commits': [['contents'], 'read'],
  'repos/get-commit': [['contents'], 'read'],
  'repos/list-releases': [['contents'], 'read'],
  'repos/get-latest-release': [['contents'], 'read'],
  'repos/get-release-by-tag': [['contents'], 'read'],
  'issues/list-comments': [['issues', 'pull-requests'], 'read'],
  'issues/get-comment': [['issues', 'pull-requests'], 'read'],
  'issues/create-comment': [['issues', 'pull-requests'], 'write'],
  'issues/update-comment': [['issues', 'pull-requests'], 'write'],
  'issues/delete-comment': [['issues', 'pull-requests'], 'write'],
  'issues/add-labels': [['issues', 'pull-requests'], 'write'],
  'issues/add-assignees': [['issues', 'pull-requests'], 'write'],
  'pulls/list': [['pull-requests'], 'read'],
  'pulls/get': [['pull-requests'], 'read'],
  'pulls/create': [['pull-requests'], 'write'],
  'pulls/update': [['pull-requests'], 'write'],
  'pulls/request-reviewers': [['pull-requests'], 'write'],
  'git/create-blob': [['contents'], 'write'],
  'git/create-tree': [['contents'], 'write'],
  'git/create-commit': [['contents'], 'write'],
  'git/get-ref': [['contents'], 'read'],
  'git/create-ref': [['contents'], 'write'],
  'git/update-ref': [['contents'], 'write'],
  'git/delete-ref': [['contents'], 'write'],
  'checks/create': [['checks'], 'write'],
  'checks/update': [['checks'], 'write']
}

function allows(token: FakeToken, operationId: string): boolean {
  const need = permissionNeeded[operationId]
  if (!need || token.kind === 'user') return true
  const [names, level] = need
  return names.some((name) => {
    const granted = token.permissions[name] ?? 'none'
    return level === 'read' ? granted !== 'none' : granted === 'write'
  })
}

const error = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { message, documentation_url: docs, status: String(status), ...extra }
})
const reject = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  ...error(status, message, extra),
  rejection: message
})
const notFound = (): Reply => error(404, 'Not Found')
const validationFailed = (
  resource: string,
  code: string,
  fields: { field?: string; message?: string }
): Reply => error(422, 'Validation Failed', { errors: [{ resource, code, ...fields }] })

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const extract = loadRestExtract()
  const validators = validatorsFor(extract)
  const routes = compileRoutes(extract)
  const state = new FakeGitHubState()
  const tokens: Record<string, FakeToken> = {
    [FAKE_GITHUB_TOKEN]: {
      login: 'github-actions[bot]',
      kind: 'installation',
      permissions: allWrite
    },
    [FAKE_USER_TOKEN]: { login: 'octocat', kind: 'user', permissions: allWrite },
    [FAKE_READ_ONLY_TOKEN]: {
      login: 'github-actions[bot]',
      kind: 'installation',
      permissions: allRead
    },
    ...options.tokens
  }
  for (const repo of options.repos ?? []) state.addRepo(repo)
  const requests: RecordedRequest[] = []
  const rejections: Rejection[] = []
  const responseProblems: string[] = []
  const faults: Fault[] = []
  const hooks: Hook[] = []
  // The API URL is known once the server listens.
  const renderer = new Renderer(extract, state, '', options.serverUrl ?? 'https://github.com')

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch((cause: unknown) =>
        send(res, { status: 500, body: { message: `fake GitHub failed: ${String(cause)}` } })
      )
  })

  function send(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FAKE:${requests.length}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(1, 5000 - requests.length)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(requests.length),
      'x-ratelimit-resource': 'core',
      ...reply.headers
    }
    res.writeHead(reply.status, headers)
    res.end(
      reply.status === 204 || reply.body === undefined ? undefined : JSON.stringify(reply.body)
    )
  }

  const matches = (
    rule: { method: string; path: string | RegExp },
    method: string,
    pathname: string,
    template: string | null
  ): boolean =>
    rule.method === method &&
    (rule.path instanceof RegExp
      ? rule.path.test(pathname)
      : rule.path === pathname || rule.path === template)

  function runHook(method: string, pathname: string, template: string | null): void {
    const index = hooks.findIndex((hook) => matches(hook, method, pathname, template))
    if (index >= 0) hooks.splice(index, 1)[0]?.action()
  }

  function takeFault(method: string, pathname: string, template: string | null): Fault | undefined {
    const fault = faults.find((f) => f.remaining > 0 && matches(f, method, pathname, template))
    if (fault) fault.remaining--
    return fault
  }

  function faultReply(fault: Fault): Reply {
    const body = (fault.body ?? {
      message:
        fault.status === 403
          ? 'Resource not accessible by integration'
          : fault.status >= 500
            ? 'Server Error'
            : 'Fault injected',
      documentation_url: docs,
      status: String(fault.status)
    }) as { message?: string }
    const headers: Record<string, string> = {}
    const message = typeof body.message === 'string' ? body.message : ''
    if ((fault.status === 403 || fault.status === 429) && /rate limit/i.test(message)) {
      if (/secondary/i.test(message)) headers['retry-after'] = '1'
      else {
        headers['x-ratelimit-remaining'] = '0'
        headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + 1)
      }
    }
    return { status: fault.status, body, headers: { ...headers, ...fault.headers } }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const pathname = url.pathname.replace(/\/+$/, '') || '/'
    const match = matchRoute(method, pathname)
    const token = tokenOf(req.headers.authorization)
    const record: RecordedRequest = {
      method,
      path: pathname,
      query: Object.fromEntries(url.searchParams),
      operationId: match?.route.operationId ?? null,
      body: undefined,
      status: 0,
      login: token?.login ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      injected: false
    }
    requests.push(record)
    let reply: Reply
    runHook(method, pathname, match?.route.template ?? null)
    const fault = takeFault(method, pathname, match?.route.template ?? null)
    if (fault) {
      record.injected = true
      reply = faultReply(fault)
    } else {
      reply = await answer(req, method, url, pathname, raw, match, record)
    }
    record.status = reply.status
    if (reply.rejection !== undefined) {
      rejections.push({
        method,
        path: pathname,
        status: reply.status,
        operationId: record.operationId,
        reason: reply.rejection
      })
    } else if (
      match &&
      reply.status === extract.operations[match.route.operationId]?.success.status
    ) {
      checkResponse(match.route.operationId, reply.body)
    }
    send(res, reply)
  }

  function checkResponse(operationId: string, body: unknown): void {
    const validate = validators.get(operationId)?.response
    if (validate && !validate(body))
      responseProblems.push(`${operationId}: ${describeErrors(validate.errors)}`)
  }

  function tokenOf(header: string | undefined): FakeToken | undefined {
    const value = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1]
    return value === undefined ? undefined : tokens[value]
  }

  function matchRoute(
    method: string,
    pathname: string
  ): { route: Route; values: string[] } | undefined {
    for (const route of routes) {
      const found = route.method === method ? route.regex.exec(pathname) : null
      if (!found) continue
      const values = found.slice(1).map((v) => {
        try {
          return decodeURIComponent(v)
        } catch {
          return v
        }
      })
      return { route, values }
    }
    return undefined
  }

  async function answer(
    req: IncomingMessage,
    method: string,
    url: URL,
    pathname: string,
    raw: string,
    match: { route: Route; values: string[] } | undefined,
    record: RecordedRequest
  ): Promise<Reply> {
    if (!match) return reject(404, `Not Found: no GitHub REST operation is ${method} ${pathname}`)
    const { route, values } = match
    const operation = extract.operations[route.operationId]
    const validator = validators.get(route.operationId) as OperationValidators
    if (req.headers.authorization === undefined) return reject(401, 'Requires authentication')
    const token = tokenOf(req.headers.authorization)
    if (!token) return reject(401, 'Bad credentials')

    let body: unknown
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        return reject(400, 'Problems parsing JSON')
      }
    }
    record.body = body
    const params: Record<string, unknown> = Object.fromEntries(
      route.names.map((name, i) => [name, values[i]])
    )
    if (!validator.path(params))
      return reject(404, `Not Found: bad path parameter: ${describeErrors(validator.path.errors)}`)
    const query: Record<string, unknown> = Object.fromEntries(url.searchParams)
    if (!validator.query(query))
      return reject(422, `Invalid request.\n\n${describeErrors(validator.query.errors)}`)
    if (validator.body && operation?.requestBody) {
      if (body === undefined && operation.requestBody.required)
        return reject(422, 'Invalid request.\n\nNo body was sent; this operation requires one.')
      if (body !== undefined && !validator.body(body))
        return reject(422, `Invalid request.\n\n${describeErrors(validator.body.errors)}`)
    }

    if (route.operationId === 'users/get-authenticated') {
      if (token.kind === 'installation') return error(403, 'Resource not accessible by integration')
      return { status: 200, body: renderer.authenticatedUser(token.login) }
    }
    const repo = state.repo(String(params.owner), String(params.repo))
    if (!repo) return notFound()
    if (!allows(token, route.operationId))
      return error(403, 'Resource not accessible by integration')
    const handler = handlers[route.operationId]
    if (!handler) return reject(404, `Not Found: the fake does not implement ${route.operationId}`)
    return handler({
      repo,
      params,
      query,
      body: (body ?? {}) as Record<string, unknown>,
      login: token.login,
      token,
      rawQuery: url.searchParams,
      pathname
    })
  }

  /** One page of `items` with GitHub's Link header (first/prev/next/last as they apply). */
  function page<T>(ctx: Context, items: T[], render: (item: T) => unknown): Reply {
    const perPage = Math.min(100, Math.max(1, Number(ctx.query.per_page ?? 30)))
    const pageNumber = Math.max(1, Number(ctx.query.page ?? 1))
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const slice = items.slice((pageNumber - 1) * perPage, pageNumber * perPage)
    const link = (n: number, rel: string): string => {
      const query = new URLSearchParams(ctx.rawQuery)
      query.set('per_page', String(perPage))
      query.set('page', String(n))
      return `<${fake.url}${ctx.pathname}?${query}>; rel="${rel}"`
    }
    const links: string[] = []
    if (pageNumber > 1) links.push(link(pageNumber - 1, 'prev'))
    if (pageNumber < last) links.push(link(pageNumber + 1, 'next'), link(last, 'last'))
    if (pageNumber > 1) links.push(link(1, 'first'))
    return {
      status: 200,
      body: slice.map(render),
      headers: links.length > 0 ? { link: links.join(', ') } : {}
    }
  }

  const tooLong = (text: unknown, resource = 'IssueComment'): Reply | undefined =>
    typeof text === 'string' && text.length > maxCommentLength
      ? reject(422, 'Validation Failed', {
          errors: [
            {
              resource,
              code: 'custom',
              field: 'body',
              message: `body is too long (maximum is ${maxCommentLength} characters)`
            }
          ]
        })
      : undefined

  const findComment = (ctx: Context) =>
    ctx.repo.comments.find((c) => c.id === Number(ctx.params.comment_id))
  const findPull = (ctx: Context) => ctx.repo.issues.get(Number(ctx.params.pull_number))?.pull
  const headRef = (ctx: Context, head: string) =>
    head.includes(':') ? head.slice(head.indexOf(':') + 1) : head

  const handlers: Record<string, (ctx: Context) => Reply> = {
    'repos/get': (ctx) => ({ status: 200, body: renderer.repository(ctx.repo) }),

    'repos/get-content': (ctx) => {
      const path = String(ctx.params.path).replace(/^\/+/, '')
      const ref = String(ctx.query.ref ?? ctx.repo.defaultBranch)
      const text = ctx.repo.files.get(path) ?? ctx.repo.refs.readFile(ref, path)
      return text === undefined
        ? notFound()
        : { status: 200, body: renderer.content(ctx.repo, path, text, ref) }
    },

    'repos/get-commit': (ctx) => {
      const commit = ctx.repo.refs.commit(String(ctx.params.ref))
      return commit
        ? { status: 200, body: renderer.commit(ctx.repo, commit) }
        : error(422, `No commit found for SHA: ${String(ctx.params.ref)}`)
    },

    'repos/compare-commits': (ctx) => {
      const base = String(ctx.params.base)
      const head = String(ctx.params.head)
      const ahead = ctx.repo.refs.between(base, head)
      const behind = ctx.repo.refs.between(head, base)
      const baseCommit = ctx.repo.refs.commit(base)
      if (!ahead || !behind || !baseCommit) return notFound()
      const status =
        ahead.length === 0 && behind.length === 0
          ? 'identical'
          : behind.length === 0
            ? 'ahead'
            : ahead.length === 0
              ? 'behind'
              : 'diverged'
      const web = `${renderer.serverUrl}/${ctx.repo.owner}/${ctx.repo.name}/compare/${base}...${head}`
      return {
        status: 200,
        body: {
          url: `${fake.url}/repos/${ctx.repo.owner}/${ctx.repo.name}/compare/${base}...${head}`,
          html_url: web,
          permalink_url: web,
          diff_url: `${web}.diff`,
          patch_url: `${web}.patch`,
          base_commit: renderer.commit(ctx.repo, baseCommit),
          merge_base_commit: renderer.commit(ctx.repo, baseCommit),
          status,
          ahead_by: ahead.length,
          behind_by: behind.length,
          total_commits: ahead.length,
          commits: ahead.map((c) => renderer.commit(ctx.repo, c)),
          files: []
        }
      }
    },

    'repos/list-releases': (ctx) =>
      page(
        ctx,
        [...ctx.repo.releases].sort(
          (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id
        ),
        (r) => renderer.release(ctx.repo, r)
      ),

    'repos/get-latest-release': (ctx) => {
      const latest = ctx.repo.releases
        .filter((r) => !r.draft && !r.prerelease)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)[0]
      return latest ? { status: 200, body: renderer.release(ctx.repo, latest) } : notFound()
    },

    'repos/get-release-by-tag': (ctx) => {
      const release = ctx.repo.releases.find((r) => r.tagName === ctx.params.tag && !r.draft)
      return release ? { status: 200, body: renderer.release(ctx.repo, release) } : notFound()
    },

    'issues/list-comments': (ctx) => {
      const number = Number(ctx.params.issue_number)
      if (!ctx.repo.issues.has(number)) return notFound()
      const since = typeof ctx.query.since === 'string' ? ctx.query.since : ''
      const comments = state
        .commentsOf(ctx.repo.owner, ctx.repo.name, number)
        .filter((c) => c.updatedAt >= since)
      return page(ctx, comments, (c) => renderer.comment(ctx.repo, c, ctx.login))
    },

    'issues/create-comment': (ctx) => {
      const number = Number(ctx.params.issue_number)
      if (!ctx.repo.issues.has(number)) return notFound()
      const text = String(ctx.body.body)
      const refused = tooLong(text)
      if (refused) return refused
      const comment = state.addComment(ctx.repo.owner, ctx.repo.name, number, {
        body: text,
        login: ctx.login
      })
      return { status: 201, body: renderer.comment(ctx.repo, comment, ctx.login) }
    },

    'issues/get-comment': (ctx) => {
      const comment = findComment(ctx)
      return comment
        ? { status: 200, body: renderer.comment(ctx.repo, comment, ctx.login) }
        : notFound()
    },

    'issues/update-comment': (ctx) => {
      const comment = findComment(ctx)
      if (!comment) return notFound()
      const text = String(ctx.body.body)
      const refused = tooLong(text)
      if (refused) return refused
      comment.body = text
      comment.updatedAt = state.now()
      return { status: 200, body: renderer.comment(ctx.repo, comment, ctx.login) }
    },

    'issues/delete-comment': (ctx) => {
      const comment = findComment(ctx)
      if (!comment) return notFound()
      ctx.repo.comments.splice(ctx.repo.comments.indexOf(comment), 1)
      return { status: 204 }
    },

    'issues/add-labels': (ctx) => {
      const issue = ctx.repo.issues.get(Number(ctx.params.issue_number))
      if (!issue) return notFound()
      const raw: unknown =
        Array.isArray(ctx.body) || typeof ctx.body === 'string' ? ctx.body : ctx.body.labels
      const names = (Array.isArray(raw) ? raw : [raw]).map((l) =>
        typeof l === 'string' ? l : String((l as { name: string }).name)
      )
      for (const name of names) {
        ctx.repo.labels.add(name)
        if (!issue.labels.includes(name)) issue.labels.push(name)
      }
      if (issue.pull) issue.pull.labels = issue.labels
      return { status: 200, body: issue.labels.map((name) => renderer.label(ctx.repo, name)) }
    },

    'issues/add-assignees': (ctx) => {
      const issue = ctx.repo.issues.get(Number(ctx.params.issue_number))
      if (!issue) return notFound()
      for (const login of (ctx.body.assignees as string[] | undefined) ?? [])
        if (!issue.assignees.includes(login)) issue.assignees.push(login)
      if (issue.pull) issue.pull.assignees = issue.assignees
      return { status: 201, body: renderer.issue(ctx.repo, issue) }
    },

    'pulls/list': (ctx) => {
      const wanted = String(ctx.query.state ?? 'open')
      const head = typeof ctx.query.head === 'string' ? ctx.query.head : undefined
      // GitHub: newest first when sorted by creation (the default), oldest first otherwise.
      const direction = ctx.query.direction ?? (ctx.query.sort === 'created' ? 'desc' : 'asc')
      let pulls = state
        .pullsOf(ctx.repo.owner, ctx.repo.name)
        .filter((p) => wanted === 'all' || p.state === wanted)
      // As GitHub does, a head filter without the "owner:" prefix is ignored.
      if (head?.includes(':')) {
        const [owner, ref] = [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)]
        pulls = pulls.filter(
          (p) => p.head.owner.toLowerCase() === owner.toLowerCase() && p.head.ref === ref
        )
      }
      if (typeof ctx.query.base === 'string')
        pulls = pulls.filter((p) => p.base.ref === ctx.query.base)
      const key = ctx.query.sort === 'updated' ? 'updatedAt' : 'createdAt'
      pulls.sort((a, b) => a[key].localeCompare(b[key]) || a.number - b.number)
      if (direction === 'desc') pulls.reverse()
      return page(ctx, pulls, (p) => renderer.pull(ctx.repo, p))
    },

    'pulls/get': (ctx) => {
      const pull = findPull(ctx)
      return pull ? { status: 200, body: renderer.pull(ctx.repo, pull) } : notFound()
    },

    'pulls/create': (ctx) => {
      const refused = tooLong(ctx.body.body, 'PullRequest')
      if (refused) return refused
      if (
        ctx.token.kind === 'installation' &&
        ctx.login === 'github-actions[bot]' &&
        !ctx.repo.actionsCanCreatePullRequests
      ) {
        return error(403, 'GitHub Actions is not permitted to create or approve pull requests.')
      }
      const head = headRef(ctx, String(ctx.body.head))
      const base = String(ctx.body.base)
      if (typeof ctx.body.title !== 'string' && ctx.body.issue === undefined)
        return reject(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }]
        })
      const headSha = ctx.repo.refs.get(`refs/heads/${head}`)
      const baseSha = ctx.repo.refs.get(`refs/heads/${base}`)
      if (!headSha) return validationFailed('PullRequest', 'invalid', { field: 'head' })
      if (!baseSha) return validationFailed('PullRequest', 'invalid', { field: 'base' })
      const headOwner = String(ctx.body.head).includes(':')
        ? (String(ctx.body.head).split(':')[0] as string)
        : ctx.repo.owner
      if (
        state
          .pullsOf(ctx.repo.owner, ctx.repo.name)
          .some(
            (p) =>
              p.state === 'open' &&
              p.head.ref === head &&
              p.base.ref === base &&
              p.head.owner === headOwner
          )
      ) {
        return validationFailed('PullRequest', 'custom', {
          message: `A pull request already exists for ${headOwner}:${head}.`
        })
      }
      if (
        headSha === baseSha ||
        (ctx.repo.refs.isAncestor(headSha, baseSha) &&
          ctx.repo.refs.between(base, head)?.length === 0)
      ) {
        return validationFailed('PullRequest', 'custom', {
          message: `No commits between ${base} and ${head}`
        })
      }
      const pull = state.addPull(ctx.repo.owner, ctx.repo.name, {
        title: String(ctx.body.title ?? ''),
        body: typeof ctx.body.body === 'string' ? ctx.body.body : null,
        head,
        base,
        headOwner,
        login: ctx.login,
        draft: ctx.body.draft === true
      })
      pull.maintainerCanModify = ctx.body.maintainer_can_modify === true
      return { status: 201, body: renderer.pull(ctx.repo, pull) }
    },

    'pulls/update': (ctx) => {
      const pull = findPull(ctx)
      if (!pull) return notFound()
      const refused = tooLong(ctx.body.body, 'PullRequest')
      if (refused) return refused
      const issue = ctx.repo.issues.get(pull.number) as NonNullable<
        ReturnType<typeof ctx.repo.issues.get>
      >
      if (typeof ctx.body.title === 'string') pull.title = issue.title = ctx.body.title
      if (typeof ctx.body.body === 'string') pull.body = issue.body = ctx.body.body
      if (typeof ctx.body.base === 'string') {
        const sha = ctx.repo.refs.get(`refs/heads/${ctx.body.base}`)
        if (!sha) return validationFailed('PullRequest', 'invalid', { field: 'base' })
        pull.base = { ref: ctx.body.base, sha }
      }
      if (typeof ctx.body.maintainer_can_modify === 'boolean')
        pull.maintainerCanModify = ctx.body.maintainer_can_modify
      if (ctx.body.state === 'closed' && pull.state === 'open') {
        pull.state = issue.state = 'closed'
        pull.closedAt = state.now()
      } else if (ctx.body.state === 'open' && pull.state === 'closed') {
        if (!ctx.repo.refs.get(`refs/heads/${pull.head.ref}`))
          return validationFailed('PullRequest', 'custom', {
            message: 'state cannot be changed. The head branch was deleted.'
          })
        pull.state = issue.state = 'open'
        pull.closedAt = null
      }
      pull.updatedAt = issue.updatedAt = state.now()
      return { status: 200, body: renderer.pull(ctx.repo, pull) }
    },

    'pulls/request-reviewers': (ctx) => {
      const pull = findPull(ctx)
      if (!pull) return notFound()
      const reviewers = (ctx.body.reviewers as string[] | undefined) ?? []
      const teams = (ctx.body.team_reviewers as string[] | undefined) ?? []
      if (reviewers.some((login) => login.toLowerCase() === pull.login.toLowerCase())) {
        return validationFailed('PullRequest', 'custom', {
          message: 'Review cannot be requested from pull request author.'
        })
      }
      for (const login of reviewers)
        if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login)
      for (const slug of teams)
        if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug)
      return { status: 201, body: renderer.pull(ctx.repo, pull) }
    },

    'git/create-blob': (ctx) => {
      const encoding = String(ctx.body.encoding ?? 'utf-8')
      const content = Buffer.from(
        String(ctx.body.content),
        encoding === 'base64' ? 'base64' : 'utf8'
      )
      const sha = ctx.repo.refs.writeBlob?.(content)
      if (!sha) return error(422, 'Git Data API needs a repository with objects')
      const api = `${renderer.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}`
      return { status: 201, body: { url: `${api}/git/blobs/${sha}`, sha } }
    },

    'git/create-tree': (ctx) => {
      const entries = (ctx.body.tree as Array<Record<string, unknown>>).map((entry) => ({
        path: String(entry.path),
        mode: String(entry.mode),
        sha: entry.sha === null ? null : String(entry.sha)
      }))
      const base = ctx.body.base_tree === undefined ? undefined : String(ctx.body.base_tree)
      const sha = ctx.repo.refs.writeTree?.(base, entries)
      if (!sha) return error(422, 'GitRPC::BadObjectState')
      const api = `${renderer.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}`
      return {
        status: 201,
        body: { sha, url: `${api}/git/trees/${sha}`, truncated: false, tree: [] }
      }
    },

    'git/create-commit': (ctx) => {
      const parents = ((ctx.body.parents as string[] | undefined) ?? []).map(String)
      for (const parent of parents)
        if (!ctx.repo.refs.commit(parent))
          return error(422, 'Parent SHA does not exist or is not a commit object')
      const author = (ctx.body.author as Record<string, string> | undefined) ?? {
        name: 'github-actions[bot]',
        email: '41898282+github-actions[bot]@users.noreply.github.com'
      }
      const date = author.date ?? state.now()
      const sha = ctx.repo.refs.writeCommit?.(
        String(ctx.body.message),
        String(ctx.body.tree),
        parents,
        {
          name: author.name ?? '',
          email: author.email ?? '',
          date
        }
      )
      if (!sha) return error(422, 'Tree SHA does not exist')
      state.signedCommits.push(sha)
      const api = `${renderer.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}`
      const html = `${renderer.serverUrl}/${ctx.repo.owner}/${ctx.repo.name}`
      const person = { name: author.name ?? '', email: author.email ?? '', date }
      return {
        status: 201,
        body: {
          sha,
          node_id: renderer.nodeId('Commit', sha),
          url: `${api}/git/commits/${sha}`,
          html_url: `${html}/commit/${sha}`,
          author: person,
          committer: { name: 'GitHub', email: 'noreply@github.com', date },
          message: String(ctx.body.message),
          tree: { sha: String(ctx.body.tree), url: `${api}/git/trees/${String(ctx.body.tree)}` },
          parents: parents.map((p) => ({
            sha: p,
            url: `${api}/git/commits/${p}`,
            html_url: `${html}/commit/${p}`
          })),
          // commits made through the API with an installation token are signed by GitHub
          verification: {
            verified: true,
            reason: 'valid',
            signature: '-----BEGIN PGP SIGNATURE-----\n(fake)\n-----END PGP SIGNATURE-----',
            payload: `tree ${String(ctx.body.tree)}`,
            verified_at: date
          }
        }
      }
    },

    'git/get-ref': (ctx) => {
      const ref = `refs/${String(ctx.params.ref)}`
      const sha = ctx.repo.refs.get(ref)
      return sha ? { status: 200, body: renderer.ref(ctx.repo, ref, sha) } : notFound()
    },

    'git/create-ref': (ctx) => {
      const ref = String(ctx.body.ref)
      const sha = String(ctx.body.sha)
      if (!ref.startsWith('refs/') || ref.split('/').length < 3)
        return reject(422, "Reference name must start with 'refs/' and have at least two slashes.")
      if (!/^[0-9a-f]{40}$/.test(sha))
        return reject(422, "Invalid request.\n\nFor 'sha', the value is not a full commit SHA.")
      if (ctx.repo.refs.get(ref)) return error(422, 'Reference already exists')
      if (!ctx.repo.refs.commit(sha)) return error(422, 'Object does not exist')
      ctx.repo.refs.set(ref, sha)
      return { status: 201, body: renderer.ref(ctx.repo, ref, sha) }
    },

    'git/update-ref': (ctx) => {
      const ref = `refs/${String(ctx.params.ref)}`
      const sha = String(ctx.body.sha)
      const current = ctx.repo.refs.get(ref)
      if (!current) return error(422, 'Reference does not exist')
      if (!ctx.repo.refs.commit(sha)) return error(422, 'Object does not exist')
      if (ctx.body.force !== true && !ctx.repo.refs.isAncestor(current, sha))
        return error(422, 'Update is not a fast forward')
      ctx.repo.refs.set(ref, sha)
      return { status: 200, body: renderer.ref(ctx.repo, ref, sha) }
    },

    'git/delete-ref': (ctx) => {
      const ref = `refs/${String(ctx.params.ref)}`
      if (!ctx.repo.refs.get(ref)) return error(422, 'Reference does not exist')
      ctx.repo.refs.delete(ref)
      return { status: 204 }
    },

    'checks/create': (ctx) => {
      const now = state.now()
      const status = String(ctx.body.status ?? (ctx.body.conclusion ? 'completed' : 'queued'))
      const run = {
        id: state.id(),
        name: String(ctx.body.name),
        headSha: String(ctx.body.head_sha),
        status,
        conclusion: typeof ctx.body.conclusion === 'string' ? ctx.body.conclusion : null,
        output: ctx.body.output ?? null,
        startedAt: typeof ctx.body.started_at === 'string' ? ctx.body.started_at : now,
        completedAt: status === 'completed' ? now : null
      }
      ctx.repo.checkRuns.push(run)
      return { status: 201, body: renderer.checkRun(ctx.repo, run) }
    },

    'checks/update': (ctx) => {
      const run = ctx.repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id))
      if (!run) return notFound()
      if (typeof ctx.body.name === 'string') run.name = ctx.body.name
      if (typeof ctx.body.conclusion === 'string') {
        run.conclusion = ctx.body.conclusion
        run.status = 'completed'
      }
      if (typeof ctx.body.status === 'string') run.status = ctx.body.status
      if (ctx.body.output !== undefined) run.output = ctx.body.output
      if (run.status === 'completed') run.completedAt ??= state.now()
      return { status: 200, body: renderer.checkRun(ctx.repo, run) }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const apiUrl = `http://127.0.0.1:${port}`
  renderer.apiUrl = apiUrl

  const fake: FakeGitHub = {
    url: apiUrl,
    state,
    requests,
    rejections,
    responseProblems,
    extract,
    failNext(method, path, status, times = 1, body, headers) {
      faults.push({ method: method.toUpperCase(), path, status, remaining: times, body, headers })
    },
    beforeNext(method, path, action) {
      hooks.push({ method: method.toUpperCase(), path, action })
    },
    expectNoRejections() {
      if (rejections.length > 0) {
        throw new Error(
          `fake GitHub rejected ${rejections.length} request(s):\n${rejections.map((r) => `${r.method} ${r.path} -> ${r.status}: ${r.reason}`).join('\n')}`
        )
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      })
  }
  return fake
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
