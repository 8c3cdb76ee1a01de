import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici'

const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const
const noProxyVariables = ['NO_PROXY', 'no_proxy'] as const

const agents = new Map<string, EnvHttpProxyAgent>()

/**
 * The dispatcher for outgoing requests when the runner sets an HTTP proxy (HTTPS_PROXY, HTTP_PROXY,
 * NO_PROXY, either case, as self-hosted runners do): undici's EnvHttpProxyAgent, which goes through
 * the proxy unless NO_PROXY exempts the host. Null without a proxy: requests go direct as before.
 * `ca` (PEM) is trusted for the target, for a backend behind a private certificate authority.
 */
export function proxyDispatcher(
  env: Record<string, string | undefined> = process.env,
  ca?: string
): Dispatcher | null {
  if (!proxyVariables.some((name) => env[name])) return null
  const pick = (names: readonly string[]) => names.map((name) => env[name]).find(Boolean)
  const httpsProxy = pick(proxyVariables)
  const httpProxy = pick(['HTTP_PROXY', 'http_proxy'])
  const noProxy = pick(noProxyVariables) ?? ''
  const key = JSON.stringify([httpProxy, httpsProxy, noProxy, ca ?? null])
  let agent = agents.get(key)
  if (!agent) {
    const tls = ca ? { ca } : {}
    agent = new EnvHttpProxyAgent({
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      noProxy,
      connect: tls,
      // ProxyAgent's TLS options for the target behind the tunnel
      ...({ requestTls: tls } as object)
    })
    agents.set(key, agent)
  }
  return agent
}

/** A fetch that goes through the proxy the environment names, or undefined when none is set. */
export function proxiedFetch(
  env: Record<string, string | undefined> = process.env
): typeof globalThis.fetch | undefined {
  const dispatcher = proxyDispatcher(env)
  if (!dispatcher) return undefined
  return ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch
}
