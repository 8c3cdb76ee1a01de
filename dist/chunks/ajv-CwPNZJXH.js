import { u as undiciExports } from './revert-auth-D1fpjJ97.js';
import { r as requireAjv } from './rules-BV59h7l_.js';

const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
const noProxyVariables = ['NO_PROXY', 'no_proxy'];
const agents = new Map();
/**
 * The dispatcher for outgoing requests when the runner sets an HTTP proxy (HTTPS_PROXY, HTTP_PROXY,
 * NO_PROXY, either case, as self-hosted runners do): undici's EnvHttpProxyAgent, which goes through
 * the proxy unless NO_PROXY exempts the host. Null without a proxy: requests go direct as before.
 * `ca` (PEM) is trusted for the target, for a backend behind a private certificate authority.
 */
function proxyDispatcher(env = process.env, ca) {
    if (!proxyVariables.some((name) => env[name]))
        return null;
    const pick = (names) => names.map((name) => env[name]).find(Boolean);
    const httpsProxy = pick(proxyVariables);
    const httpProxy = pick(['HTTP_PROXY', 'http_proxy']);
    const noProxy = pick(noProxyVariables) ?? '';
    const key = JSON.stringify([httpProxy, httpsProxy, noProxy, ca ?? null]);
    let agent = agents.get(key);
    if (!agent) {
        const tls = ca ? { ca } : {};
        agent = new undiciExports.EnvHttpProxyAgent({
            ...(httpProxy ? { httpProxy } : {}),
            ...(httpsProxy ? { httpsProxy } : {}),
            noProxy,
            connect: tls,
            // ProxyAgent's TLS options for the target behind the tunnel
            ...{ requestTls: tls }
        });
        agents.set(key, agent);
    }
    return agent;
}
/** A fetch that goes through the proxy the environment names, or undefined when none is set. */
function proxiedFetch(env = process.env) {
    const dispatcher = proxyDispatcher(env);
    if (!dispatcher)
        return undefined;
    return ((input, init) => undiciExports.fetch(input, { ...init, dispatcher }));
}

var ajvExports = /*@__PURE__*/ requireAjv();

export { ajvExports as a, proxiedFetch as b, proxyDispatcher as p };
