import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { parseBound } from '../../src/slo/policy/bound.js'
import { parseSloPolicy } from '../../src/slo/policy/load.js'
import { sloPolicySchema } from '../../src/slo/policy/schema.js'
import { judgeValue } from '../../src/slo/evaluate/judge.js'
import type { Objective } from '../../src/slo/types.js'

const policy = (bound: string): string =>
  `providers: { p: { type: file, path: s.json } }\nobjectives:\n  - { name: a, query: q, bound: "${bound}" }\n`

describe('an SLO bound is a finite number', () => {
  it.each(['< 1e400', '>= -1e999', '<= +1e400%'])('%s is refused by the parser', (bound) => {
    expect(parseBound(bound)).toMatch(/not a finite number/)
    expect(() => parseSloPolicy(policy(bound), 'slo.yml')).toThrow(/slo\.yml:3:/)
  })

  it('the schema refuses an exponent that overflows and keeps ordinary bounds', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(sloPolicySchema)
    const valid = (bound: string) =>
      validate({
        providers: { p: { type: 'file', path: 's.json' } },
        objectives: [{ name: 'a', query: 'q', bound }]
      })
    expect(valid('< 1e400')).toBe(false)
    expect(valid('< 0.01')).toBe(true)
    expect(valid('<= +10%')).toBe(true)
    expect(valid('< 1e-3')).toBe(true)
  })

  it('the evaluator never passes against a threshold that is not finite', () => {
    const objective = {
      noData: 'fail',
      bound: { kind: 'relative', op: '<=', percent: 10, text: '<= +10%' }
    } as unknown as Objective
    expect(judgeValue(objective, 5, Number.POSITIVE_INFINITY).result).toBe('inconclusive')
    expect(judgeValue(objective, 5, 10).result).toBe('pass')
  })
})
