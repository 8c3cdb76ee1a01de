import { isObject, type JsonObject } from '../load/location.js'
import { emit, type Direction, type SchemaPair } from '../diff/schema-pair.js'
import type { OpenApiRuleId } from './ids.js'
import { stabilityRank } from './dates.js'
import { lifecycleChange } from './lifecycle.js'

/** A property that became (`on`) or stopped being (`off`) readOnly / writeOnly, by direction and requiredness. */
const readWriteFlipIds = {
  request: {
    required: {
      readOnly: {
        on: 'request-required-property-became-read-only',
        off: 'request-required-property-became-not-read-only'
      },
      writeOnly: {
        on: 'request-required-property-became-write-only',
        off: 'request-required-property-became-not-write-only'
      }
    },
    optional: {
      readOnly: {
        on: 'request-optional-property-became-read-only',
        off: 'request-optional-property-became-not-read-only'
      },
      writeOnly: {
        on: 'request-optional-property-became-write-only',
        off: 'request-optional-property-became-not-write-only'
      }
    }
  },
  response: {
    required: {
      readOnly: {
        on: 'response-required-property-became-read-only',
        off: 'response-required-property-became-not-read-only'
      },
      writeOnly: {
        on: 'response-required-property-became-write-only',
        off: 'response-required-property-became-not-write-only'
      }
    },
    optional: {
      readOnly: {
        on: 'response-optional-property-became-read-only',
        off: 'response-optional-property-became-not-read-only'
      },
      writeOnly: {
        on: 'response-optional-property-became-write-only',
        off: 'response-optional-property-became-not-write-only'
      }
    }
  }
} as const satisfies Record<
  Direction,
  Record<
    'required' | 'optional',
    Record<'readOnly' | 'writeOnly', Record<'on' | 'off', OpenApiRuleId>>
  >
>

/** Deprecation and stability of a property, by direction. */
const lifecycleIds = {
  request: {
    deprecated: 'request-property-deprecated',
    deprecatedWithSunset: 'request-property-deprecated-with-sunset',
    sunsetInvalid: 'request-property-deprecated-sunset-invalid',
    reactivated: 'request-property-reactivated',
    stabilityDecreased: 'request-property-stability-decreased',
    stabilityIncreased: 'request-property-stability-increased'
  },
  response: {
    deprecated: 'response-property-deprecated',
    deprecatedWithSunset: 'response-property-deprecated-with-sunset',
    sunsetInvalid: 'response-property-deprecated-sunset-invalid',
    reactivated: 'response-property-reactivated',
    stabilityDecreased: 'response-property-stability-decreased',
    stabilityIncreased: 'response-property-stability-increased'
  }
} as const satisfies Record<Direction, Record<string, OpenApiRuleId>>

function requiredSet(schema: JsonObject): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
}

function propertiesOf(schema: JsonObject): JsonObject {
  return isObject(schema.properties) ? schema.properties : {}
}

function flag(schema: unknown, key: 'readOnly' | 'writeOnly'): boolean {
  return isObject(schema) && schema[key] === true
}

/** Properties added and removed, judged by direction and by readOnly (requests) / writeOnly (responses). */
export function checkPropertiesAddedRemoved(pair: SchemaPair): void {
  const { site } = pair
  const { base, head } = site.env
  const pb = propertiesOf(pair.b)
  const ph = propertiesOf(pair.h)
  const reqB = requiredSet(pair.b)
  const reqH = requiredSet(pair.h)
  const headerParam = site.paramIn === 'header'
  for (const name of Object.keys(ph)) {
    if (name in pb) continue
    const prop = head.deref(ph[name])
    const path = [...pair.path, name]
    const required = reqH.has(name)
    const at = { path, subject: `+${name}`, id: '', node: ph[name] }
    if (site.dir === 'request') {
      if (flag(prop, 'readOnly')) continue
      if (!required)
        emit(pair, '', 'was added as an optional property', {
          ...at,
          id: 'new-optional-request-property'
        })
      else if (headerParam)
        emit(pair, '', 'was added as a required property', {
          ...at,
          id: 'new-required-request-header-property'
        })
      else if (isObject(prop) && prop.default !== undefined) {
        emit(pair, '', 'was added as a required property (with a default)', {
          ...at,
          id: 'new-required-request-property-with-default'
        })
      } else
        emit(pair, '', 'was added as a required property', {
          ...at,
          id: 'new-required-request-property'
        })
    } else {
      const writeOnly = flag(prop, 'writeOnly')
      emit(pair, '', `was added as ${required ? 'a required' : 'an optional'} property`, {
        ...at,
        id: required
          ? writeOnly
            ? 'response-required-write-only-property-added'
            : 'response-required-property-added'
          : writeOnly
            ? 'response-optional-write-only-property-added'
            : 'response-optional-property-added'
      })
    }
  }
  for (const name of Object.keys(pb)) {
    if (name in ph) continue
    const prop = base.deref(pb[name])
    const path = [...pair.path, name]
    const at = { path, subject: `-${name}`, side: 'base' as const, node: pb[name] }
    if (site.dir === 'request') {
      if (flag(prop, 'readOnly')) continue
      emit(pair, '', 'was removed', { ...at, id: 'request-property-removed' })
    } else {
      const required = reqB.has(name)
      const writeOnly = flag(prop, 'writeOnly')
      emit(pair, '', `was removed (it was ${required ? 'required' : 'optional'})`, {
        ...at,
        id: required
          ? writeOnly
            ? 'response-required-write-only-property-removed'
            : 'response-required-property-removed'
          : writeOnly
            ? 'response-optional-write-only-property-removed'
            : 'response-optional-property-removed'
      })
    }
  }
}

