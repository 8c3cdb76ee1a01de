import { readFile } from 'node:fs/promises'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import type { ChangeLevel, ContractKind } from '../../core/change.js'
import { InputError } from '../../core/errors.js'
import { configSchema } from './schema.js'
import {
  defaultBaseline,
  defaultVersion,
  type ContractCheckConfig,
  type ContractEntry,
  type FailOn,
  type IgnoreEntry
} from './types.js'

export const defaultConfigFile = '.rollback-guard.yml'

let validator: ValidateFunction | undefined
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false })
    ajv.addKeyword('x-hint')
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/)
    validator = ajv.compile(configSchema)
  }
  return validator(data) ? [] : (validator.errors ?? [])
}

/** The defaults when there is no config file: no contracts, fail on breaking. */
export function emptyConfig(): ContractCheckConfig {
  return {
    file: null,
    contracts: [],
    failOn: 'breaking',
    rollbackImpact: true,
    overrides: {},
    ignore: [],
    baseline: { ...defaultBaseline },
    version: { ...defaultVersion },
    manifest: {}
  }
}

/** Reads and validates a config file; a missing or invalid file is an InputError naming it. */
export async function loadContractConfig(
  file: string,
  displayName = file
): Promise<ContractCheckConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(
      code === 'ENOENT'
        ? `${displayName}: no such file; create it (see docs/contract-check.md) or pass --config PATH.`
        : `${displayName}: cannot be read (${code ?? String(error)}).`
    )
  }
  return parseContractConfig(text, displayName)
}

/**
 * Parses `.rollback-guard.yml` text. Every problem is reported as `file:line: what is wrong; the fix`,
 * all of them in one InputError (one per line), so a person fixes the file in one go.
 */
export function parseContractConfig(text: string, file: string): ContractCheckConfig {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const lineAt = (offset: number | undefined): number | null =>
    offset === undefined ? null : lineCounter.linePos(offset).line
  if (doc.errors.length > 0) {
    const problems = doc.errors.map(
      (e) => `${file}:${lineAt(e.pos[0]) ?? 1}: not valid YAML: ${e.message.split('\n')[0]}`
    )
    throw new InputError(problems.join('\n'))
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {}
  } catch (error) {
    // An alias bomb (aliases of aliases, a billion laughs) is refused before it expands.
    throw new InputError(
      `${file}: the YAML expands its aliases (*name) too many times (${(error as Error).message}); write the values out instead of nesting aliases.`
    )
  }
  const nodeAt = (segments: string[]): Node | null => locate(doc.contents as Node | null, segments)
  keepFingerprintsAsWritten(data, nodeAt)
  const lineOf = (segments: string[]): number | null => {
    const node = nodeAt(segments)
    return lineAt(node?.range?.[0])
  }

  const problems = describeErrors(validate(data), lineOf, file)
  const config = emptyConfig()
  config.file = file
  if (problems.length === 0) {
    const raw = data as Record<string, unknown>
    problems.push(...readContracts(raw, config, lineOf, file))
    problems.push(...readIgnores(raw, config, lineOf, file))
    readRest(raw, config)
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'))
  return config
}

/** A fingerprint of only digits (`000123456789`) would read as a number; keep the text as written. */
function keepFingerprintsAsWritten(
  data: unknown,
  nodeAt: (segments: string[]) => Node | null
): void {
  const ignore = (data as { ignore?: unknown } | null)?.ignore
  if (!Array.isArray(ignore)) return
  ignore.forEach((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') return
    const record = entry as Record<string, unknown>
    if (typeof record.fingerprint !== 'number') return
    const node = nodeAt(['ignore', String(index), 'fingerprint'])
    if (isScalar(node) && typeof node.source === 'string') record.fingerprint = node.source
  })
}

function locate(root: Node | null, segments: string[]): Node | null {
  let node: Node | null = root
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === segment
      )
      node = pair && isPair(pair) ? ((pair.value as Node | null) ?? (pair.key as Node)) : null
    } else if (isSeq(node)) {
      node = (node.items[Number(segment)] as Node | undefined) ?? null
    } else return node
    if (!node) return null
  }
  return node
}

