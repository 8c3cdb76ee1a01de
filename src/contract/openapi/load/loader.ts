import { relative, resolve as resolvePath } from 'node:path'
import { InputError, messageOf } from '../../../core/errors.js'
import { ConfinementError, isInside, readConfinedText } from '../../../core/confined-file.js'
import { parseJsonWithLines, JsonSyntaxError } from './json-lines.js'
import { parseYamlWithLines, YamlSyntaxError } from './yaml-lines.js'
import { isObject, LINE, type JsonObject } from './location.js'
import { isExternalUrl, RefResolver, splitRef } from './resolver.js'
import { normalizeSwagger2 } from './swagger2.js'

export type OpenApiVersion = '2.0' | '3.0' | '3.1'

export interface LoadOptions {
  /** Reads one file; defaults to node:fs. Injected so tests and the git-materialized base side can supply text. */
  readFile?: (path: string) => Promise<string>
  /**
   * Files are named relative to this directory in messages (default: the main file's directory), and
   * no file outside it is read: a `$ref` that leaves it (`../..`, an absolute path, a symlink out) is
   * an InputError. Callers pass the repository root, or outside git the spec's directory.
   */
  root?: string
  /**
   * `error` (default): a `$ref` that does not resolve is an InputError naming file:line. `report`: it is
   * listed in `unresolved` and the rest is loaded, for the base side: the released version can no
   * longer be fixed, so what it points to is reported as not compared instead of stopping the check.
   */
  unresolvedRefs?: 'error' | 'report'
}

/** A `$ref` that could not be followed (only collected with `unresolvedRefs: 'report'`). */
export interface UnresolvedRef {
  /** The `$ref` node itself (for its file and line). */
  node: JsonObject
  ref: string
  /** Why: "does not resolve", or the read error of the file it points to. */
  reason: string
}

/** One side of a comparison: the main document in the 3.x shape plus a resolver for its `$ref`s. */
export interface OpenApiSpec {
  version: OpenApiVersion
  /** Absolute path of the main file. */
  file: string
  /** The main document, Swagger 2.0 normalized to the 3.x shape. */
  document: JsonObject
  resolver: RefResolver
  /** Every loaded file by absolute path. */
  files: ReadonlyMap<string, unknown>
  /** `$ref`s that could not be followed (empty unless loaded with `unresolvedRefs: 'report'`). */
  unresolved?: readonly UnresolvedRef[]
}

