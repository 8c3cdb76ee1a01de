import { isObject, type JsonObject } from '../load/location.js'
import { compareSchemas } from '../diff/schema.js'
import type { SchemaSite } from '../diff/schema-pair.js'
import type { Side } from '../diff/side.js'
import type { OperationPair } from './operations.js'
import { lifecycleChange, removalLifecycle } from './lifecycle.js'
import {
  checkParameterOrder,
  checkParameterSerialization,
  type WireParam
} from './parameter-wire.js'

type Param = WireParam

/** Path parameters are keyed by their position in the template, the others by location and name. */
function paramsOf(side: Side, list: unknown, path: string): Map<string, Param> {
  const out = new Map<string, Param>()
  if (!Array.isArray(list)) return out
  const placeholders = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1])
  for (const item of list) {
    const node = side.deref(item)
    if (!isObject(node)) continue
    const name = String(node.name ?? '')
    const where = String(node.in ?? '')
    const position = where === 'path' ? placeholders.indexOf(name) : -1
    const key = where === 'path' ? `path:#${position >= 0 ? position : name}` : `${where}:${name}`
    out.set(key, { key, node, name, in: where })
  }
  return out
}

/** The schema of a parameter: `schema`, or the one of its first `content` entry. */
function schemaOfParam(side: Side, param: JsonObject): unknown {
  if (param.schema !== undefined) return param.schema
  const content = side.deref(param.content)
  if (isObject(content)) {
    const first = Object.values(content)[0]
    const media = side.deref(first)
    if (isObject(media)) return media.schema
  }
  return undefined
}

function label(param: Param): string {
  return `${param.in} parameter '${param.name}'`
}

/**
 * Parameters of an operation. `pathLevel` compares the parameters of the path item (oasdiff's "default
 * parameters"), whose additions have their own ids.
 */
export function checkParameters(pair: OperationPair, pathLevel: boolean): void {
  const { env, reporter, b, h } = pair
  const listB = pathLevel ? b.pathItem.parameters : b.op.parameters
  const listH = pathLevel ? h.pathItem.parameters : h.op.parameters
  if (!pathLevel) checkParameterOrder(pair)
  if (listB === undefined && listH === undefined) return
  const paramsB = paramsOf(env.base, listB, b.path)
  const paramsH = paramsOf(env.head, listH, h.path)
  // a parameter moved between the path item and the operation is the same parameter: the operation pass compares it
  const otherB = paramsOf(env.base, pathLevel ? b.op.parameters : b.pathItem.parameters, b.path)
  const otherH = paramsOf(env.head, pathLevel ? h.op.parameters : h.pathItem.parameters, h.path)
  const matches: Array<[Param, Param]> = []
  const op = h.name
  for (const [key, ph] of paramsH) {
    if (paramsB.has(key)) continue
    const moved = otherB.get(key)
    if (moved) {
      if (!pathLevel) matches.push([moved, ph])
      continue
    }
    const required = ph.node.required === true
    const at = { operation: op, subject: `param+${key}`, at: ph.node, side: 'head' as const }
    if (ph.in === 'path') {
      reporter.report({
        ...at,
        id: 'new-request-path-parameter',
        message: `${label(ph)} was added to ${op}`
      })
    } else if (pathLevel) {
      reporter.report({
        ...at,
        id: required
          ? 'new-required-request-default-parameter-to-existing-path'
          : 'new-optional-request-default-parameter-to-existing-path',
        message: `${required ? 'required' : 'optional'} ${label(ph)} was added to the path of ${op}`
      })
    } else {
      reporter.report({
        ...at,
        id: required ? 'new-required-request-parameter' : 'new-optional-request-parameter',
        message: `${required ? 'required' : 'optional'} ${label(ph)} was added to ${op}`
      })
    }
  }
  for (const [key, pb] of paramsB) {
    if (paramsH.has(key)) continue
    const moved = otherH.get(key)
    if (moved) {
      if (!pathLevel) matches.push([pb, moved])
      continue
    }
    reportRemovedParameter(pair, pb)
  }
  for (const [key, ph] of paramsH) {
    const pb = paramsB.get(key)
    if (pb) matches.push([pb, ph])
  }
  for (const [pb, ph] of matches) {
    const key = ph.key
    if (env.same(pb.node, ph.node)) continue
    const at = {
      operation: op,
      subject: `param~${key}`,
      at: ph.node,
      side: 'head' as const,
      other: pb.node
    }
    const was = pb.node.required === true
    const is = ph.node.required === true
    if (!was && is)
      reporter.report({
        ...at,
        id: 'request-parameter-became-required',
        message: `${label(ph)} of ${op} became required`
      })
    if (was && !is)
      reporter.report({
        ...at,
        id: 'request-parameter-became-optional',
        message: `${label(ph)} of ${op} became optional`
      })
    checkParameterDeprecation(pair, pb, ph)
    checkParameterSerialization(pair, pb, ph)
    const site: SchemaSite = {
      env,
      reporter,
      operation: op,
      dir: 'request',
      top: 'request-parameter',
      nested: 'request-parameter-property',
      where: `${label(ph)} of ${op}`,
      mediaType: null,
      paramIn: ph.in,
      flattenItems: !pathLevel
    }
    compareSchemas(site, schemaOfParam(env.base, pb.node), schemaOfParam(env.head, ph.node))
  }
}

