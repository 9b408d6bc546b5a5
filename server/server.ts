import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { loadSecret, TokenSigner } from './auth';
import { createApp } from './app';
import type { Config } from './config';
import { createStores, type Store } from './store';
import { RoomRegistry } from './sync/registry';
import { createMetrics, type Metrics } from './metrics';

export interface RunningServer {
  url: string;
  port: number;
  registry: RoomRegistry;
  store: Store;
  metrics: Metrics;
  /** Stop accepting connections, store every open document and close the database. */
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: { staticDir?: string } = {}): Promise<RunningServer> {
  const log = config.LOG_LEVEL === 'silent' || config.LOG_LEVEL === 'error' ? () => {} : (m: string) => console.log(m);
  const store = await createStores(config, (m) => console.error(m));
  const signer = new TokenSigner(loadSecret(config.DATA_DIR, config.SECRET), config.TOKEN_TTL_DAYS * 86_400);
  const metrics = createMetrics();
  const registry = new RoomRegistry({
    store,
    idleMs: config.ROOM_IDLE_MS,
    log: (m) => console.error(m),
    hooks: { onTitle: (boardId, title) => void store.setTitle(boardId, title) },
    limits: config,
    metrics,
  });
  const { app, injectWebSocket } = createApp({
    meta: store,
    docs: store,
    registry,
    signer,
    metrics,
    config,
    staticDir: opts.staticDir,
    log,
  });
  const server = await new Promise<Server>((resolveServer) => {
    const s = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, () => resolveServer(s as Server));
  });
  injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`,
    port,
    registry,
    store,
    metrics,
    close() {
      closing ??= (async () => {
        server.close();
        await registry.closeAll();
        server.closeAllConnections();
        await store.close();
      })();
      return closing;
    },
  };
}
