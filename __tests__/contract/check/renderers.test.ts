import { describe, it, expect } from '@jest/globals'
import { fingerprintOf } from '../../../src/core/fingerprint.js'
import { parseContractConfig } from '../../../src/contract/config/load.js'
import { renderAnnotations, renderGithub } from '../../../src/contract/report/github.js'
import {
  commentMarker,
  renderJobSummary,
  renderPrComment
} from '../../../src/contract/report/markdown.js'
import type { ReportChange, ReportContract } from '../../../src/contract/report/model.js'
import { renderText } from '../../../src/contract/report/text.js'
import { renderJson } from '../../../src/contract/report/json.js'
import { assembleReport } from '../../../src/commands/contract-report.js'

const config = parseContractConfig(
  `contracts:
  - { kind: openapi, name: orders-api, path: api/openapi.yaml }
  - { kind: gomod, name: module, path: go.mod }
ignore:
  - id: response-optional-property-removed
    reason: "@platform-team approved <b>it</b>"
`,
  '.rollback-guard.yml'
)
const contracts: ReportContract[] = [
  { name: 'orders-api', kind: 'openapi', paths: ['api/openapi.yaml'], status: 'compared' },
  { name: 'module', kind: 'gomod', paths: ['go.mod'], status: 'compared' }
]

function change(
  contract: string,
  id: string,
  level: ReportChange['level'],
  message: string,
  line: number,
  operation: string | null = null
): ReportChange {
  return {
    kind: contract === 'module' ? 'gomod' : 'openapi',
    id,
    level,
    message,
    operation,
    symbol: null,
    file: contract === 'module' ? 'go.mod' : 'api/openapi.yaml',
    line,
    ignored: false,
    fingerprint: fingerprintOf({ kind: 'openapi', id, operation, subject: message }),
    contract
  }
}

function report(changes: ReportChange[]) {
  return assembleReport({
    base: { ref: 'v1.4.0', sha: 'b'.repeat(40), source: 'tag' },
    head: { ref: 'feature/refunds', sha: 'a'.repeat(40) },
    contracts,
    changes,
    notes: [],
    config,
    failOn: 'breaking',
    baseVersion: '1.4.0',
    declaredVersion: null,
    now: new Date('2026-11-21T00:00:00Z')
  })
}

const hostile =
  'property `x` <!-- rollback-guard:contract-check:build --> @octocat see #12 <img src=x onerror=alert(1)> [click](https://evil.example) **bold**\n| a | b |'

const sample = report([
  change(
    'orders-api',
    'endpoint-added',
    'info',
    'POST /orders/{id}/refunds was added',
    120,
    'POST /orders/{id}/refunds'
  ),
  change(
    'module',
    'gomod-go-directive-raised',
    'warning',
    'go directive raised from 1.22 to 1.23',
    3
  ),
  change(
    'orders-api',
    'new-required-request-parameter',
    'breaking',
    "required query parameter 'region' added to GET /orders",
    22,
    'GET /orders'
  ),
  change(
    'orders-api',
    'response-optional-property-removed',
    'warning',
    "optional property 'trackingUrl' removed",
    210
  ),
  change('orders-api', 'response-property-enum-value-added', 'warning', hostile, 140)
])

const options = {
  jobId: 'contract-check',
  repository: 'acme/orders',
  serverUrl: 'https://github.example.com/'
}

