import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';

/**
 * The reference server, `@y/websocket-server` 0.1.1, started as its own `bin/server.js` does (no
 * persistence, no auth), on 127.0.0.1 and a free port. Prints the URL for the bench.
 */
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
(globalThis as { __benchRooms?: () => number }).__benchRooms = () => docs.size;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`running at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => process.exit(0));
