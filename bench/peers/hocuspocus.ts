import { Server } from '@hocuspocus/server';

/**
 * Hocuspocus 3 with its defaults (no extensions, no persistence), on 127.0.0.1 and a free port.
 * Prints the URL for the bench.
 */
const server = new Server({ address: '127.0.0.1', port: Number(process.env.PORT ?? 0), quiet: true });
await server.listen();
(globalThis as { __benchRooms?: () => number }).__benchRooms = () => server.hocuspocus.getDocumentsCount();
console.log(`running at http://127.0.0.1:${server.address.port}`);
process.once('SIGTERM', () => process.exit(0));
