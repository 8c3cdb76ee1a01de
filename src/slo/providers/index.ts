import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { MetricsProvider, Sleep } from '../ports.js'
import type { ProviderConfig } from '../types.js'
import type { ProviderContext } from './context.js'
import { createDatadogProvider } from './datadog.js'
import { createFileProvider } from './file.js'
import { createPrometheusProvider } from './prometheus.js'
import { createWebProvider } from './web.js'

export type { ProviderContext } from './context.js'
export type ProviderFactory = (config: ProviderConfig) => Promise<MetricsProvider>

/** A provider of each declared type; files it names are read relative to the policy's folder. */
export function createProvider(
  config: ProviderConfig,
  context: ProviderContext
): Promise<MetricsProvider> {
  switch (config.type) {
    case 'prometheus':
      return createPrometheusProvider(config, context)
    case 'datadog':
      return createDatadogProvider(config, context)
    case 'web':
      return createWebProvider(config, context)
    case 'file':
      return createFileProvider(config, context)
  }
}

/** The real edge: environment variables, the file system next to the policy, real waiting. */
export function defaultProviderFactory(options: {
  policyFile: string
  sleep: Sleep
  env?: Record<string, string | undefined>
}): ProviderFactory {
  const folder = dirname(resolve(options.policyFile))
  const context: ProviderContext = {
    env: options.env ?? process.env,
    sleep: options.sleep,
    readFile: (path) => readFile(resolve(folder, path), 'utf8')
  }
  return (config) => createProvider(config, context)
}
