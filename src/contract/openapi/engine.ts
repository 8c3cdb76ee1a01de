import type { Change } from '../../core/change.js'
import type { ContractEngine, EngineOptions } from '../../core/engine.js'
import { diffOpenApi } from './diff/diff.js'
import { loadOpenApi } from './load/loader.js'
import { openApiRules } from './rules/registry.js'

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined
}

export interface OpenApiEngineHooks {
  /** Called after each side is loaded: the edges pass one that returns the parser's garbage. */
  afterLoad?: () => void
}

/**
 * The OpenAPI contract engine: load both sides (files and their relative `$ref`s), one after the
 * other so that the first one's parse tree can be reclaimed before the second is parsed, then diff.
 */
export function createOpenApiEngine(hooks: OpenApiEngineHooks = {}): ContractEngine {
  return {
    kind: 'openapi',
    rules: openApiRules,
    diff: (basePath, headPath, options) => diffFiles(basePath, headPath, options, hooks)
  }
}

export const openApiEngine: ContractEngine = createOpenApiEngine()

async function diffFiles(
  basePath: string,
  headPath: string,
  options: EngineOptions,
  hooks: OpenApiEngineHooks
): Promise<Change[]> {
  // the released side can no longer be fixed: what it cannot resolve is reported, the rest compared
  const base = await loadOpenApi(basePath, { root: options.baseRoot, unresolvedRefs: 'report' })
  hooks.afterLoad?.()
  const head = await loadOpenApi(headPath, { root: options.headRoot })
  hooks.afterLoad?.()
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
