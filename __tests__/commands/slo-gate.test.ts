import { describe, expect, it } from '@jest/globals'
import { fileURLToPath } from 'node:url'
import {
  runSloGate as runGate,
  type SloGateOptions,
  type VerdictTarget
} from '../../src/commands/slo-gate.js'
import { withProviders } from '../../src/wiring/slo-check.js'

/** The use case with the real file provider the demo policy names. */
const runSloGate = (options: SloGateOptions) => runGate(withProviders(options))
import { InputError } from '../../src/core/errors.js'
import type { ManifestStore, StoredManifest } from '../../src/manifest/store.js'
import type { Verdict } from '../../src/manifest/types.js'

const demoPolicy = fileURLToPath(new URL('../../examples/slo/demo/slo.yml', import.meta.url))
const releases = { healthy: '2026-05-01T10:00:00Z', failing: '2026-05-01T12:00:00Z' }
const quiet = { info: () => undefined, warn: () => undefined }

/** One release in memory; every call is written down, so the order of events can be checked. */
function storeWith(ids: string[], events: string[]) {
  const verdicts = new Map<string, Verdict>()
  const stored = (id: string) => ({ id, sha256: 'x', storeCommit: `c-${id}` }) as StoredManifest
  const store: Partial<ManifestStore> = {
    async resolve(_service, _env, ref) {
      events.push(`resolve ${ref}`)
      const id = ref === 'latest' ? ids.at(-1) : ids.find((i) => i === ref)
      return id ? stored(id) : null
    },
    async setVerdict(_service, _env, ref, verdict) {
      events.push(`verdict ${ref} ${verdict.status}`)
      verdicts.set(ref, verdict)
      return stored(ref)
    }
  }
  return { store: store as ManifestStore, verdicts }
}

function target(store: ManifestStore, ref = 'latest'): VerdictTarget {
  return { store, service: 'shop', env: 'production', ref, hint: 'run the manifest job first.' }
}

describe('the SLO gate use case (find the manifest, measure, keep the evidence, mark)', () => {
  it('marks a failing release bad with the evidence as an object, after the evidence was kept', async () => {
    const events: string[] = []
    const { store, verdicts } = storeWith(['m1', 'm2'], events)
    const result = await runSloGate({
      policyPath: demoPolicy,
      deployedAt: releases.failing,
      now: new Date(releases.failing),
      ports: { log: quiet },
      target: target(store),
      decidedAt: () => new Date('2026-05-01T13:00:00Z'),
      onMeasured: (check) => {
        events.push(`evidence ${check.verdict}`)
      }
    })
    expect(result.check.verdict).toBe('fail')
    expect(result.status).toBe('bad')
    expect(result.target?.id).toBe('m2')
    expect(result.marked?.id).toBe('m2')
    expect(events).toEqual(['resolve latest', 'evidence fail', 'verdict m2 bad'])
    const verdict = verdicts.get('m2')!
    expect(verdict.decidedAt).toBe('2026-05-01T13:00:00.000Z')
    // the evidence document as its JSON says it: times as text, the failed objectives named
    expect(verdict.evidence).toMatchObject({
      schemaVersion: 1,
      verdict: 'fail',
      deployedAt: '2026-05-01T12:00:00.000Z'
    })
  })

  it('marks a healthy release good', async () => {
    const events: string[] = []
    const { store } = storeWith(['m1'], events)
    const result = await runSloGate({
      policyPath: demoPolicy,
      deployedAt: releases.healthy,
      now: new Date(releases.healthy),
      ports: { log: quiet },
      target: target(store, 'm1'),
      decidedAt: () => new Date()
    })
    expect(result.status).toBe('good')
    expect(events).toEqual(['resolve m1', 'verdict m1 good'])
  })

  it('fails before measuring when the manifest is not there, with the hint', async () => {
    const events: string[] = []
    const { store } = storeWith([], events)
    const measured: string[] = []
    const run = runSloGate({
      policyPath: demoPolicy,
      deployedAt: releases.failing,
      now: new Date(releases.failing),
      ports: { log: quiet },
      target: target(store),
      decidedAt: () => new Date(),
      onMeasured: (check) => {
        measured.push(check.verdict)
      }
    })
    await expect(run).rejects.toThrow(InputError)
    await expect(run).rejects.toThrow(
      /no manifest 'latest' for shop\/production: check the service, env and reference; run the manifest job first\./
    )
    expect(measured).toEqual([])
    expect(events).toEqual(['resolve latest'])
  })

  it('records nothing without a target, and still measures', async () => {
    const result = await runSloGate({
      policyPath: demoPolicy,
      deployedAt: releases.failing,
      now: new Date(releases.failing),
      ports: { log: quiet },
      target: null,
      decidedAt: () => new Date()
    })
    expect(result.check.verdict).toBe('fail')
    expect(result.marked).toBeNull()
    expect(result.target).toBeNull()
  })
})
