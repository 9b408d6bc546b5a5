import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

const staticDir = fileURLToPath(new URL('../dist', import.meta.url));

try {
  const config = loadConfig();
  const server = await startServer(config, { staticDir });
  server.logger.info({ url: server.url, dataDir: config.DATA_DIR }, `Threatboard is running at ${server.url}`);
  let stopping = false;
  // Once, however many signals come (a process manager may signal the whole group; scripts/start.mjs
  // passes its own on): a second one must not cut the store short.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'storing open boards and stopping');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.logger.error({ err }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
