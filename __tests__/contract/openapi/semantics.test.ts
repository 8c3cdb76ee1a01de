import { describe, it, expect } from '@jest/globals'
import type { ChangeLevel } from '../../../src/core/change.js'
import { diffOpenApi, loadOpenApi } from '../../../src/contract/openapi/index.js'

// Each row of SEMANTICS.md's OpenAPI table as a pair of small real specs, read through the readFile port.
interface Parts {
  openapi?: string
  root?: string[]
  op?: string[]
  params?: string
  request?: string
  bodyRequired?: boolean
  response?: string
  responses?: string
  more?: string[]
}

function api(p: Parts = {}): string {
  const lines = [
    `openapi: ${p.openapi ?? '3.0.3'}`,
    `info: {title: pets, version: '1'}`,
    ...(p.root ?? []),
    'paths:',
    '  /pets:',
    '    get:',
    "      responses: {'200': {description: ok}}",
    '    post:',
    ...(p.op ?? []).map((l) => `      ${l}`),
    `      parameters: ${p.params ?? '[]'}`,
    ...(p.request
      ? [
          `      requestBody: {required: ${p.bodyRequired ?? true}, content: {application/json: {schema: ${p.request}}}}`
        ]
      : []),
    `      responses: ${p.responses ?? `{'200': {description: ok, content: {application/json: {schema: ${p.response ?? '{type: object}'}}}}}`}`,
    ...(p.more ?? [])
  ]
  return lines.join('\n') + '\n'
}

async function diffTexts(base: string, head: string) {
  const files: Record<string, string> = { '/mem/base.yaml': base, '/mem/head.yaml': head }
  const readFile = async (path: string): Promise<string> => {
    const text = files[path]
    if (text === undefined) throw new Error(`no such file ${path}`)
    return text
  }
  const [b, h] = await Promise.all([
    loadOpenApi('/mem/base.yaml', { readFile }),
    loadOpenApi('/mem/head.yaml', { readFile })
  ])
  return diffOpenApi(b, h, {
    now: new Date('2025-06-01T00:00:00Z'),
    baseRoot: '/mem',
    headRoot: '/mem'
  })
}

const obj = (props: string, required = '[]'): string =>
  `{type: object, required: ${required}, properties: {${props}}}`
const q = (extra: string): string => `[{name: limit, in: query, ${extra}}]`

type Row = [change: string, id: string, level: ChangeLevel, base: string, head: string]

