import { isObject } from '../load/location.js'
import type { Reporter } from '../diff/report.js'
import type { DiffEnv } from '../diff/side.js'

/** Webhooks (3.1) added or removed: subscribers stop receiving a removed one. */
export function checkWebhooks(env: DiffEnv, reporter: Reporter): void {
  const whB = env.base.deref(env.base.spec.document.webhooks)
  const whH = env.head.deref(env.head.spec.document.webhooks)
  const mapB = isObject(whB) ? whB : {}
  const mapH = isObject(whH) ? whH : {}
  for (const name of Object.keys(mapB)) {
    if (!(name in mapH))
      reporter.report({
        id: 'webhook-removed',
        message: `the webhook '${name}' was removed`,
        operation: null,
        subject: `webhook-${name}`,
        at: mapB[name],
        side: 'base'
      })
  }
  for (const name of Object.keys(mapH)) {
    if (!(name in mapB))
      reporter.report({
        id: 'webhook-added',
        message: `the webhook '${name}' was added`,
        operation: null,
        subject: `webhook+${name}`,
        at: mapH[name],
        side: 'head'
      })
  }
}

/** Component schemas removed (informational: only operations are contracts). */
export function checkComponentSchemas(env: DiffEnv, reporter: Reporter): void {
  const of = (side: 'base' | 'head') => {
    const s = env[side]
    const components = s.deref(s.spec.document.components)
    const schemas = isObject(components) ? components.schemas : undefined
    return isObject(schemas) ? schemas : {}
  }
  const schemasB = of('base')
  const schemasH = of('head')
  for (const name of Object.keys(schemasB)) {
    if (!(name in schemasH))
      reporter.report({
        id: 'api-schema-removed',
        message: `the component schema '${name}' was removed`,
        operation: null,
        subject: `schema-${name}`,
        at: schemasB[name],
        side: 'base'
      })
  }
}
