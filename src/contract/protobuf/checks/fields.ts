import { fieldFeatureEntry, optionEntry } from '../features.js'
import type { Field, FieldKind } from '../model.js'
import {
  canHaveDefault,
  cardinalityOf,
  cppStringTypeEntry,
  cppStringTypeOf,
  defaultOf,
  defaultsEqual,
  inMapEntry,
  is64bitInteger,
  isZeroDefault,
  javaUtf8ValidationOf,
  jsonNameOfField,
  jstypeOf,
  kindString,
  utf8ValidationOf,
  type Cardinality
} from '../semantics.js'
import { fieldDescription, finding, type Check, type DiffContext } from './context.js'

const wireGroups: Record<FieldKind, number> = {
  int32: 1,
  int64: 1,
  uint32: 1,
  uint64: 1,
  bool: 1,
  sint32: 2,
  sint64: 2,
  string: 3,
  bytes: 4,
  fixed32: 5,
  sfixed32: 5,
  fixed64: 6,
  sfixed64: 6,
  double: 7,
  float: 8,
  group: 9,
  message: 10,
  enum: 11
}

const wireJsonGroups: Record<FieldKind, number> = {
  int32: 1,
  uint32: 1,
  int64: 2,
  uint64: 2,
  fixed32: 3,
  sfixed32: 3,
  fixed64: 4,
  sfixed64: 4,
  bool: 5,
  sint32: 6,
  sint64: 7,
  string: 8,
  bytes: 9,
  double: 10,
  float: 11,
  group: 12,
  message: 13,
  enum: 14
}

const isNamedType = (k: FieldKind): boolean => k === 'message' || k === 'enum' || k === 'group'
const typeSpan = (f: Field) => f.typeSpan

function changedType(ctx: DiffContext, rule: string, head: Field, base: Field, extra = ''): void {
  ctx.emit(
    finding(
      rule,
      `${fieldDescription(head)} changed type from "${kindString(base)}" to "${kindString(head)}".${extra}`,
      { file: head.file, span: typeSpan(head) },
      { file: base.file, span: typeSpan(base) },
      head.fullName
    )
  )
}

function changedTypeName(ctx: DiffContext, rule: string, head: Field, base: Field): void {
  ctx.emit(
    finding(
      rule,
      `${fieldDescription(head)} changed type from "${base.typeName.slice(1)}" to "${head.typeName.slice(1)}".`,
      { file: head.file, span: head.typeSpan },
      { file: base.file, span: base.typeSpan },
      head.fullName
    )
  )
}

/** An enum may be swapped for another of the same short name that keeps every old value. */
function enumWireCompatible(ctx: DiffContext, rule: string, head: Field, base: Field): void {
  const before = ctx.base.enums.get(base.typeName.slice(1))
  const after = ctx.head.enums.get(head.typeName.slice(1))
  if (!before || !after || before.name !== after.name) {
    changedTypeName(ctx, rule, head, base)
    return
  }
  const afterValues = new Set(after.values.map((v) => `${v.name}=${v.number}`))
  if (!before.values.every((v) => afterValues.has(`${v.name}=${v.number}`))) {
    changedTypeName(ctx, rule, head, base)
  }
}

const fieldSymbol = (f: Field): string => f.fullName

function cardinalityRule(rule: string, group: (c: Cardinality) => number | string): Check {
  return {
    on: 'field',
    run(head, base, ctx) {
      if (inMapEntry(head) && inMapEntry(base)) return
      const before = cardinalityOf(base)
      const after = cardinalityOf(head)
      if (group(before) === group(after)) return
      ctx.emit(
        finding(
          rule,
          `${fieldDescription(head)} changed cardinality from "${before}" to "${after}".`,
          { file: head.file, span: head.span },
          { file: base.file, span: base.span },
          fieldSymbol(head)
        )
      )
    }
  }
}

const wireCardinality: Record<Cardinality, number> = {
  'optional with explicit presence': 1,
  'optional with implicit presence': 1,
  required: 2,
  repeated: 3,
  map: 3
}
const wireJsonCardinality: Record<Cardinality, number> = { ...wireCardinality, map: 4 }

