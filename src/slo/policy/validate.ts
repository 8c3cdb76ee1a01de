import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { sloPolicySchema } from './schema.js'

export type DocumentKind = 'policy' | 'opensloDataSource' | 'opensloSLI' | 'opensloSLO'

let validators: Record<DocumentKind, ValidateFunction> | undefined

function compiled(): Record<DocumentKind, ValidateFunction> {
  if (validators) return validators
  const ajv = new Ajv({ allErrors: true, strict: false })
  ajv.addSchema(sloPolicySchema)
  const id = sloPolicySchema.$id
  const get = (ref: string): ValidateFunction => {
    const validate = ajv.getSchema(ref)
    if (!validate) throw new Error(`schema ${ref} is missing`)
    return validate
  }
  validators = {
    policy: get(id),
    opensloDataSource: get(`${id}#/definitions/opensloDataSource`),
    opensloSLI: get(`${id}#/definitions/opensloSLI`),
    opensloSLO: get(`${id}#/definitions/opensloSLO`)
  }
  return validators
}

export interface SchemaProblem {
  /** JSON pointer segments of the offending value. */
  path: (string | number)[]
  message: string
}

/** Validates one YAML document's value; returns the problems a person can act on, most specific first. */
export function validateDocument(kind: DocumentKind, value: unknown): SchemaProblem[] {
  const validate = compiled()[kind]
  if (validate(value)) return []
  return simplify(validate.errors ?? [])
}

function simplify(errors: ErrorObject[]): SchemaProblem[] {
  // if/then and oneOf wrappers repeat what their branches already said.
  const useful = errors.filter((error) => error.keyword !== 'if')
  const seen = new Set<string>()
  const problems: SchemaProblem[] = []
  for (const error of useful.sort((a, b) => b.instancePath.length - a.instancePath.length)) {
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))
    // An unknown key is best shown on its own line.
    if (error.keyword === 'additionalProperties')
      path.push(String((error.params as { additionalProperty: string }).additionalProperty))
    const message = describe(error)
    const key = `${error.instancePath} ${message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({ path, message })
  }
  return problems
}

function describe(error: ErrorObject): string {
  const where =
    error.instancePath === ''
      ? 'the document'
      : `'${error.instancePath.split('/').slice(1).join('.')}'`
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperty':
    case 'additionalProperties':
      return `${where} has an unknown key '${String(params.additionalProperty)}'`
    case 'required':
      return `${where} is missing '${String(params.missingProperty)}'`
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`
    case 'pattern':
      return `${where} ${patternHint(error)}`
    case 'oneOf':
      return `${where} ${oneOfHint(error)}`
    default:
      return `${where} ${error.message ?? 'is invalid'}`
  }
}

function patternHint(error: ErrorObject): string {
  const pattern = String((error.params as { pattern: string }).pattern)
  if (pattern.includes('ms|s|m|h|d|w')) return 'must be a duration like 30s, 5m or 1h30m'
  if (pattern.includes('s|m|h|d|w|M|Q|Y')) return 'must be an OpenSLO duration like 5m, 1h or 28d'
  if (pattern.includes('<=|>=')) return "must be a bound like '< 0.01' or '<= +10%'"
  if (pattern.includes('https?')) return 'must be an http:// or https:// URL'
  if (pattern.startsWith('^\\$')) return 'must be a JSON path starting with $, like $.data.value'
  return `must match ${pattern}`
}

function oneOfHint(error: ErrorObject): string {
  const path = error.schemaPath
  if (path.endsWith('/ratioMetric/oneOf')) return 'needs good+total, bad+total or raw+rawType'
  if (path.endsWith('/items/oneOf')) return 'needs exactly one of target or targetPercent'
  if (path === '#/definitions/opensloSLO/properties/spec/oneOf')
    return 'needs exactly one of indicator or indicatorRef'
  return 'needs exactly one of thresholdMetric or ratioMetric'
}
