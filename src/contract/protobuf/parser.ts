import { optionBool } from './features.js'
import { Lexer, type Token } from './lexer.js'
import type {
  EnumValue,
  Field,
  Message,
  Method,
  Oneof,
  OptionEntry,
  Options,
  OptionValue,
  ProtoEnum,
  ProtoFile,
  Service,
  Span,
  TagRange
} from './model.js'

/** Placeholder until an element's closing token is read; always replaced. */
const pendingSpan: Span = { line: 0, col: 0, endLine: 0, endCol: 0 }

/** Shared by every element without compact options; never written to. */
const noOptions: Options = []

export const MESSAGE_MAX_TAG = 536870911
export const MESSAGE_SET_MAX_TAG = 2147483646
/** The highest field number a message allows (a message set's is higher). */
export const maxTagOf = (m: Message): number =>
  optionBool(m.options, 'message_set_wire_format') ? MESSAGE_SET_MAX_TAG : MESSAGE_MAX_TAG
export const ENUM_MAX = 2147483647

const scalarTypes = new Set([
  'double',
  'float',
  'int64',
  'uint64',
  'int32',
  'fixed64',
  'fixed32',
  'bool',
  'string',
  'bytes',
  'uint32',
  'sfixed32',
  'sfixed64',
  'sint32',
  'sint64'
])

export const isScalarType = (t: string): boolean => scalarTypes.has(t)

const spanOf = (first: Token, last: Token): Span => ({
  line: first.line,
  col: first.col,
  endLine: last.endLine,
  endCol: last.endCol
})

/** protoc's default json_name: drop underscores, upper-case the letter after each. */
export function jsonNameOf(name: string): string {
  if (!name.includes('_')) return name
  return name.replace(/_+([^_])/g, (_m, c: string) => c.toUpperCase()).replace(/_+$/, '')
}

function mapEntryName(fieldName: string): string {
  let out = ''
  let upper = true
  for (const ch of fieldName) {
    if (ch === '_') upper = true
    else if (upper) {
      out += ch.toUpperCase()
      upper = false
    } else out += ch
  }
  return out + 'Entry'
}

/**
 * Recursive-descent parser for one .proto file (proto2, proto3, editions), keeping the span of
 * every element the breaking rules point at. Type names stay as written; linking resolves them.
 */
/** How deep messages (and groups) may nest: protobuf's own parsers stop at 100 as well. */
const maxNesting = 100

export class Parser {
  private nesting = 0
  private readonly lx: Lexer
  private last: Token
  private readonly file: ProtoFile

  constructor(src: string, path: string, displayPath: string) {
    this.lx = new Lexer(src, displayPath)
    this.last = { type: 'eof', text: '', line: 1, col: 1, endLine: 1, endCol: 1 }
    this.file = {
      path,
      displayPath,
      syntax: 'proto2',
      edition: null,
      syntaxSpan: null,
      package: '',
      packageSpan: null,
      imports: [],
      options: [],
      messages: [],
      enums: [],
      services: [],
      extensions: []
    }
  }

  private peek(): Token {
    return this.lx.peek()
  }

  private next(): Token {
    this.last = this.lx.next()
    return this.last
  }

  private fail(t: Token, expected: string): never {
    const found =
      t.type === 'eof' ? 'end of file' : t.type === 'string' ? `"${t.text}"` : `"${t.text}"`
    throw this.lx.error(t.line, t.col, `syntax error: expected ${expected}, found ${found}`)
  }

  private isSymbol(text: string): boolean {
    const t = this.peek()
    return t.type === 'symbol' && t.text === text
  }

  private isIdent(text?: string): boolean {
    const t = this.peek()
    return t.type === 'ident' && (text === undefined || t.text === text)
  }

  private expectSymbol(text: string): Token {
    const t = this.next()
    if (t.type !== 'symbol' || t.text !== text) this.fail(t, `"${text}"`)
    return t
  }

  private expectIdent(what = 'an identifier'): Token {
    const t = this.next()
    if (t.type !== 'ident') this.fail(t, what)
    return t
  }

