import { InputError, messageOf } from '../../core/errors.js'
import { formatDuration } from '../policy/duration.js'
import { thresholdOf } from '../policy/bound.js'
import type { Clock, Log, MetricsProvider, Sleep } from '../ports.js'
import type {
  BaselineResult,
  GateResult,
  Measurement,
  Objective,
  ObjectiveResult,
  SloPolicy
} from '../types.js'
import { failsGate, gateVerdict } from './gate.js'
import { judgeRaw, judgeValue } from './judge.js'
import { measureBaseline, measureOnce, renderQuery } from './measure.js'
import { objectiveState } from './objective.js'

export interface GatePorts {
  /** The provider of a policy's provider key. */
  provider(name: string): MetricsProvider
  clock: Clock
  sleep: Sleep
  log: Log
}

interface Track {
  objective: Objective
  provider: MetricsProvider
  measurements: Measurement[]
  baseline: BaselineResult | null
  threshold: number | null
  done: boolean
  verdict?: ObjectiveResult['verdict']
  reason?: string
}

/** When the n-th (1-based) measurement of an objective is due. */
export function measurementTime(objective: Objective, deployedAt: Date, index: number): Date {
  return new Date(
    deployedAt.getTime() + objective.initialDelayMs + (index - 1) * objective.intervalMs
  )
}

/**
 * Runs the policy's measurement schedule from the deploy time: waits (through the sleep port) until
 * each measurement is due, measures every due objective together, logs one line per measurement and
 * stops an objective once its verdict cannot change (and everything once a deciding objective
 * failed, when failFast). A malformed query ends the run with an InputError.
 */
export async function runGate(
  policy: SloPolicy,
  deployedAt: Date,
  ports: GatePorts
): Promise<GateResult> {
  const startedAt = ports.clock.now()
  const tracks: Track[] = policy.objectives.map((objective) => ({
    objective,
    provider: ports.provider(objective.provider),
    measurements: [],
    baseline: null,
    threshold: objective.bound.kind === 'absolute' ? objective.bound.value : null,
    done: false
  }))
  await preflight(tracks, deployedAt, ports)
  let serviceFailed = false
  for (;;) {
    const pending = tracks.filter((t) => !t.done)
    if (pending.length === 0) break
    const due = Math.min(
      ...pending.map((t) =>
        measurementTime(t.objective, deployedAt, t.measurements.length + 1).getTime()
      )
    )
    const wait = due - ports.clock.now().getTime()
    if (wait > 0) await ports.sleep(wait)
    const at = new Date(due)
    const batch = pending.filter(
      (t) => measurementTime(t.objective, deployedAt, t.measurements.length + 1).getTime() === due
    )
    const taken = await Promise.all(batch.map((track) => takeMeasurement(track, at, deployedAt)))
    for (const [i, track] of batch.entries()) {
      const measurement = taken[i] as Measurement
      if (measurement.reason === 'provider-error') serviceFailed = true
      track.measurements.push(measurement)
      const complete = track.measurements.length >= track.objective.count
      const state = objectiveState(track.objective, track.measurements, complete)
      ports.log.info(progressLine(track, measurement, state.failures))
      if (state.decided) {
        track.done = true
        track.verdict = state.verdict
        track.reason = state.reason
        if (!complete && state.verdict !== 'pass')
          ports.log.info(`[${track.objective.name}] ${state.verdict}: ${state.reason}`)
      }
    }
    const stopper = tracks.find(
      (t) => t.verdict === 'fail' && failsGate(t.objective, policy.scoreThresholds)
    )
    if (policy.failFast && stopper) {
      for (const track of tracks.filter((t) => !t.done)) {
        track.done = true
        track.verdict = 'inconclusive'
        track.reason = `not finished: the gate stopped when ${stopper.objective.name} failed`
      }
    }
  }
  const objectives: ObjectiveResult[] = tracks.map((track) => {
    const state = objectiveState(track.objective, track.measurements, true)
    return {
      objective: track.objective,
      verdict: track.verdict ?? state.verdict,
      reason: track.reason ?? state.reason,
      measurements: track.measurements,
      baseline: track.baseline,
      failures: state.failures,
      errors: state.errors
    }
  })
  const { verdict, score } = gateVerdict(objectives, policy.scoreThresholds)
  return {
    verdict,
    deployedAt,
    startedAt,
    finishedAt: ports.clock.now(),
    objectives,
    score,
    serviceFailed
  }
}

