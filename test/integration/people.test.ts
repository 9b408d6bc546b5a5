import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addShape, newId, readShapes } from '../../shared/model/board-doc';
import { CloseCode } from '../../shared/protocol';
import type { RunningServer } from '../../server/server';
import type { CreateBoardResponse } from '../../shared/api';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, rawConnect, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

let data: ReturnType<typeof tempDataDir> | undefined;
let server: RunningServer | undefined;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

async function start(env: Record<string, string> = {}): Promise<{ s: RunningServer; board: CreateBoardResponse }> {
  data = tempDataDir();
  server = await testServer(data.dir, env);
  return { s: server, board: await createBoard(server, 'Pump') };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  data?.remove();
  server = undefined;
});

const syncUrl = (s: RunningServer, room: string, token: string) => `${s.url.replace('http', 'ws')}/sync/${room}?token=${encodeURIComponent(token)}`;

/** A raw socket to `room`, with a promise of how the server closed it. */
async function openRaw(s: RunningServer, room: string, token: string) {
  const r = await rawConnect(syncUrl(s, room, token));
  if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
  const ws = r.ws;
  sockets.push(ws);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return { ws, closed };
}

function remove(s: RunningServer, boardId: string, userId: string, token: string) {
  return fetch(`${s.url}/api/boards/${boardId}/members/${userId}/remove`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
}

describe('removing a person from a board', () => {
  it('closes their sockets with Removed and refuses their token from then on, everywhere', async () => {
    const { s, board } = await start();
    const fac = await join(s, board, 'facilitator', 'Fay');
    const mallory = await join(s, board, 'participant', 'Mallory');
    const other = await join(s, board, 'participant', 'Olga');
    const onBoard = await openRaw(s, board.id, mallory.token);
    const onPrivate = await openRaw(s, `${board.id}/private/${mallory.userId}`, mallory.token);
    const olga = connectClient(s, board.id, other.token);
    clients.push(olga);
    await synced(olga);

    // Only a facilitator may remove, and not themselves.
    expect((await remove(s, board.id, other.userId, mallory.token)).status).toBe(403);
    expect((await remove(s, board.id, fac.userId, fac.token)).status).toBe(400);
    expect((await remove(s, board.id, 'not a user id!', fac.token)).status).toBe(404);

    const res = await remove(s, board.id, mallory.userId, fac.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ removed: mallory.userId, closedConnections: 2 });
    expect(await onBoard.closed).toEqual({ code: CloseCode.Removed, reason: 'removed from the board' });
    expect((await onPrivate.closed).code).toBe(CloseCode.Removed);

    // Their token opens nothing any more.
    const auth = { authorization: `Bearer ${mallory.token}` };
    const session = await fetch(`${s.url}/api/boards/${board.id}/session`, { headers: auth });
    expect(session.status).toBe(403);
    expect(await session.json()).toEqual({ error: 'you were removed from this board' });
    expect((await fetch(`${s.url}/api/boards/${board.id}/export?format=csv`, { headers: auth })).status).toBe(403);
    expect((await rawConnect(syncUrl(s, board.id, mallory.token))).status).toBe(403);
    expect((await rawConnect(syncUrl(s, `${board.id}/facilitation`, mallory.token))).status).toBe(403);

    // Everyone else carries on.
    addShape(olga.doc, { kind: 'note', id: newId(), text: 'still here', pos: { x: 0, y: 0 } });
    const check = connectClient(s, board.id, fac.token);
    clients.push(check);
    await eventually(() => expect(readShapes(check.doc).records.some((r) => r.kind === 'note' && r.text === 'still here')).toBe(true));
    expect(olga.provider.wsconnected).toBe(true);
  });
});

describe('token expiry', () => {
  it('closes an open socket with Unauthorized when its token expires', async () => {
    // About 3 seconds of validity.
    const { s, board } = await start({ TOKEN_TTL_DAYS: String(3.5 / 86_400) });
    const p = await join(s, board, 'participant');
    const { closed } = await openRaw(s, board.id, p.token);
    expect(await closed).toEqual({ code: CloseCode.Unauthorized, reason: 'token expired' });
    expect((await rawConnect(syncUrl(s, board.id, p.token))).status).toBe(401);
  });
});

describe('back-pressure', () => {
  it('closes a socket that stops reading with SlowConsumer, and the others keep syncing', async () => {
    const { s, board } = await start({ MAX_BUFFERED_BYTES: String(64 * 1024), MAX_UPDATES_PER_SEC: '10000' });
    const writer = await join(s, board, 'participant', 'Writer');
    const reader = await join(s, board, 'participant', 'Reader');
    const slow = await join(s, board, 'participant', 'Slow');
    const { ws, closed } = await openRaw(s, board.id, slow.token);
    let closedAt: number | null = null;
    void closed.then(() => (closedAt = Date.now()));
    // Stop reading: from now on the server's output for this socket can only pile up.
    ws.pause();

    const w = connectClient(s, board.id, writer.token);
    const r = connectClient(s, board.id, reader.token);
    clients.push(w, r);
    await synced(w);
    await synced(r);
    const text = 'x'.repeat(9_000);
    let round = 0;
    await eventually(
      async () => {
        // Write until the server gives up on the slow socket (the kernel's buffers absorb the first megabytes).
        for (let i = 0; i < 40; i++) addShape(w.doc, { kind: 'note', id: newId(), text: `${round}-${i} ${text}`, pos: { x: 0, y: 0 } });
        round++;
        const refused = (await s.metrics.refused.get()).values.find((v) => v.labels.reason === 'slow-consumer');
        expect(refused?.value).toBe(1);
      },
      60_000,
      200,
    );
    const written = round * 40;
    // The reader, who reads, has everything.
    await eventually(() => expect(readShapes(r.doc).records.length).toBeGreaterThanOrEqual(written), 30_000);
    expect(r.provider.wsconnected).toBe(true);
    // Once it reads again, the slow client learns why it was dropped.
    expect(closedAt).toBeNull();
    ws.resume();
    expect((await closed).code).toBe(CloseCode.SlowConsumer);
  }, 120_000);
});
