import { InputError } from '../../core/errors.js'

export type TokenType = 'ident' | 'int' | 'float' | 'string' | 'symbol' | 'eof'

export interface Token {
  type: TokenType
  /** Identifier or symbol text, number text, or the decoded string value. */
  text: string
  line: number
  col: number
  endLine: number
  endCol: number
}

/**
 * Names and literals of 13+ characters would be V8 sliced strings that keep the whole source
 * (mostly comments) alive; each distinct one is copied once and shared instead.
 */
const interned = new Map<string, string>()
const own = (s: string): string => {
  if (s.length < 13) return s
  let copy = interned.get(s)
  if (copy === undefined) {
    copy = Buffer.from(s, 'utf8').toString('utf8')
    if (interned.size > 1_000_000) interned.clear()
    interned.set(copy, copy)
  }
  return copy
}

/** Drops the shared copies once a load is done, so a long-lived process does not keep them. */
export function forgetInterned(): void {
  interned.clear()
}

const isIdentStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c)

/** A hand-written scanner over one .proto source: positions are 1-based lines and columns. */
export class Lexer {
  private pos = 0
  private line = 1
  private lineStart = 0
  private peeked: Token | null = null

  constructor(
    private readonly src: string,
    readonly file: string
  ) {}

  error(line: number, col: number, message: string): InputError {
    return new InputError(`${this.file}:${line}:${col}: ${message}`)
  }

  /** A position to come back to, for the few places the grammar needs two tokens of look-ahead. */
  mark(): { pos: number; line: number; lineStart: number; peeked: Token | null } {
    return { pos: this.pos, line: this.line, lineStart: this.lineStart, peeked: this.peeked }
  }

  reset(m: { pos: number; line: number; lineStart: number; peeked: Token | null }): void {
    this.pos = m.pos
    this.line = m.line
    this.lineStart = m.lineStart
    this.peeked = m.peeked
  }

  peek(): Token {
    if (!this.peeked) this.peeked = this.scan()
    return this.peeked
  }

  next(): Token {
    const t = this.peek()
    this.peeked = null
    return t
  }

  private skipSpaceAndComments(): void {
    const src = this.src
    for (;;) {
      const c = src.charCodeAt(this.pos)
      if (c === 10) {
        this.pos++
        this.line++
        this.lineStart = this.pos
      } else if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
        this.pos++
      } else if (c === 47 && src.charCodeAt(this.pos + 1) === 47) {
        const end = src.indexOf('\n', this.pos)
        this.pos = end < 0 ? src.length : end
      } else if (c === 47 && src.charCodeAt(this.pos + 1) === 42) {
        const startLine = this.line
        const startCol = this.pos - this.lineStart + 1
        const end = src.indexOf('*/', this.pos + 2)
        if (end < 0) throw this.error(startLine, startCol, 'unterminated block comment')
        for (let i = this.pos; i < end; i++) {
          if (src.charCodeAt(i) === 10) {
            this.line++
            this.lineStart = i + 1
          }
        }
        this.pos = end + 2
      } else {
        return
      }
    }
  }

  private tokenLine = 1
  private tokenCol = 1

  /** The token that started at tokenLine:tokenCol and ends here. */
  private readonly make = (type: TokenType, text: string): Token => ({
    type,
    text,
    line: this.tokenLine,
    col: this.tokenCol,
    endLine: this.line,
    endCol: this.pos - this.lineStart + 1
  })

  private scan(): Token {
    this.skipSpaceAndComments()
    const src = this.src
    const start = this.pos
    this.tokenLine = this.line
    this.tokenCol = start - this.lineStart + 1
    const make = this.make
    if (start >= src.length) return make('eof', '')
    const c = src.charCodeAt(start)
    if (isIdentStart(c)) {
      let p = start + 1
      while (p < src.length && isIdentPart(src.charCodeAt(p))) p++
      this.pos = p
      return make('ident', own(src.slice(start, p)))
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) return this.scanNumber(make)
    if (c === 34 || c === 39) return this.scanString(c, make)
    this.pos++
    return make('symbol', src[start] ?? '')
  }

  private scanNumber(make: (type: TokenType, text: string) => Token): Token {
    const src = this.src
    const start = this.pos
    let p = start
    let isFloat = false
    if (src[p] === '0' && (src[p + 1] === 'x' || src[p + 1] === 'X')) {
      p += 2
      while (p < src.length && /[0-9a-fA-F]/.test(src[p] ?? '')) p++
    } else {
      while (p < src.length && isDigit(src.charCodeAt(p))) p++
      if (src[p] === '.') {
        isFloat = true
        p++
        while (p < src.length && isDigit(src.charCodeAt(p))) p++
      }
      if (src[p] === 'e' || src[p] === 'E') {
        const q = src[p + 1] === '+' || src[p + 1] === '-' ? p + 2 : p + 1
        if (isDigit(src.charCodeAt(q))) {
          isFloat = true
          p = q
          while (p < src.length && isDigit(src.charCodeAt(p))) p++
        }
      }
      if (src[p] === 'f' || src[p] === 'F') {
        isFloat = true
        p++
      }
    }
    if (p < src.length && isIdentPart(src.charCodeAt(p))) {
      this.pos = p
      throw this.error(
        this.line,
        start - this.lineStart + 1,
        `invalid number "${src.slice(start, p + 1)}"`
      )
    }
    this.pos = p
    return make(isFloat ? 'float' : 'int', own(src.slice(start, p)))
  }

  private scanString(quote: number, make: (type: TokenType, text: string) => Token): Token {
    const src = this.src
    const startCol = this.pos - this.lineStart + 1
    let p = this.pos + 1
    // Fast path: no escape before the closing quote.
    let q = p
    for (;;) {
      const c = src.charCodeAt(q)
      if (c === quote) {
        this.pos = q + 1
        return make('string', own(src.slice(p, q)))
      }
      if (c === 92 || c === 10 || Number.isNaN(c)) break
      q++
    }
    let out = ''
    for (;;) {
      if (p >= src.length || src.charCodeAt(p) === 10) {
        throw this.error(this.line, startCol, 'unterminated string')
      }
      const c = src.charCodeAt(p)
      if (c === quote) {
        p++
        break
      }
      if (c !== 92) {
        out += src[p]
        p++
        continue
      }
      const e = src[p + 1] ?? ''
      p += 2
      switch (e) {
        case 'n':
          out += '\n'
          break
        case 't':
          out += '\t'
          break
        case 'r':
          out += '\r'
          break
        case 'a':
          out += '\x07'
          break
        case 'b':
          out += '\b'
          break
        case 'f':
          out += '\f'
          break
        case 'v':
          out += '\v'
          break
        case 'x':
        case 'X': {
          const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(p, p + 2))
          if (!m) throw this.error(this.line, p - this.lineStart, 'invalid hex escape')
          out += String.fromCharCode(parseInt(m[0], 16))
          p += m[0].length
          break
        }
        case 'u':
        case 'U': {
          const n = e === 'u' ? 4 : 8
          const hex = src.slice(p, p + n)
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) {
            throw this.error(this.line, p - this.lineStart, 'invalid unicode escape')
          }
          out += String.fromCodePoint(parseInt(hex, 16))
          p += n
          break
        }
        default:
          if (e >= '0' && e <= '7') {
            const m = /^[0-7]{1,3}/.exec(src.slice(p - 1, p + 2)) as RegExpExecArray
            out += String.fromCharCode(parseInt(m[0], 8))
            p += m[0].length - 1
          } else {
            out += e
          }
      }
    }
    this.pos = p
    return make('string', own(out))
  }
}
