import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

const staticDir = fileURLToPath(new URL('../dist', import.meta.url));

try {
  const config = loadConfig();
  const server = await startServer(config, { staticDir });
  server.logger.info({ url: server.url, dataDir: config.DATA_DIR }, `Threatboard is running at ${server.url}`);
  const stop = (signal: string) => {
    server.logger.info({ signal }, 'storing open boards and stopping');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.logger.error({ err }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
