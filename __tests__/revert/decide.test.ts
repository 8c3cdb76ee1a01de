import { describe, expect, it } from '@jest/globals'
import { decideRevert, type RevertSituation } from '../../src/revert/decide.js'
import {
  incidentOfBody,
  isRevertCommitMessage,
  revertBranchName,
  revertMarker,
  revertTitle,
  revertTrailer
} from '../../src/revert/incident.js'
import { diffManifests, imagePins } from '../../src/revert/manifest-diff.js'
import { planCommitReverts, strategyOrder } from '../../src/revert/strategies.js'
import { InputError } from '../../src/core/errors.js'
import { storedManifest } from './support/manifests.js'

const goodSha = '1'.repeat(40)
const badSha = 'abcdef0123456789abcdef0123456789abcdef01'
const good = storedManifest({ commit: goodSha, createdAt: '2026-05-01T09:00:00Z', release: 'good' })
const bad = storedManifest({ commit: badSha, createdAt: '2026-05-01T11:00:00Z', release: 'bad' })
const situation = (over: Partial<RevertSituation>): RevertSituation => ({
  service: 'payments',
  env: 'production',
  verdict: 'fail',
  bad,
  good,
  badCommitMessage: 'Release 2.8.0',
  ...over
})

describe('whether to revert', () => {
  it('reverts a failed release to the last good one', () => {
    expect(decideRevert(situation({}))).toEqual({ kind: 'revert', bad, good })
  })

  it.each([
    ['pass', 'verdict-pass', /passed/],
    ['inconclusive', 'verdict-inconclusive', /only a failed gate opens a revert/]
  ] as const)('does nothing when the gate says %s, and says why', (verdict, reason, message) => {
    const decision = decideRevert(situation({ verdict }))
    expect(decision).toMatchObject({ kind: 'skip', reason })
    expect(decision.kind === 'skip' && decision.message).toMatch(message)
  })

  it('does nothing when the last good release is the current one', () => {
    expect(decideRevert(situation({ bad: good }))).toMatchObject({
      kind: 'skip',
      reason: 'good-is-current'
    })
    const sameCommit = storedManifest({
      commit: goodSha,
      createdAt: '2026-05-01T11:00:00Z',
      release: 'bad'
    })
    expect(decideRevert(situation({ bad: sameCommit }))).toMatchObject({
      reason: 'good-is-current'
    })
  })

  it('does nothing when the good release is newer than the failing one', () => {
    const older = storedManifest({
      commit: badSha,
      createdAt: '2026-05-01T08:00:00Z',
      release: 'bad'
    })
    expect(decideRevert(situation({ bad: older }))).toMatchObject({ reason: 'good-is-newer' })
  })

  it('asks for a good release when none is marked, and for manifests when there are none', () => {
    expect(decideRevert(situation({ good: null }))).toMatchObject({ reason: 'no-good-release' })
    expect(decideRevert(situation({ bad: null }))).toMatchObject({ reason: 'no-bad-release' })
  })

  it.each([
    [
      'its trailer',
      `Revert "Release 2.8.0"\n\nThis reverts commit x.\n\n${revertTrailer({ service: 'payments', env: 'production', badCommit: badSha })}`
    ],
    [
      'a squash of our pull request',
      `rollback-guard: revert payments/production to 111111111111 (SLO gate failed on abcdef012345) (#12)`
    ],
    [
      'a merge of our branch',
      `Merge pull request #12 from acme/rollback-guard/revert/payments/production/abcdef012345`
    ]
  ])('never reverts a revert, recognised by %s', (_how, message) => {
    expect(decideRevert(situation({ badCommitMessage: message }))).toMatchObject({
      reason: 'bad-is-a-revert'
    })
  })

  it('never reverts a release built from a revert branch', () => {
    const fromBranch = storedManifest({
      commit: badSha,
      createdAt: '2026-05-01T11:00:00Z',
      release: 'bad',
      ref: 'refs/heads/rollback-guard/revert/payments/production/abcdef012345'
    })
    expect(decideRevert(situation({ bad: fromBranch }))).toMatchObject({
      reason: 'bad-is-a-revert'
    })
  })

  it('does not take an ordinary revert by a person for ours', () => {
    expect(
      isRevertCommitMessage('Revert "Raise the page size"\n\nThis reverts commit 1234567.')
    ).toBe(false)
  })
})

describe('the incident identity', () => {
  it('names one branch and marker per incident, and reads the incident back', () => {
    const incident = { service: 'payments', env: 'production', badCommit: badSha }
    expect(revertBranchName(incident)).toBe(
      'rollback-guard/revert/payments/production/abcdef012345'
    )
    expect(revertMarker('payments', 'production')).toBe(
      '<!-- rollback-guard:revert/payments/production -->'
    )
    expect(incidentOfBody(`x\n<!-- rollback-guard:revert-incident:${badSha} -->\n`)).toBe(badSha)
    expect(isRevertCommitMessage(revertTitle(incident, goodSha))).toBe(true)
  })
})

describe('strategies', () => {
  it('orders the chosen strategy and its fallbacks, each once', () => {
    expect(strategyOrder('revert-commits', 'restore-paths, pin-digests,revert-commits')).toEqual([
      'revert-commits',
      'restore-paths',
      'pin-digests'
    ])
    expect(strategyOrder('', 'none')).toEqual(['revert-commits'])
    expect(() => strategyOrder('rollback', '')).toThrow(InputError)
    expect(() => strategyOrder('pin-digests', 'restore')).toThrow(
      /fallback-strategies: 'restore' is not a revert strategy/
    )
  })

  it('reverts merges against their first parent, newest first as given', () => {
    const steps = planCommitReverts([
      { sha: 'c3', parents: ['c2'], subject: 'Release', message: 'Release' },
      { sha: 'm', parents: ['c1', 'f2'], subject: 'Merge', message: 'Merge' }
    ])
    expect(steps).toEqual([
      { sha: 'c3', subject: 'Release', mainline: null },
      { sha: 'm', subject: 'Merge', mainline: 1 }
    ])
  })
})

describe('the manifest diff', () => {
  it('shows what comes back: image digests, go.mod hashes and the config version', () => {
    const diff = diffManifests(bad.manifest, good.manifest)
    expect(diff.images.find((i) => i.name === 'ghcr.io/acme/payments')).toMatchObject({
      change: 'changed',
      now: { tag: '2.8.0' },
      restored: { tag: '2.7.4' }
    })
    expect(diff.images.find((i) => i.name === 'ghcr.io/acme/envoy-sidecar')?.change).toBe('same')
    expect(diff.go[0]).toMatchObject({
      change: 'changed',
      now: { goVersion: '1.23' },
      restored: { goVersion: '1.22' }
    })
    expect(diff.config).toMatchObject({
      now: '2026.11.2',
      restored: '2026.11.1',
      change: 'changed'
    })
    expect(imagePins(diff).map((p) => p.name)).toEqual(['ghcr.io/acme/payments'])
  })
})
