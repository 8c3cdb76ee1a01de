import { InputError } from '../../core/errors.js'
import { isModuleVersion } from './versions.js'

/** A go.mod file, read as the go command reads it (golang.org/x/mod/modfile), with lines. */
export interface GoModFile {
  file: string
  module: { path: string; line: number; deprecated: string | null } | null
  go: { version: string; line: number } | null
  toolchain: { name: string; line: number } | null
  godebug: { key: string; value: string; line: number }[]
  require: Requirement[]
  replace: Replacement[]
  exclude: { path: string; version: string; line: number }[]
  retract: Retraction[]
}

export interface Requirement {
  path: string
  version: string
  indirect: boolean
  line: number
}

export interface ModuleRef {
  path: string
  version: string | null
}

export interface Replacement {
  old: ModuleRef
  new: ModuleRef
  /** The replacement is a directory: other modules cannot build against it. */
  local: boolean
  line: number
}

export interface Retraction {
  low: string
  high: string
  rationale: string
  line: number
}

interface Token {
  text: string
  quoted: boolean
}

interface Line {
  tokens: Token[]
  /** The comment at the end of the line, without `//`. */
  comment: string
  /** Comment lines directly above it. */
  before: string[]
  line: number
}

/** Parses go.mod text; `file` names it in errors. Unknown directives and a missing module are refused. */
export function parseGoMod(text: string, file: string): GoModFile {
  const mod: GoModFile = {
    file,
    module: null,
    go: null,
    toolchain: null,
    godebug: [],
    require: [],
    replace: [],
    exclude: [],
    retract: []
  }
  const fail = (line: number, what: string): never => {
    throw new InputError(
      `${file}:${line}: ${what}; fix go.mod (go mod edit -fmt shows the expected form).`
    )
  }
  const lines = lex(text, file)
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    if (l.tokens.length === 0) continue
    const verb = l.tokens[0]!.text
    const rest = l.tokens.slice(1)
    if (rest.length === 1 && rest[0]!.text === '(' && !rest[0]!.quoted) {
      let j = i + 1
      for (; j < lines.length; j++) {
        const entry = lines[j]!
        if (entry.tokens.length === 1 && entry.tokens[0]!.text === ')' && !entry.tokens[0]!.quoted)
          break
        if (entry.tokens.length === 0) continue
        directive(
          mod,
          verb,
          { ...entry, before: [...(j === i + 1 ? l.before : []), ...entry.before] },
          entry.tokens,
          fail
        )
      }
      if (j === lines.length) fail(l.line, `the ${verb} block is not closed with ')'`)
      i = j
      continue
    }
    directive(mod, verb, l, rest, fail)
  }
  if (!mod.module) fail(1, "no 'module' directive (an empty or truncated go.mod)")
  return mod
}

function directive(
  mod: GoModFile,
  verb: string,
  l: Line,
  args: Token[],
  fail: (line: number, what: string) => never
): void {
  const words = args.map((t) => t.text)
  switch (verb) {
    case 'module': {
      if (words.length !== 1) fail(l.line, 'module needs exactly one module path')
      const deprecated = [...l.before, l.comment]
        .map((c) => /^\s*Deprecated:\s*(.*)$/.exec(c)?.[1])
        .find((c) => c !== undefined)
      mod.module = { path: words[0]!, line: l.line, deprecated: deprecated ?? null }
      return
    }
    case 'go':
      if (words.length !== 1 || !/^\d+(\.\d+)*((rc|beta)\d+)?$/.test(words[0]!)) {
        fail(l.line, `'go ${words.join(' ')}' is not a Go version such as 1.22 or 1.22.3`)
      }
      mod.go = { version: words[0]!, line: l.line }
      return
    case 'toolchain':
      if (words.length !== 1) fail(l.line, 'toolchain needs exactly one name such as go1.22.3')
      mod.toolchain = { name: words[0]!, line: l.line }
      return
    case 'godebug': {
      const text = words.join(' ')
      const m = /^([^\s=]+)=(\S*)$/.exec(text)
      if (!m) fail(l.line, `'godebug ${text}' is not key=value`)
      mod.godebug.push({ key: m![1]!, value: m![2]!, line: l.line })
      return
    }
    case 'require': {
      if (words.length !== 2) fail(l.line, 'a requirement is a module path and a version')
      if (!isModuleVersion(words[1]!))
        fail(l.line, `'${words[1]}' is not a module version such as v1.2.3`)
      mod.require.push({
        path: words[0]!,
        version: words[1]!,
        indirect: /^\s*indirect\s*(;|$)/.test(l.comment),
        line: l.line
      })
      return
    }
    case 'exclude':
      if (words.length !== 2) fail(l.line, 'exclude needs a module path and a version')
      mod.exclude.push({ path: words[0]!, version: words[1]!, line: l.line })
      return
    case 'replace': {
      const arrow = words.indexOf('=>')
      if (arrow < 1 || arrow > 2 || words.length - arrow - 1 < 1 || words.length - arrow - 1 > 2) {
        fail(l.line, "replace is 'path [version] => path [version]'")
      }
      const target = { path: words[arrow + 1]!, version: words[arrow + 2] ?? null }
      mod.replace.push({
        old: { path: words[0]!, version: arrow === 2 ? words[1]! : null },
        new: target,
        local: target.version === null && isDirectoryPath(target.path),
        line: l.line
      })
      return
    }
    case 'retract': {
      const text = words.join(' ')
      const range = /^\[\s*([^\s,]+)\s*,\s*([^\s\]]+)\s*\]$/.exec(text)
      const low = range ? range[1]! : words[0]
      const high = range ? range[2]! : words[0]
      if (!low || !high || (!range && words.length !== 1))
        fail(l.line, "retract is 'version' or '[low, high]'")
      const rationale = [...l.before, l.comment]
        .map((c) => c.trim())
        .filter(Boolean)
        .join(' ')
      mod.retract.push({ low: low!, high: high!, rationale, line: l.line })
      return
    }
    case 'tool':
    case 'ignore':
      // they do not change what we compare
      return
    default:
      // The go command refuses an unknown directive too ("unknown directive"): a typo, not a feature.
      fail(
        l.line,
        `unknown directive '${verb}' (known: module, go, toolchain, godebug, require, replace, exclude, retract, tool, ignore); if a newer Go added it, update rollback-guard`
      )
  }
}

