import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { InputError } from '../core/errors.js'
import { manifestSchema } from './schema.js'
import type { RollbackManifest } from './types.js'

// ajv-formats is CommonJS; under ESM its default export may be wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => void

let compiled: ReturnType<Ajv2020['compile']> | undefined

function validator() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats(ajv)
    compiled = ajv.compile(manifestSchema)
  }
  return compiled
}

export function manifestSchemaErrors(value: unknown): string[] {
  const validate = validator()
  if (validate(value)) return []
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`
  )
}

/** Throws one InputError listing what is wrong, naming where the manifest came from. */
export function assertValidManifest(
  value: unknown,
  origin: string
): asserts value is RollbackManifest {
  const errors = manifestSchemaErrors(value)
  if (errors.length > 0) {
    throw new InputError(
      `${origin} is not a valid rollback manifest: ${errors.slice(0, 5).join('; ')}`
    )
  }
}
