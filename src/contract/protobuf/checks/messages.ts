import { featureEntry, messageFeature, optionBool, optionEntry } from '../features.js'
import type { Message, ProtoEnum, TagRange } from '../model.js'
import { ENUM_MAX, MESSAGE_SET_MAX_TAG, maxTagOf } from '../parser.js'
import { isRequired } from '../semantics.js'
import { fieldDescription, finding, numbersOf, type Check, type DiffContext } from './context.js'

type Range = [number, number]

function collapse(ranges: TagRange[]): Range[] {
  const sorted: Range[] = ranges
    .map((r): Range => [r.start, r.end])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: Range[] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1])
    else out.push([r[0], r[1]])
  }
  return out
}

function missing(start: number, end: number, ranges: Range[]): Range[] {
  const out: Range[] = []
  let cursor = start
  for (const [s, e] of ranges) {
    if (e < cursor) continue
    if (s > end) break
    if (s > cursor) out.push([cursor, s - 1])
    cursor = Math.max(cursor, e + 1)
    if (cursor > end) break
  }
  if (cursor <= end) out.push([cursor, end])
  return out
}

const rangeString = (start: number, end: number, max: number): string =>
  start === end ? `[${start}]` : end === max ? `[${start},max]` : `[${start},${end}]`

export function checkTagRanges(
  ctx: DiffContext,
  rule: string,
  rangeKind: 'reserved' | 'extension',
  element:
    | { kind: 'message'; head: Message; base: Message }
    | { kind: 'enum'; head: ProtoEnum; base: ProtoEnum },
  before: TagRange[],
  after: TagRange[]
): void {
  if (before.length === 0) return
  const max = element.kind === 'enum' ? ENUM_MAX : maxTagOf(element.head)
  const baseMax =
    element.kind === 'message' && maxTagOf(element.base) === MESSAGE_SET_MAX_TAG
      ? MESSAGE_SET_MAX_TAG
      : max
  const collapsed = collapse(after)
  for (const r of before) {
    const gaps = missing(r.start, r.end, collapsed)
    if (gaps.length === 0) continue
    ctx.emit(
      finding(
        rule,
        `Previously present ${rangeKind} range "${rangeString(r.start, r.end, baseMax)}" on ${element.kind} "${element.head.name}" is missing values: ${gaps
          .map(([s, e]) => rangeString(s, e, max))
          .join(', ')} were removed.`,
        { file: element.head.file, span: element.head.span },
        { file: element.base.file, span: element.base.span },
        element.head.fullName
      )
    )
  }
}

/** RESERVED_*_NO_DELETE: reserved numbers and names of a message or enum are never given back. */
export function checkReservedKept(
  ctx: DiffContext,
  rule: string,
  element:
    | { kind: 'message'; head: Message; base: Message }
    | { kind: 'enum'; head: ProtoEnum; base: ProtoEnum }
): void {
  const { head, base } = element
  checkTagRanges(ctx, rule, 'reserved', element, base.reservedRanges, head.reservedRanges)
  const names = new Set(head.reservedNames)
  for (const name of new Set(base.reservedNames)) {
    if (names.has(name)) continue
    ctx.emit(
      finding(
        rule,
        `Previously present reserved name "${name}" on ${element.kind} "${head.name}" was deleted.`,
        { file: head.file, span: head.span },
        { file: base.file, span: base.span },
        head.fullName
      )
    )
  }
}

function fieldNoDelete(rule: string, unless: 'number' | 'name' | null): Check {
  return {
    on: 'message',
    run(head, base, ctx) {
      const after = numbersOf(head.fields)
      for (const field of base.fields) {
        if (after.has(field.number)) continue
        if (
          unless === 'number' &&
          head.reservedRanges.some((r) => field.number >= r.start && field.number <= r.end)
        ) {
          continue
        }
        if (unless === 'name' && head.reservedNames.includes(field.name)) continue
        const suffix =
          unless === 'number'
            ? ` without reserving the number "${field.number}"`
            : unless === 'name'
              ? ` without reserving the name "${field.name}"`
              : ''
        const description = fieldDescription(field)
        ctx.emit(
          finding(
            rule,
            `Previously present ${description[0]?.toLowerCase()}${description.slice(1)} was deleted${suffix}.`,
            { file: head.file, span: head.span },
            { file: base.file, span: field.span },
            field.fullName
          )
        )
      }
    }
  }
}

