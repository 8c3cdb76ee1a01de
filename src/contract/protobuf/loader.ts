import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { InputError } from '../../core/errors.js'
import {
  checkFile,
  diagnostic,
  duplicateNames,
  throwIfAny,
  type CompileDiagnostic
} from './compile.js'
import { fieldFeature } from './features.js'
import type {
  Field,
  FieldKind,
  Message,
  Oneof,
  ProtoEnum,
  ProtoFile,
  ProtoTree,
  Span
} from './model.js'
import { forgetInterned } from './lexer.js'
import { isScalarType, parseProto } from './parser.js'
import { wellKnownEnums, wellKnownMessages } from './wkt.js'

type SymbolKind = 'package' | 'message' | 'enum' | 'service'

export interface ProtoSource {
  /** Import path, relative to the module root. */
  path: string
  /** Path relative to the loaded directory (what reports show). */
  displayPath: string
  text: string
}

interface ModuleSpec {
  path: string
  excludes: string[]
}

/**
 * The buf configuration of a directory: its buf.yaml (v1beta1, v1, v2), or a `buf.work.yaml`
 * workspace (v1) read as one v2-shaped configuration whose `modules` are its directories, each
 * with the `version`, `breaking` section and excludes of its own buf.yaml (paths made relative to
 * the workspace root, as v2 writes them). Null when there is neither.
 */
export function readBufConfig(dir: string): unknown {
  for (const name of ['buf.yaml', 'buf.yml']) {
    const file = join(dir, name)
    if (existsSync(file)) return readYaml(file)
  }
  for (const name of ['buf.work.yaml', 'buf.work.yml']) {
    const file = join(dir, name)
    if (existsSync(file)) return workspaceConfig(dir, file)
  }
  return null
}

function readYaml(file: string): Record<string, unknown> {
  try {
    const value: unknown = parseYaml(readFileSync(file, 'utf8')) ?? {}
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(`${file}: must be a YAML mapping; fix the file or remove it`)
    }
    return value as Record<string, unknown>
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(
      `${file}: not valid YAML (${(error as Error).message.split('\n')[0]}); fix the file or remove it`
    )
  }
}

/** A module or ignore path as buf.yaml writes it, without a leading `./` or trailing slashes. */
export const cleanPath = (p: string): string => p.replace(/^\.\//, '').replace(/\/+$/, '')

const underDir = (dir: string, p: string): string =>
  dir === '.' ? p.replace(/^\.\//, '') : `${dir}/${p.replace(/^\.\//, '')}`

/** A buf.work.yaml and the buf.yaml of each of its directories, as one v2-shaped configuration. */
function workspaceConfig(root: string, file: string): Record<string, unknown> {
  const work = readYaml(file)
  const dirs = work.directories
  if (
    !Array.isArray(dirs) ||
    dirs.length === 0 ||
    dirs.some((d) => typeof d !== 'string' || d.startsWith('/') || d.split('/').includes('..'))
  ) {
    throw new InputError(
      `${file}: directories must list the module directories, relative to ${root} and inside it`
    )
  }
  const deps: unknown[] = []
  const modules = (dirs as string[]).map((d) => {
    const path = cleanPath(d) || '.'
    const own = readBufConfig(join(root, path)) as Record<string, unknown> | null
    if (own && Array.isArray(own.deps)) deps.push(...(own.deps as unknown[]))
    const build = (own?.build ?? {}) as Record<string, unknown>
    const excludes = Array.isArray(build.excludes)
      ? build.excludes
          .filter((x): x is string => typeof x === 'string')
          .map((e) => underDir(path, e))
      : []
    const section = (own?.breaking ?? {}) as Record<string, unknown>
    const prefixPaths = (v: unknown): unknown =>
      Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? underDir(path, x) : x)) : v
    const only = section.ignore_only
    const breaking: Record<string, unknown> = {
      ...section,
      ignore: prefixPaths(section.ignore),
      ...(only && typeof only === 'object' && !Array.isArray(only)
        ? {
            ignore_only: Object.fromEntries(
              Object.entries(only as Record<string, unknown>).map(([k, v]) => [k, prefixPaths(v)])
            )
          }
        : {})
    }
    return {
      path,
      excludes,
      breaking,
      // A directory without buf.yaml is a v1 module with buf's defaults.
      version: (own?.version as string | undefined) ?? (own ? 'v1beta1' : 'v1'),
      source: join(root, path, 'buf.yaml')
    }
  })
  return { version: 'v2', modules, deps, workspace: relative(root, file) }
}

