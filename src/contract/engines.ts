import { contractKinds, type ContractKind } from '../core/change.js'
import type { ContractEngine } from '../core/engine.js'
import { InputError } from '../core/errors.js'
import { goModEngine } from './gomod/engine.js'
import { openApiEngine } from './openapi/engine.js'
import { protobufEngine } from './protobuf/index.js'

/**
 * The pure engines per contract kind. The Go engine runs the Go toolchain, so it lives in
 * src/platform/go and the commands add it (see commandEngines in src/commands/contract-diff.ts).
 */
export const contractEngines: Partial<Record<ContractKind, ContractEngine>> = {
  openapi: openApiEngine,
  protobuf: protobufEngine,
  gomod: goModEngine
}

export { contractKinds }

export function engineFor(
  kind: ContractKind,
  engines: Partial<Record<ContractKind, ContractEngine>> = contractEngines
): ContractEngine {
  const engine = engines[kind]
  if (!engine) {
    throw new InputError(
      `contracts of kind '${kind}' cannot be compared by this version of rollback-guard; use one of ${Object.keys(engines).join(', ') || '(none)'}.`
    )
  }
  return engine
}

export function parseContractKind(value: string, source = '--kind'): ContractKind {
  if ((contractKinds as readonly string[]).includes(value)) return value as ContractKind
  throw new InputError(`${source} must be one of ${contractKinds.join(', ')}, got '${value}'.`)
}
