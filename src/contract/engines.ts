import type { ContractKind } from '../core/change.js'
import type { ContractEngine } from '../core/engine.js'
import { InputError } from '../core/errors.js'

/** The engine per contract kind. Engines register here as they land. */
export const contractEngines: Partial<Record<ContractKind, ContractEngine>> = {}

export const contractKinds: readonly ContractKind[] = ['openapi', 'protobuf', 'go', 'gomod']

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
