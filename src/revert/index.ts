/** The revert job as a library: decide, plan and describe a revert (pure; the git and GitHub edges are apart). */
export type * from './types.js'
export type {
  PrepareRequest,
  RemoteBranch,
  RevertGit,
  RevertPulls,
  RevertPullSpec,
  RevertPullResult,
  RevertPullSummary
} from './ports.js'
export {
  decideRevert,
  type GateVerdict,
  type RevertDecision,
  type RevertSituation,
  type SkipReason
} from './decide.js'
export {
  hasRevertTrailer,
  incidentMarker,
  incidentOfBody,
  isRevertCommitMessage,
  isRevertRef,
  revertBranchName,
  revertBranchPrefix,
  revertMarker,
  revertTitle,
  revertTrailer,
  targetBranchPrefix,
  type IncidentId
} from './incident.js'
export {
  diffManifests,
  imagePins,
  type GoModuleChange,
  type ImageChange,
  type ManifestDiff
} from './manifest-diff.js'
export { pullBodyLimit, renderRevertBody, type RevertReportInput } from './render.js'
export { revertLinks, type LinkSources, type RevertLinks } from './links.js'
export { notUndoneByRevert, type NotUndoneItem } from './not-undone.js'
export { lostByClients, type RollbackContracts, type RollbackImpact } from './rollback-impact.js'
export {
  describeStrategy,
  parseStrategy,
  planCommitReverts,
  revertsInRange,
  strategyOrder
} from './strategies.js'
