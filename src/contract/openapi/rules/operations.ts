import type { Reporter } from '../diff/report.js'
import type { OperationRef } from '../diff/operations.js'
import type { DiffEnv } from '../diff/side.js'
import { stabilityRank } from './dates.js'
import { lifecycleChange, removalLifecycle } from './lifecycle.js'

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
  const removal = removalLifecycle(b.op, env.now)
  switch (removal.kind) {
    case 'not-deprecated':
      return void reporter.report({
        ...at,
        id: wholePath ? 'api-path-removed-without-deprecation' : 'api-removed-without-deprecation',
        message: `${what} was removed without being deprecated first`
      })
    case 'sunset-invalid':
      return void reporter.report({
        ...at,
        id: 'api-path-sunset-parse',
        message: `${what} was removed; its x-sunset '${removal.raw}' is not a date`
      })
    case 'before-sunset':
      return void reporter.report({
        ...at,
        id: wholePath ? 'api-path-removed-before-sunset' : 'api-removed-before-sunset',
        message: `${what} was removed before its sunset date ${removal.sunset}`
      })
    case 'after-deprecation':
      return void reporter.report({
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
  const change = lifecycleChange(b.op, h.op)
  switch (change?.kind) {
    case undefined:
      return
    case 'deprecated': {
      const sunset = change.sunset
      if (sunset.kind === 'invalid')
        return void reporter.report({
          ...at,
          id: 'api-deprecated-sunset-parse',
          subject: 'deprecated',
          message: `${h.name} was deprecated with an x-sunset '${sunset.raw}' that is not a date`
        })
      if (sunset.kind === 'none')
        return void reporter.report({
          ...at,
          id: 'endpoint-deprecated',
          subject: 'deprecated',
          message: `${h.name} was deprecated`
        })
      reporter.report({
        ...at,
        id: 'endpoint-deprecated-with-sunset',
        subject: 'deprecated',
        message: `${h.name} was deprecated with sunset ${sunset.raw}`
      })
      if (sunset.date.getTime() < env.now.getTime())
        reporter.report({
          ...at,
          id: 'api-sunset-date-too-small',
          subject: 'sunset',
          message: `${h.name} was deprecated with a sunset date ${sunset.raw} already in the past`
        })
      return
    }
    case 'reactivated':
      return void reporter.report({
        ...at,
        id: 'endpoint-reactivated',
        subject: 'deprecated',
        message: `${h.name} is no longer deprecated`
      })
    case 'sunset-invalid':
      return void reporter.report({
        ...at,
        id: 'api-path-sunset-parse',
        subject: 'sunset',
        message: `${h.name} has an x-sunset '${change.raw}' that is not a date`
      })
    case 'sunset-deleted':
      return void reporter.report({
        ...at,
        id: 'sunset-deleted',
        subject: 'sunset',
        message: `${h.name} is deprecated but its x-sunset ${change.was} was deleted`
      })
    case 'sunset-earlier':
      return void reporter.report({
        ...at,
        id: 'api-sunset-date-changed-too-small',
        subject: 'sunset',
        message: `${h.name} x-sunset moved earlier, from ${change.from} to ${change.to}`
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