describe('PR comment (markdown)', () => {
  const body = renderPrComment(sample, options)

  it('starts with the job marker and counts the changes', () => {
    expect(body.startsWith(`${commentMarker('contract-check')}\n`)).toBe(true)
    expect(renderPrComment(sample, { ...options, marker: false })).not.toContain('<!--')
    expect(commentMarker('build (linux)')).toBe(
      '<!-- rollback-guard:contract-check/build__linux_ -->'
    )
    expect(body).toContain('**API contract check**: 1 breaking, 2 warnings, 1 info, 1 ignored')
    expect(body).toContain('a **major** version is required, next **2.0.0** (from 1.4.0)')
  })

  it('groups by contract and level, breaking first, with info folded', () => {
    const order = [
      '### orders\\-api',
      '**🔴 Breaking (1)**',
      '**🟡 Warning (1)**',
      '<details><summary>🔵 Info (1)</summary>',
      '<details><summary>Ignored by configuration (1)</summary>',
      '### module'
    ]
    const positions = order.map((text) => body.indexOf(text))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    const details = body.slice(body.indexOf('<details><summary>🔵 Info'))
    expect(details.slice(0, details.indexOf('</details>'))).toContain(
      'POST /orders/\\{id\\}/refunds was added'
    )
  })

  it('links each change to its line at the head commit, removals at the base commit', () => {
    expect(body).toContain(
      `(https://github.example.com/acme/orders/blob/${'a'.repeat(40)}/api/openapi.yaml#L22)`
    )
    expect(body).toContain(
      `(https://github.example.com/acme/orders/blob/${'b'.repeat(40)}/api/openapi.yaml#L210)`
    )
    expect(renderPrComment(sample, { jobId: 'x' })).not.toContain('/blob/')
  })

  it('makes text from specs and configs inert: no HTML, marker, mention, link or table', () => {
    expect(body.match(/<!-- rollback-guard/g)).toHaveLength(1)
    expect(body).not.toContain('<img')
    expect(body).not.toContain('<b>')
    expect(body).not.toContain('@octocat')
    expect(body).toContain('@&#8203;octocat')
    expect(body).toContain('@&#8203;platform\\-team approved &lt;b&gt;it&lt;/b&gt;')
    expect(body).not.toContain('](https://evil')
    expect(body).not.toMatch(/\n\| a/)
  })

  it('says all clear when nothing changed, and keeps the marker', () => {
    const clear = renderPrComment(report([]), options)
    expect(clear.startsWith(commentMarker('contract-check'))).toBe(true)
    expect(clear).toContain('No contract changed')
    expect(clear).toContain('0 breaking, 0 warnings, 0 info')
    expect(clear).toContain('a **patch** version is required')
  })

  it('stays under 65,536 characters and points at the job summary for the rest', () => {
    const many = report(
      Array.from({ length: 3000 }, (_, i) =>
        change(
          'orders-api',
          'response-property-type-changed',
          'breaking',
          `property 'field${i}' of GET /items changed type from string to integer ${'x'.repeat(20)}`,
          i + 1
        )
      )
    )
    const cut = renderPrComment(many, {
      ...options,
      summaryUrl: 'https://github.example.com/acme/orders/actions/runs/7'
    })
    expect(cut.length).toBeLessThanOrEqual(65_536)
    expect(cut.length).toBeGreaterThan(60_000)
    expect(cut).toMatch(
      /✂️ \d+ more changes are not listed here; see \[the job summary\]\(https:\/\/github\.example\.com\/acme\/orders\/actions\/runs\/7\)/
    )
    expect(cut.startsWith(commentMarker('contract-check'))).toBe(true)
    expect(cut).toContain('3000 breaking')
    const summary = renderJobSummary(many, options)
    expect(summary).toContain('field2999')
  })
})

describe('PR comment: readable at a glance', () => {
  const body = renderPrComment(sample, options)

  it('opens with a table of contracts, counts and the release each needs, before any finding', () => {
    const lines = body.split('\n')
    const header = lines.indexOf('| contract | breaking | warning | info | semver |')
    expect(header).toBe(3)
    expect(lines.slice(header + 2, header + 5)).toEqual([
      '| orders\\-api | 1 | 1 | 1 | major |',
      '| module | 0 | 1 | 0 | minor |',
      '| **all** | **1** | **2** | **1** | **major → 2.0.0** |'
    ])
    expect(body.indexOf('| contract |')).toBeLessThan(body.indexOf('### orders'))
  })

  it('starts each finding with its endpoint in code format, one line each', () => {
    expect(body).toContain(
      "- `GET /orders` required query parameter 'region' added to GET /orders ("
    )
    const breaking = body.slice(body.indexOf('**🔴 Breaking (1)**'), body.indexOf('**🟡 Warning'))
    expect(
      breaking
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('- '))
    ).toHaveLength(1)
  })

  it('lists the operations of a shared-schema finding once, on its one line', () => {
    const shared = {
      ...change(
        'orders-api',
        'response-property-removed',
        'breaking',
        "property 'sku' removed from schema Item",
        9,
        'GET /items'
      ),
      operations: Array.from({ length: 12 }, (_, i) => `GET /items/${i}`)
    }
    const text = renderPrComment(report([shared]), options)
    const line = text.split('\n').find((l) => l.includes("'sku'"))!
    expect(line.startsWith('- `GET /items/0`, `GET /items/1`')).toBe(true)
    expect(line).toContain('`GET /items/9` and 2 more')
    expect(text.split('GET /items/0').length).toBe(2)
  })

  it('names compared files once when they were given as paths', () => {
    const files = assembleReport({
      base: { ref: 'v1.yaml', sha: null, source: 'path' },
      head: { ref: 'v2.yaml', sha: null },
      contracts: [contracts[0]!],
      changes: [],
      notes: [],
      config,
      failOn: 'breaking',
      baseVersion: null,
      declaredVersion: null,
      now: new Date('2026-11-21T00:00:00Z')
    })
    const text = renderPrComment(files)
    expect(text).toContain('Compared v2\\.yaml with v1\\.yaml.')
    expect(text).not.toContain('the given file')
  })
})

