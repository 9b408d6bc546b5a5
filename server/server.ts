import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import { serve } from '@hono/node-server';
import { loadSecret, TokenSigner } from './auth';
import { createApp } from './app';
import type { Config } from './config';
import { createStores, type Store } from './store';
import { ResilientDocStore } from './store/resilient';
import { RoomRegistry } from './sync/registry';
import { createMetrics, type Metrics } from './metrics';
import { createLogger, type Logger } from './log';
import { ensurePrivateDir } from './at-rest';
import { ImportPool } from './imports/pool';
import { createCluster } from './cluster';

/** How often an instance of a cluster checks whether people it serves were removed elsewhere. */
const REMOVAL_CHECK_MS = 2000;

export interface RunningServer {
  url: string;
  port: number;
  registry: RoomRegistry;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  /** Stop accepting connections, store every open document and close the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  staticDir?: string;
  /** Where the JSON log lines go (stdout by default); tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL, opts.logDestination);
  ensurePrivateDir(config.DATA_DIR);
  const signer = new TokenSigner(loadSecret(config.DATA_DIR, config.SECRET), config.TOKEN_TTL_DAYS * 86_400);
  const store = await createStores(config, (m) => logger.error({ component: 'store' }, m));
  // Rooms write through a store that retries with backoff, so they stay live while the database is away.
  const docs = new ResilientDocStore(store, { log: (m) => logger.warn({ component: 'store' }, m) });
  const cluster = createCluster(config, (m) => logger.warn({ component: 'cluster' }, m));
  const metrics = createMetrics();
  const imports = new ImportPool();
  const registry = new RoomRegistry({
    store: docs,
    saving: docs,
    fanout: cluster.fanout,
    leases: cluster.leases,
    idleMs: config.ROOM_IDLE_MS,
    autoVersionMs: config.AUTO_VERSION_MS,
    leaveVersionMs: config.LEAVE_VERSION_MS,
    log: (m) => logger.warn({ component: 'rooms' }, m),
    hooks: { onTitle: (boardId, title) => void store.setTitle(boardId, title) },
    limits: config,
    metrics,
  });
  // Several instances: people removed through another instance lose their sockets here too.
  if (config.DATABASE_URL) registry.watchRemovals((boardId, userId) => store.isRemoved(boardId, userId), REMOVAL_CHECK_MS);
  const { app, injectWebSocket } = createApp({
    meta: store,
    docs,
    registry,
    signer,
    metrics,
    config,
    staticDir: opts.staticDir,
    logger,
    imports,
    rateLimitStore: (route) => cluster.rateLimitStore(route),
  });
  const server = await new Promise<Server>((resolveServer) => {
    const s = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, () => resolveServer(s as Server));
  });
  // Node hands an upgrading socket over with no 'error' listener. @hono/node-ws checks the request (token,
  // database) before \`ws\` takes the socket, and writes a refusal (401/403) to it itself: a client that
  // resets the connection meanwhile (a page closing while it connects) would raise an 'error' nobody
  // hears, which ends the process. Registered first, so it is there before anything awaits.
  server.on('upgrade', (_request, socket) => socket.on('error', () => socket.destroy()));
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`,
    port,
    registry,
    store,
    metrics,
    logger,
    close() {
      closing ??= (async () => {
        server.close();
        await registry.closeAll();
        await cluster.close();
        await imports.close();
        server.closeAllConnections();
        // Waits for every queued write, then closes the database.
        await docs.close();
      })();
      return closing;
    },
  };
}