/** Like modfile.IsDirectoryPath: ./x, ../x, /x, and Windows paths. */
export function isDirectoryPath(p: string): boolean {
  return (
    p === '.' ||
    p === '..' ||
    p.startsWith('./') ||
    p.startsWith('../') ||
    p.startsWith('/') ||
    p.startsWith('.\\') ||
    p.startsWith('..\\') ||
    /^[A-Za-z]:[\\/]/.test(p)
  )
}

/** A Go interpreted string literal; one JSON cannot read (a control character) names its line. */
function unquote(literal: string, file: string, line: number): string {
  try {
    return JSON.parse(literal) as string
  } catch {
    throw new InputError(
      `${file}:${line}: the quoted string ${literal.slice(0, 40)} is not valid; fix go.mod.`
    )
  }
}

/** Splits go.mod into lines of tokens, with end-of-line and preceding comments. */
function lex(text: string, file: string): Line[] {
  const out: Line[] = []
  let pending: string[] = []
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (let n = 0; n < rawLines.length; n++) {
    const raw = rawLines[n]!
    const tokens: Token[] = []
    let comment = ''
    let i = 0
    while (i < raw.length) {
      const c = raw[i]!
      if (c === ' ' || c === '\t') {
        i++
      } else if (raw.startsWith('//', i)) {
        comment = raw.slice(i + 2)
        break
      } else if (c === '"' || c === '`') {
        let j = i + 1
        while (j < raw.length && raw[j] !== c) j += c === '"' && raw[j] === '\\' ? 2 : 1
        if (j >= raw.length) {
          throw new InputError(`${file}:${n + 1}: unterminated quoted string; fix go.mod.`)
        }
        const literal = raw.slice(i, j + 1)
        tokens.push({
          text: c === '"' ? unquote(literal, file, n + 1) : literal.slice(1, -1),
          quoted: true
        })
        i = j + 1
      } else if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
        tokens.push({ text: c, quoted: false })
        i++
      } else if (raw.startsWith('=>', i)) {
        tokens.push({ text: '=>', quoted: false })
        i += 2
      } else {
        let j = i
        while (
          j < raw.length &&
          !' \t()[],"`'.includes(raw[j]!) &&
          !raw.startsWith('//', j) &&
          !raw.startsWith('=>', j)
        )
          j++
        tokens.push({ text: raw.slice(i, j), quoted: false })
        i = j
      }
    }
    if (tokens.length === 0) {
      if (comment || raw.trim().startsWith('//')) pending.push(comment)
      else pending = []
      out.push({ tokens, comment, before: [], line: n + 1 })
      continue
    }
    out.push({ tokens: joinRetractRange(tokens), comment, before: pending, line: n + 1 })
    pending = []
  }
  return out
}

/** `[v1.0.0, v1.0.5]` stays one argument's worth of tokens for retract. */
function joinRetractRange(tokens: Token[]): Token[] {
  const open = tokens.findIndex((t) => t.text === '[' && !t.quoted)
  if (open < 0) return tokens
  const close = tokens.findIndex((t, i) => i > open && t.text === ']' && !t.quoted)
  if (close < 0) return tokens
  const inner = tokens
    .slice(open + 1, close)
    .map((t) => t.text)
    .join(' ')
    .replace(/\s*,\s*/, ', ')
  return [
    ...tokens.slice(0, open),
    { text: `[${inner}]`, quoted: false },
    ...tokens.slice(close + 1)
  ]
}
