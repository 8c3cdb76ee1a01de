// The library: the same core as the actions and the CLI, for other CI plugins to build on.
export type { Change, ChangeLevel, ContractKind, RuleDefinition } from './core/change.js'
export type { ContractEngine, EngineOptions } from './core/engine.js'
export { InputError, ServiceError, ExitCode } from './core/errors.js'
export { fingerprintOf } from './core/fingerprint.js'

export type * from './manifest/types.js'
export type { ManifestStore, StoredManifest, ManifestDraft } from './manifest/store.js'
export { buildManifest, configDigest } from './manifest/build.js'
export { serializeManifest, manifestId } from './manifest/canonical.js'
export { manifestSchema } from './manifest/schema.js'
export { assertValidManifest, manifestSchemaErrors } from './manifest/validate.js'
export { parseImageReference, parseBuildMetadata } from './manifest/images.js'
export {
  createManifest,
  showManifest,
  markManifest,
  renderManifestMarkdown
} from './commands/manifest.js'
export { BranchManifestStore } from './platform/git/manifest-branch-store.js'
export { FileManifestStore } from './platform/fs/manifest-file-store.js'

export * from './slo/index.js'
export {
  runSloCheck,
  renderSlo,
  manifestVerdictOf,
  deployedAtFromEvent
} from './commands/slo-check.js'

export {
  openApiEngine,
  loadOpenApi,
  diffOpenApi,
  openApiRules,
  type LoadOptions,
  type OpenApiSpec,
  type OpenApiVersion,
  type DiffOptions
} from './contract/openapi/index.js'
