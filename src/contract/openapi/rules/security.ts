import { isObject, type JsonObject } from '../load/location.js'
import type { Reporter } from '../diff/report.js'
import type { DiffEnv } from '../diff/side.js'
import type { OpenApiRuleId } from './ids.js'
import type { OperationPair } from './operations.js'

/** A security requirement is named by its schemes (`oauth + apiKey`); scopes are compared per scheme. */
function requirementsOf(value: unknown): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>()
  if (!Array.isArray(value)) return out
  for (const req of value) {
    if (!isObject(req)) continue
    out.set(Object.keys(req).sort().join(' + ') || '(none)', req)
  }
  return out
}

function scopes(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : []
}

function compareRequirements(
  reporter: Reporter,
  listB: unknown,
  listH: unknown,
  ids: {
    added: OpenApiRuleId
    removed: OpenApiRuleId
    scopeAdded: OpenApiRuleId
    scopeRemoved: OpenApiRuleId
  },
  where: string,
  operation: string | null,
  at: { b: unknown; h: unknown }
): void {
  const reqB = requirementsOf(listB)
  const reqH = requirementsOf(listH)
  for (const [name, req] of reqH) {
    if (reqB.has(name)) continue
    reporter.report({
      id: ids.added,
      message: `${where} gained the security requirement '${name}'`,
      operation,
      subject: `sec+${name}`,
      at: isObject(req) ? req : at.h,
      side: 'head'
    })
  }
  for (const [name, req] of reqB) {
    if (reqH.has(name)) continue
    reporter.report({
      id: ids.removed,
      message: `${where} lost the security requirement '${name}'`,
      operation,
      subject: `sec-${name}`,
      at: isObject(req) ? req : at.b,
      side: 'base'
    })
  }
  for (const [name, rh] of reqH) {
    const rb = reqB.get(name)
    if (!rb) continue
    for (const scheme of Object.keys(rh)) {
      const sb = scopes(rb[scheme])
      const sh = scopes(rh[scheme])
      for (const scope of sh) {
        if (!sb.includes(scope))
          reporter.report({
            id: ids.scopeAdded,
            message: `${where} security '${scheme}' gained the scope '${scope}'`,
            operation,
            subject: `scope+${scheme}:${scope}`,
            at: rh,
            side: 'head'
          })
      }
      for (const scope of sb) {
        if (!sh.includes(scope))
          reporter.report({
            id: ids.scopeRemoved,
            message: `${where} security '${scheme}' lost the scope '${scope}'`,
            operation,
            subject: `scope-${scheme}:${scope}`,
            at: rb,
            side: 'base'
          })
      }
    }
  }
}

/** Operation-level security requirements (when either side sets its own). */
export function checkOperationSecurity({ env, reporter, b, h }: OperationPair): void {
  if (b.op.security === undefined && h.op.security === undefined) return
  // what applies is the operation's own list, else the document's: restating the global one changes nothing
  compareRequirements(
    reporter,
    b.op.security ?? env.base.spec.document.security,
    h.op.security ?? env.head.spec.document.security,
    {
      added: 'api-security-added',
      removed: 'api-security-removed',
      scopeAdded: 'api-security-scope-added',
      scopeRemoved: 'api-security-scope-removed'
    },
    h.name,
    h.name,
    { b: b.op, h: h.op }
  )
}

/** Document-level security and the security schemes of components. */
export function checkGlobalSecurity(env: DiffEnv, reporter: Reporter): void {
  const docB = env.base.spec.document
  const docH = env.head.spec.document
  compareRequirements(
    reporter,
    docB.security,
    docH.security,
    {
      added: 'api-global-security-added',
      removed: 'api-global-security-removed',
      scopeAdded: 'api-global-security-scope-added',
      scopeRemoved: 'api-global-security-scope-removed'
    },
    'the API',
    null,
    { b: docB, h: docH }
  )
  const schemesB = securitySchemes(env, 'base')
  const schemesH = securitySchemes(env, 'head')
  for (const name of Object.keys(schemesH)) {
    if (!(name in schemesB)) {
      reporter.report({
        id: 'api-security-component-added',
        message: `the security scheme '${name}' was added`,
        operation: null,
        subject: `scheme+${name}`,
        at: schemesH[name],
        side: 'head'
      })
    }
  }
  for (const name of Object.keys(schemesB)) {
    const sb = env.base.deref(schemesB[name])
    if (!(name in schemesH)) {
      reporter.report({
        id: 'api-security-component-removed',
        message: `the security scheme '${name}' was removed`,
        operation: null,
        subject: `scheme-${name}`,
        at: sb,
        side: 'base'
      })
      continue
    }
    const sh = env.head.deref(schemesH[name])
    if (!isObject(sb) || !isObject(sh)) continue
    if (sb.type !== sh.type) {
      reporter.report({
        id: 'api-security-component-type-changed',
        message: `the security scheme '${name}' changed type from '${String(sb.type)}' to '${String(sh.type)}'`,
        operation: null,
        subject: `scheme~${name}:type`,
        at: sh,
        side: 'head'
      })
    }
    checkOAuthFlows(reporter, name, sb, sh)
  }
}

function securitySchemes(env: DiffEnv, side: 'base' | 'head'): JsonObject {
  const s = env[side]
  const components = s.deref(s.spec.document.components)
  const schemes = isObject(components) ? s.deref(components.securitySchemes) : undefined
  return isObject(schemes) ? schemes : {}
}

function checkOAuthFlows(reporter: Reporter, name: string, sb: JsonObject, sh: JsonObject): void {
  const flowsB = isObject(sb.flows) ? sb.flows : {}
  const flowsH = isObject(sh.flows) ? sh.flows : {}
  for (const flow of Object.keys(flowsH)) {
    const fb = flowsB[flow]
    const fh = flowsH[flow]
    if (!isObject(fb) || !isObject(fh)) continue
    const at = { operation: null, at: fh, side: 'head' as const }
    if (fb.tokenUrl !== fh.tokenUrl) {
      reporter.report({
        ...at,
        id: 'api-security-component-oauth-token-url-changed',
        subject: `scheme~${name}:${flow}:token`,
        message: `the token URL of the ${flow} flow of security scheme '${name}' changed`
      })
    }
    if (fb.authorizationUrl !== fh.authorizationUrl) {
      reporter.report({
        ...at,
        id: 'api-security-component-oauth-url-changed',
        subject: `scheme~${name}:${flow}:url`,
        message: `the authorization URL of the ${flow} flow of security scheme '${name}' changed`
      })
    }
    const scopesB = isObject(fb.scopes) ? fb.scopes : {}
    const scopesH = isObject(fh.scopes) ? fh.scopes : {}
    for (const scope of Object.keys(scopesH)) {
      if (!(scope in scopesB))
        reporter.report({
          ...at,
          id: 'api-security-component-oauth-scope-added',
          subject: `scheme~${name}:${flow}:+${scope}`,
          message: `the ${flow} flow of security scheme '${name}' gained the scope '${scope}'`
        })
      else if (scopesB[scope] !== scopesH[scope])
        reporter.report({
          ...at,
          id: 'api-security-component-oauth-scope-changed',
          subject: `scheme~${name}:${flow}:~${scope}`,
          message: `the description of scope '${scope}' of security scheme '${name}' changed`
        })
    }
    for (const scope of Object.keys(scopesB)) {
      if (!(scope in scopesH))
        reporter.report({
          ...at,
          id: 'api-security-component-oauth-scope-removed',
          subject: `scheme~${name}:${flow}:-${scope}`,
          message: `the ${flow} flow of security scheme '${name}' lost the scope '${scope}'`
        })
    }
  }
}
