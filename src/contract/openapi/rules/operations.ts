import type { Reporter } from '../diff/report.js'
import type { OperationRef } from '../diff/operations.js'
import type { DiffEnv } from '../diff/side.js'
import { parseSunset, stabilityRank } from './dates.js'

export interface OperationPair {
  env: DiffEnv
  reporter: Reporter
  b: OperationRef
  h: OperationRef
}

/** A removed operation: breaking unless it was deprecated and its sunset (if any) has passed. */
export function reportRemovedOperation(
  env: DiffEnv,
  reporter: Reporter,
  b: OperationRef,
  wholePath: boolean
): void {
  const what = wholePath ? `path ${b.path} (${b.method.toUpperCase()})` : b.name
  const at = { operation: b.name, subject: 'removed', at: b.op, side: 'base' as const }
  if (b.op.deprecated !== true) {
    reporter.report({
      ...at,
      id: wholePath ? 'api-path-removed-without-deprecation' : 'api-removed-without-deprecation',
      message: `${what} was removed without being deprecated first`
    })
    return
  }
  const sunset = parseSunset(b.op['x-sunset'])
  if (sunset.kind === 'invalid') {
    reporter.report({
      ...at,
      id: 'api-path-sunset-parse',
      message: `${what} was removed; its x-sunset '${sunset.raw}' is not a date`
    })
  } else if (sunset.kind === 'date' && sunset.date.getTime() > env.now.getTime()) {
    reporter.report({
      ...at,
      id: wholePath ? 'api-path-removed-before-sunset' : 'api-removed-before-sunset',
      message: `${what} was removed before its sunset date ${sunset.raw}`
    })
  } else {
    reporter.report({
      ...at,
      id: wholePath ? 'api-path-removed-with-deprecation' : 'api-removed-with-deprecation',
      message: `${what} was removed after its deprecation`
    })
  }
}

export function reportAddedOperation(reporter: Reporter, h: OperationRef): void {
  reporter.report({
    id: 'endpoint-added',
    message: `${h.name} was added`,
    operation: h.name,
    subject: 'added',
    at: h.op,
    side: 'head'
  })
}

/** x-stability-level: decreasing is breaking, unknown values are flagged. Returns false when the level is invalid. */
export function checkStability({ reporter, b, h }: OperationPair): void {
  const lb = b.op['x-stability-level']
  const lh = h.op['x-stability-level']
  const rb = stabilityRank(lb)
  const rh = stabilityRank(lh)
  const at = { operation: h.name, at: h.op, side: 'head' as const, other: b.op }
  if (rb === -1 || rh === -1) {
    const bad = rb === -1 ? lb : lh
    reporter.report({
      ...at,
      id: 'api-invalid-stability-level',
      subject: 'stability',
      message: `${h.name} has an invalid x-stability-level '${String(bad)}' (use draft, alpha, beta or stable)`
    })
    return
  }
  if (rb === undefined || rh === undefined || rb === rh) return
  const down = rh < rb
  reporter.report({
    ...at,
    id: down ? 'api-stability-decreased' : 'api-stability-increased',
    subject: 'stability',
    message: `${h.name} stability ${down ? 'decreased' : 'increased'} from ${String(lb)} to ${String(lh)}`
  })
}