function modulesOf(config: unknown): ModuleSpec[] {
  const c = (config ?? {}) as Record<string, unknown>
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  if (c.version === 'v2' && Array.isArray(c.modules) && c.modules.length > 0) {
    return (c.modules as Record<string, unknown>[]).map((m) => ({
      // Not cleanPath: a leading './' is kept so that an error names the path as written.
      path: typeof m.path === 'string' ? m.path.replace(/\/+$/, '') || '.' : '.',
      excludes: strings(m.excludes)
    }))
  }
  const build = (c.build ?? {}) as Record<string, unknown>
  return [{ path: '.', excludes: strings(build.excludes) }]
}

function walkProtos(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) walkProtos(full, out)
    else if (entry.isFile() && entry.name.endsWith('.proto')) out.push(full)
  }
}

const toPosix = (p: string): string => p.split(sep).join('/')

/** Reads every .proto file under `dir` (as buf's module layout says) into sources. */
export function readProtoSources(dir: string, bufConfig: unknown): ProtoSource[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(`${dir}: not a directory; pass the directory that holds the .proto files`)
  }
  const sources: ProtoSource[] = []
  for (const mod of modulesOf(bufConfig)) {
    const modDir = join(dir, mod.path)
    if (!existsSync(modDir)) {
      throw new InputError(`${join(dir, 'buf.yaml')}: module path "${mod.path}" does not exist`)
    }
    const files: string[] = []
    walkProtos(modDir, files)
    const excludes = mod.excludes.map((e) => toPosix(relative(modDir, join(dir, e))))
    for (const file of files) {
      const path = toPosix(relative(modDir, file))
      if (excludes.some((e) => path === e || path.startsWith(e + '/'))) continue
      sources.push({
        path,
        displayPath: toPosix(relative(dir, file)),
        text: readFileSync(file, 'utf8')
      })
    }
  }
  sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return sources
}

/** Loads and links every .proto file of a directory; a syntax error is an InputError naming file:line:col. */
export function loadProtoTree(dir: string): ProtoTree {
  const bufConfig = readBufConfig(dir)
  return buildProtoTree(dir, readProtoSources(dir, bufConfig), bufConfig)
}

export function buildProtoTree(
  root: string,
  sources: ProtoSource[],
  bufConfig: unknown = null
): ProtoTree {
  const files = sources.map((s) => parseProto(s.text, s.path, s.displayPath))
  forgetInterned()
  checkDistinctPaths(files)
  const diagnostics: CompileDiagnostic[] = []
  for (const f of files) checkFile(f, diagnostics)
  link(files, diagnostics, lenientOf(bufConfig))
  throwIfAny(root, diagnostics)
  return { root, files, bufConfig }
}

/**
 * Loads the two sides of a comparison. A file whose text is the same on both sides is parsed and
 * kept once, which halves the work and the memory when most files did not change.
 */
export function loadProtoTreePair(baseDir: string, headDir: string): [ProtoTree, ProtoTree] {
  const baseConfig = readBufConfig(baseDir)
  const headConfig = readBufConfig(headDir)
  return buildProtoTreePair(
    [baseDir, readProtoSources(baseDir, baseConfig), baseConfig],
    [headDir, readProtoSources(headDir, headConfig), headConfig]
  )
}

