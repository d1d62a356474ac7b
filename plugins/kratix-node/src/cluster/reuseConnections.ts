import { KubeConfig } from '@kubernetes/client-node';

/** How long one connection pool serves requests before a new one is built from the credentials. */
export const CONNECTION_POOL_TTL_MS = 5 * 60_000;

type AuthContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];
type Dispatcher = NonNullable<ReturnType<AuthContext['getDispatcher']>>;

/**
 * The same KubeConfig, except that the API clients made from it reuse their TLS connections.
 *
 * client-node 2.0.1 builds a new undici Agent in `applySecurityAuthentication` for every request
 * (dist/config.js createDispatcher; only the https.Agent used by WebSockets is cached), so every
 * GET, DELETE and LIST page opened a new TLS connection with a full handshake: at platform scale
 * ~40 ms per GET instead of ~6 ms on a kept-alive connection (bench/README.md), which bounded
 * cleanup throughput and cache sync. Authentication still runs per request (tokens, exec plugins
 * and headers as before); only the connection pool is shared, and it is replaced every `ttlMs` so
 * that rotated client certificates or CA files are picked up. A replaced pool is not closed (a
 * request may just have been handed it): its idle keep-alive sockets time out on their own.
 */
export function reuseConnections(
  kc: KubeConfig,
  ttlMs = CONNECTION_POOL_TTL_MS,
  now: () => number = Date.now,
): KubeConfig {
  const pooled: KubeConfig = Object.create(kc);
  let shared: { dispatcher: Dispatcher; expires: number } | undefined;
  pooled.applySecurityAuthentication = async (context: AuthContext) => {
    await kc.applySecurityAuthentication(context);
    const fresh = context.getDispatcher();
    if (!fresh) return; // no TLS options (plain http): undici's global pool is used
    if (shared && now() < shared.expires) {
      context.setDispatcher(shared.dispatcher);
      return;
    }
    shared = { dispatcher: fresh, expires: now() + ttlMs };
  };
  return pooled;
}