export const fieldChecks: Record<string, Check> = {
  FIELD_SAME_TYPE: {
    on: 'field',
    run(head, base, ctx) {
      if (base.kind !== head.kind) return changedType(ctx, 'FIELD_SAME_TYPE', head, base)
      if (isNamedType(head.kind) && base.typeName !== head.typeName) {
        changedTypeName(ctx, 'FIELD_SAME_TYPE', head, base)
      }
    }
  },
  FIELD_WIRE_COMPATIBLE_TYPE: {
    on: 'field',
    run(head, base, ctx) {
      const rule = 'FIELD_WIRE_COMPATIBLE_TYPE'
      if (wireGroups[base.kind] !== wireGroups[head.kind]) {
        if (base.kind === 'string' && head.kind === 'bytes') return
        let extra =
          ' See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules.'
        if (base.kind === 'bytes' && head.kind === 'string') {
          extra +=
            ' Note that while string and bytes are compatible if the data is valid UTF-8, there is no way to enforce that a bytes field is UTF-8, so these fields may be incompatible.'
        }
        return changedType(ctx, rule, head, base, extra)
      }
      if (base.typeName === head.typeName) return
      if (head.kind === 'enum') enumWireCompatible(ctx, rule, head, base)
      else if (head.kind === 'message' || head.kind === 'group')
        changedTypeName(ctx, rule, head, base)
    }
  },
  FIELD_WIRE_JSON_COMPATIBLE_TYPE: {
    on: 'field',
    run(head, base, ctx) {
      const rule = 'FIELD_WIRE_JSON_COMPATIBLE_TYPE'
      if (wireJsonGroups[base.kind] !== wireJsonGroups[head.kind]) {
        return changedType(
          ctx,
          rule,
          head,
          base,
          ' See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules and https://developers.google.com/protocol-buffers/docs/proto3#json for JSON compatibility rules.'
        )
      }
      if (base.typeName === head.typeName) return
      if (head.kind === 'enum') enumWireCompatible(ctx, rule, head, base)
      else if (head.kind === 'message' || head.kind === 'group')
        changedTypeName(ctx, rule, head, base)
    }
  },
  FIELD_SAME_CARDINALITY: cardinalityRule('FIELD_SAME_CARDINALITY', (c) => c),
  FIELD_WIRE_COMPATIBLE_CARDINALITY: cardinalityRule(
    'FIELD_WIRE_COMPATIBLE_CARDINALITY',
    (c) => wireCardinality[c]
  ),
  FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY: cardinalityRule(
    'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY',
    (c) => wireJsonCardinality[c]
  ),
  FIELD_SAME_NAME: {
    on: 'field',
    run(head, base, ctx) {
      const before = base.extendee ? base.fullName : base.name
      const after = head.extendee ? head.fullName : head.name
      if (before === after) return
      ctx.emit(
        finding(
          'FIELD_SAME_NAME',
          `${fieldDescription(head, false)} changed name from "${before}" to "${after}".`,
          { file: head.file, span: head.nameSpan },
          { file: base.file, span: base.nameSpan },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_JSON_NAME: {
    on: 'field',
    run(head, base, ctx) {
      if (base.extendee) return
      const explicit = (f: Field) => f.options.some((o) => o.name === 'json_name')
      if (base.name === head.name && !explicit(base) && !explicit(head)) return
      const before = jsonNameOfField(base)
      const after = jsonNameOfField(head)
      if (before === after) return
      ctx.emit(
        finding(
          'FIELD_SAME_JSON_NAME',
          `${fieldDescription(head)} changed option "json_name" from ${JSON.stringify(before)} to ${JSON.stringify(after)}.`,
          { file: head.file, span: optionEntry(head.options, 'json_name')?.span ?? head.span },
          { file: base.file, span: optionEntry(base.options, 'json_name')?.span ?? base.span },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_ONEOF: {
    on: 'field',
    run(head, base, ctx) {
      if (base.extendee) return
      const before = base.oneof && !base.oneof.synthetic ? base.oneof : null
      const after = head.oneof && !head.oneof.synthetic ? head.oneof : null
      if (!before && !after) return
      let message: string
      if (before && after) {
        if (before.name === after.name) return
        // buf's message has a stray "q" here ("...on message \"M\"q moved from oneof"); kept.
        message = `${fieldDescription(head)}q moved from oneof "${before.name}" to oneof "${after.name}".`
      } else {
        message = `${fieldDescription(head)} moved from ${before ? 'inside' : 'outside'} to ${after ? 'inside' : 'outside'} a oneof.`
      }
      ctx.emit(
        finding(
          'FIELD_SAME_ONEOF',
          message,
          { file: head.file, span: head.span },
          { file: base.file, span: base.span },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_JSTYPE: {
    on: 'field',
    run(head, base, ctx) {
      if (!is64bitInteger(base) || !is64bitInteger(head)) return
      const before = jstypeOf(base)
      const after = jstypeOf(head)
      if (before === after) return
      ctx.emit(
        finding(
          'FIELD_SAME_JSTYPE',
          `${fieldDescription(head)} changed option "jstype" from "${before}" to "${after}".`,
          { file: head.file, span: optionEntry(head.options, 'jstype')?.span ?? head.span },
          { file: base.file, span: optionEntry(base.options, 'jstype')?.span ?? base.span },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_CPP_STRING_TYPE: {
    on: 'field',
    run(head, base, ctx) {
      if (inMapEntry(head) && inMapEntry(base)) return
      const isText = (f: Field) => f.kind === 'string' || f.kind === 'bytes'
      if (!isText(base) || !isText(head)) return
      const plain = (f: Field) => f.options.length === 0 && f.file.syntax !== 'editions'
      if (plain(base) && plain(head)) return
      const [beforeType, beforePiece] = cppStringTypeOf(base)
      const [afterType, afterPiece] = cppStringTypeOf(head)
      if (beforeType === afterType && beforePiece === afterPiece) return
      if (beforePiece && afterType === 'STRING') return
      ctx.emit(
        finding(
          'FIELD_SAME_CPP_STRING_TYPE',
          `${fieldDescription(head)} changed C++ string type from "${beforePiece ? 'STRING_PIECE' : beforeType}" to "${afterPiece ? 'STRING_PIECE' : afterType}".`,
          { file: head.file, span: cppStringTypeEntry(head)?.span ?? head.span },
          { file: base.file, span: cppStringTypeEntry(base)?.span ?? base.span },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_CTYPE: {
    on: 'field',
    run(head, base, ctx) {
      const before = String(optionEntry(base.options, 'ctype')?.value.value ?? 'STRING')
      const after = String(optionEntry(head.options, 'ctype')?.value.value ?? 'STRING')
      if (before === after) return
      ctx.emit(
        finding(
          'FIELD_SAME_CTYPE',
          `${fieldDescription(head)} changed option "ctype" from "${before}" to "${after}".`,
          { file: head.file, span: optionEntry(head.options, 'ctype')?.span ?? head.span },
          { file: base.file, span: optionEntry(base.options, 'ctype')?.span ?? base.span },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_JAVA_UTF8_VALIDATION: {
    on: 'field',
    run(head, base, ctx) {
      if (base.kind !== 'string' || head.kind !== 'string') return
      const before = javaUtf8ValidationOf(base)
      const after = javaUtf8ValidationOf(head)
      if (before === after) return
      const where = (f: Field) =>
        optionEntry(f.file.options, 'java_string_check_utf8')?.span ??
        fieldFeatureEntry(f, '(pb.java).utf8_validation')?.span ??
        f.span
      ctx.emit(
        finding(
          'FIELD_SAME_JAVA_UTF8_VALIDATION',
          `${fieldDescription(head)} changed Java string UTF8 validation from "${before}" to "${after}".`,
          { file: head.file, span: where(head) },
          { file: base.file, span: where(base) },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_UTF8_VALIDATION: {
    on: 'field',
    run(head, base, ctx) {
      if (base.kind !== 'string' || head.kind !== 'string') return
      const before = utf8ValidationOf(base)
      const after = utf8ValidationOf(head)
      if (before === after) return
      ctx.emit(
        finding(
          'FIELD_SAME_UTF8_VALIDATION',
          `${fieldDescription(head)} changed UTF8 validation from ${before} to ${after}.`,
          { file: head.file, span: fieldFeatureEntry(head, 'utf8_validation')?.span ?? head.span },
          { file: base.file, span: fieldFeatureEntry(base, 'utf8_validation')?.span ?? base.span },
          fieldSymbol(head)
        )
      )
    }
  },
  FIELD_SAME_DEFAULT: {
    on: 'field',
    run(head, base, ctx) {
      if (!canHaveDefault(base) || !canHaveDefault(head)) return
      // Without `default`, only an enum's default (its first value) can be non-zero.
      const noDefault = (f: Field) => f.kind !== 'enum' && f.options.length === 0
      if (noDefault(base) && noDefault(head)) return
      const before = defaultOf(base, ctx.base)
      const after = defaultOf(head, ctx.head)
      if (isZeroDefault(before) && isZeroDefault(after)) return
      if (defaultsEqual(before, after)) return
      ctx.emit(
        finding(
          'FIELD_SAME_DEFAULT',
          `${fieldDescription(head)} changed default value from ${before.printable} to ${after.printable}.`,
          { file: head.file, span: optionEntry(head.options, 'default')?.span ?? head.span },
          { file: base.file, span: optionEntry(base.options, 'default')?.span ?? base.span },
          fieldSymbol(head)
        )
      )
    }
  }
}
