import type { ContractKind } from '../core/change.js'
import type { ContractEngine } from '../core/engine.js'
import { contractEngines } from '../contract/engines.js'
import { createOpenApiEngine } from '../contract/openapi/engine.js'
import { reclaimMemory } from '../platform/memory.js'
import { goEngine, goModImpactEngine } from '../platform/go/engine.js'
import { migrationsEngine } from '../platform/postgres/engine.js'

/**
 * Every engine the jobs use: the pure ones, plus those that need the outside world (Go's toolchain
 * and module downloads, Postgres for migration rehearsals, the garbage collector between loads).
 */
export const commandEngines: Partial<Record<ContractKind, ContractEngine>> = {
  ...contractEngines,
  openapi: createOpenApiEngine({ afterLoad: () => reclaimMemory() }),
  go: goEngine,
  gomod: goModImpactEngine,
  migrations: migrationsEngine
}