const rows: Row[] = [
  [
    'required query parameter added',
    'new-required-request-parameter',
    'breaking',
    api(),
    api({ params: q('required: true, schema: {type: integer}') })
  ],
  [
    'optional parameter added',
    'new-optional-request-parameter',
    'info',
    api(),
    api({ params: q('schema: {type: integer}') })
  ],
  [
    'parameter optional → required',
    'request-parameter-became-required',
    'breaking',
    api({ params: q('schema: {type: integer}') }),
    api({ params: q('required: true, schema: {type: integer}') })
  ],
  [
    'parameter required → optional',
    'request-parameter-became-optional',
    'info',
    api({ params: q('required: true, schema: {type: integer}') }),
    api({ params: q('schema: {type: integer}') })
  ],
  [
    'parameter removed',
    'request-parameter-removed',
    'warning',
    api({ params: q('schema: {type: integer}') }),
    api()
  ],
  [
    'parameter type string → integer',
    'request-parameter-type-changed',
    'breaking',
    api({ params: q('schema: {type: string}') }),
    api({ params: q('schema: {type: integer}') })
  ],
  [
    'request type widened int32 → int64',
    'request-property-type-generalized',
    'info',
    api({ request: obj('n: {type: integer, format: int32}') }),
    api({ request: obj('n: {type: integer, format: int64}') })
  ],
  [
    'response type widened integer → number',
    'response-property-type-generalized',
    'breaking',
    api({ response: obj('n: {type: integer}') }),
    api({ response: obj('n: {type: number}') })
  ],
  [
    'response type narrowed int64 → int32',
    'response-property-type-specialized',
    'info',
    api({ response: obj('n: {type: integer, format: int64}') }),
    api({ response: obj('n: {type: integer, format: int32}') })
  ],
  [
    'request body became required',
    'request-body-became-required',
    'breaking',
    api({ request: obj('n: {type: string}'), bodyRequired: false }),
    api({ request: obj('n: {type: string}') })
  ],
  [
    'required request body added',
    'request-body-added-required',
    'breaking',
    api(),
    api({ request: obj('n: {type: string}') })
  ],
  [
    'required request property added',
    'new-required-request-property',
    'breaking',
    api({ request: obj('a: {type: string}') }),
    api({ request: obj('a: {type: string}, b: {type: string}', '[b]') })
  ],
  [
    'required request property added with a default',
    'new-required-request-property-with-default',
    'breaking',
    api({ request: obj('a: {type: string}') }),
    api({ request: obj('a: {type: string}, b: {type: string, default: x}', '[b]') })
  ],
  [
    'optional request property added',
    'new-optional-request-property',
    'info',
    api({ request: obj('a: {type: string}') }),
    api({ request: obj('a: {type: string}, b: {type: string}') })
  ],
  [
    'request property optional → required',
    'request-property-became-required',
    'breaking',
    api({ request: obj('a: {type: string}') }),
    api({ request: obj('a: {type: string}', '[a]') })
  ],
  [
    'request property removed',
    'request-property-removed',
    'warning',
    api({ request: obj('a: {type: string}, b: {type: string}') }),
    api({ request: obj('a: {type: string}') })
  ],
  [
    'response property added',
    'response-optional-property-added',
    'info',
    api({ response: obj('a: {type: string}') }),
    api({ response: obj('a: {type: string}, b: {type: string}') })
  ],
  [
    'required response property removed',
    'response-required-property-removed',
    'breaking',
    api({ response: obj('a: {type: string}, b: {type: string}', '[b]') }),
    api({ response: obj('a: {type: string}') })
  ],
  [
    'optional response property removed',
    'response-optional-property-removed',
    'warning',
    api({ response: obj('a: {type: string}, b: {type: string}') }),
    api({ response: obj('a: {type: string}') })
  ],
  [
    'response property required → optional',
    'response-property-became-optional',
    'breaking',
    api({ response: obj('a: {type: string}', '[a]') }),
    api({ response: obj('a: {type: string}') })
  ],
  [
    'response property optional → required',
    'response-property-became-required',
    'info',
    api({ response: obj('a: {type: string}') }),
    api({ response: obj('a: {type: string}', '[a]') })
  ],
  [
    'request enum value removed',
    'request-property-enum-value-removed',
    'breaking',
    api({ request: obj('s: {type: string, enum: [a, b]}') }),
    api({ request: obj('s: {type: string, enum: [a]}') })
  ],
  [
    'request enum value added',
    'request-property-enum-value-added',
    'info',
    api({ request: obj('s: {type: string, enum: [a]}') }),
    api({ request: obj('s: {type: string, enum: [a, b]}') })
  ],
  [
    'response enum value added',
    'response-property-enum-value-added',
    'warning',
    api({ response: obj('s: {type: string, enum: [a]}') }),
    api({ response: obj('s: {type: string, enum: [a, b]}') })
  ],
  [
    'response enum value removed',
    'response-property-enum-value-removed',
    'info',
    api({ response: obj('s: {type: string, enum: [a, b]}') }),
    api({ response: obj('s: {type: string, enum: [a]}') })
  ],
  [
    'request property gains an enum',
    'request-property-became-enum',
    'breaking',
    api({ request: obj('s: {type: string}') }),
    api({ request: obj('s: {type: string, enum: [a]}') })
  ],
  [
    'request maxLength decreased',
    'request-property-max-length-decreased',
    'breaking',
    api({ request: obj('s: {type: string, maxLength: 9}') }),
    api({ request: obj('s: {type: string, maxLength: 5}') })
  ],
  [
    'request maxLength increased',
    'request-property-max-length-increased',
    'info',
    api({ request: obj('s: {type: string, maxLength: 5}') }),
    api({ request: obj('s: {type: string, maxLength: 9}') })
  ],
  [
    'request maxLength newly set',
    'request-property-max-length-set',
    'warning',
    api({ request: obj('s: {type: string}') }),
    api({ request: obj('s: {type: string, maxLength: 9}') })
  ],
  [
    'request minLength increased',
    'request-property-min-length-increased',
    'breaking',
    api({ request: obj('s: {type: string, minLength: 1}') }),
    api({ request: obj('s: {type: string, minLength: 3}') })
  ],
  [
    'request maximum decreased',
    'request-property-max-decreased',
    'breaking',
    api({ request: obj('n: {type: integer, maximum: 9}') }),
    api({ request: obj('n: {type: integer, maximum: 5}') })
  ],
  [
    'request minimum increased',
    'request-property-min-increased',
    'breaking',
    api({ request: obj('n: {type: integer, minimum: 1}') }),
    api({ request: obj('n: {type: integer, minimum: 3}') })
  ],
  [
    'response maxLength increased',
    'response-property-max-length-increased',
    'breaking',
    api({ response: obj('s: {type: string, maxLength: 5}') }),
    api({ response: obj('s: {type: string, maxLength: 9}') })
  ],
  [
    'response maxLength removed',
    'response-property-max-length-unset',
    'breaking',
    api({ response: obj('s: {type: string, maxLength: 5}') }),
    api({ response: obj('s: {type: string}') })
  ],
  [
    'request pattern added',
    'request-property-pattern-added',
    'breaking',
    api({ request: obj('s: {type: string}') }),
    api({ request: obj("s: {type: string, pattern: '^[a-z]+$'}") })
  ],
  [
    'request pattern changed',
    'request-property-pattern-changed',
    'warning',
    api({ request: obj("s: {type: string, pattern: '^[a-z]+$'}") }),
    api({ request: obj("s: {type: string, pattern: '^[a-z0-9]+$'}") })
  ],
  [
    'request pattern removed',
    'request-property-pattern-removed',
    'info',
    api({ request: obj("s: {type: string, pattern: '^[a-z]+$'}") }),
    api({ request: obj('s: {type: string}') })
  ],
  [
    'request minItems increased',
    'request-property-min-items-increased',
    'breaking',
    api({ request: obj('l: {type: array, minItems: 1, items: {type: string}}') }),
    api({ request: obj('l: {type: array, minItems: 2, items: {type: string}}') })
  ],
  [
    'request maxItems decreased',
    'request-property-max-items-decreased',
    'breaking',
    api({ request: obj('l: {type: array, maxItems: 9, items: {type: string}}') }),
    api({ request: obj('l: {type: array, maxItems: 5, items: {type: string}}') })
  ],
  [
    'request property became not nullable',
    'request-property-became-not-nullable',
    'breaking',
    api({ request: obj('s: {type: string, nullable: true}') }),
    api({ request: obj('s: {type: string}') })
  ],
  [
    'request property became nullable',
    'request-property-became-nullable',
    'info',
    api({ request: obj('s: {type: string}') }),
    api({ request: obj('s: {type: string, nullable: true}') })
  ],
  [
    'response property became nullable (3.1 type list)',
    'response-property-became-nullable',
    'breaking',
    api({ openapi: '3.1.0', response: obj('s: {type: string}') }),
    api({ openapi: '3.1.0', response: obj("s: {type: [string, 'null']}") })
  ],
  [
    'response property became not nullable',
    'response-property-became-not-nullable',
    'info',
    api({ response: obj('s: {type: string, nullable: true}') }),
    api({ response: obj('s: {type: string}') })
  ],
  [
    'parameter default changed',
    'request-parameter-default-value-changed',
    'breaking',
    api({ params: q('schema: {type: integer, default: 10}') }),
    api({ params: q('schema: {type: integer, default: 20}') })
  ],
  [
    'required request property became readOnly',
    'request-required-property-became-read-only',
    'info',
    api({ request: obj('a: {type: string}', '[a]') }),
    api({ request: obj('a: {type: string, readOnly: true}', '[a]') })
  ],
  [
    'success status removed',
    'response-success-status-removed',
    'breaking',
    api(),
    api({ responses: "{'201': {description: created}}" })
  ],
  [
    'non-success status removed',
    'response-non-success-status-removed',
    'info',
    api({ responses: "{'200': {description: ok}, '404': {description: gone}}" }),
    api({ responses: "{'200': {description: ok}}" })
  ],
  [
    'response media type removed',
    'response-media-type-removed',
    'breaking',
    api({
      responses:
        "{'200': {description: ok, content: {application/json: {schema: {type: object}}, text/csv: {schema: {type: string}}}}}"
    }),
    api()
  ],
  [
    'request media type removed',
    'request-body-media-type-removed',
    'breaking',
    api({
      more: [
        '      requestBody: {content: {application/json: {schema: {type: object}}, application/xml: {schema: {type: object}}}}'
      ]
    }),
    api({ more: ['      requestBody: {content: {application/json: {schema: {type: object}}}}'] })
  ],
  [
    'request media type added',
    'request-body-media-type-added',
    'info',
    api({ more: ['      requestBody: {content: {application/json: {schema: {type: object}}}}'] }),
    api({
      more: [
        '      requestBody: {content: {application/json: {schema: {type: object}}, application/xml: {schema: {type: object}}}}'
      ]
    })
  ],
  [
    'required response header removed',
    'required-response-header-removed',
    'breaking',
    api({
      responses:
        "{'200': {description: ok, headers: {X-Rate: {required: true, schema: {type: integer}}}}}"
    }),
    api({ responses: "{'200': {description: ok}}" })
  ],
  [
    'optional response header removed',
    'optional-response-header-removed',
    'warning',
    api({ responses: "{'200': {description: ok, headers: {X-Rate: {schema: {type: integer}}}}}" }),
    api({ responses: "{'200': {description: ok}}" })
  ],
  [
    'response header became optional',
    'response-header-became-optional',
    'breaking',
    api({
      responses:
        "{'200': {description: ok, headers: {X-Rate: {required: true, schema: {type: integer}}}}}"
    }),
    api({ responses: "{'200': {description: ok, headers: {X-Rate: {schema: {type: integer}}}}}" })
  ],
  [
    'request oneOf branch removed',
    'request-property-one-of-removed',
    'breaking',
    api({
      request: obj(
        'v: {oneOf: [{type: object, properties: {a: {type: string}}}, {type: object, properties: {b: {type: integer}}}]}'
      )
    }),
    api({ request: obj('v: {oneOf: [{type: object, properties: {a: {type: string}}}]}') })
  ],
  [
    'response oneOf branch added',
    'response-property-one-of-added',
    'breaking',
    api({ response: obj('v: {oneOf: [{type: object, properties: {a: {type: string}}}]}') }),
    api({
      response: obj(
        'v: {oneOf: [{type: object, properties: {a: {type: string}}}, {type: object, properties: {b: {type: integer}}}]}'
      )
    })
  ],
  [
    'security requirement added to an operation',
    'api-security-added',
    'warning',
    api({
      root: ['components: {securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}}']
    }),
    api({
      root: ['components: {securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}}'],
      op: ['security: [{key: []}]']
    })
  ],
  [
    'x-stability-level decreased',
    'api-stability-decreased',
    'breaking',
    api({ op: ['x-stability-level: stable'] }),
    api({ op: ['x-stability-level: beta'] })
  ],
  [
    'x-sunset moved earlier',
    'api-sunset-date-changed-too-small',
    'breaking',
    api({ op: ['deprecated: true', "x-sunset: '2099-06-01'"] }),
    api({ op: ['deprecated: true', "x-sunset: '2099-01-01'"] })
  ],
  [
    'x-sunset deleted',
    'sunset-deleted',
    'breaking',
    api({ op: ['deprecated: true', "x-sunset: '2099-06-01'"] }),
    api({ op: ['deprecated: true'] })
  ],
  [
    'operationId changed',
    'api-operation-id-removed',
    'info',
    api({ op: ['operationId: createPet'] }),
    api({ op: ['operationId: addPet'] })
  ],
  ['tag removed', 'api-tag-removed', 'info', api({ op: ['tags: [pets]'] }), api()],
  [
    'operation removed without deprecation',
    'api-removed-without-deprecation',
    'breaking',
    api(),
    api().replace(/ {4}post:[\s\S]*$/, '')
  ],
  [
    'deprecated operation removed after its sunset',
    'api-removed-with-deprecation',
    'info',
    api({ op: ['deprecated: true', "x-sunset: '2024-01-01'"] }),
    api().replace(/ {4}post:[\s\S]*$/, '')
  ],
  [
    'deprecated operation removed before its sunset',
    'api-removed-before-sunset',
    'breaking',
    api({ op: ['deprecated: true', "x-sunset: '2099-01-01'"] }),
    api().replace(/ {4}post:[\s\S]*$/, '')
  ],
  ['operation added', 'endpoint-added', 'info', api().replace(/ {4}post:[\s\S]*$/, ''), api()],
  [
    'webhook removed',
    'webhook-removed',
    'breaking',
    api({
      openapi: '3.1.0',
      root: ["webhooks: {newPet: {post: {responses: {'200': {description: ok}}}}}"]
    }),
    api({ openapi: '3.1.0' })
  ]
]

