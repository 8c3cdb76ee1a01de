/**
 * The JSON Schema of `slo.yml`, the source of `schemas/slo-policy.schema.json` (a test keeps the two
 * equal). One file may hold several YAML documents: rollback-guard policy documents and OpenSLO v1
 * `DataSource`, `SLI` and `SLO` documents, each validated by its definition here.
 */

const duration = {
  type: 'string',
  pattern: '^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h|d|w))+)$',
  description: "A duration in Prometheus' units: 30s, 5m, 1h30m, 2d."
}

const schedule = {
  provider: {
    type: 'string',
    minLength: 1,
    description: 'The key of the provider under `providers`.'
  },
  window: {
    ...duration,
    description: 'The query window put in place of {{window}} (clipped at the deploy time).'
  },
  interval: { ...duration, description: 'Time between two measurements.' },
  count: {
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    description: 'How many measurements to take.'
  },
  initialDelay: {
    ...duration,
    description: 'Wait this long after the deploy before the first measurement.'
  },
  failureLimit: {
    type: 'integer',
    minimum: 1,
    description: 'The objective fails once this many measurements failed (default 1).'
  },
  consecutive: {
    type: 'boolean',
    description: 'Count only failures in a row towards failureLimit.'
  },
  errorLimit: {
    type: 'integer',
    minimum: 1,
    description:
      'Provider errors after which the objective is inconclusive and no longer measured (default 3).'
  },
  inconclusiveLimit: {
    type: 'integer',
    minimum: 1,
    description:
      "The objective is inconclusive, and stops measuring, once this many measurements were inconclusive (Argo's inconclusiveLimit)."
  },
  consecutiveSuccessLimit: {
    type: 'integer',
    minimum: 1,
    description:
      'Stop early and pass after this many passing measurements in a row (Argo; never while inconclusive ones could hide a failure).'
  },
  noData: {
    enum: ['inconclusive', 'pass', 'fail'],
    description: 'What an empty result or NaN counts as (default inconclusive).'
  },
  baseline: {
    type: 'object',
    additionalProperties: false,
    properties: {
      window: {
        ...duration,
        description: 'The window before the deploy a relative bound compares with (default 30m).'
      },
      min: {
        type: 'number',
        description:
          'The least baseline a relative bound starts from, so a near-zero baseline (no errors before the deploy) does not turn noise into a failure.'
      }
    }
  }
}

const provider = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { enum: ['prometheus', 'datadog', 'web', 'file'] },
    url: {
      type: 'string',
      pattern: '^https?://',
      description: 'Base URL (prometheus, datadog) or request URL (web).'
    },
    headers: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Extra request headers; ${NAME} is replaced by the environment variable NAME.'
    },
    auth: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { enum: ['bearer', 'basic'] },
        tokenEnv: { type: 'string', minLength: 1 },
        username: { type: 'string' },
        usernameEnv: { type: 'string', minLength: 1 },
        passwordEnv: { type: 'string', minLength: 1 }
      }
    },
    caFile: {
      type: 'string',
      minLength: 1,
      description: 'PEM file of extra certificate authorities, relative to the policy.'
    },
    timeout: duration,
    retries: { type: 'integer', minimum: 0, maximum: 10 },
    backoff: duration,
    path: {
      type: 'string',
      minLength: 1,
      description: 'file: the recorded series (JSON or YAML), relative to the policy.'
    },
    method: { enum: ['GET', 'POST'] },
    body: {
      type: 'string',
      description: 'web: request body; {{query}}, {{time}}, {{window}} are filled in.'
    },
    valuePath: {
      type: 'string',
      pattern: '^\\$',
      description: 'web: JSON path of the value, like $.data.value.'
    },
    range: {
      type: 'object',
      additionalProperties: false,
      required: ['pointsPath'],
      description:
        'web: range queries (canary, OpenSLO SLIs). {{start}}, {{end}} (RFC 3339), {{startUnix}}, {{endUnix}}, {{step}} (seconds) and {{query}} are filled in.',
      properties: {
        url: { type: 'string', pattern: '^https?://', description: 'Default: the provider url.' },
        method: { enum: ['GET', 'POST'] },
        body: { type: 'string' },
        pointsPath: {
          type: 'string',
          pattern: '^\\$',
          description:
            'JSON path of the points: [time, value] pairs or {time|timestamp|t, value|v} objects, times in unix seconds, unix milliseconds or RFC 3339.'
        }
      }
    },
    concurrency: {
      type: 'integer',
      minimum: 1,
      maximum: 64,
      description:
        'prometheus: queries of one measurement round in flight at once (default 4); identical queries are sent once.'
    },
    apiKeyEnv: {
      type: 'string',
      minLength: 1,
      description: 'datadog: environment variable of the API key.'
    },
    appKeyEnv: {
      type: 'string',
      minLength: 1,
      description: 'datadog: environment variable of the application key.'
    }
  },
  allOf: [
    { if: { properties: { type: { enum: ['prometheus', 'web'] } } }, then: { required: ['url'] } },
    { if: { properties: { type: { const: 'file' } } }, then: { required: ['path'] } },
    { if: { properties: { type: { const: 'web' } } }, then: { required: ['valuePath'] } }
  ]
}