describe('job summary', () => {
  it('has a count table, every change, info expanded and no marker', () => {
    const summary = renderJobSummary(sample, { ...options, omittedAnnotations: 4 })
    expect(summary).toContain('| orders\\-api | 1 | 1 | 1 | major |')
    expect(summary).toContain('| module | 0 | 1 | 0 | minor |')
    expect(summary).toContain('| **all** | **1** | **2** | **1** | **major → 2.0.0** |')
    expect(summary).toContain('**🔵 Info (1)**')
    expect(summary).toContain('4 more findings than the runner shows')
    expect(summary).not.toContain('<!-- rollback-guard')
  })
})

describe('workflow commands (github format)', () => {
  it('annotates breaking first as errors, with the runner escaping', () => {
    const { text, omitted } = renderAnnotations(sample)
    const lines = text.trim().split('\n')
    expect(omitted).toBe(0)
    expect(lines[0]).toBe(
      "::error file=api/openapi.yaml,line=22,title=orders-api%3A new-required-request-parameter::required query parameter 'region' added to GET /orders"
    )
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(2)
    expect(lines.at(-1)).toMatch(/^::notice file=api\/openapi.yaml,line=120,/)
    const hostileLine = lines.find((l) => l.includes('line=140'))!
    expect(hostileLine).toContain('%0A| a | b |')
    expect(hostileLine).not.toContain('\n')
    expect(text).not.toContain('trackingUrl')
  })

  it('puts a removal on the head file: its anchor line, the file itself, or no place when the file is gone', () => {
    const removed = change(
      'orders-api',
      'api-path-removed-without-deprecation',
      'breaking',
      'GET /old removed',
      210
    )
    const onParent = renderAnnotations(
      report([{ ...removed, anchor: { file: 'api/openapi.yaml', line: 12 } }])
    )
    expect(onParent.text).toMatch(/^::error file=api\/openapi.yaml,line=12,title=/)
    const fileLevel = renderAnnotations(
      report([{ ...removed, anchor: { file: 'api/openapi.yaml', line: null } }])
    )
    expect(fileLevel.text).toMatch(/^::error file=api\/openapi.yaml,title=/)
    const gone = renderAnnotations(report([{ ...removed, anchor: null }]))
    expect(gone.text).toMatch(/^::error title=/)
    expect(renderAnnotations(report([removed])).text).toContain('line=210')
  })

  it('escapes % , : in properties and keeps at most 10 per type, saying how many were left out', () => {
    const many = report(
      Array.from({ length: 14 }, (_, i) => ({
        ...change('orders-api', 'x', 'breaking', `100% broken, again: ${i}`, i + 1),
        file: 'api/a,b:c%.yaml'
      }))
    )
    const { text, omitted } = renderAnnotations(many)
    expect(omitted).toBe(4)
    expect(text.trim().split('\n')).toHaveLength(10)
    expect(text).toContain(
      '::error file=api/a%2Cb%3Ac%25.yaml,line=1,title=orders-api%3A x::100%25 broken, again: 0'
    )
    expect(renderGithub(many)).toContain(
      '(4 more changes than the runner shows as annotations; see the report)'
    )
  })
})

describe('text and json', () => {
  it('prints one block per contract and neutralizes terminal escapes', () => {
    const withEscape = report([
      change('orders-api', 'x', 'breaking', 'evil \u001b[31mred\u001b[0m', 1)
    ])
    const text = renderText(withEscape)
    expect(text).toContain('orders-api (openapi)')
    expect(text).toContain('module (gomod): no changes')
    expect(text).toContain('evil ?[31mred?[0m')
    expect(text).toContain('result: FAIL (fail-on breaking)')
  })

  it('writes the INTERFACES.md report shape', () => {
    const json = JSON.parse(renderJson(sample))
    expect(Object.keys(json).slice(0, 6)).toEqual([
      'schemaVersion',
      'base',
      'head',
      'summary',
      'semver',
      'changes'
    ])
    expect(json.summary).toEqual({ breaking: 1, warning: 2, info: 1, ignored: 1 })
    expect(json.semver).toEqual({ base: '1.4.0', required: 'major', next: '2.0.0' })
    expect(Object.keys(json.changes[0])).toEqual(
      expect.arrayContaining([
        'kind',
        'id',
        'level',
        'message',
        'operation',
        'symbol',
        'file',
        'line',
        'ignored',
        'fingerprint'
      ])
    )
    expect(json.changes.map((c: ReportChange) => c.level)).toEqual([
      'breaking',
      'warning',
      'warning',
      'info',
      'warning'
    ])
    expect(json.changes.at(-1).ignored).toBe(true)
  })
})
