import type { Change, ContractKind, RuleDefinition } from './change.js'

export interface EngineOptions {
  /** Files in changes are reported relative to these roots (the repository root of each side). */
  baseRoot: string
  headRoot: string
  /** Today, for sunset dates and ignore expiries; injected so tests are deterministic. */
  now: Date
  /** Engine-specific settings from the contract's entry in .rollback-guard.yml. */
  settings?: Record<string, unknown>
  /** Progress on long work (one line each). */
  log?: (message: string) => void
  /**
   * Seconds the comparison may take; past it the engine throws BudgetExceededError (exit 3) naming
   * the part it was on. Undefined = no limit.
   */
  maxSeconds?: number
}

/**
 * One contract kind's diff engine. `basePath`/`headPath` are a file (openapi, gomod) or a
 * directory (protobuf, go) on disk; the contract-check job materializes the base side from git.
 */
export interface ContractEngine {
  kind: ContractKind
  rules: readonly RuleDefinition[]
  diff(basePath: string, headPath: string, options: EngineOptions): Promise<Change[]>
}
