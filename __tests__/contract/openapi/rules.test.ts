import { describe, it, expect } from '@jest/globals'
import { openApiEngine, openApiRules } from '../../../src/contract/openapi/index.js'
import { levelOverrides, semanticsOnlyRules } from '../../../src/contract/openapi/rules/registry.js'
import { Reporter } from '../../../src/contract/openapi/diff/report.js'
import {
  isOpenApiRuleId,
  type OpenApiRuleId,
  type SchemaRuleSuffix
} from '../../../src/contract/openapi/rules/ids.js'

const byId = new Map(openApiRules.map((r) => [r.id, r]))

/** Request rules with no response counterpart, and why. */
const mirrorExemptions: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^request-parameter-|^new-(required|optional)-request-(parameter|default-parameter)|^new-request-path-parameter$/,
    'parameters exist only in requests'
  ],
  [
    /^request-header-property-|^new-required-request-header-property$/,
    'request header parameters; response headers have their own response-header-* rules'
  ],
  [
    /^request-body-(added|removed|became-required|became-optional)/,
    'a request body is present or required; a response has status codes instead (response-*-status-*)'
  ],
  [
    /-became-enum$/,
    'a response gaining an enum only narrows what clients receive: nothing to report'
  ],
  [
    /^request-read-only-property-/,
    "readOnly properties are only the server's to send: the request side is informational"
  ],
  [
    /-x-extensible-enum-value-removed$/,
    'x-extensible-enum is open by definition, so responses may always add values'
  ]
]

const swaps: ReadonlyArray<readonly [string, string[]]> = [
  ['increased', ['decreased']],
  ['decreased', ['increased']],
  ['-set', ['-unset', '-increased', '-decreased']],
  ['became-not-nullable', ['became-nullable']],
  ['became-nullable', ['became-not-nullable']],
  ['became-required-with-default', ['became-optional']],
  ['became-required', ['became-optional']],
  ['became-optional', ['became-required']],
  ['generalized', ['specialized', 'changed']],
  ['narrowed', ['widened']],
  ['widened', ['narrowed']],
  ['added', ['removed']],
  ['removed', ['added']]
]

const explicitMirrors: Readonly<Record<string, string>> = {
  'new-required-request-property': 'response-required-property-removed',
  'new-required-request-property-with-default': 'response-required-property-removed',
  'new-optional-request-property': 'response-optional-property-removed',
  'request-property-removed': 'response-optional-property-added',
  'request-body-media-type-added': 'response-media-type-added',
  // a root response schema gaining an enum value is reported with the property id
  'request-body-enum-value-removed': 'response-property-enum-value-added',
  'request-body-media-type-removed': 'response-media-type-removed'
}

function mirrorCandidates(id: string): string[] {
  const explicit = explicitMirrors[id]
  if (explicit) return [explicit]
  const response = id.replace(/^request-/, 'response-')
  const out = [response]
  for (const [from, tos] of swaps) {
    if (!response.includes(from)) continue
    for (const to of tos) out.push(response.replace(from, to))
    break
  }
  return out
}

describe('openApiRules', () => {
  it('gives every rule a level, a direction and a reason (their agreement with oasdiff is checked by npm run test:conformance)', () => {
    const ownIds = new Set(semanticsOnlyRules.map((r) => r.id))
    for (const rule of openApiRules) {
      expect(['breaking', 'warning', 'info']).toContain(rule.level)
      expect(['request', 'response', 'none']).toContain(rule.direction)
      const override = levelOverrides[rule.id]
      if (override) expect(rule.level).toBe(override.level)
      expect(rule.kind).toBe('openapi')
      expect(rule.reason.length).toBeGreaterThan(20)
    }
    expect(ownIds.size).toBeGreaterThan(0)
    expect(byId.get('api-security-added')?.level).toBe('warning')
    expect(openApiEngine.rules).toBe(openApiRules)
  })

  it('accepts only catalog ids: a misspelt id does not compile, and an unknown one throws instead of being dropped', () => {
    for (const rule of openApiRules) expect(isOpenApiRuleId(rule.id)).toBe(true)
    // @ts-expect-error a misspelt rule id is not an OpenApiRuleId
    const typo: OpenApiRuleId = 'request-property-max-lenght-decreased'
    // @ts-expect-error nor is a misspelt suffix a SchemaRuleSuffix
    const suffix: SchemaRuleSuffix = 'max-lenght-decreased'
    expect(isOpenApiRuleId(typo)).toBe(false)
    expect(isOpenApiRuleId(`request-property-${suffix}`)).toBe(false)
    const reporter = new Reporter('/b', '/h', '/b/api.yaml', '/h/api.yaml')
    const finding = { message: 'm', operation: null, subject: 's', at: {}, side: 'head' as const }
    expect(() => reporter.report({ ...finding, id: typo })).toThrow(/not in the catalog/)
    expect(reporter.report({ ...finding, id: 'endpoint-added' })).toBe(true)
    expect(reporter.changes.map((c) => c.id)).toEqual(['endpoint-added'])
  })

  it('rates the rules of item 5 by what they do to callers', () => {
    const level = (id: string) => byId.get(id)?.level
    for (const where of [
      'request-body',
      'request-property',
      'response-body',
      'response-property'
    ]) {
      expect(level(`${where}-discriminator-mapping-deleted`)).toBe('breaking')
      expect(level(`${where}-discriminator-mapping-changed`)).toBe('breaking')
      expect(level(`${where}-discriminator-property-name-changed`)).toBe('breaking')
      expect(level(`${where}-discriminator-mapping-added`)).toBe('info')
    }
    expect(level('request-body-additional-properties-restricted')).toBe('breaking')
    expect(level('response-property-additional-properties-allowed')).toBe('warning')
    expect(level('request-parameter-style-changed')).toBe('breaking')
    expect(level('request-parameter-explode-changed')).toBe('breaking')
    expect(level('request-parameter-allow-reserved-changed')).toBe('breaking')
    expect(level('request-parameter-order-changed')).toBe('info')
    expect(level('api-server-removed')).toBe('warning')
    expect(level('api-server-changed')).toBe('warning')
    expect(level('api-version-decreased')).toBe('warning')
    expect(level('request-body-added-required')).toBe('breaking')
  })

  it('has a response mirror for every request rule, or a stated reason why not', () => {
    const orphans: string[] = []
    for (const rule of openApiRules) {
      if (rule.direction !== 'request') continue
      if (mirrorExemptions.some(([pattern]) => pattern.test(rule.id))) continue
      const mirror = mirrorCandidates(rule.id).find((id) => byId.get(id)?.direction === 'response')
      if (!mirror) orphans.push(rule.id)
    }
    expect(orphans).toEqual([])
  })
})
