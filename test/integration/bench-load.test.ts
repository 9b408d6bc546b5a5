import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { runLoad, runLoadOn, type LoadSpec } from '../../bench/load';
import { editText, findEdits, type Endpoint } from '../../bench/proto';
import { startServer, type ServerHandle } from '../../bench/servers';

/**
 * The benchmark's load generator must tell a correct server from one that loses messages: a lossy relay
 * shows as INVALID, never as fast. Real sockets, real load processes, the real Threatboard server.
 */
const spec: LoadSpec = { rooms: 1, clientsPerRoom: 6, hz: 5, editsPerSec: 4, durationMs: 1500, settleMs: 3000 };

/**
 * A y-websocket relay without a document: answers sync step 1 with an empty state followed by every update
 * it relayed so far (so a client that connects late still gets the note), relays the rest, dropping every
 * `dropEvery`-th update.
 */
function relay(dropEvery: number): Promise<{ ep: Endpoint; close: () => void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const sockets = new Set<WebSocket>();
  let updates = 0;
  const history: Buffer[] = [];
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 0) {
        ws.send(Uint8Array.from([0, 1, 2, 0, 0]));
        for (const h of history) ws.send(h);
        return;
      }
      if (data[0] === 0 && data[1] === 2 && dropEvery > 0 && ++updates % dropEvery === 0) return;
      if (data[0] === 0 && (data[1] === 1 || data[1] === 2)) history.push(Buffer.from(data));
      for (const other of sockets) if (other !== ws) other.send(data);
    });
  });
  return new Promise((resolve) =>
    wss.on('listening', () =>
      resolve({
        ep: { kind: 'ywss', url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/room`, doc: 'room' },
        close: () => {
          for (const s of sockets) s.terminate();
          wss.close();
        },
      }),
    ),
  );
}

describe('bench load generator', () => {
  let cleanup: (() => unknown) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('finds every edit marker in an update, however many are merged into one', () => {
    const bytes = new TextEncoder().encode(`\u0001x${editText(7, 1234.5)}yy${editText(8, 99)}`);
    expect(findEdits(bytes)).toEqual([
      { seq: 7, sentAt: 1234.5 },
      { seq: 8, sentAt: 99 },
    ]);
  });

  it('reports a relay that drops updates as invalid, and the same relay without loss as valid', async () => {
    const lossy = await relay(3);
    cleanup = lossy.close;
    const bad = await runLoadOn('lossy', [process.pid], [Array(spec.clientsPerRoom).fill(lossy.ep)], spec);
    expect(bad.valid).toBe(false);
    expect(bad.invalidReason).toMatch(/missed edits|documents differ/);
    lossy.close();

    const good = await relay(0);
    cleanup = good.close;
    const ok = await runLoadOn('lossless', [process.pid], [Array(spec.clientsPerRoom).fill(good.ep)], spec);
    expect(ok.invalidReason).toBeUndefined();
    expect(ok.valid).toBe(true);
    expect(ok.editsSent).toBeGreaterThan(0);
    expect(ok.cursorP50).not.toBeNaN();
  }, 180_000);

  it('loads a real Threatboard board: every participant gets every edit and cursors flow', async () => {
    const server: ServerHandle = await startServer('threatboard');
    cleanup = () => server.stop();
    const r = await runLoad(server, { ...spec, rooms: 2 });
    expect(r.invalidReason).toBeUndefined();
    expect(r.valid).toBe(true);
    expect(r.clients).toBe(12);
    expect(r.cursorP50).not.toBeNaN();
    expect((await server.mem()).rooms).toBe(4); // two boards, each holding its facilitation document
  }, 180_000);
});