  private expectInt(what: string): { value: number; token: Token } {
    let neg = false
    const first = this.peek()
    if (this.isSymbol('-')) {
      this.next()
      neg = true
    }
    const t = this.next()
    if (t.type !== 'int') this.fail(t, what)
    const v = parseIntLiteral(t.text)
    return { value: neg ? -v : v, token: neg ? { ...t, line: first.line, col: first.col } : t }
  }

  /** `foo.bar.Baz` or `.foo.Bar`, possibly with comments between parts. */
  private typeName(what = 'a type name'): { text: string; first: Token } {
    const first = this.peek()
    let text = ''
    if (this.isSymbol('.')) {
      this.next()
      text = '.'
    }
    text += this.expectIdent(what).text
    while (this.isSymbol('.')) {
      this.next()
      text += '.' + this.expectIdent(what).text
    }
    return { text, first }
  }

  parse(): ProtoFile {
    const f = this.file
    if (this.isIdent('syntax') || this.isIdent('edition')) {
      const kw = this.next()
      this.expectSymbol('=')
      const v = this.next()
      if (v.type !== 'string') this.fail(v, 'a quoted syntax or edition')
      const end = this.expectSymbol(';')
      f.syntaxSpan = spanOf(kw, end)
      if (kw.text === 'syntax') {
        if (v.text !== 'proto2' && v.text !== 'proto3') {
          throw this.lx.error(v.line, v.col, `unknown syntax "${v.text}"; use "proto2" or "proto3"`)
        }
        f.syntax = v.text
      } else {
        f.syntax = 'editions'
        f.edition = v.text
      }
    }
    for (;;) {
      const t = this.peek()
      if (t.type === 'eof') break
      if (t.type === 'symbol' && t.text === ';') {
        this.next()
        continue
      }
      if (t.type !== 'ident') this.fail(t, 'a top-level declaration')
      if (this.visibility()) continue
      switch (t.text) {
        case 'import': {
          this.next()
          let modifier: '' | 'public' | 'weak' = ''
          if (this.isIdent('public') || this.isIdent('weak')) {
            modifier = this.next().text as 'public' | 'weak'
          } else if (this.isIdent('option')) {
            // edition 2024 `import option`: a dependency for options only.
            this.next()
          }
          const p = this.next()
          if (p.type !== 'string') this.fail(p, 'a quoted import path')
          const end = this.expectSymbol(';')
          f.imports.push({ path: p.text, modifier, span: spanOf(t, end) })
          break
        }
        case 'package': {
          this.next()
          const name = this.typeName('a package name')
          const end = this.expectSymbol(';')
          f.package = name.text
          f.packageSpan = spanOf(t, end)
          break
        }
        case 'option':
          f.options.push(this.optionStatement())
          break
        case 'message':
          f.messages.push(this.message(null, f.package))
          break
        case 'enum':
          f.enums.push(this.enumDecl(null, f.package))
          break
        case 'service':
          f.services.push(this.service())
          break
        case 'extend':
          this.extend(null, f.package, f.extensions, f.messages)
          break
        default:
          this.fail(t, 'import, package, option, message, enum, service or extend')
      }
    }
    return f
  }

  /** Edition 2024 `local`/`export` before a message or enum: consumed, the declaration follows. */
  private visibility(): boolean {
    const t = this.peek()
    if (t.type !== 'ident' || (t.text !== 'local' && t.text !== 'export')) return false
    const save = this.lx.mark()
    this.next()
    if (this.isIdent('message') || this.isIdent('enum')) return true
    this.lx.reset(save)
    return false
  }

  private optionName(): string {
    let name = ''
    for (;;) {
      if (this.isSymbol('(')) {
        this.next()
        const n = this.typeName('an extension name')
        this.expectSymbol(')')
        name += `(${n.text})`
      } else {
        name += this.expectIdent('an option name').text
      }
      if (!this.isSymbol('.')) return name
      this.next()
      name += '.'
    }
  }

