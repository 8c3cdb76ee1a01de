import { copyLocation, isObject, type JsonObject } from './location.js'
import type { RefResolver } from './resolver.js'

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const
const schemaKeys = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'x-nullable'
]

function stringList(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.length > 0 ? value.map(String) : fallback
}

/** A 2.0 non-body parameter or header keeps its schema keywords inline; 3.x puts them under `schema`. */
function schemaOf(node: JsonObject): JsonObject {
  const schema: JsonObject = copyLocation({}, node)
  for (const key of schemaKeys) if (node[key] !== undefined) schema[key] = node[key]
  if (isObject(schema.items)) schema.items = schemaOf(schema.items)
  return schema
}

function convertParameter(param: JsonObject): JsonObject {
  const out: JsonObject = copyLocation({}, param)
  for (const [key, value] of Object.entries(param)) {
    if (!schemaKeys.includes(key) && key !== 'collectionFormat' && key !== 'allowEmptyValue')
      out[key] = value
  }
  out.schema = schemaOf(param)
  return out
}

function convertResponse(response: JsonObject, produces: string[]): JsonObject {
  const out: JsonObject = copyLocation({}, response)
  for (const [key, value] of Object.entries(response)) {
    if (key !== 'schema' && key !== 'headers' && key !== 'examples') out[key] = value
  }
  if (response.schema !== undefined) {
    const content: JsonObject = copyLocation({}, response.schema)
    for (const type of produces)
      content[type] = copyLocation({ schema: response.schema }, response.schema)
    out.content = content
  }
  if (isObject(response.headers)) {
    const headers: JsonObject = copyLocation({}, response.headers)
    for (const [name, header] of Object.entries(response.headers)) {
      if (!isObject(header)) continue
      const converted: JsonObject = copyLocation({}, header)
      if (header.description !== undefined) converted.description = header.description
      converted.schema = schemaOf(header)
      headers[name] = converted
    }
    out.headers = headers
  }
  return out
}

function convertOperation(
  op: JsonObject,
  doc: JsonObject,
  resolver: RefResolver,
  pathParams: unknown[]
): JsonObject {
  const out: JsonObject = copyLocation({}, op)
  const consumes = stringList(op.consumes, stringList(doc.consumes, ['application/json']))
  const produces = stringList(op.produces, stringList(doc.produces, ['application/json']))
  for (const [key, value] of Object.entries(op)) {
    if (!['parameters', 'responses', 'consumes', 'produces', 'schemes'].includes(key))
      out[key] = value
  }
  const params: JsonObject[] = []
  const formData: JsonObject[] = []
  let body: JsonObject | undefined
  const all = [...(Array.isArray(op.parameters) ? op.parameters : [])]
  for (const item of all) {
    const param = resolver.deref(item)
    if (!isObject(param)) continue
    if (param.in === 'body') body = param
    else if (param.in === 'formData') formData.push(param)
    else params.push(convertParameter(param))
  }
  for (const item of pathParams) {
    const param = resolver.deref(item)
    if (isObject(param) && param.in === 'formData') formData.push(param)
    if (isObject(param) && param.in === 'body' && !body) body = param
  }
  if (params.length > 0) out.parameters = params
  if (body) {
    const content: JsonObject = copyLocation({}, body)
    for (const type of consumes)
      content[type] = copyLocation({ schema: body.schema }, body.schema ?? body)
    out.requestBody = copyLocation(
      { content, required: body.required === true, description: body.description },
      body
    )
  } else if (formData.length > 0) {
    const first = formData[0]
    const properties: JsonObject = copyLocation({}, first)
    const required: string[] = []
    for (const param of formData) {
      properties[String(param.name)] =
        param.type === 'file'
          ? copyLocation({ type: 'string', format: 'binary' }, param)
          : schemaOf(param)
      if (param.required === true) required.push(String(param.name))
    }
    const schema: JsonObject = copyLocation({ type: 'object', properties }, first)
    if (required.length > 0) schema.required = required
    const types = consumes.filter(
      (t) => t === 'multipart/form-data' || t === 'application/x-www-form-urlencoded'
    )
    const content: JsonObject = copyLocation({}, first)
    for (const type of types.length > 0 ? types : ['application/x-www-form-urlencoded']) {
      content[type] = copyLocation({ schema }, first)
    }
    out.requestBody = copyLocation({ content, required: required.length > 0 }, first)
  }
  if (isObject(op.responses)) {
    const responses: JsonObject = copyLocation({}, op.responses)
    for (const [status, response] of Object.entries(op.responses)) {
      const resolved = resolver.deref(response)
      if (isObject(resolved)) responses[status] = convertResponse(resolved, produces)
    }
    out.responses = responses
  }
  return out
}

/** Rewrites a Swagger 2.0 document into the OpenAPI 3.x shape the diff reads; schemas are left as they are. */
export function normalizeSwagger2(doc: JsonObject, resolver: RefResolver): JsonObject {
  const out: JsonObject = copyLocation({}, doc)
  out.openapi = '3.0.0'
  out.info = doc.info
  out.tags = doc.tags
  out.security = doc.security
  const components: JsonObject = copyLocation({}, doc)
  if (isObject(doc.definitions)) components.schemas = doc.definitions
  if (isObject(doc.securityDefinitions)) components.securitySchemes = doc.securityDefinitions
  out.components = components
  const paths: JsonObject = copyLocation({}, doc.paths)
  if (isObject(doc.paths)) {
    for (const [path, rawItem] of Object.entries(doc.paths)) {
      const item = resolver.deref(rawItem)
      if (!isObject(item)) continue
      const converted: JsonObject = copyLocation({}, item)
      const pathParams = Array.isArray(item.parameters) ? item.parameters : []
      const kept: JsonObject[] = []
      for (const p of pathParams) {
        const param = resolver.deref(p)
        if (isObject(param) && param.in !== 'body' && param.in !== 'formData')
          kept.push(convertParameter(param))
      }
      if (kept.length > 0) converted.parameters = kept
      for (const [key, value] of Object.entries(item)) {
        if (key.startsWith('x-')) converted[key] = value
      }
      for (const method of methods) {
        if (isObject(item[method]))
          converted[method] = convertOperation(item[method], doc, resolver, pathParams)
      }
      paths[path] = converted
    }
  }
  out.paths = paths
  return out
}