const burnWindow = (window: string, threshold: number) => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    window: { ...duration, description: `The window (default ${window}).` },
    threshold: {
      type: 'number',
      exclusiveMinimum: 0,
      description: `The burn rate at or above which this window burns too fast (default ${threshold}).`
    }
  }
})

const canary = {
  type: 'object',
  additionalProperties: false,
  required: ['canary', 'baseline'],
  description:
    'Compare the canary with the baseline serving the same traffic: both range queries since the deploy, judged by a Mann-Whitney U test.',
  properties: {
    canary: {
      type: 'string',
      minLength: 1,
      description: 'The metric of the canary, e.g. {track="canary"}.'
    },
    baseline: {
      type: 'string',
      minLength: 1,
      description: 'The same metric of the stable fleet, e.g. {track="stable"}.'
    },
    direction: {
      enum: ['increase', 'decrease', 'either'],
      description: 'Which difference is bad (default increase: latency, errors).'
    },
    tolerance: {
      type: 'number',
      minimum: 0,
      description:
        'Relative difference of the medians below which a significant difference is ignored (default 0.1 = 10%).'
    },
    confidence: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description: 'A difference counts when its p-value is under 1 - confidence (default 0.98).'
    },
    nanStrategy: {
      enum: ['remove', 'replace'],
      description: 'NaN points are dropped (remove, default) or counted as 0 (replace).'
    },
    step: { ...duration, description: 'Resolution of the range queries (default 1m).' },
    minSamples: {
      type: 'integer',
      minimum: 3,
      description: 'Fewer points on either side than this is no data (default 3).'
    }
  }
}

const burnRate = {
  type: 'object',
  additionalProperties: false,
  required: ['errorRatio', 'target'],
  description:
    "Error-budget burn over a long and a short window (the SRE workbook's multiwindow alert): fails when both burn too fast.",
  properties: {
    errorRatio: {
      type: 'string',
      minLength: 1,
      description:
        'The share of bad events over {{window}}, e.g. errors / requests with rate(...[{{window}}]).'
    },
    target: {
      type: 'number',
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description: 'The SLO target, e.g. 0.999: the error budget is 1 - target.'
    },
    long: burnWindow('1h', 14.4),
    short: burnWindow('5m', 14.4)
  }
}

const objective = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    query: { type: 'string', minLength: 1, description: 'With bound: one number per measurement.' },
    canary,
    burnRate,
    critical: {
      type: 'boolean',
      description:
        'With scoreThresholds: a failure of this objective fails the gate whatever the score.'
    },
    dryRun: {
      type: 'boolean',
      description: 'Measure and report, never decide the gate.'
    },
    bound: {
      type: 'string',
      // a finite number: at most a two-digit exponent, so `< 1e400` (Infinity) is refused
      pattern: '^\\s*(<=|>=|<|>)\\s*[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,2})?\\s*%?\\s*$',
      description:
        "'< 0.01' (absolute) or '<= +10%' (relative to the baseline window before the deploy)."
    },
    weight: { type: 'number', minimum: 0 },
    ...schedule
  }
}

// OpenSLO documents are checked as strictly as the native policy: an unknown key (a typo such as
// `targetPrecent`) or a duration that is not one (`28x`) is an input error, never ignored.
const metadata = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    displayName: { type: 'string' },
    labels: { type: 'object' },
    annotations: { type: 'object', additionalProperties: { type: 'string' } }
  }
}

/** OpenSLO durations: a count and a unit (`5m`, `28d`; M, Q and Y for calendar windows). */
const opensloDuration = {
  type: 'string',
  pattern: '^[1-9][0-9]*(s|m|h|d|w|M|Q|Y)$',
  'x-hint': 'use a count and a unit, such as 5m, 1h or 28d'
}

