import type { ContractEngine } from '../../core/engine.js'
import { createGoEngine } from '../../contract/go/engine.js'
import { createGoModEngine } from '../../contract/gomod/engine.js'
import { createDependencyImpactPort } from './dependencies.js'
import { createGoApiDumper, type GoDumperOptions } from './dumper.js'

/**
 * The Go exported-API engine with the real dumper. `diff` throws GoToolchainMissingError when
 * there is no Go on PATH, so the contract-check job can skip the Go check with a warning.
 */
export const goEngine: ContractEngine = createGoEngine(createGoApiDumper())

export function createRealGoEngine(options: GoDumperOptions = {}): ContractEngine {
  return createGoEngine(createGoApiDumper(options))
}

/** The go.mod engine with dependency impact (`dependency-impact: direct|all`) through the Go toolchain. */
export const goModImpactEngine: ContractEngine = createGoModEngine(createDependencyImpactPort())

export function createRealGoModEngine(options: GoDumperOptions = {}): ContractEngine {
  return createGoModEngine(createDependencyImpactPort(options))
}
