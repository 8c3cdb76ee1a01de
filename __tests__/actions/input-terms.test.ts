import { describe, expect, it } from '@jest/globals'
import { inInputTerms } from '../../src/actions/runtime.js'
import { parse } from 'yaml'

describe('action errors in the workflow author’s terms', () => {
  it('names inputs instead of CLI flags, and leaves quoted command examples alone', () => {
    expect(
      inInputTerms('--store none keeps no manifests; use --store branch or --store file.')
    ).toBe("input 'store' none keeps no manifests; use input 'store' branch or input 'store' file.")
    expect(inInputTerms("--evidence: cannot read 'x.json'")).toBe(
      "input 'evidence-path': cannot read 'x.json'"
    )
    expect(
      inInputTerms("list them with 'rollback-guard manifest show latest --service api --env prod'.")
    ).toBe("list them with 'rollback-guard manifest show latest --service api --env prod'.")
    expect(inInputTerms('give the file (slo check --format json).')).toBe(
      'give the file (slo check --format json).'
    )
  })
})

// a plain script (no declarations): imported by name so tsc does not ask for its types
const script = '../../scripts/make-umbrella-action.js'
const { umbrellaAction } = (await import(script)) as { umbrellaAction: (root: string) => string }

describe('the umbrella action', () => {
  const umbrella = parse(umbrellaAction('.')) as {
    inputs: Record<string, { required?: boolean; description: string }>
    outputs: Record<string, { description: string }>
  }

  it('documents every value of a shared output, inconclusive included', () => {
    expect(umbrella.outputs.verdict?.description).toMatch(/\(contract-check\) pass or fail/)
    expect(umbrella.outputs.verdict?.description).toMatch(/\(slo-gate\) pass, fail or inconclusive/)
  })

  it('marks a job’s required input as such without requiring it of the other commands', () => {
    expect(umbrella.inputs.policy).toMatchObject({ required: false })
    expect(umbrella.inputs.policy?.description).toMatch(/^\(slo-gate, required\)/)
  })
})
