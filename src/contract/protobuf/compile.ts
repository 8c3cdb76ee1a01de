import { InputError } from '../../core/errors.js'
import { enumFeature, messageFeature, optionBool, optionString } from './features.js'
import type { Message, ProtoEnum, ProtoFile, Span } from './model.js'
import { jsonNameOf, maxTagOf } from './parser.js'

/**
 * The compile errors buf reports (and refuses to compare on): unresolved imports and types,
 * names declared twice, bad or reused field numbers, reserved numbers and names in use. A
 * finding computed on a file that does not compile would be a guess, so these are input errors
 * naming `file:line:col`, in buf's words.
 */
export interface CompileDiagnostic {
  file: string
  line: number
  col: number
  message: string
}

export const diagnostic = (file: ProtoFile, at: Span, message: string): CompileDiagnostic => ({
  file: file.displayPath,
  line: at.line,
  col: at.col,
  message
})

/**
 * The "declared multiple times" check of one scope: declare each name of the scope (qualified or
 * not); buf reports a name declared twice once, at its first declaration, by its last component.
 */
export function duplicateNames(
  out: CompileDiagnostic[]
): (file: ProtoFile, name: string, at: Span) => void {
  const declared = new Map<string, [ProtoFile, Span] | null>()
  return (file, name, at) => {
    if (!declared.has(name)) declared.set(name, [file, at])
    else {
      const first = declared.get(name)
      const short = name.slice(name.lastIndexOf('.') + 1)
      if (first) out.push(diagnostic(first[0], first[1], `\`${short}\` declared multiple times`))
      declared.set(name, null)
    }
  }
}

/** Checks of one file alone (numbers, reserved ranges, names inside one message or enum). */
export function checkFile(file: ProtoFile, out: CompileDiagnostic[]): void {
  const forMessage = (m: Message): void => {
    // Nested types first, as buf reports them.
    const declareName = duplicateNames(out)
    const declare = (name: string, at: Span): void => declareName(file, name, at)
    for (const n of m.messages) if (!n.isMapEntry) declare(n.name, n.span)
    for (const e of m.enums) {
      declare(e.name, e.span)
      for (const v of e.values) declare(v.name, v.span)
    }
    const checkJson = file.syntax === 'proto3' || messageFeature(m, 'json_format') === 'ALLOW'
    const jsonNames = new Set<string>()
    const max = maxTagOf(m)
    const numbers = new Set<number>()
    const reservedNames = new Set(m.reservedNames)
    for (const f of m.fields) {
      declare(f.name, f.nameSpan)
      if (f.number < 1 || f.number > max || (f.number >= 19000 && f.number <= 19999)) {
        out.push(diagnostic(file, f.span, 'field number out of range'))
      } else if (numbers.has(f.number)) {
        out.push(diagnostic(file, f.span, `field number \`${f.number}\` used more than once`))
      } else if (m.reservedRanges.some((r) => f.number >= r.start && f.number <= r.end)) {
        out.push(diagnostic(file, f.span, `use of reserved field number \`${f.number}\``))
      } else if (m.extensionRanges.some((r) => f.number >= r.start && f.number <= r.end)) {
        out.push(diagnostic(file, f.span, `field number \`${f.number}\` is in an extension range`))
      }
      numbers.add(f.number)
      if (checkJson) {
        const json = optionString(f.options, 'json_name') || jsonNameOf(f.name)
        if (jsonNames.has(json)) {
          out.push(diagnostic(file, f.nameSpan, 'message fields have the same JSON name'))
        }
        jsonNames.add(json)
      }
      if (reservedNames.has(f.name)) {
        out.push(diagnostic(file, f.nameSpan, 'use of reserved message field name'))
      }
    }
    for (const o of m.oneofs) if (!o.synthetic) declare(o.name, o.span)
    for (const x of m.extensions) declare(x.name, x.nameSpan)
    for (const e of m.enums) forEnum(e)
    for (const n of m.messages) forMessage(n)
  }
  const forEnum = (e: ProtoEnum): void => {
    const first = e.values[0]
    if (first && first.number !== 0 && enumFeature(e, 'enum_type') === 'OPEN') {
      out.push(diagnostic(file, first.numberSpan, 'first value of open enum must be zero'))
    }
    if (optionBool(e.options, 'allow_alias')) return
    const seen = new Set<number>()
    for (const v of e.values) {
      if (seen.has(v.number)) {
        out.push(diagnostic(file, v.numberSpan, `enum value \`${v.number}\` used more than once`))
      }
      seen.add(v.number)
    }
  }
  // Package-level names (messages, enums and their values, services, extensions) are checked
  // across the files by the linker; here only what lives inside one element.
  for (const e of file.enums) forEnum(e)
  for (const m of file.messages) forMessage(m)
}

/** Throws the diagnostics as one InputError (none: nothing). */
export function throwIfAny(root: string, diagnostics: CompileDiagnostic[]): void {
  if (diagnostics.length === 0) return
  const sorted = [...diagnostics].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col
  )
  const shown = sorted.slice(0, 20).map((d) => `  ${d.file}:${d.line}:${d.col}: ${d.message}`)
  if (sorted.length > 20) shown.push(`  … and ${sorted.length - 20} more`)
  throw new InputError(
    `${root}: ${sorted.length} compile error(s) in the .proto files (buf refuses to compare them too):\n` +
      `${shown.join('\n')}\nfix the files so that they compile (buf build), then compare again`
  )
}
