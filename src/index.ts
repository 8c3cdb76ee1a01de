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
export { configSchema } from './contract/config/schema.js'
export { sloPolicySchema } from './slo/policy/schema.js'
export { assertValidManifest, manifestSchemaErrors } from './manifest/validate.js'
export { parseImageReference, parseBuildMetadata } from './manifest/images.js'
export { showManifest, renderManifestMarkdown } from './commands/manifest.js'
export { createManifest } from './wiring/manifest.js'
export { markManifest } from './wiring/evidence.js'
export { BranchManifestStore } from './platform/git/manifest-branch-store.js'
export { FileManifestStore } from './platform/fs/manifest-file-store.js'

export * from './slo/index.js'
export { renderSlo, manifestVerdictOf, deployedAtFromEvent } from './commands/slo-check.js'
export { runSloCheck } from './wiring/slo-check.js'

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

export {
  protobufEngine,
  protobufRules,
  loadProtoTree,
  loadProtoTreePair,
  breakingConfigOf,
  diffProtoTrees,
  parseProto,
  type ProtoTree,
  type ProtoFile
} from './contract/protobuf/index.js'
export {
  createGoEngine,
  diffApiDumps,
  goRules,
  GoToolchainMissingError,
  GoSourceError
} from './contract/go/index.js'
export {
  goEngine,
  createRealGoEngine,
  createRealGoModEngine,
  findGoToolchain
} from './platform/go/index.js'
export { goModEngine, parseGoMod, diffGoMod, goModRules } from './contract/gomod/index.js'

export { commandEngines } from './wiring/engines.js'
export { runContractDiff, runContractCheck, localContractCheckPorts } from './wiring/contract.js'
export { loadContractConfig } from './contract/config/load.js'
export { renderReport } from './contract/report/render.js'
export type { ContractReport } from './contract/report/model.js'
export { parseDeployedAt, type SloCheckOptions, type SloCheckResult } from './commands/slo-check.js'

export {
  planRevert,
  openRevert,
  parseEvidence,
  renderRevertText,
  type RevertOptions,
  type RevertPorts,
  type RevertResult,
  type RevertPlan
} from './commands/revert.js'
export { decideRevert, renderRevertBody, diffManifests } from './revert/index.js'
export { GitRevertRepository } from './platform/git/revert.js'
export { gitHubRevertPulls } from './platform/github/revert-pull.js'
export { planLocalRevert } from './wiring/revert-local.js'
export { pinImageReferences } from './platform/yaml/pin-digests.js'
export { reclaimMemory } from './platform/memory.js'
