#!/usr/bin/env node
// Writes __tests__/e2e/harness/github-rest-extract.json: the operations of GitHub's REST description
// (the @octokit/openapi package) that rollback-guard calls, with every schema they reference, so the
// fake GitHub server can validate requests without loading the whole 13 MB description.
// Usage: node scripts/make-github-rest-extract.js [--check]
//   --check  exit 1 when the committed extract differs from what the installed package gives.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, '__tests__/e2e/harness/github-rest-extract.json')

/** The operations we call, or will call, by their operationId in GitHub's description. */
const operationIds = [
  'users/get-authenticated',
  'repos/get',
  'repos/get-content',
  'repos/compare-commits',
  'repos/get-commit',
  'repos/list-releases',
  'repos/get-latest-release',
  'repos/get-release-by-tag',
  'issues/list-comments',
  'issues/create-comment',
  'issues/get-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'issues/add-labels',
  'issues/add-assignees',
  'pulls/list',
  'pulls/get',
  'pulls/create',
  'pulls/update',
  'pulls/request-reviewers',
  'git/create-blob',
  'git/create-tree',
  'git/create-commit',
  'git/get-ref',
  'git/create-ref',
  'git/update-ref',
  'git/delete-ref',
  'checks/create',
  'checks/update'
]

/** Keywords that only document; dropped to keep the extract small. Validation keywords stay. */
const documentationKeys = new Set([
  'description',
  'summary',
  'externalDocs',
  'x-github',
  'x-octokit',
  'examples'
])

const require = createRequire(import.meta.url)
const packageJsonPath = require.resolve('@octokit/openapi/package.json')
const packageVersion = JSON.parse(readFileSync(packageJsonPath, 'utf8')).version
const descriptionFile = 'generated/api.github.com.json'
const description = JSON.parse(
  readFileSync(join(dirname(packageJsonPath), descriptionFile), 'utf8')
)

function resolvePointer(pointer) {
  if (!pointer.startsWith('#/')) throw new Error(`unsupported $ref ${pointer}`)
  let node = description
  for (const raw of pointer.slice(2).split('/')) {
    node = node?.[raw.replaceAll('~1', '/').replaceAll('~0', '~')]
    if (node === undefined) throw new Error(`dangling $ref ${pointer}`)
  }
  return node
}

/** Follows $refs to parameters, request bodies, responses and examples; schema $refs are kept. */
function deref(node) {
  while (
    node &&
    typeof node === 'object' &&
    typeof node.$ref === 'string' &&
    !node.$ref.startsWith('#/components/schemas/')
  ) {
    node = resolvePointer(node.$ref)
  }
  return node
}

const neededSchemas = new Set()

/** Copies a schema, dropping documentation and collecting the component schemas it refers to. */
function trimSchema(schema) {
  if (Array.isArray(schema)) return schema.map(trimSchema)
  if (!schema || typeof schema !== 'object') return schema
  const copy = {}
  for (const [key, value] of Object.entries(schema)) {
    if (documentationKeys.has(key) || key === 'example') continue
    if (key === '$ref') {
      const name = value.slice('#/components/schemas/'.length)
      if (!neededSchemas.has(name)) {
        neededSchemas.add(name)
        pendingSchemas.push(name)
      }
      copy.$ref = value
    } else if (key === 'properties' || key === 'patternProperties') {
      copy[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, trimSchema(sub)])
      )
    } else {
      copy[key] = trimSchema(value)
    }
  }
  return copy
}

const pendingSchemas = []
const operations = {}
for (const [path, item] of Object.entries(description.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!operationIds.includes(operation?.operationId)) continue
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
      .map(deref)
      .map((parameter) => ({
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true,
        schema: trimSchema(parameter.schema ?? {})
      }))
    const body = deref(operation.requestBody)
    const json = body?.content?.['application/json']
    const successStatus = Object.keys(operation.responses).find((status) => /^2\d\d$/.test(status))
    const success = deref(operation.responses[successStatus])
    const content = success?.content?.['application/json']
    const example = content?.examples ? deref(Object.values(content.examples)[0])?.value : undefined
    operations[operation.operationId] = {
      method: method.toUpperCase(),
      path,
      parameters,
      requestBody: json
        ? { required: body.required === true, schema: trimSchema(json.schema) }
        : null,
      success: {
        status: Number(successStatus),
        schema: content ? trimSchema(content.schema) : null,
        example: example ?? null
      }
    }
  }
}
const missing = operationIds.filter((id) => !operations[id])
if (missing.length > 0)
  throw new Error(`operations not in ${descriptionFile}: ${missing.join(', ')}`)

const schemas = {}
while (pendingSchemas.length > 0) {
  const name = pendingSchemas.shift()
  schemas[name] = trimSchema(resolvePointer(`#/components/schemas/${name}`))
}

const extract = {
  source: {
    package: '@octokit/openapi',
    version: packageVersion,
    file: descriptionFile,
    openapi: description.openapi,
    generatedBy: 'scripts/make-github-rest-extract.js'
  },
  operations: Object.fromEntries(operationIds.map((id) => [id, operations[id]])),
  components: {
    schemas: Object.fromEntries(
      Object.keys(schemas)
        .sort()
        .map((name) => [name, schemas[name]])
    )
  }
}
const text = `${JSON.stringify(extract, null, 1)}\n`

if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(out, 'utf8')
  } catch {
    // a missing extract is reported as stale below
  }
  if (current !== text) {
    console.error(`${out} is stale: run node scripts/make-github-rest-extract.js`)
    process.exit(1)
  }
  console.log(`${out} matches @octokit/openapi ${packageVersion}`)
} else {
  writeFileSync(out, text)
  console.log(
    `wrote ${out}: ${Object.keys(operations).length} operations, ${Object.keys(schemas).length} schemas, ${text.length} bytes, @octokit/openapi ${packageVersion}`
  )
}
