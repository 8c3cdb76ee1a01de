import { dirname } from 'node:path'
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
import { Side, type DiffEnv } from './side.js'

export interface DiffOptions {
  /** Files in changes are relative to these (default: the directory of each main file). */
  baseRoot?: string
  headRoot?: string
  /** Today, for x-sunset dates. */
  now: Date
  /** x-stability-level values whose operations are left out (default alpha and draft). */
  exemptStability?: readonly string[]
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

/** Compares two loaded specs, from the client's side of the wire. Pure: no I/O. */
export function diffOpenApi(base: OpenApiSpec, head: OpenApiSpec, options: DiffOptions): Change[] {
  const env: DiffEnv = {
    base: new Side(base),
    head: new Side(head),
    now: options.now,
    exemptStability: new Set(options.exemptStability ?? ['alpha', 'draft'])
  }
  const reporter = new Reporter(
    options.baseRoot ?? dirname(base.file),
    options.headRoot ?? dirname(head.file),
    base.file,
    head.file
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
  for (const [key, h] of opsH) {
    const b = opsB.get(key)
    if (!b) {
      if (!exempt(h.op['x-stability-level'])) reportAddedOperation(reporter, h)
      continue
    }
    const pair: OperationPair = { env, reporter, b, h }
    checkStability(pair)
    if (exempt(b.op['x-stability-level'])) continue
    if (
      env.base.hash(b.op) === env.head.hash(h.op) &&
      env.base.hash(b.pathItem.parameters) === env.head.hash(h.pathItem.parameters)
    )
      continue
    for (const check of operationChecks) check(pair)
  }
  checkGlobalSecurity(env, reporter)
  checkWebhooks(env, reporter)
  checkComponentSchemas(env, reporter)
  checkDocument(env, reporter)
  return reporter.changes
}