function jsonFormatChanged(head: Message, base: Message, ctx: DiffContext): void {
  const before = messageFeature(base, 'json_format')
  const after = messageFeature(head, 'json_format')
  if (before !== 'ALLOW' || after === 'ALLOW') return
  ctx.emit(
    finding(
      'MESSAGE_SAME_JSON_FORMAT',
      `Message "${head.name}" JSON format support changed from ${before} to ${after}.`,
      { file: head.file, span: featureEntry(head.options, 'json_format')?.span ?? head.span },
      { file: base.file, span: featureEntry(base.options, 'json_format')?.span ?? base.span },
      head.fullName
    )
  )
}

export const messageChecks: Record<string, Check> = {
  FIELD_NO_DELETE: fieldNoDelete('FIELD_NO_DELETE', null),
  FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED: fieldNoDelete(
    'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED',
    'number'
  ),
  FIELD_NO_DELETE_UNLESS_NAME_RESERVED: fieldNoDelete(
    'FIELD_NO_DELETE_UNLESS_NAME_RESERVED',
    'name'
  ),
  ONEOF_NO_DELETE: {
    on: 'message',
    run(head, base, ctx) {
      const names = new Set(head.oneofs.map((o) => o.name))
      for (const o of base.oneofs) {
        // Synthetic oneofs come and go with proto3 `optional`; cardinality rules see that change.
        if (names.has(o.name) || o.synthetic) continue
        ctx.emit(
          finding(
            'ONEOF_NO_DELETE',
            `Previously present oneof "${o.name}" on message "${head.name}" was deleted.`,
            { file: head.file, span: head.span },
            { file: base.file, span: o.span },
            `${base.fullName}.${o.name}`
          )
        )
      }
    }
  },
  EXTENSION_MESSAGE_NO_DELETE: {
    on: 'message',
    run(head, base, ctx) {
      checkTagRanges(
        ctx,
        'EXTENSION_MESSAGE_NO_DELETE',
        'extension',
        { kind: 'message', head, base },
        base.extensionRanges,
        head.extensionRanges
      )
    }
  },
  RESERVED_MESSAGE_NO_DELETE: {
    on: 'message',
    run(head, base, ctx) {
      checkReservedKept(ctx, 'RESERVED_MESSAGE_NO_DELETE', { kind: 'message', head, base })
    }
  },
  MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR: {
    on: 'message',
    run(head, base, ctx) {
      const option = 'no_standard_descriptor_accessor'
      if (optionBool(base.options, option) || !optionBool(head.options, option)) return
      ctx.emit(
        finding(
          'MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR',
          `Message option "no_standard_descriptor_accessor" changed from "false" to "true".`,
          { file: head.file, span: optionEntry(head.options, option)?.span ?? null },
          { file: base.file, span: optionEntry(base.options, option)?.span ?? null },
          head.fullName
        )
      )
    }
  },
  MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT: {
    on: 'message',
    run(head, base, ctx) {
      const option = 'message_set_wire_format'
      const before = optionBool(base.options, option)
      const after = optionBool(head.options, option)
      if (before === after) return
      ctx.emit(
        finding(
          'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
          `Message option "message_set_wire_format" changed from "${before}" to "${after}".`,
          { file: head.file, span: optionEntry(head.options, option)?.span ?? head.span },
          { file: base.file, span: optionEntry(base.options, option)?.span ?? base.span },
          head.fullName
        )
      )
    }
  },
  MESSAGE_SAME_JSON_FORMAT: { on: 'message', run: jsonFormatChanged },
  MESSAGE_SAME_REQUIRED_FIELDS: {
    on: 'message',
    run(head, base, ctx) {
      const before = numbersOf(base.fields.filter(isRequired))
      const after = numbersOf(head.fields.filter(isRequired))
      for (const n of before.keys()) {
        if (after.has(n)) continue
        ctx.emit(
          finding(
            'MESSAGE_SAME_REQUIRED_FIELDS',
            `Message "${base.name}" had required field "${n}" deleted. Required fields must always be sent, so if one side does not know about the required field, this will result in a breakage.`,
            { file: head.file, span: head.span },
            { file: base.file, span: base.span },
            head.fullName
          )
        )
      }
      for (const [n, field] of after) {
        if (before.has(n)) continue
        ctx.emit(
          finding(
            'MESSAGE_SAME_REQUIRED_FIELDS',
            `Message "${head.name}" had required field "${n}" added. Required fields must always be sent, so if one side does not know about the required field, this will result in a breakage.`,
            { file: head.file, span: field.span },
            { file: null, span: null },
            head.fullName
          )
        )
      }
    }
  }
}