export function buildProtoTreePair(
  base: [root: string, sources: ProtoSource[], bufConfig: unknown],
  head: [root: string, sources: ProtoSource[], bufConfig: unknown]
): [ProtoTree, ProtoTree] {
  const baseFiles = base[1].map((s) => parseProto(s.text, s.path, s.displayPath))
  const byPath = new Map<string, { source: ProtoSource; file: ProtoFile }>()
  base[1].forEach((s, i) => byPath.set(s.path, { source: s, file: baseFiles[i] as ProtoFile }))
  // A file unchanged on both sides is one object in both trees, if it links the same way.
  const shared = new Set<ProtoFile>()
  const headFiles = head[1].map((s) => {
    const same = byPath.get(s.path)
    if (same && same.source.text === s.text && same.source.displayPath === s.displayPath) {
      shared.add(same.file)
      return same.file
    }
    return parseProto(s.text, s.path, s.displayPath)
  })
  forgetInterned()
  checkDistinctPaths(baseFiles)
  checkDistinctPaths(headFiles)
  const baseErrors: CompileDiagnostic[] = []
  for (const f of baseFiles) checkFile(f, baseErrors)
  link(baseFiles, baseErrors, lenientOf(base[2]))
  throwIfAny(base[0], baseErrors)
  const headErrors: CompileDiagnostic[] = []
  for (const f of headFiles) if (!shared.has(f)) checkFile(f, headErrors)
  const mismatched = link(headFiles, headErrors, lenientOf(head[2]), shared)
  if (mismatched.size > 0) {
    const fresh = new Set<ProtoFile>()
    headFiles.forEach((f, i) => {
      if (!mismatched.has(f)) return
      const s = head[1][i] as ProtoSource
      const copy = parseProto(s.text, s.path, s.displayPath)
      fresh.add(copy)
      headFiles[i] = copy
    })
    const kept = new Set(headFiles.filter((f) => !fresh.has(f)))
    link(headFiles, headErrors, lenientOf(head[2]), kept, true)
  }
  throwIfAny(head[0], headErrors)
  return [
    { root: base[0], files: baseFiles, bufConfig: base[2] },
    { root: head[0], files: headFiles, bufConfig: head[2] }
  ]
}

function checkDistinctPaths(files: ProtoFile[]): void {
  const seen = new Map<string, string>()
  for (const f of files) {
    const other = seen.get(f.path)
    if (other) {
      throw new InputError(
        `${f.displayPath}: same import path "${f.path}" as ${other}; give each module distinct paths`
      )
    }
    seen.set(f.path, f.displayPath)
  }
}

function forEachMessage(messages: Message[], fn: (m: Message) => void): void {
  for (const m of messages) {
    fn(m)
    forEachMessage(m.messages, fn)
  }
}

export function allMessages(file: ProtoFile): Message[] {
  const out: Message[] = []
  forEachMessage(file.messages, (m) => out.push(m))
  return out
}

export function allEnums(file: ProtoFile): ProtoEnum[] {
  const out: ProtoEnum[] = [...file.enums]
  forEachMessage(file.messages, (m) => out.push(...m.enums))
  return out
}

export function allExtensions(file: ProtoFile): Field[] {
  const out: Field[] = [...file.extensions]
  forEachMessage(file.messages, (m) => out.push(...m.extensions))
  return out
}

/**
 * Resolves every type reference of `files` against the symbols of `files`. Files in `verify` are
 * already linked (shared with the other tree): they are only checked, and those that would
 * resolve differently here are returned.
 */
