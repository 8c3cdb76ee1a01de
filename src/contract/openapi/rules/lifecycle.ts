import { isObject } from '../load/location.js'
import { parseSunset, type Sunset } from './dates.js'

/**
 * The lifecycle of an API element (operation, parameter, property): its `deprecated` flag and
 * `x-sunset` date. The decisions live here once; each element kind maps them to its own rule ids
 * and wording.
 */

/** How a removed element had been retired in the base. */
export type RemovalLifecycle =
  | { kind: 'not-deprecated' }
  | { kind: 'sunset-invalid'; raw: string }
  | { kind: 'before-sunset'; sunset: string }
  | { kind: 'after-deprecation' }

export function removalLifecycle(base: unknown, now: Date): RemovalLifecycle {
  if (!isDeprecated(base)) return { kind: 'not-deprecated' }
  const sunset = sunsetOf(base)
  if (sunset.kind === 'invalid') return { kind: 'sunset-invalid', raw: sunset.raw }
  if (sunset.kind === 'date' && sunset.date.getTime() > now.getTime())
    return { kind: 'before-sunset', sunset: sunset.raw }
  return { kind: 'after-deprecation' }
}

/** What changed in the lifecycle of an element both sides have; undefined when nothing did. */
export type LifecycleChange =
  | { kind: 'deprecated'; sunset: Sunset }
  | { kind: 'reactivated' }
  | { kind: 'sunset-invalid'; raw: string }
  | { kind: 'sunset-deleted'; was: string }
  | { kind: 'sunset-earlier'; from: string; to: string }

export function lifecycleChange(base: unknown, head: unknown): LifecycleChange | undefined {
  const was = isDeprecated(base)
  const is = isDeprecated(head)
  if (!was && is) return { kind: 'deprecated', sunset: sunsetOf(head) }
  if (was && !is) return { kind: 'reactivated' }
  if (!was || !is) return undefined
  const sunsetB = sunsetOf(base)
  const sunsetH = sunsetOf(head)
  if (sunsetB.kind === 'invalid' || sunsetH.kind === 'invalid') {
    if (sunsetB.kind === 'invalid' && sunsetH.kind === 'invalid' && sunsetB.raw === sunsetH.raw)
      return undefined
    const raw = sunsetH.kind === 'invalid' ? sunsetH.raw : (sunsetB as { raw: string }).raw
    return { kind: 'sunset-invalid', raw }
  }
  if (sunsetB.kind === 'date' && sunsetH.kind === 'none')
    return { kind: 'sunset-deleted', was: sunsetB.raw }
  if (
    sunsetB.kind === 'date' &&
    sunsetH.kind === 'date' &&
    sunsetH.date.getTime() < sunsetB.date.getTime()
  )
    return { kind: 'sunset-earlier', from: sunsetB.raw, to: sunsetH.raw }
  return undefined
}

function isDeprecated(node: unknown): boolean {
  return isObject(node) && node.deprecated === true
}

function sunsetOf(node: unknown): Sunset {
  return parseSunset(isObject(node) ? node['x-sunset'] : undefined)
}
