import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js'
import addFormatsModule from 'ajv-formats'
import type { RestExtract, RestOperation, RestParameter } from './fake-github-state.js'

// ajv-formats is CommonJS; under ESM its default export may be wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2019) => void

/**
 * OpenAPI 3.0 schemas as JSON Schema: `nullable: true` becomes a `null` type (or an anyOf with null
 * when the schema has no `type` of its own, as with GitHub's `allOf: [$ref]` properties).
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema)
  if (!schema || typeof schema !== 'object') return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key.startsWith('x-')) continue
    if (key === 'properties' || key === 'patternProperties')
      copy[key] = mapValues(value as Record<string, unknown>, toJsonSchema)
    else
      copy[key] =
        key === 'enum' || key === 'required' || key === 'default' || key === 'const'
          ? value
          : toJsonSchema(value)
  }
  if ((schema as { nullable?: unknown }).nullable !== true) return copy
  if (typeof copy.type === 'string') {
    copy.type = [copy.type, 'null']
    if (Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...copy.enum, null]
    return copy
  }
  return { anyOf: [copy, { type: 'null' }] }
}

function mapValues(
  record: Record<string, unknown>,
  map: (value: unknown) => unknown
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]))
}

export interface OperationValidators {
  path: ValidateFunction
  query: ValidateFunction
  body: ValidateFunction | null
  response: ValidateFunction | null
}

function parametersSchema(
  parameters: RestParameter[],
  where: 'path' | 'query'
): Record<string, unknown> {
  const own = parameters.filter((p) => p.in === where)
  return {
    type: 'object',
    properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
    required: own.filter((p) => p.required).map((p) => p.name)
  }
}

/** One ajv for request validation (parameters coerced from strings, as GitHub reads them) and one for bodies. */
const compiled = new WeakMap<RestExtract, Map<string, OperationValidators>>()

/** Validators per operation, compiled once per extract (compiling takes most of a second). */
export function validatorsFor(extract: RestExtract): Map<string, OperationValidators> {
  let validators = compiled.get(extract)
  if (!validators) {
    validators = compileValidators(extract)
    compiled.set(extract, validators)
  }
  return validators
}

function compileValidators(extract: RestExtract): Map<string, OperationValidators> {
  const options = { strict: false, allErrors: true, logger: false as const }
  const bodies = new Ajv2019(options)
  const params = new Ajv2019({ ...options, coerceTypes: true, useDefaults: true })
  for (const ajv of [bodies, params]) {
    addFormats(ajv)
    ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) })
    ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) })
    ajv.addFormat('repo.nwo', /^[\w.-]+\/[\w.-]+$/)
    // Component $refs inside operation schemas resolve against the document that holds the components.
    ajv.addSchema({
      $id: 'github-rest',
      components: { schemas: mapValues(extract.components.schemas, toJsonSchema) },
      operations: operationSchemas(extract)
    } as never)
  }
  const pointer = (id: string, ...rest: string[]): { $ref: string } => ({
    $ref: `github-rest#/operations/${[id, ...rest].map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`
  })
  const validators = new Map<string, OperationValidators>()
  for (const [id, operation] of Object.entries(extract.operations)) {
    validators.set(id, {
      path: params.compile(pointer(id, 'path')),
      query: params.compile(pointer(id, 'query')),
      body: operation.requestBody ? bodies.compile(pointer(id, 'body')) : null,
      response: operation.success.schema ? bodies.compile(pointer(id, 'response')) : null
    })
  }
  return validators
}

function operationSchemas(extract: RestExtract): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(extract.operations).map(([id, operation]: [string, RestOperation]) => [
      id,
      {
        path: toJsonSchema(parametersSchema(operation.parameters, 'path')),
        query: toJsonSchema(parametersSchema(operation.parameters, 'query')),
        body: toJsonSchema(operation.requestBody?.schema ?? {}),
        response: toJsonSchema(operation.success.schema ?? {})
      }
    ])
  )
}

/** Errors worded like GitHub's "Invalid request" messages: where, and what was wrong. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const lines = (errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => {
      const where =
        e.instancePath === '' ? 'the request' : `'${e.instancePath.slice(1).replaceAll('/', '.')}'`
      if (e.keyword === 'required') {
        const inside = e.instancePath === '' ? '' : ` in ${where}`
        return `"${(e.params as { missingProperty: string }).missingProperty}" wasn't supplied${inside}.`
      }
      if (e.keyword === 'enum')
        return `For ${where}, the value is not one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}.`
      return `For ${where}, ${e.message ?? 'the value is invalid'}.`
    })
  return [...new Set(lines)].join('\n') || 'the value is invalid.'
}
