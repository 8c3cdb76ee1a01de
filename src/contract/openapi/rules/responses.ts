import { isObject, type JsonObject } from '../load/location.js'
import { compareSchemas } from '../diff/schema.js'
import type { OperationPair } from './operations.js'
import { relateMediaTypes } from './media-types.js'

function isSuccess(status: string): boolean {
  return /^2/.test(status)
}

/** Responses: status codes, media types (and their names), headers, and each schema. */
export function checkResponses(pair: OperationPair): void {
  const { env, reporter, b, h } = pair
  const op = h.name
  const respB = env.base.deref(b.op.responses)
  const respH = env.head.deref(h.op.responses)
  const mapB = isObject(respB) ? respB : {}
  const mapH = isObject(respH) ? respH : {}
  for (const status of Object.keys(mapB)) {
    if (status in mapH) continue
    const success = isSuccess(status)
    reporter.report({
      id: success ? 'response-success-status-removed' : 'response-non-success-status-removed',
      message: `${op} no longer returns the ${success ? 'success' : 'non-success'} status ${status}`,
      operation: op,
      subject: `status-${status}`,
      at: mapB[status],
      side: 'base'
    })
  }
  for (const status of Object.keys(mapH)) {
    if (status in mapB) continue
    const success = isSuccess(status)
    reporter.report({
      id: success ? 'response-success-status-added' : 'response-non-success-status-added',
      message: `${op} can now return the ${success ? 'success' : 'non-success'} status ${status}`,
      operation: op,
      subject: `status+${status}`,
      at: mapH[status],
      side: 'head'
    })
  }
  for (const status of Object.keys(mapH)) {
    if (!(status in mapB)) continue
    const rb = env.base.deref(mapB[status])
    const rh = env.head.deref(mapH[status])
    if (!isObject(rb) || !isObject(rh)) continue
    if (env.same(rb, rh)) continue
    checkMediaTypes(pair, status, rb, rh)
    checkHeaders(pair, status, rb, rh)
  }
}

function checkMediaTypes(
  { env, reporter, h }: OperationPair,
  status: string,
  rb: JsonObject,
  rh: JsonObject
): void {
  const op = h.name
  const contentB = env.base.deref(rb.content)
  const contentH = env.head.deref(rh.content)
  const mediaB = isObject(contentB) ? contentB : {}
  const mediaH = isObject(contentH) ? contentH : {}
  const removed = Object.keys(mediaB).filter((t) => !(t in mediaH))
  const added = Object.keys(mediaH).filter((t) => !(t in mediaB))
  const renamed: Array<[string, string]> = []
  for (const from of [...removed]) {
    const to = added.find((t) => relateMediaTypes(from, t) !== 'unrelated')
    if (to === undefined) continue
    const relation = relateMediaTypes(from, to)
    const id =
      relation === 'generalized'
        ? 'response-media-type-name-generalized'
        : relation === 'specialized'
          ? 'response-media-type-name-specialized'
          : 'response-media-type-name-changed'
    reporter.report({
      id,
      message: `the ${status} response of ${op} changed its media type from ${from} to ${to}`,
      operation: op,
      subject: `media~${status}:${from}>${to}`,
      at: mediaH[to],
      side: 'head'
    })
    removed.splice(removed.indexOf(from), 1)
    added.splice(added.indexOf(to), 1)
    renamed.push([from, to])
  }
  for (const type of removed) {
    reporter.report({
      id: 'response-media-type-removed',
      message: `the ${status} response of ${op} lost the media type ${type}`,
      operation: op,
      subject: `media-${status}:${type}`,
      at: mediaB[type],
      side: 'base'
    })
  }
  for (const type of added) {
    reporter.report({
      id: 'response-media-type-added',
      message: `the ${status} response of ${op} gained the media type ${type}`,
      operation: op,
      subject: `media+${status}:${type}`,
      at: mediaH[type],
      side: 'head'
    })
  }
  const common: Array<[string, string]> = [
    ...Object.keys(mediaH)
      .filter((t) => t in mediaB)
      .map((t): [string, string] => [t, t]),
    ...renamed
  ]
  for (const [from, to] of common) {
    const mb = env.base.deref(mediaB[from])
    const mh = env.head.deref(mediaH[to])
    if (!isObject(mb) || !isObject(mh)) continue
    const where = `the ${status} response body (${to}) of ${op}`
    if (mb.schema === undefined && mh.schema !== undefined) {
      reporter.report({
        id: 'response-body-media-type-schema-added',
        message: `${where} gained a schema`,
        operation: op,
        subject: `media~${status}:${to}:schema`,
        at: mh,
        side: 'head'
      })
    } else if (mb.schema !== undefined && mh.schema === undefined) {
      reporter.report({
        id: 'response-body-media-type-schema-removed',
        message: `${where} lost its schema`,
        operation: op,
        subject: `media~${status}:${to}:schema`,
        at: mb,
        side: 'base'
      })
    } else if (mb.schema !== undefined) {
      compareSchemas(
        {
          env,
          reporter,
          operation: op,
          dir: 'response',
          top: 'response-body',
          nested: 'response-property',
          where,
          mediaType: to,
          paramIn: null
        },
        mb.schema,
        mh.schema
      )
    }
  }
}

function checkHeaders(
  { env, reporter, h }: OperationPair,
  status: string,
  rb: JsonObject,
  rh: JsonObject
): void {
  const op = h.name
  const headersB = env.base.deref(rb.headers)
  const headersH = env.head.deref(rh.headers)
  const mapB = isObject(headersB) ? headersB : {}
  const mapH = isObject(headersH) ? headersH : {}
  for (const name of Object.keys(mapB)) {
    if (name in mapH) continue
    const header = env.base.deref(mapB[name])
    const required = isObject(header) && header.required === true
    reporter.report({
      id: required ? 'required-response-header-removed' : 'optional-response-header-removed',
      message: `the ${status} response of ${op} lost the ${required ? 'required' : 'optional'} header '${name}'`,
      operation: op,
      subject: `header-${status}:${name}`,
      at: header,
      side: 'base'
    })
  }
  for (const name of Object.keys(mapH)) {
    const hh = env.head.deref(mapH[name])
    if (!isObject(hh)) continue
    if (!(name in mapB)) {
      reporter.report({
        id: 'response-header-added',
        message: `the ${status} response of ${op} gained the header '${name}'`,
        operation: op,
        subject: `header+${status}:${name}`,
        at: hh,
        side: 'head'
      })
      continue
    }
    const hb = env.base.deref(mapB[name])
    if (!isObject(hb)) continue
    if (hb.required === true && hh.required !== true) {
      reporter.report({
        id: 'response-header-became-optional',
        message: `the header '${name}' of the ${status} response of ${op} became optional`,
        operation: op,
        subject: `header~${status}:${name}`,
        at: hh,
        side: 'head',
        other: hb
      })
    }
    compareSchemas(
      {
        env,
        reporter,
        operation: op,
        dir: 'response',
        top: 'response-header',
        nested: 'response-header-property',
        where: `the header '${name}' of the ${status} response of ${op}`,
        mediaType: null,
        paramIn: null
      },
      hb.schema,
      hh.schema
    )
  }
}
