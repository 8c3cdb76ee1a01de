/**
 * The JSON Schema of `.rollback-guard.yml`. `schemas/rollback-guard-config.schema.json` is this
 * object written out (a test keeps them equal), so editors can validate the file too.
 * `x-hint` is our own keyword: the fix a person should make when that part does not match.
 */
const level = { type: 'string', enum: ['breaking', 'warning', 'info'] }
const date = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  format: 'date',
  'x-hint': 'write the date as YYYY-MM-DD, e.g. 2026-12-31'
}
const nonEmpty = { type: 'string', minLength: 1 }

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://rollback-guard.dev/schemas/rollback-guard-config.schema.json',
  title: 'rollback-guard configuration (.rollback-guard.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    contracts: {
      description: 'The API contracts the contract-check job compares against the last release.',
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        properties: {
          kind: {
            type: 'string',
            enum: ['openapi', 'protobuf', 'go', 'gomod', 'migrations'],
            'x-hint': 'use one of openapi, protobuf, go, gomod, migrations'
          },
          name: { ...nonEmpty, description: 'Unique name; defaults to the first path.' },
          path: {
            ...nonEmpty,
            description: 'Repository-relative file (openapi, gomod) or directory (protobuf, go).'
          },
          paths: {
            type: 'array',
            minItems: 1,
            items: nonEmpty,
            description: 'Several files or directories compared as one contract each.'
          },
          'dependency-impact': {
            description:
              'gomod contracts: diff the API of upgraded dependencies (direct requirements, or all) and report the calls in the base code they break; default direct.',
            enum: ['direct', 'all', 'off', 'on', true, false],
            'x-hint': 'use direct, all or off'
          }
        },
        oneOf: [{ required: ['path'] }, { required: ['paths'] }],
        'x-hint': 'give each contract exactly one of `path: FILE` or `paths: [FILE, ...]`',
        additionalProperties: true
      }
    },
    'fail-on': {
      type: 'string',
      enum: ['breaking', 'warning', 'never'],
      'x-hint': 'use breaking, warning or never'
    },
    'rollback-impact': {
      description:
        'Whether the check also lists what rolling this release back would remove for clients (on by default).',
      enum: ['on', 'off', true, false],
      'x-hint': 'use on or off'
    },
    overrides: {
      description: 'A new level per rule id, e.g. `response-optional-property-removed: breaking`.',
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9_.:-]+$' },
      additionalProperties: { ...level, 'x-hint': 'set the level to breaking, warning or info' }
    },
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['reason'],
        anyOf: [
          { required: ['id'] },
          { required: ['operation'] },
          { required: ['path'] },
          { required: ['symbol'] },
          { required: ['fingerprint'] }
        ],
        'x-hint':
          'say what to ignore with at least one of id, operation, path, symbol or fingerprint',
        properties: {
          id: nonEmpty,
          operation: {
            ...nonEmpty,
            description: '"GET /pets"; `*` spans one path segment, `**` any.'
          },
          path: { ...nonEmpty, description: 'An API path template, any method: "/pets/{id}".' },
          symbol: nonEmpty,
          fingerprint: {
            type: 'string',
            pattern: '^[0-9a-f]{12}$',
            'x-hint': 'copy the 12-hex-digit fingerprint from the report'
          },
          contract: nonEmpty,
          reason: {
            ...nonEmpty,
            'x-hint': 'say why the change is acceptable in `reason:` (it is shown in the report)'
          },
          expires: date
        }
      }
    },
    baseline: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'tag-pattern': {
          description: 'Tag shape with a {version} placeholder, e.g. "api/v{version}".',
          oneOf: [
            { type: 'string', pattern: '\\{version\\}' },
            { type: 'array', minItems: 1, items: { type: 'string', pattern: '\\{version\\}' } }
          ],
          'x-hint': 'put {version} where the version goes, e.g. "v{version}" or "api/v{version}"'
        },
        'include-prereleases': { type: 'boolean' },
        'github-releases': { type: 'boolean' },
        manifests: { type: 'boolean' },
        remote: nonEmpty
      }
    },
    version: {
      type: 'object',
      additionalProperties: false,
      properties: {
        files: { type: 'array', items: nonEmpty },
        enforce: { type: 'boolean' }
      }
    },
    manifest: { type: 'object', description: 'Settings of the manifest job.' },
    slo: { type: 'object', description: 'Settings of the slo-gate job.' }
  }
} as const
