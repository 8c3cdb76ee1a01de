import { plainNamePattern } from '../core/names.js'
// The manifest's JSON Schema. schemas/rollback-manifest.schema.json is written from this by
// `npm run schemas`, and a test checks that the two agree.
export const manifestSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://rollback-guard.dev/schemas/rollback-manifest.schema.json',
  title: 'rollback-guard rollback manifest',
  description:
    'What was built and released, so the release can be restored: source, Go modules, images, config and contract snapshots, chained to the manifest before it.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion',
    'service',
    'env',
    'createdAt',
    'source',
    'go',
    'images',
    'config',
    'contracts',
    'previous',
    'verdict'
  ],
  properties: {
    schemaVersion: {
      const: 1
    },
    service: {
      $ref: '#/$defs/name'
    },
    env: {
      $ref: '#/$defs/name'
    },
    createdAt: {
      type: 'string',
      format: 'date-time'
    },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['commit'],
      properties: {
        repository: {
          type: ['string', 'null']
        },
        commit: {
          type: 'string',
          pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$'
        },
        ref: {
          type: ['string', 'null']
        },
        tag: {
          type: ['string', 'null']
        },
        runUrl: {
          type: ['string', 'null']
        },
        runAttempt: {
          type: ['integer', 'null'],
          minimum: 1
        },
        actor: {
          type: ['string', 'null']
        }
      }
    },
    go: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'module', 'goVersion', 'goModSha256', 'goSumSha256'],
        properties: {
          path: {
            type: 'string',
            description: "go.mod's folder, relative to the repository root ('.' for the root)."
          },
          module: {
            type: 'string',
            minLength: 1
          },
          goVersion: {
            type: ['string', 'null']
          },
          goModSha256: {
            $ref: '#/$defs/sha256'
          },
          goSumSha256: {
            oneOf: [
              {
                $ref: '#/$defs/sha256'
              },
              {
                type: 'null'
              }
            ]
          }
        }
      }
    },
    images: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'digest'],
        properties: {
          name: {
            type: 'string',
            minLength: 1
          },
          tag: {
            type: ['string', 'null']
          },
          digest: {
            oneOf: [
              {
                $ref: '#/$defs/digest'
              },
              {
                type: 'null'
              }
            ],
            description: 'null only for a tag-only image recorded with allow-tag-only-images.'
          },
          platforms: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['platform', 'digest'],
              properties: {
                platform: {
                  type: 'string'
                },
                digest: {
                  $ref: '#/$defs/digest'
                }
              }
            }
          }
        }
      }
    },
    config: {
      type: 'object',
      additionalProperties: false,
      required: ['version', 'sha256', 'files'],
      properties: {
        version: {
          type: ['string', 'null']
        },
        sha256: {
          oneOf: [
            {
              $ref: '#/$defs/sha256'
            },
            {
              type: 'null'
            }
          ]
        },
        files: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'sha256', 'size'],
            properties: {
              path: {
                type: 'string'
              },
              sha256: {
                $ref: '#/$defs/sha256'
              },
              size: {
                type: 'integer',
                minimum: 0
              }
            }
          }
        }
      }
    },
    contracts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'sha256'],
        properties: {
          path: {
            type: 'string'
          },
          sha256: {
            $ref: '#/$defs/sha256'
          },
          kind: {
            type: ['string', 'null']
          }
        }
      }
    },
    migrations: {
      description: 'Per migrations directory: tool, newest version, checksum of the applied set.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'tool', 'version', 'count', 'sha256', 'migrations'],
        properties: {
          path: { type: 'string' },
          tool: { type: 'string' },
          version: { type: ['string', 'null'] },
          count: { type: 'integer', minimum: 0 },
          sha256: { $ref: '#/$defs/sha256' },
          migrations: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['version', 'file', 'hasDown', 'breaks'],
              properties: {
                version: { type: 'string' },
                file: { type: 'string' },
                hasDown: { type: 'boolean' },
                breaks: { type: 'array', items: { type: 'string' } },
                analysed: { type: 'boolean' }
              }
            }
          }
        }
      }
    },
    previous: {
      oneOf: [
        {
          type: 'null'
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'commit', 'sha256'],
          properties: {
            id: {
              type: 'string'
            },
            commit: {
              type: 'string',
              pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$'
            },
            sha256: {
              $ref: '#/$defs/sha256'
            }
          }
        }
      ]
    },
    verdict: {
      type: 'object',
      additionalProperties: false,
      required: ['status'],
      properties: {
        status: {
          enum: ['unknown', 'good', 'bad']
        },
        decidedAt: {
          type: ['string', 'null'],
          format: 'date-time'
        },
        evidence: {
          description: "The SLO evidence that decided the verdict (slo-gate's evidence JSON).",
          type: ['object', 'null']
        }
      }
    }
  },
  $defs: {
    name: {
      type: 'string',
      pattern: plainNamePattern
    },
    sha256: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$'
    },
    digest: {
      type: 'string',
      pattern: '^sha256:[0-9a-f]{64}$'
    }
  }
} as const
