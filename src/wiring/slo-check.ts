import {
  runSloCheck as measure,
  type SloCheckOptions,
  type SloCheckResult
} from '../commands/slo-check.js'
import { defaultProviderFactory } from '../slo/providers/index.js'

/** The SLO check with the real metrics providers (Prometheus, Datadog, web, file) unless given. */
export function runSloCheck(options: SloCheckOptions): Promise<SloCheckResult> {
  return measure(withProviders(options))
}

/** The options with the real providers' factory, when the caller named no providers of its own. */
export function withProviders<T extends SloCheckOptions>(options: T): T {
  const ports = options.ports ?? {}
  if (ports.providers || ports.providerFactory) return options
  return { ...options, ports: { ...ports, providerFactory: defaultProviderFactory } }
}
