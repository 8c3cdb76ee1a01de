import type { ContractEngine } from '../../core/engine.js'
import { diffOpenApi } from './diff/diff.js'
import { loadOpenApi } from './load/loader.js'
import { openApiRules } from './rules/registry.js'

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined
}

/** The OpenAPI contract engine: load both sides (files and their relative `$ref`s), then diff. */
export const openApiEngine: ContractEngine = {
  kind: 'openapi',
  rules: openApiRules,
  async diff(basePath, headPath, options) {
    const [base, head] = await Promise.all([
      // the released side can no longer be fixed: what it cannot resolve is reported, the rest compared
      loadOpenApi(basePath, { root: options.baseRoot, unresolvedRefs: 'report' }),
      loadOpenApi(headPath, { root: options.headRoot })
    ])
    options.log?.(`openapi: comparing ${basePath} with ${headPath}`)
    return diffOpenApi(base, head, {
      baseRoot: options.baseRoot,
      headRoot: options.headRoot,
      now: options.now,
      exemptStability: stringList(options.settings?.exemptStability),
      maxSeconds: options.maxSeconds,
      progress: options.log
    })
  }
}