function parseText(text: string, file: string, shown: string, refs: JsonObject[]): unknown {
  const trimmed = text.trimStart()
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[')
  try {
    if (!looksJson) return parseYamlWithLines(text, file, refs)
    try {
      return parseJsonWithLines(text, file, refs)
    } catch (error) {
      // a YAML file may open with a flow mapping; read it as YAML before calling it broken JSON
      if (!(error instanceof JsonSyntaxError) || file.toLowerCase().endsWith('.json')) throw error
      refs.length = 0
      try {
        return parseYamlWithLines(text, file, refs)
      } catch {
        throw error
      }
    }
  } catch (error) {
    if (error instanceof RangeError) {
      throw new InputError(
        `${shown}: nested too deeply to read (${error.message}); flatten the document with $refs`
      )
    }
    if (error instanceof JsonSyntaxError || error instanceof YamlSyntaxError) {
      const kind = error instanceof JsonSyntaxError ? 'JSON' : 'YAML'
      throw new InputError(
        `${shown}:${error.line}: invalid ${kind}: ${error.message}; fix the syntax of the file`
      )
    }
    throw error
  }
}

function versionOf(doc: unknown, shown: string): OpenApiVersion {
  if (isObject(doc)) {
    if (typeof doc.openapi === 'string') {
      if (doc.openapi.startsWith('3.0')) return '3.0'
      if (doc.openapi.startsWith('3.')) return '3.1'
      throw new InputError(
        `${shown}:${lineOfKey(doc)}: unsupported OpenAPI version '${doc.openapi}'; use 2.0, 3.0 or 3.1`
      )
    }
    if (doc.swagger !== undefined) {
      if (String(doc.swagger) === '2.0') return '2.0'
      throw new InputError(
        `${shown}:${lineOfKey(doc)}: unsupported Swagger version '${String(doc.swagger)}'; use 2.0, 3.0 or 3.1`
      )
    }
  }
  throw new InputError(
    `${shown}:1: not an OpenAPI document (no 'openapi' or 'swagger' field at the top); pass an OpenAPI 2.0/3.x file`
  )
}

function lineOfKey(node: JsonObject): number {
  return node[LINE] ?? 1
}

/**
 * Loads an OpenAPI 2.0/3.0/3.1 document (YAML or JSON) and every file its relative `$ref`s reach.
 * Remote URLs are never fetched: a `$ref` to one is an InputError.
 */
export async function loadOpenApi(path: string, options: LoadOptions = {}): Promise<OpenApiSpec> {
  const mainFile = resolvePath(path)
  const root = options.root ? resolvePath(options.root) : resolvePath(mainFile, '..')
  const readFile = options.readFile ?? ((file: string) => readConfinedText(file, root))
  const show = (file: string): string => relative(root, file) || file
  const files = new Map<string, unknown>()
  const refsByFile = new Map<string, JsonObject[]>()
  const unresolved: UnresolvedRef[] = []
  const report = options.unresolvedRefs === 'report'

  const readOne = async (
    file: string,
    from?: { file: string; line: number; ref: string }
  ): Promise<unknown> => {
    let text: string
    try {
      if (!isInside(root, file)) throw new ConfinementError(`is outside ${root}`, 'outside-root')
      text = await readFile(file)
    } catch (error) {
      const where = from
        ? `${show(from.file)}:${from.line}: $ref '${from.ref}' points to ${show(file)}, which`
        : show(file)
      if (error instanceof ConfinementError) {
        throw new InputError(
          `${where} ${error.message} (rule: ${error.rule}); a spec may refer only to regular UTF-8 files inside the repository (or, outside git, the spec's folder), so move the file there and refer to it by a relative path`
        )
      }
      throw new InputError(`${where} cannot be read (${messageOf(error)}); check the path`)
    }
    const holders: JsonObject[] = []
    const doc = parseText(text, file, show(file), holders)
    refsByFile.set(file, holders)
    return doc
  }

  const mainDoc = await readOne(mainFile)
  const version = versionOf(mainDoc, show(mainFile))
  files.set(mainFile, mainDoc)

  const queue: string[] = [mainFile]
  while (queue.length > 0) {
    const file = queue.shift() as string
    const holders = refsByFile.get(file) ?? []
    for (const holder of holders) {
      const ref = holder.$ref as string
      const line = holder[LINE] ?? 1
      if (isExternalUrl(ref)) {
        throw new InputError(
          `${show(file)}:${line}: $ref '${ref}' points to a URL, which is not fetched; save that document next to the spec and refer to it by a relative path`
        )
      }
      if (ref.startsWith('#')) continue
      const target = splitRef(ref, file).file
      if (files.has(target)) continue
      let doc: unknown
      try {
        doc = await readOne(target, { file, line, ref })
      } catch (error) {
        if (!report || !(error instanceof InputError)) throw error
        unresolved.push({ node: holder, ref, reason: messageOf(error) })
        continue
      }
      files.set(target, doc)
      queue.push(target)
    }
  }

  const resolver = new RefResolver(files, { siblings: version === '3.1' })
  for (const [file, holders] of refsByFile) {
    for (const holder of holders) {
      if (resolver.target(holder) === undefined) {
        if (report) {
          if (!unresolved.some((u) => u.node === holder))
            unresolved.push({ node: holder, ref: String(holder.$ref), reason: 'does not resolve' })
          continue
        }
        throw new InputError(
          `${show(file)}:${holder[LINE] ?? 1}: $ref '${String(holder.$ref)}' does not resolve; fix the reference`
        )
      }
    }
  }

  const raw = mainDoc as JsonObject
  const document = version === '2.0' ? normalizeSwagger2(raw, resolver) : raw
  return { version, file: mainFile, document, resolver, files, unresolved }
}
