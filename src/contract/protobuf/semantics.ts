import {
  enumFeature,
  fieldFeature,
  fieldFeatureEntry,
  optionBool,
  optionEntry,
  optionString
} from './features.js'
import type { TreeIndex } from './index-tree.js'
import type { Field, OptionEntry, ProtoEnum } from './model.js'
import { jsonNameOf } from './parser.js'

/** What protoc's descriptors would say about a field, computed from the source. */

export type Cardinality =
  | 'optional with explicit presence'
  | 'optional with implicit presence'
  | 'required'
  | 'repeated'
  | 'map'

export const isMap = (f: Field): boolean => f.mapEntry !== null
export const isList = (f: Field): boolean => f.label === 'repeated' && f.mapEntry === null

export function isRequired(f: Field): boolean {
  if (f.label === 'required') return true
  return (
    f.file.syntax === 'editions' &&
    !f.extendee &&
    fieldFeature(f, 'field_presence') === 'LEGACY_REQUIRED'
  )
}

export function hasPresence(f: Field): boolean {
  if (f.label === 'repeated') return false
  if (f.kind === 'message' || f.kind === 'group' || f.oneof || f.extendee) return true
  if (f.file.syntax === 'proto2') return true
  if (f.file.syntax === 'proto3') return f.label === 'optional'
  return fieldFeature(f, 'field_presence') !== 'IMPLICIT'
}

export function cardinalityOf(f: Field): Cardinality {
  if (isList(f)) return 'repeated'
  if (isMap(f)) return 'map'
  if (isRequired(f)) return 'required'
  return hasPresence(f) ? 'optional with explicit presence' : 'optional with implicit presence'
}

export const inMapEntry = (f: Field): boolean => f.parent?.isMapEntry === true

export function kindString(f: Field): string {
  if (f.kind === 'group' && f.file.syntax !== 'proto2') return 'message (delimited encoding)'
  return f.kind
}

export function jsonNameOfField(f: Field): string {
  const o = optionEntry(f.options, 'json_name')
  return o && o.value.kind === 'string' ? o.value.value : jsonNameOf(f.name)
}

export function isEnumClosed(e: ProtoEnum): boolean {
  return enumFeature(e, 'enum_type') === 'CLOSED'
}

export function jstypeOf(f: Field): string {
  return optionString(f.options, 'jstype') || 'JS_NORMAL'
}

export function utf8ValidationOf(f: Field): string {
  return fieldFeature(f, 'utf8_validation')
}

/** [string type, is string_piece], as buf's fieldCppStringType. */
export function cppStringTypeOf(f: Field): [string, boolean] {
  const ctype = optionEntry(f.options, 'ctype')
  if (ctype && Number(f.file.edition ?? 0) < 2024) {
    const v = String(ctype.value.value)
    if (v === 'CORD') return ['CORD', false]
    if (v === 'STRING_PIECE') return ['STRING', true]
    if (v === 'STRING' || f.file.syntax !== 'editions') return ['STRING', false]
  }
  return [fieldFeature(f, '(pb.cpp).string_type'), false]
}

export function cppStringTypeEntry(f: Field): OptionEntry | undefined {
  return optionEntry(f.options, 'ctype') ?? fieldFeatureEntry(f, '(pb.cpp).string_type')
}

export function javaUtf8ValidationOf(f: Field): string {
  const defaultValue = fieldFeature(f, 'utf8_validation')
  const check = optionEntry(f.file.options, 'java_string_check_utf8')
  if (f.file.syntax !== 'editions' || check) {
    return optionBool(f.file.options, 'java_string_check_utf8') ? 'VERIFY' : defaultValue
  }
  return fieldFeature(f, '(pb.java).utf8_validation') === 'VERIFY' ? 'VERIFY' : defaultValue
}

export interface FieldDefault {
  /** A string for string/bytes, a number otherwise (bool and enum as numbers). */
  comparable: string | number | bigint
  printable: string
  isString: boolean
  isFloat32: boolean
}

const isFloatKind = (f: Field): boolean => f.kind === 'float' || f.kind === 'double'

/** Go's %v for a float64: shortest digits, exponent form when the exponent is < -4 or >= 6. */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf'
  if (v === 0) return Object.is(v, -0) ? '-0' : '0'
  const [mant, expText] = v.toExponential().split('e') as [string, string]
  const exp = Number(expText)
  if (exp < -4 || exp >= 6) {
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
  }
  return String(v)
}

function goQuote(s: string): string {
  return JSON.stringify(s)
}

export function canHaveDefault(f: Field): boolean {
  return !isList(f) && !isMap(f) && f.kind !== 'message' && f.kind !== 'group'
}

export function defaultOf(f: Field, index: TreeIndex): FieldDefault {
  const o = optionEntry(f.options, 'default')
  const v = o?.value
  if (f.kind === 'string' || f.kind === 'bytes') {
    const s = v && v.kind === 'string' ? v.value : ''
    const printable =
      f.kind === 'string'
        ? goQuote(s)
        : '[' +
          Array.from(s)
            .map((c) => '0x' + c.charCodeAt(0).toString(16).toUpperCase())
            .join(',') +
          ']'
    return { comparable: s, printable, isString: true, isFloat32: false }
  }
  if (f.kind === 'enum') {
    const e = index.enums.get(f.typeName.slice(1))
    let valueName = v && v.kind === 'ident' ? v.value : undefined
    let num = 0
    if (valueName !== undefined) {
      num = e?.values.find((x) => x.name === valueName)?.number ?? 0
    } else if (e && e.values[0]) {
      num = e.values[0].number
      valueName = e.values[0].name
    }
    const printable = e ? `${e.name}.${valueName ?? num}` : String(num)
    return { comparable: num, printable, isString: false, isFloat32: false }
  }
  if (f.kind === 'bool') {
    const b = v && v.kind === 'bool' ? v.value : false
    return { comparable: b ? 1 : 0, printable: String(b), isString: false, isFloat32: false }
  }
  const n = v && v.kind === 'number' ? v.value : 0
  if (isFloatKind(f)) {
    return { comparable: n, printable: goFloat(n), isString: false, isFloat32: f.kind === 'float' }
  }
  const big = v && v.kind === 'number' ? BigInt(v.text.replace(/^(-?)0[xX]/, '$10x')) : 0n
  return { comparable: big, printable: big.toString(), isString: false, isFloat32: false }
}

export function isZeroDefault(d: FieldDefault): boolean {
  return d.comparable === '' || d.comparable === 0 || d.comparable === 0n
}

export function defaultsEqual(a: FieldDefault, b: FieldDefault): boolean {
  if (a.isString || b.isString) return a.comparable === b.comparable
  const toNum = (x: FieldDefault): number => Number(x.comparable)
  if (
    a.isFloat32 !== b.isFloat32 &&
    typeof a.comparable === 'number' &&
    typeof b.comparable === 'number'
  ) {
    return (
      Math.fround(toNum(a)) === Math.fround(toNum(b)) ||
      (Number.isNaN(toNum(a)) && Number.isNaN(toNum(b)))
    )
  }
  if (typeof a.comparable === 'bigint' && typeof b.comparable === 'bigint')
    return a.comparable === b.comparable
  const x = toNum(a)
  const y = toNum(b)
  return x === y || (Number.isNaN(x) && Number.isNaN(y))
}

export const is64bitInteger = (f: Field): boolean =>
  f.kind === 'int64' ||
  f.kind === 'sint64' ||
  f.kind === 'uint64' ||
  f.kind === 'fixed64' ||
  f.kind === 'sfixed64'
