// Writes schemas/*.schema.json from the schemas in code (via the bundled library); tests check they agree.
import { writeFileSync } from 'node:fs'
import { manifestSchema, sloPolicySchema } from '../dist/index.js'

writeFileSync(
  'schemas/rollback-manifest.schema.json',
  `${JSON.stringify(manifestSchema, null, 2)}\n`
)
writeFileSync('schemas/slo-policy.schema.json', `${JSON.stringify(sloPolicySchema, null, 2)}\n`)
