import { InputError } from '../../core/errors.js'
import type { Sleep } from '../ports.js'
import type { ProviderConfig } from '../types.js'
import { expandEnv } from './http.js'

export interface ProviderContext {
  env: Record<string, string | undefined>
  /** Waits between retries; tests pass a virtual one. */
  sleep: Sleep
  /** Reads a file the policy names (a CA bundle, recorded series), relative to the policy's folder. */
  readFile(path: string): Promise<string>
}

function requireEnv(
  config: ProviderConfig,
  env: ProviderContext['env'],
  name: string,
  field: string
): string {
  const value = env[name]
  if (value === undefined || value === '') {
    throw new InputError(
      `provider '${config.name}': environment variable ${name} (${field}) is not set; export it or fix ${field}`
    )
  }
  return value
}

/** The request headers of a provider: its extra headers (with ${ENV} filled in) and its auth. */
export function providerHeaders(
  config: ProviderConfig,
  env: ProviderContext['env']
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    headers[name.toLowerCase()] = expandEnv(
      value,
      env,
      (missing) => requireEnv(config, env, missing, `headers.${name}`) as never
    )
  }
  const auth = config.auth
  if (auth?.type === 'bearer') {
    if (!auth.tokenEnv)
      throw new InputError(
        `provider '${config.name}': bearer auth needs auth.tokenEnv (the variable holding the token)`
      )
    headers.authorization = `Bearer ${requireEnv(config, env, auth.tokenEnv, 'auth.tokenEnv')}`
  } else if (auth?.type === 'basic') {
    const username =
      auth.username ??
      (auth.usernameEnv ? requireEnv(config, env, auth.usernameEnv, 'auth.usernameEnv') : undefined)
    if (username === undefined || !auth.passwordEnv) {
      throw new InputError(
        `provider '${config.name}': basic auth needs auth.username (or usernameEnv) and auth.passwordEnv`
      )
    }
    const password = requireEnv(config, env, auth.passwordEnv, 'auth.passwordEnv')
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  }
  return headers
}

export async function providerCa(
  config: ProviderConfig,
  context: ProviderContext
): Promise<string | undefined> {
  if (!config.caFile) return undefined
  try {
    return await context.readFile(config.caFile)
  } catch (error) {
    throw new InputError(
      `provider '${config.name}': cannot read caFile ${config.caFile}: ${(error as Error).message}`
    )
  }
}