async function takeMeasurement(track: Track, at: Date, deployedAt: Date): Promise<Measurement> {
  const index = track.measurements.length + 1
  const objective = track.objective
  // A baseline the provider failed to give is asked for again at the next measurement.
  if (objective.bound.kind === 'relative' && (track.baseline === null || track.baseline.error)) {
    track.baseline = await takeBaseline(track, deployedAt)
    track.threshold = thresholdOf(objective.bound, track.baseline.value, objective.baseline.min)
  }
  try {
    const raw = await measureOnce(objective, track.provider, at, deployedAt)
    const judgement = raw.judged
      ? judgeRaw(objective, raw.judged)
      : judgeValue(objective, raw.value, track.threshold)
    const measurement: Measurement = {
      index,
      at,
      windowMs: raw.windowMs,
      value: raw.value,
      threshold: raw.judged ? raw.judged.threshold : track.threshold,
      result: judgement.result
    }
    if (judgement.reason && measurement.result === 'inconclusive')
      measurement.reason = judgement.reason
    if (raw.judged?.canary) measurement.canary = raw.judged.canary
    if (raw.judged?.burn) measurement.burn = raw.judged.burn
    if (raw.series) measurement.series = raw.series
    if (judgement.reason === 'no-baseline' && track.baseline?.error) {
      measurement.reason = 'provider-error'
      measurement.error = `baseline: ${track.baseline.error}`
    }
    return measurement
  } catch (error) {
    if (error instanceof InputError) throw inObjective(error, objective)
    return {
      index,
      at,
      windowMs: 0,
      value: null,
      threshold: track.threshold,
      result: 'inconclusive',
      reason: 'provider-error',
      error: messageOf(error)
    }
  }
}

async function takeBaseline(track: Track, deployedAt: Date): Promise<BaselineResult> {
  const objective = track.objective
  const from = new Date(deployedAt.getTime() - objective.baseline.windowMs)
  try {
    const { query, value } = await measureBaseline(objective, track.provider, deployedAt)
    return {
      query,
      from,
      to: deployedAt,
      value: value !== null && Number.isNaN(value) ? null : value
    }
  } catch (error) {
    if (error instanceof InputError) throw inObjective(error, objective)
    const query =
      objective.measure.kind === 'instant'
        ? renderQuery(objective.measure.query, objective.baseline.windowMs)
        : ''
    return { query, from, to: deployedAt, value: null, error: messageOf(error) }
  }
}

/**
 * A malformed query should stop the gate before it waits out an initial delay, so when the first
 * measurement is still ahead every query is tried once now; only an input error matters here.
 */
async function preflight(tracks: Track[], deployedAt: Date, ports: GatePorts): Promise<void> {
  const now = ports.clock.now()
  const first = Math.min(
    ...tracks.map((t) => measurementTime(t.objective, deployedAt, 1).getTime())
  )
  if (first - now.getTime() < 1000) return
  const at = new Date(Math.max(now.getTime(), deployedAt.getTime() + 1000))
  await Promise.all(
    tracks.map(async (track) => {
      try {
        await measureOnce(track.objective, track.provider, at, deployedAt)
      } catch (error) {
        if (error instanceof InputError) throw inObjective(error, track.objective)
      }
    })
  )
}

function inObjective(error: InputError, objective: Objective): InputError {
  const where = `${objective.source.file}${objective.source.line ? `:${objective.source.line}` : ''}`
  return new InputError(`${where}: objective '${objective.name}': ${error.message}`, {
    cause: error
  })
}

function formatValue(value: number | null): string {
  if (value === null) return 'no data'
  if (Number.isNaN(value)) return 'NaN'
  return Number.isInteger(value) ? String(value) : value.toPrecision(4)
}

function progressLine(track: Track, m: Measurement, failures: number): string {
  const o = track.objective
  const bound =
    o.bound.kind === 'relative' ? `${o.bound.text} (${formatValue(m.threshold)})` : o.bound.text
  const detail = m.error ? `: ${m.error}` : m.reason ? ` (${m.reason})` : ''
  const window = m.windowMs > 0 ? ` over ${formatDuration(m.windowMs)}` : ''
  const found = m.canary
    ? ` (U ${m.canary.u}, p-value ${m.canary.pValue.toPrecision(3)}, effect size ${formatValue(m.canary.effectSize)})`
    : m.burn
      ? ` (burn rate ${formatValue(m.burn.long.burnRate)}x over ${formatDuration(m.burn.long.windowMs)}, ${formatValue(m.burn.short.burnRate)}x over ${formatDuration(m.burn.short.windowMs)})`
      : ''
  return `[${o.name}] ${m.index}/${o.count} at ${m.at.toISOString()}${window}: ${formatValue(m.value)} ${bound} -> ${m.result}${detail}${found} (failures ${failures}/${o.failureLimit})`
}