function link(
  files: ProtoFile[],
  errors: CompileDiagnostic[],
  lenient: boolean,
  verify?: Set<ProtoFile>,
  relink = false
): Set<ProtoFile> {
  const symbols = new Map<string, SymbolKind>()
  // Names the tree declares at package level (enum values live in their enum's scope), for the
  // "declared multiple times" check; checked once, on a tree's first link.
  const declareName = duplicateNames(errors)
  const declare = (f: ProtoFile, name: string, at: Span): void => {
    if (!relink) declareName(f, name, at)
  }
  const present = new Set(files.map((f) => f.path))
  for (const name of wellKnownMessages) symbols.set(name, 'message')
  for (const name of wellKnownEnums) symbols.set(name, 'enum')
  for (const name of ['google', 'google.protobuf', 'google.protobuf.compiler', 'pb']) {
    symbols.set(name, 'package')
  }
  for (const f of files) {
    if (f.package) {
      const parts = f.package.split('.')
      for (let i = 1; i <= parts.length; i++) {
        const p = parts.slice(0, i).join('.')
        if (!symbols.has(p)) symbols.set(p, 'package')
      }
    }
    for (const m of allMessages(f)) symbols.set(m.fullName, 'message')
    for (const e of allEnums(f)) symbols.set(e.fullName, 'enum')
    for (const s of f.services) symbols.set(s.fullName, 'service')
    const prefix = f.package ? `${f.package}.` : ''
    for (const m of f.messages) declare(f, prefix + m.name, m.span)
    for (const e of f.enums) {
      declare(f, prefix + e.name, e.span)
      for (const v of e.values) declare(f, prefix + v.name, v.span)
    }
    for (const s of f.services) declare(f, prefix + s.name, s.span)
    for (const x of f.extensions) declare(f, prefix + x.name, x.nameSpan)
    if (!lenient && !relink) {
      for (const i of f.imports) {
        if (!present.has(i.path) && !i.path.startsWith('google/protobuf/')) {
          errors.push(diagnostic(f, i.span, 'imported file does not exist'))
        }
      }
    }
  }

  // The scopes that declare each name, and each scope's chain of enclosing scopes (cached).
  const scopesByName = new Map<string, Set<string>>()
  for (const full of symbols.keys()) {
    const i = full.lastIndexOf('.')
    const last = i < 0 ? full : full.slice(i + 1)
    const scope = i < 0 ? '' : full.slice(0, i)
    const set = scopesByName.get(last)
    if (set) set.add(scope)
    else scopesByName.set(last, new Set([scope]))
  }
  const chains = new Map<string, string[]>()
  const chainOf = (scope: string): string[] => {
    let chain = chains.get(scope)
    if (!chain) {
      chain = []
      for (let s = scope; ;) {
        chain.push(s)
        if (!s) break
        const i = s.lastIndexOf('.')
        s = i < 0 ? '' : s.slice(0, i)
      }
      chains.set(scope, chain)
    }
    return chain
  }

  /** protoc's scoping: the innermost enclosing scope that has the first name component. */
  const resolve = (name: string, scope: string): string | null => {
    if (name.startsWith('.')) return symbols.has(name.slice(1)) ? name.slice(1) : null
    const dot = name.indexOf('.')
    const first = dot < 0 ? name : name.slice(0, dot)
    const declaring = scopesByName.get(first)
    if (!declaring) return null
    for (const s of chainOf(scope)) {
      if (!declaring.has(s)) continue
      // A multi-part name needs an aggregate (package or message) for its first part.
      if (dot >= 0) {
        const kind = symbols.get(s ? `${s}.${first}` : first)
        if (kind !== 'package' && kind !== 'message') continue
      }
      const full = s ? `${s}.${name}` : name
      return symbols.has(full) ? full : null
    }
    return null
  }

  const unresolved = (f: ProtoFile, at: Span, name: string): void => {
    if (!lenient) errors.push(diagnostic(f, at, `cannot find \`${name}\` in this scope`))
  }
  const resolveField = (
    field: Field,
    report = false
  ): Pick<Field, 'extendee' | 'kind' | 'typeName'> => {
    let extendee: string | null = null
    if (field.extendee) {
      const written = field.extendeeText ?? field.extendee
      extendee = resolve(written, field.scope)
      if (extendee === null && report) unresolved(field.file, field.span, written)
      extendee ??= written.replace(/^\./, '')
    }
    if (field.mapEntry)
      return { extendee, kind: 'message', typeName: '.' + field.mapEntry.fullName }
    if (isScalarType(field.typeText)) {
      return { extendee, kind: field.typeText as FieldKind, typeName: '' }
    }
    const full = resolve(field.typeText, field.scope)
    if (full === null && report) unresolved(field.file, field.typeSpan, field.typeText)
    const typeName = '.' + (full ?? field.typeText.replace(/^\./, ''))
    let kind: FieldKind = 'message'
    if ((full ? symbols.get(full) : undefined) === 'enum') kind = 'enum'
    else if (
      field.isGroupSyntax ||
      (field.file.syntax === 'editions' && fieldFeature(field, 'message_encoding') === 'DELIMITED')
    ) {
      kind = 'group'
    }
    return { extendee, kind, typeName }
  }

  const linkField = (field: Field): void => {
    field.fullName = field.extendee
      ? field.scope
        ? `${field.scope}.${field.name}`
        : field.name
      : `${field.parent?.fullName ?? field.scope}.${field.name}`
    const r = resolveField(field, true)
    if (field.extendee) field.extendeeText = field.extendee
    field.extendee = r.extendee
    field.kind = r.kind
    field.typeName = r.typeName
  }

  const methodType = (text: string, scope: string): string =>
    '.' + (resolve(text, scope) ?? text.replace(/^\./, ''))
  const linkMethodType = (f: ProtoFile, text: string, at: Span): string => {
    const full = resolve(text, f.package)
    if (full === null) unresolved(f, at, text)
    return '.' + (full ?? text.replace(/^\./, ''))
  }

  /** Whether a file linked in another tree resolves to the same types in this one. */
  const resolvesSame = (f: ProtoFile): boolean => {
    const same = (field: Field): boolean => {
      const r = resolveField(field)
      return r.extendee === field.extendee && r.kind === field.kind && r.typeName === field.typeName
    }
    for (const m of allMessages(f)) {
      if (!m.fields.every(same) || !m.extensions.every(same)) return false
    }
    if (!f.extensions.every(same)) return false
    return f.services.every((s) =>
      s.methods.every(
        (m) =>
          m.inputType === methodType(m.inputText, f.package) &&
          m.outputType === methodType(m.outputText, f.package)
      )
    )
  }

  const mismatched = new Set<ProtoFile>()
  for (const f of files) {
    if (verify?.has(f)) {
      if (!resolvesSame(f)) mismatched.add(f)
      continue
    }
    for (const m of allMessages(f)) {
      for (const field of m.fields) linkField(field)
      addSyntheticOneofs(m)
      for (const field of m.extensions) linkField(field)
    }
    for (const field of f.extensions) linkField(field)
    for (const s of f.services) {
      for (const method of s.methods) {
        method.inputType = linkMethodType(f, method.inputText, method.inputSpan)
        method.outputType = linkMethodType(f, method.outputText, method.outputSpan)
      }
    }
  }
  return mismatched
}

/** proto3 `optional` puts the field in a oneof of its own, named as protoc names it. */
function addSyntheticOneofs(m: Message): void {
  if (m.file.syntax !== 'proto3') return
  let taken: Set<string> | null = null
  for (const field of m.fields) {
    if (field.label !== 'optional' || field.oneof) continue
    taken ??= new Set<string>([...m.fields.map((f) => f.name), ...m.oneofs.map((o) => o.name)])
    let name = `_${field.name}`
    while (taken.has(name)) name = `X${name}`
    taken.add(name)
    const o: Oneof = { name, span: field.span, options: [], synthetic: true, fields: [field] }
    field.oneof = o
    m.oneofs.push(o)
  }
}

/**
 * A tree whose buf.yaml declares dependencies (`deps`) imports files that are not in it: unknown
 * imports and types are then not compile errors here.
 */
export function lenientOf(config: unknown): boolean {
  const c = (config ?? {}) as Record<string, unknown>
  return Array.isArray(c.deps) && c.deps.length > 0
}