  private optionValue(): OptionValue {
    const t = this.peek()
    if (t.type === 'string') {
      let value = ''
      while (this.peek().type === 'string') value += this.next().text
      return { kind: 'string', value }
    }
    if (t.type === 'symbol' && t.text === '{') return { kind: 'aggregate', value: this.aggregate() }
    let sign = ''
    if (t.type === 'symbol' && (t.text === '-' || t.text === '+')) {
      sign = this.next().text === '-' ? '-' : ''
    }
    const v = this.next()
    if (v.type === 'int' || v.type === 'float') {
      const text = sign + v.text
      const n = v.type === 'int' ? parseIntLiteral(v.text) : parseFloat(v.text.replace(/[fF]$/, ''))
      return { kind: 'number', value: sign ? -n : n, text }
    }
    if (v.type === 'ident') {
      if (!sign && (v.text === 'true' || v.text === 'false'))
        return { kind: 'bool', value: v.text === 'true' }
      if (v.text === 'inf' || v.text === 'nan') {
        const n = v.text === 'inf' ? Infinity : NaN
        return { kind: 'number', value: sign ? -n : n, text: sign + v.text }
      }
      let name = v.text
      while (this.isSymbol('.')) {
        this.next()
        name += '.' + this.expectIdent().text
      }
      return { kind: 'ident', value: sign + name }
    }
    return this.fail(v, 'an option value')
  }

  /** A text-format message literal; top-level scalar entries are kept (features need no more). */
  private aggregate(): Record<string, string> {
    const out: Record<string, string> = {}
    this.expectSymbol('{')
    let depth = 1
    let key: string | null = null
    let expectValue = false
    while (depth > 0) {
      const t = this.next()
      if (t.type === 'eof') this.fail(t, '"}"')
      if (t.type === 'symbol') {
        if (t.text === '{' || t.text === '<') depth++
        else if (t.text === '}' || t.text === '>') depth--
        else if (t.text === ':' && depth === 1) expectValue = true
        continue
      }
      if (depth !== 1) continue
      if (expectValue && key !== null) {
        out[key] = t.text
        key = null
        expectValue = false
      } else if (t.type === 'ident') {
        key = t.text
      }
    }
    return out
  }

  private optionStatement(): OptionEntry {
    const first = this.next()
    const name = this.optionName()
    this.expectSymbol('=')
    const value = this.optionValue()
    const end = this.expectSymbol(';')
    return { name, value, span: spanOf(first, end) }
  }

  /** `[a = 1, (b).c = "x"]` */
  private compactOptions(): Options {
    if (!this.isSymbol('[')) return noOptions
    const out: Options = []
    this.next()
    for (;;) {
      const first = this.peek()
      const name = this.optionName()
      this.expectSymbol('=')
      const value = this.optionValue()
      out.push({ name, value, span: spanOf(first, this.last) })
      if (this.isSymbol(',')) {
        this.next()
        continue
      }
      this.expectSymbol(']')
      return out
    }
  }

  private newMessage(name: string, first: Token, parent: Message | null, scope: string): Message {
    const fullName = scope ? `${scope}.${name}` : name
    return {
      name,
      fullName,
      nestedName: parent ? `${parent.nestedName}.${name}` : name,
      span: pendingSpan,
      file: this.file,
      parent,
      fields: [],
      oneofs: [],
      messages: [],
      enums: [],
      extensions: [],
      reservedRanges: [],
      reservedNames: [],
      extensionRanges: [],
      options: [],
      isMapEntry: false
    }
  }

  private message(parent: Message | null, scope: string): Message {
    const first = this.next()
    const name = this.expectIdent('a message name').text
    const m = this.newMessage(name, first, parent, scope)
    this.messageBody(m)
    m.span = spanOf(first, this.last)
    return m
  }