/** A removed parameter: a warning unless it was deprecated and its sunset (if any) has passed. */
function reportRemovedParameter({ env, reporter, h }: OperationPair, pb: Param): void {
  const op = h.name
  const at = { operation: op, subject: `param-${pb.key}`, at: pb.node, side: 'base' as const }
  const removal = removalLifecycle(pb.node, env.now)
  switch (removal.kind) {
    case 'not-deprecated':
      return void reporter.report({
        ...at,
        id: 'request-parameter-removed',
        message: `${label(pb)} of ${op} was removed`
      })
    case 'sunset-invalid':
      return void reporter.report({
        ...at,
        id: 'request-parameter-sunset-parse',
        message: `${label(pb)} of ${op} was removed; its x-sunset '${removal.raw}' is not a date`
      })
    case 'before-sunset':
      return void reporter.report({
        ...at,
        id: 'request-parameter-removed-before-sunset',
        message: `${label(pb)} of ${op} was removed before its sunset date ${removal.sunset}`
      })
    case 'after-deprecation':
      return void reporter.report({
        ...at,
        id: 'request-parameter-removed-with-deprecation',
        message: `deprecated ${label(pb)} of ${op} was removed`
      })
  }
}

function checkParameterDeprecation({ reporter, h }: OperationPair, pb: Param, ph: Param): void {
  const op = h.name
  const at = {
    operation: op,
    subject: `param~${ph.key}:deprecated`,
    at: ph.node,
    side: 'head' as const,
    other: pb.node
  }
  const change = lifecycleChange(pb.node, ph.node)
  switch (change?.kind) {
    case undefined:
      return
    case 'deprecated':
      return void reporter.report(
        change.sunset.kind === 'invalid'
          ? {
              ...at,
              id: 'request-parameter-sunset-parse',
              message: `${label(ph)} of ${op} was deprecated with an x-sunset '${change.sunset.raw}' that is not a date`
            }
          : {
              ...at,
              id: 'request-parameter-deprecated',
              message: `${label(ph)} of ${op} was deprecated${change.sunset.kind === 'date' ? ` (sunset ${change.sunset.raw})` : ''}`
            }
      )
    case 'reactivated':
      return void reporter.report({
        ...at,
        id: 'request-parameter-reactivated',
        message: `${label(ph)} of ${op} is no longer deprecated`
      })
    case 'sunset-invalid':
      return void reporter.report({
        ...at,
        id: 'request-parameter-sunset-parse',
        message: `${label(ph)} of ${op} has an x-sunset that is not a date`
      })
    case 'sunset-deleted':
      return void reporter.report({
        ...at,
        id: 'request-parameter-sunset-deleted',
        message: `${label(ph)} of ${op} is deprecated but its x-sunset ${change.was} was deleted`
      })
    case 'sunset-earlier':
      return void reporter.report({
        ...at,
        id: 'request-parameter-sunset-date-changed-too-small',
        message: `${label(ph)} of ${op} x-sunset moved earlier, from ${change.from} to ${change.to}`
      })
  }
}
