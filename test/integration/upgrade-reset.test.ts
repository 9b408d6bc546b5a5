import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { boardFixture } from '../helpers/board-fixture';
import { join } from '../helpers/server';
import { addShape, boardMaps } from '../../shared/model/board-doc';
import { eventually } from '../helpers/poll';

/**
 * A client that resets its connection while the server is still checking its upgrade request (the token,
 * the database): @hono/node-ws awaits the app before `ws` takes the socket, and an 'error' on a socket
 * nobody listens to would end the server process, every board on it with it. Seen once in CI, as a page
 * closed while it connected.
 */
const fx = boardFixture('Resets');

/** An upgrade request for `path`, reset `afterMs` after it is sent, or as soon as the answer starts. */
function resetDuringUpgrade(port: number, path: string, afterMs: number | 'on answer'): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
      if (afterMs === 'on answer') socket.once('data', () => socket.resetAndDestroy());
      else setTimeout(() => socket.resetAndDestroy(), afterMs);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

describe('a connection reset during the upgrade', () => {
  it('leaves the server running and the board usable', async () => {
    const session = await join(fx.server, fx.board, 'participant', 'Pat');
    const path = `/sync/${fx.board.id}?token=${encodeURIComponent(session.token)}`;
    // Resets at once, and a little later, so that some land while the request is being checked.
    await Promise.all(Array.from({ length: 60 }, (_, i) => resetDuringUpgrade(fx.server.port, path, i % 6)));
    // Refused upgrades (a bad token: 401) whose client resets as the refusal arrives, as a closing page does.
    const refused = `/sync/${fx.board.id}?token=not-a-token`;
    await Promise.all(Array.from({ length: 60 }, (_, i) => resetDuringUpgrade(fx.server.port, refused, i % 2 ? 'on answer' : i % 4)));
    const res = await fetch(`${fx.server.url}/api/health`);
    expect(res.status).toBe(200);
    const a = await fx.open(session);
    const b = await fx.open(await join(fx.server, fx.board, 'participant', 'Olga'));
    addShape(a.doc, { kind: 'note', id: 'n1', text: 'still here' });
    await eventually(() => expect(boardMaps(b.doc).shapes.get('n1')?.get('text')).toBe('still here'));
  });
});
