import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { MemoryStore, rateLimiter, type RateLimitInfo, type Store } from 'hono-rate-limiter';
import type { Config } from './config';
import type { Metrics } from './metrics';

/** The HTTP routes with a per-address rate limit, as the `route` label of `threatboard_http_rate_limited_total`. */
export type LimitedRoute = 'create' | 'join' | 'import' | 'shapes';

const PER_MINUTE: Record<LimitedRoute, keyof Config> = {
  create: 'RATE_CREATE_PER_MIN',
  join: 'RATE_JOIN_PER_MIN',
  import: 'RATE_IMPORT_PER_MIN',
  shapes: 'RATE_SHAPES_PER_MIN',
};

/**
 * Where the limiter keeps its counts. In memory, per process: a single instance counts every request.
 * Cluster mode (several instances behind one address) replaces this with a shared store, e.g.
 * hono-rate-limiter's `RedisStore` on an ioredis client, so the limit holds across instances.
 */
export function rateLimitStore(): Store {
  return new MemoryStore();
}

/** The client's address as the socket sees it (a proxy in front makes every client one address). */
function clientAddress(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * At most `RATE_<ROUTE>_PER_MIN` requests per client address per minute; past that, 429 with
 * `Retry-After` (seconds until the window resets) and a JSON `{ error }`.
 */
export function rateLimit(route: LimitedRoute, config: Config, metrics: Metrics, store: Store = rateLimitStore()): MiddlewareHandler {
  return rateLimiter({
    windowMs: 60_000,
    limit: config[PER_MINUTE[route]] as number,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => `${route}:${clientAddress(c)}`,
    store,
    handler: (c) => {
      metrics.httpLimited.inc({ route });
      const reset = (c.var as { rateLimit?: RateLimitInfo }).rateLimit?.resetTime;
      const wait = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      c.header('Retry-After', String(wait));
      return c.json({ error: `too many requests from this address; try again in ${wait} seconds` }, 429);
    },
  });
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Whether an `Authorization` header carries the admin key; constant time in the key's content and length. */
function hasAdminKey(header: string | undefined, adminKey: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  // Comparing fixed-length digests keeps the comparison constant-time whatever length was sent.
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(adminKey)) && m !== null;
}

/** When `ADMIN_KEY` is set, the request needs `Authorization: Bearer <ADMIN_KEY>`; otherwise 401. */
export function requireAdminKey(config: Config): MiddlewareHandler {
  return async (c, next) => {
    if (config.ADMIN_KEY && !hasAdminKey(c.req.header('authorization'), config.ADMIN_KEY)) {
      c.header('WWW-Authenticate', 'Bearer realm="threatboard-admin"');
      return c.json({ error: 'this server needs its admin key for this (Authorization: Bearer <admin key>)' }, 401);
    }
    return next();
  };
}