function segmentsOf(instancePath: string): string[] {
  return instancePath === ''
    ? []
    : instancePath
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** `contracts[0].kind` from ["contracts","0","kind"]: the way a person reads a YAML path. */
function dotted(segments: string[]): string {
  let out = ''
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`
  return out === '' ? 'the top level' : out
}

function describeErrors(
  errors: ErrorObject[],
  lineOf: (segments: string[]) => number | null,
  file: string
): string[] {
  // A failed oneOf/anyOf also reports each branch's failure; the hint of the combinator says it better.
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
  const shown = errors.filter(
    (e) =>
      !combinators.some(
        (c) =>
          c !== e &&
          e.schemaPath.startsWith(c.schemaPath + '/') &&
          e.instancePath === c.instancePath
      )
  )
  const seen = new Set<string>()
  const out: string[] = []
  for (const error of shown) {
    const segments = segmentsOf(error.instancePath)
    let where = segments
    let what: string
    const hint = (error.parentSchema as Record<string, unknown> | undefined)?.['x-hint'] as
      string | undefined
    const got = JSON.stringify(error.data)
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = (error.params as { additionalProperty: string }).additionalProperty
        where = [...segments, key]
        const allowed = Object.keys(
          ((error.parentSchema as Record<string, unknown>).properties as object | undefined) ?? {}
        ).filter((k) => k !== '$schema')
        what = `unknown key '${key}' in ${dotted(segments)}; remove it or use one of ${allowed.join(', ')}`
        break
      }
      case 'required': {
        const key = (error.params as { missingProperty: string }).missingProperty
        what = `${dotted(segments)} needs '${key}'`
        break
      }
      case 'enum':
        what = `${dotted(segments)} is ${got}; ${hint ?? `use one of ${(error.schema as unknown[]).join(', ')}`}`
        break
      case 'type':
        what = `${dotted(segments)} must be ${(error.params as { type: string }).type}, got ${got}`
        break
      case 'oneOf':
      case 'anyOf':
        what = `${dotted(segments)}: ${hint ?? error.message ?? 'does not match'}`
        break
      case 'pattern':
      case 'format':
        what = `${dotted(segments)} ${got === undefined ? '' : `is ${got}; `}${hint ?? error.message ?? 'is not valid'}`
        break
      default:
        what = `${dotted(segments)} ${error.message ?? 'is not valid'}${hint ? `; ${hint}` : ''}`
    }
    const line = lineOf(where) ?? lineOf(segments) ?? 1
    const message = `${file}:${line}: ${what}`
    if (!seen.has(message)) out.push(message)
    seen.add(message)
  }
  return out
}

function readContracts(
  raw: Record<string, unknown>,
  config: ContractCheckConfig,
  lineOf: (segments: string[]) => number | null,
  file: string
): string[] {
  const problems: string[] = []
  const names = new Map<string, number>()
  const list = (raw.contracts as Record<string, unknown>[] | undefined) ?? []
  list.forEach((entry, index) => {
    const { kind, name, path, paths, ...settings } = entry
    const allPaths = path !== undefined ? [path as string] : (paths as string[])
    const line = lineOf(['contracts', String(index)])
    for (const p of allPaths) {
      if (p.startsWith('/') || p.split(/[\\/]/).includes('..')) {
        problems.push(
          `${file}:${line ?? 1}: contracts[${index}] path '${p}' must stay inside the repository; write it relative to the repository root`
        )
      }
    }
    const finalName = (name as string | undefined) ?? allPaths[0] ?? `contract-${index + 1}`
    const previous = names.get(finalName)
    if (previous !== undefined) {
      problems.push(
        `${file}:${line ?? 1}: contracts[${index}] has the same name '${finalName}' as contracts[${previous}]; give one of them another \`name:\``
      )
    }
    names.set(finalName, index)
    const contract: ContractEntry = {
      kind: kind as ContractKind,
      name: finalName,
      paths: allPaths,
      settings,
      line
    }
    config.contracts.push(contract)
  })
  return problems
}

function readIgnores(
  raw: Record<string, unknown>,
  config: ContractCheckConfig,
  lineOf: (segments: string[]) => number | null,
  file: string
): string[] {
  const problems: string[] = []
  const list = (raw.ignore as Record<string, string>[] | undefined) ?? []
  list.forEach((entry, index) => {
    const line = lineOf(['ignore', String(index)])
    if (entry.expires !== undefined && !isRealDate(entry.expires)) {
      problems.push(
        `${file}:${lineOf(['ignore', String(index), 'expires']) ?? line ?? 1}: ignore[${index}].expires '${entry.expires}' is not a calendar date; write it as YYYY-MM-DD`
      )
    }
    const ignore: IgnoreEntry = { reason: entry.reason as string, line }
    for (const key of [
      'id',
      'operation',
      'path',
      'symbol',
      'fingerprint',
      'contract',
      'expires'
    ] as const) {
      if (entry[key] !== undefined) ignore[key] = entry[key]
    }
    config.ignore.push(ignore)
  })
  const known = new Set(config.contracts.map((c) => c.name))
  config.ignore.forEach((entry, index) => {
    if (entry.contract !== undefined && !known.has(entry.contract)) {
      problems.push(
        `${file}:${lineOf(['ignore', String(index), 'contract']) ?? 1}: ignore[${index}].contract '${entry.contract}' names no contract; use one of ${[...known].join(', ') || '(none configured)'}`
      )
    }
  })
  return problems
}

function readRest(raw: Record<string, unknown>, config: ContractCheckConfig): void {
  if (raw['fail-on'] !== undefined) config.failOn = raw['fail-on'] as FailOn
  const rollbackImpact = raw['rollback-impact']
  if (rollbackImpact !== undefined)
    config.rollbackImpact = rollbackImpact === 'on' || rollbackImpact === true
  if (raw.overrides) config.overrides = { ...(raw.overrides as Record<string, ChangeLevel>) }
  const baseline = (raw.baseline ?? {}) as Record<string, unknown>
  const pattern = baseline['tag-pattern']
  if (pattern !== undefined)
    config.baseline.tagPatterns = Array.isArray(pattern) ? pattern : [pattern as string]
  if (baseline['include-prereleases'] !== undefined)
    config.baseline.includePrereleases = baseline['include-prereleases'] as boolean
  if (baseline['github-releases'] !== undefined)
    config.baseline.githubReleases = baseline['github-releases'] as boolean
  if (baseline.manifests !== undefined) config.baseline.manifests = baseline.manifests as boolean
  if (baseline.remote !== undefined) config.baseline.remote = baseline.remote as string
  const version = (raw.version ?? {}) as Record<string, unknown>
  if (version.files !== undefined) config.version.files = version.files as string[]
  if (version.enforce !== undefined) config.version.enforce = version.enforce as boolean
  if (raw.manifest) config.manifest = raw.manifest as Record<string, unknown>
}

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === text
}
