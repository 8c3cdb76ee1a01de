import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/core/errors.js'
import { parseDeployedAt } from '../../src/commands/slo-check.js'

describe('--deployed-at', () => {
  const now = new Date('2026-12-01T12:00:00Z')

  it('more than a day ahead (past what a timer can wait) is an input error', () => {
    expect(() => parseDeployedAt('2027-01-01T00:00:00Z', now)).toThrow(InputError)
    expect(() => parseDeployedAt('2026-12-30T00:00:00Z', now)).toThrow(/in the future/)
  })

  it('a recent past or a few minutes ahead (clock skew) is accepted', () => {
    expect(parseDeployedAt('2026-12-01T11:00:00Z', now).toISOString()).toBe(
      '2026-12-01T11:00:00.000Z'
    )
    expect(parseDeployedAt('2026-12-01T12:05:00Z', now).toISOString()).toBe(
      '2026-12-01T12:05:00.000Z'
    )
  })
})
