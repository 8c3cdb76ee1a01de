import type { ChangeLevel, RuleDefinition } from '../../../core/change.js'
import { ruleCatalog } from './catalog.js'
import { ownRuleCatalog } from './own-catalog.js'

/** Where SEMANTICS.md sets a level other than oasdiff's, with why. */
export const levelOverrides: Readonly<Record<string, { level: ChangeLevel; reason: string }>> = {
  'api-security-added': {
    level: 'warning',
    reason: 'clients that call the operation without credentials start being refused'
  },
  // oasdiff reports a lower version only next to a breaking change; a head that claims an older version than
  // the released base is worth a look on its own (release tooling and changelogs go by it)
  'api-version-decreased': {
    level: 'warning',
    reason: 'the head claims an older info.version than the released base'
  },
  ...discriminatorOverrides()
}

/** A discriminator whose property is renamed or whose mapping loses or retargets a value dispatches differently. */
function discriminatorOverrides(): Record<string, { level: ChangeLevel; reason: string }> {
  const out: Record<string, { level: ChangeLevel; reason: string }> = {}
  for (const where of ['request-body', 'request-property', 'response-body', 'response-property']) {
    const side = where.startsWith('request') ? 'the server' : 'clients'
    out[`${where}-discriminator-property-name-changed`] = {
      level: 'breaking',
      reason: `${side} pick the variant by a property the other side no longer uses`
    }
    out[`${where}-discriminator-mapping-deleted`] = {
      level: 'breaking',
      reason: `a discriminator value lost its mapping: ${side} no longer map it to the same variant`
    }
    out[`${where}-discriminator-mapping-changed`] = {
      level: 'breaking',
      reason: `a discriminator value now maps to another schema: ${side} read the payload as the wrong variant`
    }
  }
  return out
}

/** Specific reasons for the rules a reader meets most; the others get one from their level and direction. */
const specificReasons: Readonly<Record<string, string>> = {
  'api-removed-without-deprecation': 'callers of the operation get 404/405 with no warning period',
  'api-path-removed-without-deprecation': 'callers of the path get 404 with no warning period',
  'api-removed-before-sunset': 'the operation was promised until its x-sunset date',
  'api-path-removed-before-sunset': 'the path was promised until its x-sunset date',
  'api-removed-with-deprecation': 'the operation was deprecated and its sunset (if any) has passed',
  'api-path-removed-with-deprecation': 'the path was deprecated and its sunset (if any) has passed',
  'endpoint-added': 'new operations break no existing caller',
  'new-required-request-parameter': 'existing calls do not send the new required parameter',
  'new-request-path-parameter': 'existing calls do not match the new path template',
  'request-parameter-removed': 'the server ignores or rejects a parameter callers still send',
  'new-required-request-property':
    'existing request bodies lack the new required property, even when it has a default',
  'request-property-removed': 'the server ignores or rejects a property callers still send',
  'response-required-property-removed': 'clients read a property the response no longer has',
  'response-optional-property-removed': 'clients that read the optional property stop receiving it',
  'response-property-became-optional':
    'clients that rely on the property being present break when it is absent',
  'response-property-enum-value-added': 'clients with an exhaustive switch meet an unknown value',
  'request-property-enum-value-removed': 'requests using the removed value are rejected',
  'response-property-became-nullable': 'clients that do not expect null fail to parse it',
  'request-property-became-not-nullable': 'requests sending null are rejected',
  'request-required-property-became-read-only':
    'clients may keep sending it; the server now ignores it',
  'api-stability-decreased': 'a less stable promise may break callers who relied on the old level',
  'sunset-deleted': 'the promised end-of-life date was withdrawn from a deprecated operation',
  'api-sunset-date-changed-too-small':
    'the deprecated operation now goes away earlier than promised',
  'webhook-removed': 'subscribers stop receiving the webhook calls they handle',
  'response-success-status-removed': 'clients handling the success status get a different one',
  'response-media-type-removed': 'clients asking for that media type can no longer get it',
  'request-body-media-type-removed': 'clients sending that media type are rejected',
  'response-property-one-of-added': 'clients meet a variant they cannot parse',
  'request-property-one-of-removed': 'requests matching the removed variant are rejected',
  'request-body-wrapped-in-one-of': 'a payload may now match several alternatives and be rejected',
  'response-body-wrapped-in-one-of': 'clients must now tell alternatives apart'
}

function humanize(id: string): string {
  return id.replace(/-/g, ' ')
}

function genericReason(level: ChangeLevel, direction: RuleDefinition['direction']): string {
  if (direction === 'request') {
    if (level === 'breaking') return 'requests that were valid may now be rejected'
    if (level === 'warning')
      return 'some requests that were valid may be rejected; a person should look'
    return 'the server accepts at least what it accepted before'
  }
  if (direction === 'response') {
    if (level === 'breaking') return 'clients may receive responses they cannot parse'
    if (level === 'warning')
      return 'clients may receive values they do not expect; a person should look'
    return 'responses still fit what clients parse'
  }
  if (level === 'breaking') return 'existing callers may break'
  if (level === 'warning') return 'some callers may break; a person should look'
  return 'no existing caller breaks'
}

const levelNames = { B: 'breaking', W: 'warning', I: 'info' } as const
const directionNames = { R: 'request', S: 'response', N: 'none' } as const

/** Rules of ours (own-catalog.ts): SEMANTICS.md's maxItems rules and changes oasdiff does not report. */
export const semanticsOnlyRules: readonly RuleDefinition[] = ownRuleCatalog.map(
  ([id, level, direction, reason]): RuleDefinition => ({
    id,
    kind: 'openapi',
    level: levelNames[level],
    direction: directionNames[direction],
    reason: `${humanize(id)}: ${reason}`
  })
)

/** The OpenAPI rules as data: id, level, direction and a one-line reason. */
export const openApiRules: readonly RuleDefinition[] = [
  ...ruleCatalog.map(([id, level, direction]): RuleDefinition => {
    const override = levelOverrides[id]
    const resolvedLevel = override?.level ?? levelNames[level]
    const dir = directionNames[direction]
    const why = override?.reason ?? specificReasons[id] ?? genericReason(resolvedLevel, dir)
    return {
      id,
      kind: 'openapi',
      level: resolvedLevel,
      direction: dir,
      reason: `${humanize(id)}: ${why}`
    }
  }),
  ...semanticsOnlyRules
]

export const ruleById: ReadonlyMap<string, RuleDefinition> = new Map(
  openApiRules.map((rule) => [rule.id, rule])
)
