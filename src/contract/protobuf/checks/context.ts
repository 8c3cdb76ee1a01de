import type { TreeIndex } from '../index-tree.js'
import type {
  EnumValue,
  Field,
  Message,
  Method,
  ProtoEnum,
  ProtoFile,
  Service,
  Span
} from '../model.js'

/** One breaking change as buf would annotate it: the head location, else the base one. */
export interface Finding {
  rule: string
  message: string
  /** Head-side file; null when buf names no file (the element's file is gone). */
  file: ProtoFile | null
  /** Head-side span; null means buf's "whole file" (line 1). */
  span: Span | null
  baseFile: ProtoFile | null
  baseSpan: Span | null
  /** Fully-qualified element the change is about. */
  symbol: string | null
  /** `pkg.Service/Method` for RPC rules. */
  operation: string | null
}

export interface DiffContext {
  base: TreeIndex
  head: TreeIndex
  emit(finding: Finding): void
}

type Loc = { file: ProtoFile | null; span: Span | null }

export function finding(
  rule: string,
  message: string,
  head: Loc,
  base: Loc,
  symbol: string | null,
  operation: string | null = null
): Finding {
  return {
    rule,
    message,
    file: head.file,
    span: head.span,
    baseFile: base.file,
    baseSpan: base.span,
    symbol,
    operation
  }
}

export type TreeCheck = (ctx: DiffContext) => void
export type FileCheck = (head: ProtoFile, base: ProtoFile, ctx: DiffContext) => void
export type MessageCheck = (head: Message, base: Message, ctx: DiffContext) => void
export type FieldCheck = (head: Field, base: Field, ctx: DiffContext) => void
export type EnumCheck = (head: ProtoEnum, base: ProtoEnum, ctx: DiffContext) => void
/** The values of one number in an enum, by name, on each side. */
export type EnumValueCheck = (
  head: Map<string, EnumValue>,
  base: Map<string, EnumValue>,
  headEnum: ProtoEnum,
  baseEnum: ProtoEnum,
  ctx: DiffContext
) => void
export type ServiceCheck = (head: Service, base: Service, ctx: DiffContext) => void
export type MethodCheck = (head: Method, base: Method, ctx: DiffContext) => void

export type Check =
  | { on: 'tree'; run: TreeCheck }
  | { on: 'file'; run: FileCheck }
  | { on: 'message'; run: MessageCheck }
  | { on: 'field'; run: FieldCheck }
  | { on: 'enum'; run: EnumCheck }
  | { on: 'enumValue'; run: EnumValueCheck }
  | { on: 'service'; run: ServiceCheck }
  | { on: 'method'; run: MethodCheck }

/** buf's fieldDescription: `Field "2" with name "id" on message "User"`. */
export function fieldDescription(f: Field, withName = true): string {
  const name = withName ? ` with name "${f.extendee ? f.fullName : f.name}"` : ''
  if (f.extendee) return `Extension "${f.number}"${name} on message "${f.extendee}"`
  return `Field "${f.number}"${name} on message "${f.parent?.name ?? ''}"`
}

export function numbersOf(fields: Field[]): Map<number, Field> {
  const out = new Map<number, Field>()
  for (const f of fields) out.set(f.number, f)
  return out
}

export function valuesByNumber(e: ProtoEnum): Map<number, Map<string, EnumValue>> {
  const out = new Map<number, Map<string, EnumValue>>()
  for (const v of e.values) {
    let byName = out.get(v.number)
    if (!byName) out.set(v.number, (byName = new Map()))
    byName.set(v.name, v)
  }
  return out
}

export const quoteJoin = (names: string[]): string => names.map((n) => `"${n}"`).join(', ')