describe('OpenAPI: every row of the SEMANTICS.md table', () => {
  it.each(rows)('%s → %s (%s)', async (_change, id, level, base, head) => {
    const changes = await diffTexts(base, head)
    const found = changes.find((c) => c.id === id)
    expect(found?.level).toBe(level)
    // and nothing else at warning or above, so each row shows one change
    const others = changes.filter((c) => c.id !== id && c.level !== 'info').map((c) => c.id)
    expect(others).toEqual([])
  })

  it('renaming a path parameter is the same endpoint, not a removal and an addition', async () => {
    const base = api()
      .replace('/pets:', '/pets/{petId}:')
      .replaceAll(
        'parameters: []',
        'parameters: [{name: petId, in: path, required: true, schema: {type: string}}]'
      )
    const head = base.replace('/pets/{petId}:', '/pets/{id}:').replaceAll('name: petId', 'name: id')
    expect(await diffTexts(base, head)).toEqual([])
  })

  it('reads a oneOf with null around a schema as that schema made nullable, keywords beside it included', async () => {
    const base = api({ openapi: '3.1.0', response: obj('s: {type: string, enum: [a, b]}') })
    const head = api({
      openapi: '3.1.0',
      response: obj("s: {oneOf: [{type: 'null'}, {type: string, enum: [a, b]}], default: null}")
    })
    const changes = await diffTexts(base, head)
    expect(changes.map((c) => [c.id, c.level])).toEqual([
      ['response-property-became-nullable', 'breaking'],
      ['response-property-default-value-added', 'info']
    ])
  })

  it('a parameter moved from the operation to its path item is the same parameter for that operation', async () => {
    const param = '[{name: limit, in: query, required: true, schema: {type: integer}}]'
    const base = api({ params: param })
    const head = api().replace('  /pets:\n', `  /pets:\n    parameters: ${param}\n`)
    const newForGet = ['new-required-request-default-parameter-to-existing-path', 'GET /pets']
    const found = async (h: string) => (await diffTexts(base, h)).map((c) => [c.id, c.operation])
    expect(await found(head)).toEqual([newForGet])
    const stricter = head.replace('schema: {type: integer}', 'schema: {type: integer, maximum: 10}')
    expect(await found(stricter)).toEqual([newForGet, ['request-parameter-max-set', 'POST /pets']])
  })

  it('does not report an operation restating the document-wide security requirement', async () => {
    const root = [
      'security: [{key: []}]',
      'components: {securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}}'
    ]
    expect(await diffTexts(api({ root }), api({ root, op: ['security: [{key: []}]'] }))).toEqual([])
  })

  it('leaves out operations marked x-stability-level alpha or draft', async () => {
    const base = api({ op: ['x-stability-level: alpha'] })
    const head = api({
      op: ['x-stability-level: alpha'],
      params: q('required: true, schema: {type: integer}')
    })
    expect(await diffTexts(base, head)).toEqual([])
  })
})
