import { isObject } from '../load/location.js'
import type { Reporter } from '../diff/report.js'
import { operationsOf } from '../diff/operations.js'
import type { DiffEnv, Side } from '../diff/side.js'
import { compareVersions } from './versions.js'

interface Server {
  /** The URL with its variables set to their defaults, without a trailing slash. */
  url: string
  /** Scheme and host (empty for a relative URL) and the base path. */
  host: string
  path: string
  node: unknown
}

function serverOf(side: Side, item: unknown): Server | undefined {
  const node = side.deref(item)
  if (!isObject(node) || typeof node.url !== 'string') return undefined
  const variables = isObject(node.variables) ? node.variables : {}
  const url = node.url
    .trim()
    .replace(/\{([^}]*)\}/g, (whole, name: string) => {
      const variable = side.deref(variables[name])
      return isObject(variable) && variable.default !== undefined ? String(variable.default) : whole
    })
    .replace(/\/+$/, '')
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(url)
  const host = m ? (m[1] ?? '').toLowerCase() : ''
  const path = m ? (m[2] ?? '') : url
  return { url: host + path, host, path, node }
}

function serversOf(side: Side, list: unknown): Server[] {
  const value = side.deref(list)
  if (!Array.isArray(value)) return []
  return value.map((item) => serverOf(side, item)).filter((s): s is Server => s !== undefined)
}

/**
 * Servers the base lists that the head lost or changed. Entries are matched by URL (variables at their
 * defaults), then the rest pairwise in order: only the host changed (another environment) is informational, a
 * changed base path or a server gone is a warning. A base without servers promised nothing and is not compared.
 */
function compareServers(
  env: DiffEnv,
  reporter: Reporter,
  listB: unknown,
  listH: unknown,
  operation: string | null,
  holder: { b: unknown; h: unknown }
): void {
  const before = serversOf(env.base, listB)
  if (before.length === 0) return
  const after = serversOf(env.head, listH)
  const freeH = [...after]
  const leftB: Server[] = []
  for (const server of before) {
    const at = freeH.findIndex((s) => s.url === server.url)
    if (at >= 0) freeH.splice(at, 1)
    else leftB.push(server)
  }
  const where = operation === null ? 'the API' : operation
  leftB.forEach((server, k) => {
    const replacement = freeH[k]
    const common = { operation, side: 'head' as const }
    if (replacement === undefined) {
      reporter.report({
        ...common,
        id: 'api-server-removed',
        subject: `server-${server.url}`,
        at: server.node,
        side: 'base',
        message: `${where} no longer lists the server '${server.url}'`
      })
    } else if (replacement.path === server.path) {
      reporter.report({
        ...common,
        id: 'api-server-host-changed',
        subject: `server~${server.url}`,
        at: replacement.node ?? holder.h,
        other: server.node,
        message: `${where} moved the server '${server.url}' to the host '${replacement.host}'`
      })
    } else {
      reporter.report({
        ...common,
        id: 'api-server-changed',
        subject: `server~${server.url}`,
        at: replacement.node ?? holder.h,
        other: server.node,
        message: `${where} changed the server '${server.url}' to '${replacement.url}' (base path '${server.path || '/'}' → '${replacement.path || '/'}')`
      })
    }
  })
}

/** Document servers, then the servers of each operation that overrides them (on its path item or itself). */
export function checkServers(env: DiffEnv, reporter: Reporter): void {
  const docB = env.base.spec.document
  const docH = env.head.spec.document
  compareServers(env, reporter, docB.servers, docH.servers, null, { b: docB, h: docH })
  const opsB = operationsOf(env.base, docB.paths)
  const opsH = operationsOf(env.head, docH.paths)
  for (const [key, h] of opsH) {
    const b = opsB.get(key)
    if (!b) continue
    const level = b.op['x-stability-level']
    if (typeof level === 'string' && env.exemptStability.has(level)) continue
    const ownB = b.op.servers ?? b.pathItem.servers
    const ownH = h.op.servers ?? h.pathItem.servers
    if (ownB === undefined && ownH === undefined) continue
    compareServers(env, reporter, ownB ?? docB.servers, ownH ?? docH.servers, h.name, {
      b: b.op,
      h: h.op
    })
  }
}

/** info.version going backwards: the head claims to be older than the released base. */
export function checkInfoVersion(env: DiffEnv, reporter: Reporter): void {
  const infoB = env.base.deref(env.base.spec.document.info)
  const infoH = env.head.deref(env.head.spec.document.info)
  if (!isObject(infoB) || !isObject(infoH)) return
  const order = compareVersions(infoB.version, infoH.version)
  if (order === undefined || order <= 0) return
  reporter.report({
    id: 'api-version-decreased',
    operation: null,
    subject: 'info.version',
    at: infoH,
    side: 'head',
    other: infoB,
    message: `info.version went back from '${String(infoB.version)}' to '${String(infoH.version)}'`
  })
}

/** Document-wide checks: servers and info.version. */
export function checkDocument(env: DiffEnv, reporter: Reporter): void {
  checkInfoVersion(env, reporter)
  checkServers(env, reporter)
}