const metricSource = {
  type: 'object',
  additionalProperties: false,
  required: ['spec'],
  properties: {
    metricSourceRef: { type: 'string' },
    type: { type: 'string' },
    spec: { type: 'object' }
  }
}

const metric = {
  type: 'object',
  additionalProperties: false,
  required: ['metricSource'],
  properties: { metricSource }
}

const sliSpec = {
  type: 'object',
  additionalProperties: false,
  properties: {
    description: { type: 'string' },
    thresholdMetric: metric,
    ratioMetric: {
      type: 'object',
      additionalProperties: false,
      properties: {
        counter: { type: 'boolean' },
        good: metric,
        bad: metric,
        total: metric,
        raw: metric,
        rawType: { enum: ['success', 'failure'] }
      },
      oneOf: [
        { required: ['good', 'total'] },
        { required: ['bad', 'total'] },
        { required: ['raw', 'rawType'] }
      ]
    }
  },
  oneOf: [{ required: ['thresholdMetric'] }, { required: ['ratioMetric'] }]
}

const openslo = (kind: string, spec: object) => ({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: { apiVersion: { const: 'openslo/v1' }, kind: { const: kind }, metadata, spec }
})

export const sloPolicySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://rollback-guard.dev/schemas/slo-policy.schema.json',
  title: 'rollback-guard SLO policy (slo.yml)',
  description:
    'A YAML stream of rollback-guard policy documents (this schema) and OpenSLO v1 DataSource, SLI and SLO documents (#/definitions/openslo*).',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    providers: { type: 'object', additionalProperties: { $ref: '#/definitions/provider' } },
    defaults: { type: 'object', additionalProperties: false, properties: schedule },
    failFast: {
      type: 'boolean',
      description: 'Stop measuring as soon as a deciding objective failed (default true).'
    },
    scoreThresholds: {
      type: 'object',
      additionalProperties: false,
      required: ['pass', 'marginal'],
      description:
        'Kayenta-style scoring: the weighted share of passing objectives (0..100) passes at `pass`, fails under `marginal`, is inconclusive between; only critical objectives fail the gate by themselves.',
      properties: {
        pass: { type: 'number', minimum: 0, maximum: 100 },
        marginal: { type: 'number', minimum: 0, maximum: 100 }
      }
    },
    objectives: { type: 'array', items: { $ref: '#/definitions/objective' } }
  },
  definitions: {
    provider,
    objective,
    opensloDataSource: openslo('DataSource', {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'connectionDetails'],
      properties: {
        description: { type: 'string' },
        type: { type: 'string' },
        connectionDetails: { type: 'object' }
      }
    }),
    opensloSLI: openslo('SLI', sliSpec),
    opensloSLO: openslo('SLO', {
      type: 'object',
      additionalProperties: false,
      required: ['objectives'],
      properties: {
        description: { type: 'string' },
        service: { type: 'string' },
        indicator: {
          type: 'object',
          required: ['metadata', 'spec'],
          properties: { metadata, spec: sliSpec }
        },
        indicatorRef: { type: 'string' },
        budgetingMethod: { enum: ['Occurrences', 'Timeslices', 'RatioTimeslices'] },
        timeWindow: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              duration: opensloDuration,
              isRolling: { type: 'boolean' },
              calendar: { type: 'object' }
            }
          }
        },
        alertPolicies: { type: 'array' },
        objectives: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              displayName: { type: 'string' },
              indicator: { type: 'object' },
              indicatorRef: { type: 'string' },
              compositeWeight: { type: 'number', minimum: 0 },
              name: { type: 'string' },
              op: { enum: ['lt', 'lte', 'gt', 'gte'] },
              value: { type: 'number' },
              target: { type: 'number', minimum: 0, maximum: 1 },
              targetPercent: { type: 'number', minimum: 0, maximum: 100 },
              timeSliceTarget: { type: 'number', minimum: 0, maximum: 1 },
              timeSliceWindow: {
                anyOf: [{ type: 'number', exclusiveMinimum: 0 }, opensloDuration]
              }
            },
            oneOf: [{ required: ['target'] }, { required: ['targetPercent'] }]
          }
        }
      },
      oneOf: [{ required: ['indicator'] }, { required: ['indicatorRef'] }]
    })
  }
} as const
