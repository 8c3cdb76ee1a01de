import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parse } from 'yaml'
import type { Change } from '../../../../src/core/change.js'
import { diffOpenApi, loadOpenApi } from '../../../../src/contract/openapi/index.js'

/**
 * Compact rule fixtures: each YAML file in __tests__/fixtures/openapi/rules is one group of small base/head cases.
 * A case names where its `base`/`head` go (`at`), and the rule ids the pair must (`expect`) and must not
 * (`absent`) produce. The runner builds two whole documents around them, so a case states only what changes.
 */
export interface RuleCase {
  name: string
  /** One place, or several: the case is run at each and its ids are the union. */
  at: Site | Site[]
  base: unknown
  head: unknown
  expect: string[]
  absent?: string[]
  /** OpenAPI version of both documents (default 3.1.0). */
  openapi?: string
}

export interface RuleGroup {
  name: string
  file: string
  about: string
  cases: RuleCase[]
}

/**
 * Where the case's values go:
 * body      – the schema of both the request body and the 200 response body of POST /things
 * request   – the schema of the request body only (the response is a plain object)
 * response  – the schema of the 200 response body only
 * property  – the schema of property `p` of an object used as request and response body
 * query, header, path, cookie – the schema of parameter `p` (`X-P` for headers) in that location
 * query-property – the schema of property `p` of an object query parameter
 * response-header-schema – the schema of the required response header `X-Rate`
 * parameter – a whole parameter object, or a list of them, of POST /things
 * response-header – the header object `X-Rate` of the 200 response
 * operation – the whole POST /things operation (null: absent)
 * path-item – the whole `/things` path item
 * document  – top-level keys laid over the default document (paths, components, servers, info…)
 */
export type Site =
  | 'body'
  | 'request'
  | 'response'
  | 'property'
  | 'query'
  | 'header'
  | 'path'
  | 'cookie'
  | 'query-property'
  | 'response-header-schema'
  | 'parameter'
  | 'response-header'
  | 'operation'
  | 'path-item'
  | 'document'

const plainObject = { type: 'object' }

function operation(request: unknown, response: unknown, extra: Record<string, unknown> = {}) {
  const op: Record<string, unknown> = { operationId: 'act', ...extra }
  if (request !== undefined && request !== null)
    op.requestBody = { required: true, content: { 'application/json': { schema: request } } }
  op.responses = {
    '200': {
      description: 'ok',
      ...(response === undefined ? {} : { content: { 'application/json': { schema: response } } })
    }
  }
  return op
}

function paramOf(at: Site, schema: unknown): Record<string, unknown> {
  const name = at === 'header' ? 'X-P' : 'p'
  return { name, in: at, required: at === 'path', schema }
}

/** The whole document of one side of a case, at one place. */
export function documentOf(kase: RuleCase, at: Site, value: unknown): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    openapi: kase.openapi ?? '3.1.0',
    info: { title: 'fixture', version: '1.0.0' }
  }
  let path = '/things'
  let item: unknown
  switch (at) {
    case 'body':
      item = { post: operation(value, value) }
      break
    case 'request':
      item = { post: operation(value, plainObject) }
      break
    case 'response':
      item = { post: operation(undefined, value) }
      break
    case 'property': {
      const wrap = { type: 'object', properties: { p: value } }
      item = { post: operation(wrap, wrap) }
      break
    }
    case 'query':
    case 'header':
    case 'cookie':
    case 'path':
      if (at === 'path') path = '/things/{p}'
      item = { post: operation(undefined, plainObject, { parameters: [paramOf(at, value)] }) }
      break
    case 'query-property': {
      const param = paramOf('query', { type: 'object', properties: { p: value } })
      item = { post: operation(undefined, plainObject, { parameters: [param] }) }
      break
    }
    case 'response-header-schema': {
      const op = operation(undefined, plainObject)
      const ok = (op.responses as Record<string, Record<string, unknown>>)['200'] ?? {}
      ok.headers = { 'X-Rate': { required: true, schema: value } }
      item = { post: op }
      break
    }
    case 'parameter': {
      const list = value === null ? [] : Array.isArray(value) ? value : [value]
      item = { post: operation(undefined, plainObject, { parameters: list }) }
      break
    }
    case 'response-header': {
      const op = operation(undefined, plainObject)
      const ok = (op.responses as Record<string, Record<string, unknown>>)['200'] ?? {}
      if (value !== null) ok.headers = { 'X-Rate': value }
      item = { post: op }
      break
    }
    case 'operation':
      item = value === null ? {} : { post: value }
      break
    case 'path-item':
      item = value
      break
    case 'document':
      doc.paths = { '/things': { post: operation(undefined, plainObject) } }
      Object.assign(doc, value)
      return doc
  }
  doc.paths = { [path]: item }
  return doc
}

/** Diffs the two sides of a case, in memory, at each of its places. */
export async function runCase(kase: RuleCase): Promise<Change[]> {
  const out: Change[] = []
  for (const at of Array.isArray(kase.at) ? kase.at : [kase.at])
    out.push(...(await runAt(kase, at)))
  return out
}

async function runAt(kase: RuleCase, at: Site): Promise<Change[]> {
  const files: Record<string, string> = {
    '/mem/base.json': JSON.stringify(documentOf(kase, at, kase.base)),
    '/mem/head.json': JSON.stringify(documentOf(kase, at, kase.head))
  }
  const readFile = async (path: string): Promise<string> => {
    const text = files[path]
    if (text === undefined) throw new Error(`no such file ${path}`)
    return text
  }
  const [b, h] = await Promise.all([
    // as the engine loads them: the released side reports what it cannot resolve
    loadOpenApi('/mem/base.json', { readFile, unresolvedRefs: 'report' }),
    loadOpenApi('/mem/head.json', { readFile })
  ])
  return diffOpenApi(b, h, {
    now: new Date('2025-06-01T00:00:00Z'),
    baseRoot: '/mem',
    headRoot: '/mem'
  })
}

export function loadGroups(dir: string): RuleGroup[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = join(dir, f)
      const data = parse(readFileSync(file, 'utf8')) as { about?: string; cases?: RuleCase[] }
      if (!Array.isArray(data.cases) || data.cases.length === 0)
        throw new Error(`${file}: no cases`)
      for (const c of data.cases) {
        if (typeof c.name !== 'string' || c.at === undefined || !Array.isArray(c.expect))
          throw new Error(`${file}: case ${JSON.stringify(c.name)} needs name, at and expect`)
      }
      return { name: basename(f, '.yaml'), file, about: data.about ?? '', cases: data.cases }
    })
}
