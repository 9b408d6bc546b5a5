import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createNodeWebSocket } from '@hono/node-ws';
import type { TokenSigner } from './auth';
import { apiRoutes } from './routes/api';
import { fileRoutes } from './routes/files';
import { inviteRoleRoutes } from './routes/invite-role';
import { inviteRoutes } from './routes/invites';
import { activityRoutes } from './routes/activity';
import { shapesRoutes } from './routes/shapes';
import { syncRoutes } from './routes/sync';
import { versionRoutes } from './routes/versions';
import { StaticFiles } from './static';
import { appCsp } from './csp';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoomRegistry } from './sync/registry';
import type { DocStore, MetaStore } from './store/types';
import type { Metrics } from './metrics';
import type { Config } from './config';
import { rateLimit, requireAdminKey, type LimitedRoute } from './guards';
import type { Store } from 'hono-rate-limiter';
import type { Logger } from './log';
import type { ImportPool } from './imports/pool';

export interface AppDeps {
  meta: MetaStore;
  docs: DocStore;
  registry: RoomRegistry;
  signer: TokenSigner;
  metrics: Metrics;
  config: Config;
  /** Built client (vite output); omitted in API-only tests. */
  staticDir?: string;
  logger: Logger;
  /** Prepares uploaded boards off the event loop. */
  imports: Pick<ImportPool, 'prepare'>;
  /** Shared hit counters for a rate-limited route (cluster mode: Redis); in memory when undefined. */
  rateLimitStore?: (route: LimitedRoute) => Store | undefined;
}

export function createApp(deps: AppDeps) {
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // `ws` reads maxPayload at each upgrade: an over-limit frame closes that socket with 1009.
  wss.options.maxPayload = deps.config.MAX_FRAME_BYTES;

  const { logger, config, metrics } = deps;
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // The path only: query strings of /sync carry tokens and must never reach a log.
    if (!c.req.path.startsWith('/assets/')) {
      logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
    }
  });

  // `now` lets clients correct for clock skew, so a shared timer counts down the same everywhere;
  // `adminKeyRequired` tells the home page to ask for the admin key before creating or importing.
  app.get('/api/health', (c) => c.json({ ok: true, rooms: deps.registry.size, now: Date.now(), adminKeyRequired: !!config.ADMIN_KEY }));
  // Per-address limits first (they also slow down guessing the admin key), then the admin key.
  app.post('/api/boards', rateLimit('create', config, metrics, deps.rateLimitStore?.('create')), requireAdminKey(config));
  app.post('/api/boards/import', rateLimit('import', config, metrics, deps.rateLimitStore?.('import')), requireAdminKey(config));
  app.post('/api/boards/:id/join', rateLimit('join', config, metrics, deps.rateLimitStore?.('join')));
  // Each page load asks once; a page refused just paints from the document instead (client/sync/prefetch.ts).
  app.get('/api/boards/:id/shapes', rateLimit('shapes', config, metrics, deps.rateLimitStore?.('shapes')));
  app.get('/metrics', requireAdminKey(config), async (c) => {
    metrics.rooms.set(deps.registry.size);
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
  app.route('/api', apiRoutes(deps));
  app.route('/api', fileRoutes(deps));
  app.route('/api', inviteRoleRoutes(deps));
  app.route('/api', inviteRoutes(deps));
  app.route('/api', activityRoutes(deps));
  app.route('/api', shapesRoutes(deps));
  app.route('/api', versionRoutes(deps));
  app.route('/sync', syncRoutes({ ...deps, upgradeWebSocket, log: (msg) => logger.warn({ component: 'sync' }, msg) }));
  app.all('/api/*', () => {
    throw new HTTPException(404, { message: 'no such endpoint' });
  });

  if (deps.staticDir) mountClient(app, deps.staticDir);

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const issues = Array.isArray(err.cause) ? (err.cause as string[]) : undefined;
      return c.json({ error: err.message, ...(issues ? { issues } : {}) }, err.status);
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, 'internal error');
    return c.json({ error: 'internal server error' }, 500);
  });

  return { app, injectWebSocket };
}

function mountClient(app: Hono, dir: string) {
  const files = new StaticFiles(dir);
  // Hashed file names: a changed file gets a new name, so browsers may keep these for a year unasked.
  const IMMUTABLE = 'public, max-age=31536000, immutable';
  app.on(['GET', 'HEAD'], '/assets/*', async (c) => (await files.serve(c, c.req.path, IMMUTABLE)) ?? c.text('no such file', 404));
  // The service worker (client/sw/): revalidated on every load, so a new deploy's worker is found at once.
  app.on(['GET', 'HEAD'], '/sw.js', async (c, next) => (await files.serve(c, 'sw.js', 'no-cache')) ?? next());
  app.on(['GET', 'HEAD'], '/favicon.svg', async (c, next) => (await files.serve(c, c.req.path, 'public, max-age=86400')) ?? next());
  // The page's policy pins the build's inline script by hash: read once, like the page itself (a new
  // build means a restart). Null while the client is not built.
  let csp: Promise<string | null> | null = null;
  const pagePolicy = () =>
    (csp ??= readFile(join(dir, 'index.html'), 'utf8').then(appCsp, () => {
      csp = null; // built later: try again on the next request
      return null;
    }));
  // Single-page app: every other GET gets index.html (the client routes / and /b/<id>). Revalidated on
  // every load, so a new build's asset names reach browsers at once.
  app.get('*', async (c) => {
    const page = await files.serve(c, 'index.html', 'no-cache');
    if (!page) return c.text('The client is not built yet: run `npm run build` (npm start does it for you).', 503);
    const policy = await pagePolicy();
    if (policy) page.headers.set('Content-Security-Policy', policy);
    return page;
  });
}