  private messageBody(m: Message): void {
    const open = this.peek()
    this.expectSymbol('{')
    // Every later step walks nested messages recursively: a limit here is a clear input error
    // instead of a bare "Maximum call stack size exceeded" somewhere further on.
    if (++this.nesting > maxNesting)
      throw this.lx.error(
        open.line,
        open.col,
        `messages are nested more than ${maxNesting} deep; no real schema needs this, flatten the nesting`
      )
    try {
      this.messageItems(m)
    } finally {
      this.nesting--
    }
  }

  private messageItems(m: Message): void {
    for (;;) {
      const t = this.peek()
      if (t.type === 'symbol' && t.text === '}') {
        this.next()
        return
      }
      if (t.type === 'symbol' && t.text === ';') {
        this.next()
        continue
      }
      if (t.type === 'symbol' && t.text === '.') {
        this.field(m, m.fullName, m.fields, m.messages, null, null)
        continue
      }
      if (t.type !== 'ident') this.fail(t, 'a field, message, enum, oneof, option or "}"')
      if (this.visibility()) continue
      switch (t.text) {
        case 'message':
          m.messages.push(this.message(m, m.fullName))
          continue
        case 'enum':
          m.enums.push(this.enumDecl(m, m.fullName))
          continue
        case 'option':
          m.options.push(this.optionStatement())
          continue
        case 'oneof':
          this.oneof(m)
          continue
        case 'extend':
          this.extend(m, m.fullName, m.extensions, m.messages)
          continue
        case 'reserved':
          this.reserved(m.reservedRanges, m.reservedNames, MESSAGE_MAX_TAG)
          continue
        case 'extensions': {
          this.next()
          const ranges = this.ranges(MESSAGE_MAX_TAG)
          this.compactOptions()
          this.expectSymbol(';')
          m.extensionRanges.push(...ranges)
          continue
        }
        default:
          this.field(m, m.fullName, m.fields, m.messages, null, null)
      }
    }
  }

  private oneof(m: Message): void {
    const first = this.next()
    const name = this.expectIdent('a oneof name').text
    const o: Oneof = { name, span: pendingSpan, options: [], synthetic: false, fields: [] }
    m.oneofs.push(o)
    this.expectSymbol('{')
    for (;;) {
      const t = this.peek()
      if (t.type === 'symbol' && t.text === '}') break
      if (t.type === 'symbol' && t.text === ';') {
        this.next()
        continue
      }
      if (t.type === 'ident' && t.text === 'option') {
        o.options.push(this.optionStatement())
        continue
      }
      this.field(m, m.fullName, m.fields, m.messages, o, null)
    }
    o.span = spanOf(first, this.next())
  }

  private extend(
    parent: Message | null,
    scope: string,
    into: Field[],
    groupsInto: Message[]
  ): void {
    this.next()
    const extendee = this.typeName('an extended message name').text
    this.expectSymbol('{')
    for (;;) {
      const t = this.peek()
      if (t.type === 'symbol' && t.text === '}') {
        this.next()
        return
      }
      if (t.type === 'symbol' && t.text === ';') {
        this.next()
        continue
      }
      this.field(parent, scope, into, groupsInto, null, extendee)
    }
  }

