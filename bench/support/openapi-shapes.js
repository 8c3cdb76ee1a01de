// Generators for the shapes that real API descriptions have and small fixtures lack: every schema on a
// cycle through "expandable" fields (`anyOf: [{type: string}, {$ref: X}]`), large enums, deep anyOf.
// Deterministic: the same arguments always give the same documents.

/** N schemas, each with `r_j: anyOf[string, $ref S_j]` to every other schema; GET /s returns S0. */
export function allPairsPair(n) {
  const make = (renamed) => {
    const schemas = {}
    for (let i = 0; i < n; i++) {
      const properties = { id: { type: 'string' } }
      for (let j = 0; j < n; j++) {
        if (j === i) continue
        properties[`r_${j}`] = {
          anyOf: [{ type: 'string' }, { $ref: `#/components/schemas/S${j}` }]
        }
      }
      // the one change: a property of the last schema renamed
      properties[renamed && i === n - 1 ? 'title' : 'name'] = { type: 'string' }
      schemas[`S${i}`] = { type: 'object', required: ['id'], properties }
    }
    return {
      openapi: '3.0.3',
      info: { title: `all pairs ${n}`, version: '1.0.0' },
      paths: {
        '/s': {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } }
              }
            }
          }
        }
      },
      components: { schemas }
    }
  }
  return { base: make(false), head: make(true) }
}

function rng(seed) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * A Stripe-shaped description: `resources` objects with scalar, enum, nested and expandable fields that
 * point at other resources (so nearly all of them sit on one big cycle), list endpoints with deep anyOf,
 * form-encoded create requests. The head differs from the base by one renamed property.
 */
export function stripeShapedPair(resources = 400) {
  const make = (changed) => {
    const random = rng(42)
    const pick = (list) => list[Math.floor(random() * list.length)]
    const name = (i) => `resource_${i}`
    const ref = (i) => ({ $ref: `#/components/schemas/${name(i)}` })
    const schemas = {}
    for (let i = 0; i < resources; i++) {
      const properties = {
        id: { type: 'string', description: 'Unique identifier for the object.', maxLength: 5000 },
        object: {
          type: 'string',
          enum: [name(i)],
          description: 'String representing the object type.'
        },
        created: { type: 'integer', format: 'unix-time' },
        livemode: { type: 'boolean' },
        metadata: {
          type: 'object',
          additionalProperties: { type: 'string', maxLength: 500 },
          nullable: true
        }
      }
      const fields = 12 + Math.floor(random() * 20)
      for (let f = 0; f < fields; f++) {
        const kind = random()
        const field = `field_${f}`
        if (kind < 0.3) {
          const target = Math.floor(random() * resources)
          properties[field] = {
            anyOf: [{ type: 'string', maxLength: 5000 }, ref(target)],
            nullable: random() < 0.5,
            description: `The ID of the ${name(target)} this object belongs to, or the expanded object.`,
            'x-expansionResources': { oneOf: [ref(target)] }
          }
        } else if (kind < 0.4) {
          const count = random() < 0.1 ? 300 : 3 + Math.floor(random() * 12)
          properties[field] = {
            type: 'string',
            enum: Array.from({ length: count }, (_, k) => `value_${i}_${k}`),
            description: 'One of the listed values.'
          }
        } else if (kind < 0.5) {
          const targets = [Math.floor(random() * resources), Math.floor(random() * resources)]
          properties[field] = {
            type: 'object',
            properties: {
              data: { type: 'array', items: { anyOf: targets.map(ref) } },
              has_more: { type: 'boolean' },
              url: { type: 'string', maxLength: 5000, pattern: '^/v1/' }
            },
            required: ['data', 'has_more', 'url']
          }
        } else if (kind < 0.6) {
          properties[field] = {
            anyOf: [ref(Math.floor(random() * resources)), { type: 'string', enum: [''] }],
            nullable: true
          }
        } else {
          properties[field] = pick([
            { type: 'string', maxLength: 5000, nullable: true },
            { type: 'integer', nullable: true },
            { type: 'boolean' },
            { type: 'number' },
            { type: 'array', items: { type: 'string', maxLength: 5000 } }
          ])
        }
      }
      if (changed && i === Math.floor(resources / 2)) {
        properties.renamed_field = properties.field_0
        delete properties.field_0
      }
      schemas[name(i)] = {
        type: 'object',
        title: name(i),
        description: `A ${name(i)} object.`.repeat(3),
        required: ['id', 'object', 'created'],
        properties,
        'x-resourceId': name(i)
      }
    }
    const paths = {}
    for (let i = 0; i < resources; i++) {
      const createProps = {}
      for (const [key, value] of Object.entries(schemas[name(i)].properties).slice(4, 14)) {
        createProps[key] = value.anyOf ? { type: 'string', maxLength: 5000 } : value
      }
      paths[`/v1/${name(i)}s`] = {
        get: {
          operationId: `List${i}`,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer' } },
            { name: 'starting_after', in: 'query', schema: { type: 'string', maxLength: 5000 } },
            {
              name: 'expand',
              in: 'query',
              style: 'deepObject',
              explode: true,
              schema: { type: 'array', items: { type: 'string' } }
            }
          ],
          responses: {
            200: {
              description: 'Successful response.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      data: { type: 'array', items: ref(i) },
                      has_more: { type: 'boolean' },
                      object: { type: 'string', enum: ['list'] },
                      url: { type: 'string' }
                    },
                    required: ['data', 'has_more', 'object', 'url']
                  }
                }
              }
            },
            default: {
              description: 'Error response.',
              content: { 'application/json': { schema: ref(0) } }
            }
          }
        },
        post: {
          operationId: `Create${i}`,
          requestBody: {
            content: {
              'application/x-www-form-urlencoded': {
                schema: { type: 'object', properties: createProps, additionalProperties: false }
              }
            }
          },
          responses: {
            200: {
              description: 'Successful response.',
              content: { 'application/json': { schema: ref(i) } }
            }
          }
        }
      }
      paths[`/v1/${name(i)}s/{id}`] = {
        get: {
          operationId: `Retrieve${i}`,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 5000 } }
          ],
          responses: {
            200: {
              description: 'Successful response.',
              content: { 'application/json': { schema: ref(i) } }
            }
          }
        }
      }
    }
    return {
      openapi: '3.0.0',
      info: { title: 'Stripe-shaped API', version: changed ? '2024-06-20' : '2024-04-10' },
      paths,
      components: { schemas }
    }
  }
  return { base: make(false), head: make(true) }
}
