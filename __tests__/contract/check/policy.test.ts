import { describe, it, expect } from '@jest/globals'
import { fingerprintOf } from '../../../src/core/fingerprint.js'
import { parseContractConfig } from '../../../src/contract/config/load.js'
import { applyPolicy, globMatch, matchesIgnore } from '../../../src/contract/policy/apply.js'
import {
  compareSemver,
  nextVersion,
  parseSemver,
  formatSemver
} from '../../../src/contract/policy/semver.js'
import { requiredBump, semverOf, verdictOf } from '../../../src/contract/policy/verdict.js'
import { summarize, type ReportChange } from '../../../src/contract/report/model.js'

function change(
  id: string,
  level: ReportChange['level'],
  operation: string | null,
  message: string
): ReportChange {
  return {
    kind: 'openapi',
    id,
    level,
    message,
    operation,
    symbol: null,
    file: 'api/openapi.yaml',
    line: 10,
    ignored: false,
    fingerprint: fingerprintOf({ kind: 'openapi', id, operation }),
    contract: 'orders-api'
  }
}

const changes = [
  change(
    'request-parameter-removed',
    'warning',
    'GET /orders',
    "query parameter 'cursor' of GET /orders was removed"
  ),
  change(
    'new-required-request-parameter',
    'breaking',
    'GET /orders',
    "required query parameter 'region' added to GET /orders"
  ),
  change(
    'response-optional-property-removed',
    'warning',
    'GET /orders/{orderId}',
    "optional property 'trackingUrl' removed"
  ),
  change(
    'endpoint-added',
    'info',
    'POST /orders/{id}/refunds',
    'POST /orders/{id}/refunds was added'
  )
]

const config = parseContractConfig(
  `contracts:
  - { kind: openapi, name: orders-api, path: api/openapi.yaml }
overrides:
  response-optional-property-removed: breaking
ignore:
  - id: request-parameter-removed
    operation: GET /orders
    reason: cursor was never documented
    expires: 2026-12-31
  - path: /orders/{id}/**
    id: endpoint-added
    reason: refunds are announced separately
  - fingerprint: 000000000000
    reason: an old entry
`,
  '.rollback-guard.yml'
)

describe('policy: overrides and ignore entries', () => {
  it('raises a level by rule id and keeps the engine level for the report', () => {
    const { changes: out } = applyPolicy(changes, config, new Date('2026-11-21T00:00:00Z'))
    const raised = out.find((c) => c.id === 'response-optional-property-removed')
    expect(raised).toMatchObject({ level: 'breaking', originalLevel: 'warning', ignored: false })
  })

  it('ignores what an entry matches, with its reason, until the day it expires', () => {
    const before = applyPolicy(changes, config, new Date('2026-12-31T23:59:00Z'))
    const cursor = before.changes.find((c) => c.id === 'request-parameter-removed')
    expect(cursor).toMatchObject({ ignored: true, ignoreReason: 'cursor was never documented' })
    expect(before.notes.some((n) => n.message.includes('expired'))).toBe(false)
    expect(summarize(before.changes)).toEqual({ breaking: 2, warning: 0, info: 0, ignored: 2 })

    const after = applyPolicy(changes, config, new Date('2027-01-01T00:00:00Z'))
    expect(after.changes.find((c) => c.id === 'request-parameter-removed')?.ignored).toBe(false)
    expect(after.notes).toContainEqual({
      level: 'warning',
      message:
        'ignore entry (id request-parameter-removed, operation GET /orders; line 6) expired on 2026-12-31; its 1 change counts again. Fix the change or renew the entry with a new `expires`.'
    })
    expect(summarize(after.changes)).toEqual({ breaking: 2, warning: 1, info: 0, ignored: 1 })
  })

  it('says which entries match nothing', () => {
    const { notes } = applyPolicy(changes, config, new Date('2026-11-21T00:00:00Z'))
    expect(notes).toContainEqual({
      level: 'notice',
      message:
        'ignore entry (fingerprint 000000000000; line 13) matched no change; remove it if it is no longer needed.'
    })
  })

  it('matches operations regardless of method case and path parameter names, and by glob', () => {
    const target = change('x', 'info', 'GET /orders/{orderId}/items', 'm')
    expect(
      matchesIgnore({ operation: 'get /orders/{id}/items', reason: 'r', line: null }, target)
    ).toBe(true)
    expect(matchesIgnore({ operation: 'GET /orders/*', reason: 'r', line: null }, target)).toBe(
      false
    )
    expect(matchesIgnore({ operation: 'GET /orders/**', reason: 'r', line: null }, target)).toBe(
      true
    )
    expect(matchesIgnore({ path: '/orders/{x}/items', reason: 'r', line: null }, target)).toBe(true)
    expect(
      matchesIgnore({ path: '/orders/{x}/items', id: 'y', reason: 'r', line: null }, target)
    ).toBe(false)
    expect(
      matchesIgnore({ fingerprint: target.fingerprint, reason: 'r', line: null }, target)
    ).toBe(true)
    expect(globMatch('pkg.*', 'pkg.Client.Do', '.')).toBe(false)
    expect(globMatch('pkg.**', 'pkg.Client.Do', '.')).toBe(true)
  })
})