/** deprecated flag and x-sunset of an operation. */
export function checkDeprecation({ env, reporter, b, h }: OperationPair): void {
  const at = { operation: h.name, at: h.op, side: 'head' as const, other: b.op }
  const was = b.op.deprecated === true
  const is = h.op.deprecated === true
  const sunsetB = parseSunset(b.op['x-sunset'])
  const sunsetH = parseSunset(h.op['x-sunset'])
  if (!was && is) {
    if (sunsetH.kind === 'invalid') {
      reporter.report({
        ...at,
        id: 'api-deprecated-sunset-parse',
        subject: 'deprecated',
        message: `${h.name} was deprecated with an x-sunset '${sunsetH.raw}' that is not a date`
      })
    } else if (sunsetH.kind === 'date') {
      reporter.report({
        ...at,
        id: 'endpoint-deprecated-with-sunset',
        subject: 'deprecated',
        message: `${h.name} was deprecated with sunset ${sunsetH.raw}`
      })
      if (sunsetH.date.getTime() < env.now.getTime()) {
        reporter.report({
          ...at,
          id: 'api-sunset-date-too-small',
          subject: 'sunset',
          message: `${h.name} was deprecated with a sunset date ${sunsetH.raw} already in the past`
        })
      }
    } else {
      reporter.report({
        ...at,
        id: 'endpoint-deprecated',
        subject: 'deprecated',
        message: `${h.name} was deprecated`
      })
    }
    return
  }
  if (was && !is) {
    reporter.report({
      ...at,
      id: 'endpoint-reactivated',
      subject: 'deprecated',
      message: `${h.name} is no longer deprecated`
    })
    return
  }
  if (!was || !is) return
  if (sunsetB.kind === 'invalid' || sunsetH.kind === 'invalid') {
    if (sunsetB.kind === 'invalid' && sunsetH.kind === 'invalid' && sunsetB.raw === sunsetH.raw)
      return
    const raw = sunsetH.kind === 'invalid' ? sunsetH.raw : (sunsetB as { raw: string }).raw
    reporter.report({
      ...at,
      id: 'api-path-sunset-parse',
      subject: 'sunset',
      message: `${h.name} has an x-sunset '${raw}' that is not a date`
    })
    return
  }
  if (sunsetB.kind === 'date' && sunsetH.kind === 'none') {
    reporter.report({
      ...at,
      id: 'sunset-deleted',
      subject: 'sunset',
      message: `${h.name} is deprecated but its x-sunset ${sunsetB.raw} was deleted`
    })
  } else if (
    sunsetB.kind === 'date' &&
    sunsetH.kind === 'date' &&
    sunsetH.date.getTime() < sunsetB.date.getTime()
  ) {
    reporter.report({
      ...at,
      id: 'api-sunset-date-changed-too-small',
      subject: 'sunset',
      message: `${h.name} x-sunset moved earlier, from ${sunsetB.raw} to ${sunsetH.raw}`
    })
  }
}

/** operationId and tags: informational, but generated clients and docs are named after them. */
export function checkOperationIdAndTags({ reporter, b, h }: OperationPair): void {
  const at = { operation: h.name, at: h.op, side: 'head' as const, other: b.op }
  const idB = b.op.operationId
  const idH = h.op.operationId
  if (idB !== undefined && idB !== idH) {
    reporter.report({
      ...at,
      id: 'api-operation-id-removed',
      subject: `opid-${String(idB)}`,
      message: `${h.name} operationId '${String(idB)}' was ${idH === undefined ? 'removed' : `changed to '${String(idH)}'`}`
    })
  } else if (idB === undefined && idH !== undefined) {
    reporter.report({
      ...at,
      id: 'api-operation-id-added',
      subject: `opid+${String(idH)}`,
      message: `${h.name} gained the operationId '${String(idH)}'`
    })
  }
  const tagsB = Array.isArray(b.op.tags) ? b.op.tags.map(String) : []
  const tagsH = Array.isArray(h.op.tags) ? h.op.tags.map(String) : []
  const setB = new Set(tagsB)
  const setH = new Set(tagsH)
  for (const tag of tagsB) {
    if (!setH.has(tag))
      reporter.report({
        ...at,
        id: 'api-tag-removed',
        subject: `tag-${tag}`,
        message: `${h.name} lost the tag '${tag}'`
      })
  }
  for (const tag of tagsH) {
    if (!setB.has(tag))
      reporter.report({
        ...at,
        id: 'api-tag-added',
        subject: `tag+${tag}`,
        message: `${h.name} gained the tag '${tag}'`
      })
  }
}