/** required/optional, readOnly/writeOnly, deprecation and stability of the properties both sides have. */
export function checkPropertiesChanged(pair: SchemaPair): void {
  const { site } = pair
  const { base, head } = site.env
  const pb = propertiesOf(pair.b)
  const ph = propertiesOf(pair.h)
  const reqB = requiredSet(pair.b)
  const reqH = requiredSet(pair.h)
  const dir = site.dir
  for (const name of Object.keys(ph)) {
    if (!(name in pb)) continue
    const propB = base.merge(asObject(base.deref(pb[name])))
    const propH = head.merge(asObject(head.deref(ph[name])))
    const path = [...pair.path, name]
    const was = reqB.has(name)
    const is = reqH.has(name)
    const subject = `~${name}`
    const node = ph[name]
    const baseNode = pb[name]
    const at = { path, node, baseNode }
    if (was !== is) {
      if (dir === 'request') {
        if (is && !flag(propH, 'readOnly')) {
          const id =
            site.paramIn === 'header'
              ? 'request-header-property-became-required'
              : propH.default !== undefined
                ? 'request-property-became-required-with-default'
                : 'request-property-became-required'
          emit(pair, '', 'became required', { ...at, subject, id })
        } else if (!is && !flag(propB, 'readOnly'))
          emit(pair, '', 'became optional', {
            ...at,
            subject,
            id: 'request-property-became-optional'
          })
      } else {
        const writeOnly = flag(propH, 'writeOnly')
        emit(pair, '', is ? 'became required' : 'became optional', {
          ...at,
          subject,
          id: is
            ? writeOnly
              ? 'response-write-only-property-became-required'
              : 'response-property-became-required'
            : writeOnly
              ? 'response-write-only-property-became-optional'
              : 'response-property-became-optional'
        })
      }
    }
    for (const key of ['readOnly', 'writeOnly'] as const) {
      const fb = flag(propB, key)
      const fh = flag(propH, key)
      if (fb === fh) continue
      const word = key === 'readOnly' ? 'read-only' : 'write-only'
      emit(pair, '', `became ${fh ? '' : 'not '}${word}`, {
        ...at,
        subject: `${subject}:${key}`,
        id: readWriteFlipIds[dir][is ? 'required' : 'optional'][key][fh ? 'on' : 'off']
      })
    }
    // Properties have no sunset rules of their own: only deprecation and reactivation are reported.
    const change = lifecycleChange(propB, propH)
    if (change?.kind === 'deprecated') {
      const sunset = change.sunset
      if (sunset.kind === 'invalid') {
        emit(pair, '', `was deprecated with an invalid x-sunset '${sunset.raw}'`, {
          ...at,
          subject,
          id: lifecycleIds[dir].sunsetInvalid
        })
      } else if (sunset.kind === 'date') {
        emit(pair, '', `was deprecated (sunset ${sunset.raw})`, {
          ...at,
          subject,
          id: lifecycleIds[dir].deprecatedWithSunset
        })
      } else
        emit(pair, '', 'was deprecated', {
          ...at,
          subject,
          id: lifecycleIds[dir].deprecated
        })
    } else if (change?.kind === 'reactivated') {
      emit(pair, '', 'was reactivated (no longer deprecated)', {
        ...at,
        subject,
        id: lifecycleIds[dir].reactivated
      })
    }
    const rankB = stabilityRank(propB['x-stability-level'])
    const rankH = stabilityRank(propH['x-stability-level'])
    const exempt = site.env.exemptStability.has(String(propB['x-stability-level']))
    if (
      rankB !== undefined &&
      rankH !== undefined &&
      rankB >= 0 &&
      rankH >= 0 &&
      rankB !== rankH &&
      !exempt
    ) {
      const down = rankH < rankB
      emit(
        pair,
        '',
        `stability ${down ? 'decreased' : 'increased'} from ${String(propB['x-stability-level'])} to ${String(propH['x-stability-level'])}`,
        {
          ...at,
          subject,
          id: down ? lifecycleIds[dir].stabilityDecreased : lifecycleIds[dir].stabilityIncreased
        }
      )
    }
  }
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {}
}