  private field(
    parent: Message | null,
    scope: string,
    into: Field[],
    groupsInto: Message[],
    oneof: Oneof | null,
    extendee: string | null
  ): void {
    const first = this.peek()
    let label: Field['label'] = ''
    if (
      first.type === 'ident' &&
      (first.text === 'optional' || first.text === 'required' || first.text === 'repeated')
    ) {
      // `optional` may also be a message type name; a label is followed by another name.
      this.next()
      const after = this.peek()
      if (after.type === 'ident' || (after.type === 'symbol' && after.text === '.')) {
        label = first.text as Field['label']
      } else {
        this.fail(after, 'a field type')
      }
    }
    const typeTok = this.peek()
    let typeText: string
    let typeSpan: Span
    let mapTypes: { key: string; value: string } | null = null
    if (typeTok.type === 'ident' && typeTok.text === 'map' && !label) {
      this.next()
      if (this.isSymbol('<')) {
        this.next()
        const key = this.expectIdent('a map key type').text
        this.expectSymbol(',')
        const value = this.typeName('a map value type').text
        const close = this.expectSymbol('>')
        mapTypes = { key, value }
        typeText = `map<${key}, ${value}>`
        typeSpan = spanOf(typeTok, close)
      } else {
        let text = 'map'
        while (this.isSymbol('.')) {
          this.next()
          text += '.' + this.expectIdent().text
        }
        typeText = text
        typeSpan = spanOf(typeTok, this.last)
      }
    } else {
      typeText = this.typeName('a field type').text
      typeSpan = spanOf(typeTok, this.last)
    }
    const nameTok = this.expectIdent('a field name')
    this.expectSymbol('=')
    const { value: number } = this.expectInt('a field number')
    const options = this.compactOptions()
    const isGroup = typeText === 'group' && this.isSymbol('{')
    const field: Field = {
      name: nameTok.text,
      number,
      label,
      typeText,
      span: pendingSpan,
      typeSpan,
      nameSpan: spanOf(nameTok, nameTok),
      options,
      oneof,
      extendee,
      scope,
      parent,
      file: this.file,
      kind: 'message',
      typeName: '',
      mapEntry: null,
      isGroupSyntax: isGroup,
      fullName: ''
    }
    if (isGroup) {
      // A group is a field plus a nested message of the same (capitalised) name.
      const g = this.newMessage(nameTok.text, first, parent, scope)
      this.messageBody(g)
      g.span = spanOf(first, this.last)
      field.name = nameTok.text.toLowerCase()
      field.typeText = nameTok.text
      field.typeSpan = spanOf(nameTok, nameTok)
      groupsInto.push(g)
    } else {
      this.expectSymbol(';')
    }
    field.span = spanOf(first, this.last)
    if (mapTypes) {
      const entry = this.newMessage(mapEntryName(field.name), first, parent, scope)
      entry.isMapEntry = true
      entry.span = field.span
      const mk = (name: string, num: number, type: string): Field => ({
        ...field,
        name,
        number: num,
        label: 'optional',
        typeText: type,
        options: noOptions,
        oneof: null,
        extendee: null,
        scope,
        parent: entry,
        mapEntry: null
      })
      entry.fields.push(mk('key', 1, mapTypes.key), mk('value', 2, mapTypes.value))
      groupsInto.push(entry)
      field.label = 'repeated'
      field.typeText = entry.name
      field.mapEntry = entry
    }
    into.push(field)
    if (oneof) oneof.fields.push(field)
  }

  private ranges(max: number): TagRange[] {
    const out: TagRange[] = []
    for (;;) {
      const start = this.expectInt('a number or range')
      let end = start.value
      if (this.isIdent('to')) {
        this.next()
        if (this.isIdent('max')) {
          this.next()
          end = max
        } else {
          end = this.expectInt('a number or "max"').value
        }
      }
      out.push({ start: start.value, end, span: spanOf(start.token, this.last) })
      if (!this.isSymbol(',')) return out
      this.next()
    }
  }

  private reserved(ranges: TagRange[], names: string[], max: number): void {
    this.next()
    const t = this.peek()
    if (t.type === 'string' || t.type === 'ident') {
      for (;;) {
        const n = this.next()
        if (n.type !== 'string' && n.type !== 'ident') this.fail(n, 'a reserved name')
        names.push(n.text)
        if (!this.isSymbol(',')) break
        this.next()
      }
    } else {
      ranges.push(...this.ranges(max))
    }
    this.expectSymbol(';')
  }

