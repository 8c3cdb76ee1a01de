import type { ContractEngine } from '../core/engine.js'
import { fingerprintOf } from '../core/fingerprint.js'
import type { ContractEntry } from '../contract/config/types.js'
import type { ReportChange } from '../contract/report/model.js'

/**
 * What rolling this change back would remove: the same engine run the other way (head -> base),
 * whose breaking changes are exactly the additions that break clients once they adopt them.
 */
export async function rollbackRemovals(
  engine: ContractEngine,
  contract: ContractEntry,
  sides: { basePath: string; headPath: string; baseRoot: string; headRoot: string },
  options: { now: Date; settings: Record<string, unknown> }
): Promise<ReportChange[]> {
  const found = await engine.diff(sides.headPath, sides.basePath, {
    baseRoot: sides.headRoot,
    headRoot: sides.baseRoot,
    now: options.now,
    settings: options.settings
  })
  return found
    .filter((change) => change.level === 'breaking')
    .map((change) => ({ ...change, contract: contract.name }))
}

/** A contract new in this change: a rollback removes all of it. */
export function newContractRemoval(contract: ContractEntry, path: string): ReportChange {
  const id = 'contract-removed'
  return {
    kind: contract.kind,
    id,
    level: 'breaking',
    message: `${contract.kind} contract ${path} is new in this change; a rollback removes all of it`,
    operation: null,
    symbol: null,
    file: path,
    line: null,
    ignored: false,
    fingerprint: fingerprintOf({ kind: contract.kind, id: `rollback-${id}`, subject: path }),
    contract: contract.name
  }
}
