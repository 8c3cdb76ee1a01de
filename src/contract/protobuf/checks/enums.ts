import { enumFeature, featureEntry } from '../features.js'
import type { ProtoEnum } from '../model.js'
import { isEnumClosed } from '../semantics.js'
import { finding, quoteJoin, valuesByNumber, type Check } from './context.js'
import { checkReservedKept } from './messages.js'

function enumValueNoDelete(rule: string, unless: 'number' | 'name' | null): Check {
  return {
    on: 'enum',
    run(head, base, ctx) {
      const after = valuesByNumber(head)
      for (const [number, names] of valuesByNumber(base)) {
        if (after.has(number)) continue
        if (
          unless === 'number' &&
          head.reservedRanges.some((r) => number >= r.start && number <= r.end)
        )
          continue
        const sorted = [...names.keys()].sort()
        if (unless === 'name' && sorted.every((n) => head.reservedNames.includes(n))) continue
        const suffix =
          unless === 'number'
            ? ` without reserving the number "${number}"`
            : unless === 'name'
              ? ` without reserving the name${sorted.length > 1 ? 's' : ''} ${quoteJoin(sorted)}`
              : ''
        const first = [...names.values()][0]
        ctx.emit(
          finding(
            rule,
            `Previously present enum value "${number}" on enum "${head.name}" was deleted${suffix}.`,
            { file: head.file, span: head.span },
            { file: base.file, span: first?.span ?? base.span },
            `${parentScope(base)}${sorted[0] ?? ''}`
          )
        )
      }
    }
  }
}

/** Enum values are siblings of their enum in protobuf's naming. */
function parentScope(e: ProtoEnum): string {
  const i = e.fullName.lastIndexOf('.')
  return i < 0 ? '' : e.fullName.slice(0, i + 1)
}

export const enumChecks: Record<string, Check> = {
  ENUM_VALUE_NO_DELETE: enumValueNoDelete('ENUM_VALUE_NO_DELETE', null),
  ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED: enumValueNoDelete(
    'ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED',
    'number'
  ),
  ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED: enumValueNoDelete(
    'ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED',
    'name'
  ),
  ENUM_SAME_TYPE: {
    on: 'enum',
    run(head, base, ctx) {
      const before = isEnumClosed(base)
      const after = isEnumClosed(head)
      if (before === after) return
      ctx.emit(
        finding(
          'ENUM_SAME_TYPE',
          `Enum "${head.name}" changed from ${before ? 'closed' : 'open'} to ${after ? 'closed' : 'open'}.`,
          { file: head.file, span: featureEntry(head.options, 'enum_type')?.span ?? head.span },
          { file: base.file, span: featureEntry(base.options, 'enum_type')?.span ?? base.span },
          head.fullName
        )
      )
    }
  },
  ENUM_SAME_JSON_FORMAT: {
    on: 'enum',
    run(head, base, ctx) {
      const before = enumFeature(base, 'json_format')
      const after = enumFeature(head, 'json_format')
      if (before !== 'ALLOW' || after === 'ALLOW') return
      ctx.emit(
        finding(
          'ENUM_SAME_JSON_FORMAT',
          `Enum "${head.name}" JSON format support changed from ${before} to ${after}.`,
          { file: head.file, span: featureEntry(head.options, 'json_format')?.span ?? head.span },
          { file: base.file, span: featureEntry(base.options, 'json_format')?.span ?? base.span },
          head.fullName
        )
      )
    }
  },
  RESERVED_ENUM_NO_DELETE: {
    on: 'enum',
    run(head, base, ctx) {
      checkReservedKept(ctx, 'RESERVED_ENUM_NO_DELETE', { kind: 'enum', head, base })
    }
  },
  ENUM_VALUE_SAME_NAME: {
    on: 'enumValue',
    run(head, base, headEnum, baseEnum, ctx) {
      const before = [...base.keys()].sort()
      const after = [...head.keys()].sort()
      // Adding an alias is fine; every old name must still be there.
      if (before.every((n) => head.has(n))) return
      const suffix = before.length > 1 && after.length > 1 ? 's' : ''
      for (const [name, value] of head) {
        const previous = base.get(name)
        ctx.emit(
          finding(
            'ENUM_VALUE_SAME_NAME',
            `Enum value "${value.number}" on enum "${headEnum.name}" changed name${suffix} from ${quoteJoin(before)} to ${quoteJoin(after)}.`,
            { file: headEnum.file, span: value.numberSpan },
            { file: previous ? baseEnum.file : null, span: previous?.numberSpan ?? null },
            `${parentScope(headEnum)}${name}`
          )
        )
      }
    }
  }
}
