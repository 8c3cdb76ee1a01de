import { isObject, type JsonObject } from '../load/location.js'
import { compareSchemas } from '../diff/schema.js'
import type { OperationPair } from './operations.js'

/** The request body: added/removed, required, its media types, and the schema of each. */
export function checkRequestBody(pair: OperationPair): void {
  const { env, reporter, b, h } = pair
  const bodyB = env.base.deref(b.op.requestBody)
  const bodyH = env.head.deref(h.op.requestBody)
  const op = h.name
  if (!isObject(bodyB) && !isObject(bodyH)) return
  if (!isObject(bodyB)) {
    const required = (bodyH as JsonObject).required === true
    reporter.report({
      id: required ? 'request-body-added-required' : 'request-body-added-optional',
      message: `${required ? 'a required' : 'an optional'} request body was added to ${op}`,
      operation: op,
      subject: 'body+',
      at: bodyH,
      side: 'head'
    })
    return
  }
  if (!isObject(bodyH)) {
    reporter.report({
      id: 'request-body-removed',
      message: `the request body of ${op} was removed`,
      operation: op,
      subject: 'body-',
      at: bodyB,
      side: 'base'
    })
    return
  }
  if (env.same(bodyB, bodyH)) return
  const at = { operation: op, at: bodyH, side: 'head' as const, other: bodyB }
  const was = bodyB.required === true
  const is = bodyH.required === true
  if (!was && is)
    reporter.report({
      ...at,
      id: 'request-body-became-required',
      subject: 'body:required',
      message: `the request body of ${op} became required`
    })
  if (was && !is)
    reporter.report({
      ...at,
      id: 'request-body-became-optional',
      subject: 'body:required',
      message: `the request body of ${op} became optional`
    })
  const contentB = env.base.deref(bodyB.content)
  const contentH = env.head.deref(bodyH.content)
  const mediaB = isObject(contentB) ? contentB : {}
  const mediaH = isObject(contentH) ? contentH : {}
  for (const type of Object.keys(mediaH)) {
    if (!(type in mediaB)) {
      reporter.report({
        id: 'request-body-media-type-added',
        message: `the request body of ${op} gained the media type ${type}`,
        operation: op,
        subject: `media+${type}`,
        at: mediaH[type],
        side: 'head'
      })
    }
  }
  for (const type of Object.keys(mediaB)) {
    if (!(type in mediaH)) {
      reporter.report({
        id: 'request-body-media-type-removed',
        message: `the request body of ${op} lost the media type ${type}`,
        operation: op,
        subject: `media-${type}`,
        at: mediaB[type],
        side: 'base'
      })
    }
  }
  for (const type of Object.keys(mediaH)) {
    if (!(type in mediaB)) continue
    const mb = env.base.deref(mediaB[type])
    const mh = env.head.deref(mediaH[type])
    if (!isObject(mb) || !isObject(mh)) continue
    const where = `the request body (${type}) of ${op}`
    if (mb.schema === undefined && mh.schema !== undefined) {
      reporter.report({
        id: 'request-body-media-type-schema-added',
        message: `${where} gained a schema`,
        operation: op,
        subject: `media~${type}:schema`,
        at: mh,
        side: 'head'
      })
    } else if (mb.schema !== undefined && mh.schema === undefined) {
      reporter.report({
        id: 'request-body-media-type-schema-removed',
        message: `${where} lost its schema`,
        operation: op,
        subject: `media~${type}:schema`,
        at: mb,
        side: 'base'
      })
    } else if (mb.schema !== undefined) {
      compareSchemas(
        {
          env,
          reporter,
          operation: op,
          dir: 'request',
          top: 'request-body',
          nested: 'request-property',
          where,
          mediaType: type,
          paramIn: null
        },
        mb.schema,
        mh.schema
      )
    }
  }
}
