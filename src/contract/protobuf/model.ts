/** The loaded form of a .proto tree: what the parser saw, with positions, plus what linking resolved. */

/** 1-based line and column of the first character, and of the character after the last one. */
export interface Span {
  line: number
  col: number
  endLine: number
  endCol: number
}

export type OptionValue =
  | { kind: 'ident'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'aggregate'; value: Record<string, string> }

export interface OptionEntry {
  /** As written, with parentheses kept for extensions: `go_package`, `features.field_presence`, `(foo.bar).baz`. */
  name: string
  value: OptionValue
  span: Span
}

export type Options = OptionEntry[]

export interface TagRange {
  start: number
  /** Inclusive; `max` resolved to the element's maximum. */
  end: number
  span: Span
}

export type Syntax = 'proto2' | 'proto3' | 'editions'

export interface ProtoFile {
  /** Path relative to the module root, with forward slashes: the import path. */
  path: string
  /** Path relative to the root the tree was loaded from (differs from `path` in buf v2 modules). */
  displayPath: string
  syntax: Syntax
  /** `2023`, `2024` for editions files. */
  edition: string | null
  syntaxSpan: Span | null
  package: string
  packageSpan: Span | null
  imports: { path: string; modifier: '' | 'public' | 'weak'; span: Span }[]
  options: Options
  messages: Message[]
  enums: ProtoEnum[]
  services: Service[]
  extensions: Field[]
}

export interface Message {
  name: string
  fullName: string
  /** Name relative to the package: `Outer.Inner`. */
  nestedName: string
  span: Span
  file: ProtoFile
  parent: Message | null
  fields: Field[]
  oneofs: Oneof[]
  messages: Message[]
  enums: ProtoEnum[]
  extensions: Field[]
  reservedRanges: TagRange[]
  reservedNames: string[]
  extensionRanges: TagRange[]
  options: Options
  /** Synthesised for a `map<K, V>` field. */
  isMapEntry: boolean
}

/** What a field's type resolved to. `group` is a delimited-encoded message. */
export type FieldKind =
  | 'double'
  | 'float'
  | 'int64'
  | 'uint64'
  | 'int32'
  | 'fixed64'
  | 'fixed32'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'uint32'
  | 'sfixed32'
  | 'sfixed64'
  | 'sint32'
  | 'sint64'
  | 'enum'
  | 'message'
  | 'group'

export interface Field {
  name: string
  number: number
  label: '' | 'optional' | 'required' | 'repeated'
  /** The type as written (`.foo.Bar`, `Bar`, `int32`, `map<string, Foo>`). */
  typeText: string
  span: Span
  typeSpan: Span
  nameSpan: Span
  options: Options
  oneof: Oneof | null
  /** Set for extensions: the extended message as written, then resolved to its full name. */
  extendee: string | null
  /** The extendee as written, kept by linking. */
  extendeeText?: string
  /** Scope the field was declared in (for name resolution): a message full name or the package. */
  scope: string
  parent: Message | null
  file: ProtoFile
  /** Filled by linking. */
  kind: FieldKind
  /** Fully-qualified name with a leading dot for enum/message/group types, '' for scalars. */
  typeName: string
  mapEntry: Message | null
  isGroupSyntax: boolean
  fullName: string
}

export interface Oneof {
  name: string
  span: Span
  options: Options
  /** A proto3 `optional` field's oneof. */
  synthetic: boolean
  fields: Field[]
}

export interface ProtoEnum {
  name: string
  fullName: string
  nestedName: string
  span: Span
  file: ProtoFile
  parent: Message | null
  values: EnumValue[]
  reservedRanges: TagRange[]
  reservedNames: string[]
  options: Options
}

export interface EnumValue {
  name: string
  number: number
  span: Span
  numberSpan: Span
  options: Options
}

export interface Service {
  name: string
  fullName: string
  span: Span
  file: ProtoFile
  methods: Method[]
  options: Options
}

export interface Method {
  name: string
  span: Span
  inputText: string
  outputText: string
  inputSpan: Span
  outputSpan: Span
  clientStreaming: boolean
  serverStreaming: boolean
  options: Options
  /** Fully-qualified with a leading dot, filled by linking. */
  inputType: string
  outputType: string
  service: Service
}

export interface ProtoTree {
  /** The directory the tree was loaded from. */
  root: string
  files: ProtoFile[]
  /** The buf.yaml found at the root, if any, as read. */
  bufConfig: unknown
}
