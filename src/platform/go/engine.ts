import type { ContractEngine } from '../../core/engine.js'
import { createGoEngine } from '../../contract/go/engine.js'
import { createGoApiDumper, type GoDumperOptions } from './dumper.js'

/**
 * The Go exported-API engine with the real dumper. `diff` throws GoToolchainMissingError when
 * there is no Go on PATH, so the contract-check job can skip the Go check with a warning.
 */
export const goEngine: ContractEngine = createGoEngine(createGoApiDumper())

export function createRealGoEngine(options: GoDumperOptions = {}): ContractEngine {
  return createGoEngine(createGoApiDumper(options))
}