describe('semver', () => {
  it('orders versions by the spec, not as strings', () => {
    const sorted = [
      '1.10.0',
      '1.9.0',
      '2.0.0-rc.1',
      '2.0.0',
      '2.0.0-alpha',
      '2.0.0-rc.10',
      '2.0.0-rc.2',
      '1.0.0+build.5'
    ]
      .map((v) => parseSemver(v)!)
      .sort(compareSemver)
      .map(formatSemver)
    expect(sorted).toEqual([
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0-alpha',
      '2.0.0-rc.1',
      '2.0.0-rc.2',
      '2.0.0-rc.10',
      '2.0.0'
    ])
    expect(parseSemver('1.2')).toBeNull()
    expect(parseSemver('01.2.3')).toBeNull()
  })

  it('computes the next version, releasing a pre-release base', () => {
    const next = (base: string, bump: 'major' | 'minor' | 'patch'): string =>
      formatSemver(nextVersion(parseSemver(base)!, bump))
    expect(next('1.4.2', 'major')).toBe('2.0.0')
    expect(next('1.4.2', 'minor')).toBe('1.5.0')
    expect(next('1.4.2', 'patch')).toBe('1.4.3')
    expect(next('2.0.0-rc.1', 'major')).toBe('2.0.0')
    expect(next('1.5.0-rc.1', 'minor')).toBe('1.5.0')
    expect(next('1.5.1-rc.1', 'major')).toBe('2.0.0')
  })

  it('requires major for breaking, minor for other changes, patch for none; one place lower before 1.0', () => {
    const none = { breaking: 0, warning: 0, info: 0, ignored: 3 }
    const additive = { breaking: 0, warning: 0, info: 2, ignored: 0 }
    const breaking = { breaking: 1, warning: 0, info: 2, ignored: 0 }
    expect([none, additive, breaking].map((s) => requiredBump(s, 1))).toEqual([
      'patch',
      'minor',
      'major'
    ])
    expect([none, additive, breaking].map((s) => requiredBump(s, 0))).toEqual([
      'patch',
      'patch',
      'minor'
    ])
    expect(semverOf('1.4.0', breaking)).toEqual({ base: '1.4.0', required: 'major', next: '2.0.0' })
    expect(semverOf('0.7.3', breaking)).toEqual({ base: '0.7.3', required: 'minor', next: '0.8.0' })
    expect(semverOf(null, additive)).toEqual({ base: null, required: 'minor', next: null })
  })

  it('judges the version the head declares, only when the head changed it', () => {
    const breaking = { breaking: 1, warning: 0, info: 0, ignored: 0 }
    expect(semverOf('1.4.0', breaking, '1.5.0')).toMatchObject({
      declared: '1.5.0',
      sufficient: false
    })
    expect(semverOf('1.4.0', breaking, 'v2.0.0-rc.1')).toMatchObject({
      declared: '2.0.0-rc.1',
      sufficient: true
    })
    expect(semverOf('1.4.0', breaking, '1.4.0')).not.toHaveProperty('declared')
    expect(semverOf('1.4.0', breaking, '0.0.0')).not.toHaveProperty('declared')
  })
})

describe('verdict', () => {
  const semver = { base: '1.0.0', required: 'minor' as const, next: '1.1.0' }
  it('fails at or above the fail-on level only', () => {
    const warningOnly = { breaking: 0, warning: 1, info: 4, ignored: 2 }
    expect(verdictOf(warningOnly, 'breaking', semver)).toBe('pass')
    expect(verdictOf(warningOnly, 'warning', semver)).toBe('fail')
    expect(verdictOf({ breaking: 3, warning: 0, info: 0, ignored: 0 }, 'never', semver)).toBe(
      'pass'
    )
  })
  it('fails when the declared version is too small, unless the check is off', () => {
    const clean = { breaking: 0, warning: 0, info: 1, ignored: 0 }
    const tooSmall = { ...semver, declared: '1.0.1', sufficient: false }
    expect(verdictOf(clean, 'breaking', tooSmall)).toBe('fail')
    expect(verdictOf(clean, 'breaking', tooSmall, false)).toBe('pass')
  })
})
