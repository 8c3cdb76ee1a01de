// Writes schemas/*.schema.json from the schemas in code (via the bundled library); tests check they agree.
import { writeFileSync } from 'node:fs'
import { configSchema, manifestSchema, sloPolicySchema } from '../dist/index.js'

const schemas = {
  'schemas/rollback-manifest.schema.json': manifestSchema,
  'schemas/rollback-guard-config.schema.json': configSchema,
  'schemas/slo-policy.schema.json': sloPolicySchema
}
for (const [file, schema] of Object.entries(schemas)) {
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`)
}
