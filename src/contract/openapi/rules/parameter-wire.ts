import { isObject, type JsonObject } from '../load/location.js'
import type { Side } from '../diff/side.js'
import type { OperationPair } from './operations.js'

/** What a parameter object says about itself, enough to tell how its value travels. */
export interface WireParam {
  key: string
  node: JsonObject
  name: string
  in: string
}

/** The style a parameter has when it names none (OpenAPI 3: form for query and cookie, simple for path and header). */
function styleOf(param: WireParam): string {
  if (typeof param.node.style === 'string') return param.node.style
  return param.in === 'query' || param.in === 'cookie' ? 'form' : 'simple'
}

function explodeOf(param: WireParam): boolean {
  if (typeof param.node.explode === 'boolean') return param.node.explode
  return styleOf(param) === 'form'
}

function describe(param: WireParam, op: string): string {
  return `${param.in} parameter '${param.name}' of ${op}`
}

/**
 * style / explode / allowReserved, compared by their effective values (defaults filled in), since they decide how
 * the value is written on the wire: `?id=1&id=2` against `?id=1,2`, `/users/.5` against `/users/5`.
 */
export function checkParameterSerialization(
  { reporter, h }: OperationPair,
  pb: WireParam,
  ph: WireParam
): void {
  const op = h.name
  const at = { operation: op, at: ph.node, side: 'head' as const, other: pb.node }
  const styleB = styleOf(pb)
  const styleH = styleOf(ph)
  if (styleB !== styleH) {
    reporter.report({
      ...at,
      id: 'request-parameter-style-changed',
      subject: `param~${ph.key}:style`,
      message: `${describe(ph, op)} changed its style from '${styleB}' to '${styleH}'`
    })
  }
  const explodeB = explodeOf(pb)
  const explodeH = explodeOf(ph)
  if (explodeB !== explodeH) {
    reporter.report({
      ...at,
      id: 'request-parameter-explode-changed',
      subject: `param~${ph.key}:explode`,
      message: `${describe(ph, op)} changed explode from ${String(explodeB)} to ${String(explodeH)}`
    })
  }
  const reservedB = pb.node.allowReserved === true
  const reservedH = ph.node.allowReserved === true
  if (reservedB !== reservedH) {
    reporter.report({
      ...at,
      id: 'request-parameter-allow-reserved-changed',
      subject: `param~${ph.key}:allowReserved`,
      message: `${describe(ph, op)} changed allowReserved from ${String(reservedB)} to ${String(reservedH)}`
    })
  }
}

/** The parameters that apply to an operation, in the order written: the path item's, then the operation's own. */
function effectiveOrder(side: Side, pathItem: JsonObject, op: JsonObject): string[] {
  const keys: string[] = []
  for (const list of [pathItem.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue
    for (const item of list) {
      const node = side.deref(item)
      if (!isObject(node)) continue
      const key = `${String(node.in ?? '')} '${String(node.name ?? '')}'`
      const seen = keys.indexOf(key)
      // an operation parameter overrides the path item's of the same name and location, in its own place
      if (seen >= 0) keys.splice(seen, 1)
      keys.push(key)
    }
  }
  return keys
}

/**
 * Parameters both sides have, written in another order. Nothing changes on the wire, but SDKs generated with
 * positional arguments change their signatures. Path parameters follow the template and are left out.
 */
export function checkParameterOrder({ env, reporter, b, h }: OperationPair): void {
  const orderB = effectiveOrder(env.base, b.pathItem, b.op).filter((k) => !k.startsWith('path '))
  const orderH = effectiveOrder(env.head, h.pathItem, h.op).filter((k) => !k.startsWith('path '))
  const common = new Set(orderB.filter((k) => orderH.includes(k)))
  const before = orderB.filter((k) => common.has(k))
  const after = orderH.filter((k) => common.has(k))
  if (before.every((k, i) => after[i] === k)) return
  reporter.report({
    id: 'request-parameter-order-changed',
    operation: h.name,
    subject: 'param:order',
    at: h.op,
    side: 'head',
    other: b.op,
    message: `the parameters of ${h.name} were reordered, from ${before.join(', ')} to ${after.join(', ')}`
  })
}
