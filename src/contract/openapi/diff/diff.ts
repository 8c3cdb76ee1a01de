import { dirname } from 'node:path'
import { WorkBudget } from '../../../core/budget.js'
import { ServiceError } from '../../../core/errors.js'
import type { Change } from '../../../core/change.js'
import type { OpenApiSpec } from '../load/loader.js'
import {
  checkDeprecation,
  checkOperationIdAndTags,
  checkStability,
  reportAddedOperation,
  reportRemovedOperation,
  type OperationPair
} from '../rules/operations.js'
import { checkDocument } from '../rules/document.js'
import { checkParameters } from '../rules/parameters.js'
import { checkRequestBody } from '../rules/request-body.js'
import { checkResponses } from '../rules/responses.js'
import { checkGlobalSecurity, checkOperationSecurity } from '../rules/security.js'
import { checkComponentSchemas, checkWebhooks } from '../rules/webhooks.js'
import { operationsOf, pathKeysOf } from './operations.js'
import { Reporter } from './report.js'
import { Equivalence } from './equivalence.js'
import { SchemaScopes } from './scopes.js'
import { Side, type DiffEnv } from './side.js'

export interface DiffOptions {
  /** Files in changes are relative to these (default: the directory of each main file). */
  baseRoot?: string
  headRoot?: string
  /** Today, for x-sunset dates. */
  now: Date
  /** x-stability-level values whose operations are left out (default alpha and draft). */
  exemptStability?: readonly string[]
  /** Stop with BudgetExceededError (exit 3) after this many seconds; undefined = no limit. */
  maxSeconds?: number
  /** Progress lines on long comparisons (every few seconds). */
  progress?: (line: string) => void
  /** Injected for tests of the budget. */
  clock?: () => number
}

/** The checks run on every operation present on both sides, after the stability gate. */
const operationChecks: ReadonlyArray<(pair: OperationPair) => void> = [
  checkDeprecation,
  checkOperationIdAndTags,
  checkOperationSecurity,
  (pair) => checkParameters(pair, true),
  (pair) => checkParameters(pair, false),
  checkRequestBody,
  checkResponses
]

/**
 * Schemas nested thousands of levels deep (a chain of $refs, each one level further) exhaust the call
 * stack: that is a limit of this tool, said as such (exit 3), never a silent cut or a bare RangeError.
 */
function tooDeep(error: unknown, operation: string, file: string): unknown {
  if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) return error
  return new ServiceError(
    `openapi diff of ${file}: the schemas of ${operation} nest deeper than rollback-guard can follow ` +
      '(thousands of levels through $ref or inline schemas). Nothing was reported as complete; ' +
      'please report this with the spec shape at the project.'
  )
}

/** Compares two loaded specs, from the client's side of the wire. Pure: no I/O. */
export function diffOpenApi(base: OpenApiSpec, head: OpenApiSpec, options: DiffOptions): Change[] {
  const budget = new WorkBudget({
    label: `openapi diff of ${head.file}`,
    maxSeconds: options.maxSeconds,
    progress: options.progress,
    clock: options.clock
  })
  const sideB = new Side(base)
  const sideH = new Side(head)
  const equivalence = new Equivalence(sideB, sideH, () => budget.tick())
  const scopes = new SchemaScopes()
  const env: DiffEnv = {
    base: sideB,
    head: sideH,
    now: options.now,
    same: (b, h) => equivalence.same(b, h),
    scopes,
    budget,
    exemptStability: new Set(options.exemptStability ?? ['alpha', 'draft'])
  }
  const reporter = new Reporter(
    options.baseRoot ?? dirname(base.file),
    options.headRoot ?? dirname(head.file),
    base.file,
    head.file,
    scopes,
    { base: base.document, head: head.document }
  )
  const exempt = (level: unknown): boolean =>
    typeof level === 'string' && env.exemptStability.has(level)

  const opsB = operationsOf(env.base, base.document.paths)
  const opsH = operationsOf(env.head, head.document.paths)
  const pathsH = pathKeysOf(head.document.paths)
  for (const [key, b] of opsB) {
    if (opsH.has(key) || exempt(b.op['x-stability-level'])) continue
    reportRemovedOperation(env, reporter, b, !pathsH.has(key.slice(key.indexOf(' ') + 1)))
  }
  let done = 0
  for (const [key, h] of opsH) {
    done++
    budget.at(key, () => `operation ${done} of ${opsH.size}; ${scopes.size} schemas compared`)
    const b = opsB.get(key)
    if (!b) {
      if (!exempt(h.op['x-stability-level'])) reportAddedOperation(reporter, h)
      continue
    }
    const pair: OperationPair = { env, reporter, b, h }
    checkStability(pair)
    if (exempt(b.op['x-stability-level'])) continue
    try {
      if (env.same(b.op, h.op) && env.same(b.pathItem.parameters, h.pathItem.parameters)) continue
      for (const check of operationChecks) check(pair)
    } catch (error) {
      throw tooDeep(error, key, head.file)
    }
  }
  for (const { node, ref, reason } of base.unresolved ?? [])
    reporter.report({
      id: 'api-base-ref-unresolved',
      message: `the released spec's $ref '${ref}' could not be followed (${reason}); what it points to was not compared`,
      operation: null,
      subject: `unresolved:${ref}`,
      at: node,
      side: 'base'
    })
  budget.at('security, webhooks and components')
  checkGlobalSecurity(env, reporter)
  checkWebhooks(env, reporter)
  checkComponentSchemas(env, reporter)
  checkDocument(env, reporter)
  const dropped = scopes.finish()
  return dropped.size === 0
    ? reporter.changes
    : reporter.changes.filter((change) => !dropped.has(change))
}