  private enumDecl(parent: Message | null, scope: string): ProtoEnum {
    const first = this.next()
    const name = this.expectIdent('an enum name').text
    const e: ProtoEnum = {
      name,
      fullName: scope ? `${scope}.${name}` : name,
      nestedName: parent ? `${parent.nestedName}.${name}` : name,
      span: pendingSpan,
      file: this.file,
      parent,
      values: [],
      reservedRanges: [],
      reservedNames: [],
      options: []
    }
    this.expectSymbol('{')
    for (;;) {
      const t = this.peek()
      if (t.type === 'symbol' && t.text === '}') break
      if (t.type === 'symbol' && t.text === ';') {
        this.next()
        continue
      }
      if (t.type !== 'ident') this.fail(t, 'an enum value, option, reserved or "}"')
      if (t.text === 'option') {
        e.options.push(this.optionStatement())
        continue
      }
      if (t.text === 'reserved') {
        this.reserved(e.reservedRanges, e.reservedNames, ENUM_MAX)
        continue
      }
      this.next()
      this.expectSymbol('=')
      const num = this.expectInt('an enum value number')
      const options = this.compactOptions()
      const end = this.expectSymbol(';')
      const v: EnumValue = {
        name: t.text,
        number: num.value,
        span: spanOf(t, end),
        numberSpan: spanOf(num.token, num.token),
        options
      }
      e.values.push(v)
    }
    e.span = spanOf(first, this.next())
    return e
  }

  private service(): Service {
    const first = this.next()
    const name = this.expectIdent('a service name').text
    const pkg = this.file.package
    const s: Service = {
      name,
      fullName: pkg ? `${pkg}.${name}` : name,
      span: pendingSpan,
      file: this.file,
      methods: [],
      options: []
    }
    this.expectSymbol('{')
    for (;;) {
      const t = this.peek()
      if (t.type === 'symbol' && t.text === '}') break
      if (t.type === 'symbol' && t.text === ';') {
        this.next()
        continue
      }
      if (t.type === 'ident' && t.text === 'option') {
        s.options.push(this.optionStatement())
        continue
      }
      if (t.type !== 'ident' || t.text !== 'rpc') this.fail(t, '"rpc", "option" or "}"')
      s.methods.push(this.method(s))
    }
    s.span = spanOf(first, this.next())
    return s
  }

  private method(s: Service): Method {
    const first = this.next()
    const name = this.expectIdent('an rpc name').text
    const side = (): { text: string; span: Span; stream: boolean } => {
      this.expectSymbol('(')
      let stream = false
      const t = this.peek()
      if (t.type === 'ident' && t.text === 'stream') {
        this.next()
        // `stream` may itself be a type name: `rpc M(stream)`.
        if (this.isSymbol(')')) {
          this.expectSymbol(')')
          return { text: 'stream', span: spanOf(t, t), stream: false }
        }
        stream = true
      }
      const typeTok = this.peek()
      const n = this.typeName('a message type')
      const span = spanOf(typeTok, this.last)
      this.expectSymbol(')')
      return { text: n.text, span, stream }
    }
    const input = side()
    const ret = this.expectIdent('"returns"')
    if (ret.text !== 'returns') this.fail(ret, '"returns"')
    const output = side()
    const options: Options = []
    let end: Token
    if (this.isSymbol('{')) {
      this.next()
      for (;;) {
        const t = this.peek()
        if (t.type === 'symbol' && t.text === '}') {
          end = this.next()
          break
        }
        if (t.type === 'symbol' && t.text === ';') {
          this.next()
          continue
        }
        if (t.type !== 'ident' || t.text !== 'option') this.fail(t, '"option" or "}"')
        options.push(this.optionStatement())
      }
      if (this.isSymbol(';')) this.next()
    } else {
      end = this.expectSymbol(';')
    }
    return {
      name,
      span: spanOf(first, end),
      inputText: input.text,
      outputText: output.text,
      inputSpan: input.span,
      outputSpan: output.span,
      clientStreaming: input.stream,
      serverStreaming: output.stream,
      options,
      inputType: '',
      outputType: '',
      service: s
    }
  }
}

export function parseIntLiteral(text: string): number {
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16)
  if (text.length > 1 && text.startsWith('0')) return parseInt(text, 8)
  return parseInt(text, 10)
}

/** Parses one file; a syntax error is an InputError naming `displayPath:line:col`. */
export function parseProto(src: string, path: string, displayPath = path): ProtoFile {
  return new Parser(src, path, displayPath).parse()
}
