import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addShape, moveShapes, newId, readShapes } from '../../shared/model/board-doc';
import type { BoardShapes, CreateBoardResponse, JoinResponse } from '../../shared/api';
import type { RunningServer } from '../../server/server';
import { readList } from '../../client/sync/first-paint';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

/**
 * GET /api/boards/:id/shapes, the list a board page paints first (client/sync/first-paint.ts): any member
 * gets exactly the shapes a synced client reads from the document, placed from the position log; nobody
 * else gets anything.
 */
let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let board: CreateBoardResponse;
let other: CreateBoardResponse;
const sessions: Record<string, JoinResponse> = {};
const clients: TestClient[] = [];

beforeAll(async () => {
  data = tempDataDir();
  server = await testServer(data.dir, { ROOM_IDLE_MS: '200' });
  board = await createBoard(server, 'Pump');
  other = await createBoard(server, 'Other');
  for (const role of ['facilitator', 'participant', 'viewer'] as const) sessions[role] = await join(server, board, role);
  sessions.other = await join(server, other, 'participant');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  data.remove();
});

function shapes(token: string | null, id = board.id, encoding = 'gzip'): Promise<Response> {
  const headers: Record<string, string> = { 'accept-encoding': encoding };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${server.url}/api/boards/${id}/shapes`, { headers });
}

async function open(token: string): Promise<TestClient> {
  const c = connectClient(server, board.id, token);
  clients.push(c);
  await synced(c);
  return c;
}

const note = (i: number) => ({ kind: 'note' as const, id: newId(), view: 'main', z: `a${String(i).padStart(4, '0')}`, pos: { x: i * 10, y: 0 }, text: `Note ${i} `.repeat(8) });

describe('the first-paint list of shapes', () => {
  it('refuses anyone without a valid token of this board, or removed from it', async () => {
    expect((await shapes(null)).status).toBe(401);
    expect((await shapes('not-a-token')).status).toBe(401);
    expect((await shapes(sessions.other!.token)).status).toBe(403);
    expect((await shapes(sessions.participant!.token, 'bad id!')).status).toBe(404);
    const removed = await join(server, board, 'participant', 'Gone');
    const res = await fetch(`${server.url}/api/boards/${board.id}/members/${removed.userId}/remove`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sessions.facilitator!.token}` },
    });
    expect(res.status).toBe(200);
    expect((await shapes(removed.token)).status).toBe(403);
  });

  it('gives every member the shapes a synced client reads, moved ones where they were moved to', async () => {
    const writer = await open(sessions.participant!.token);
    const added = Array.from({ length: 60 }, (_, i) => note(i));
    writer.doc.transact(() => added.forEach((s) => addShape(writer.doc, s)));
    moveShapes(writer.doc, new Map([[added[3]!.id, { x: 500, y: 700 }]]));
    expect(readShapes(writer.doc).records.find((s) => s.id === added[3]!.id)).toMatchObject({ pos: { x: 500, y: 700 } });
    for (const role of ['facilitator', 'participant', 'viewer']) {
      await eventually(async () => {
        // With what only the server writes (authorship stamps), once the writer has it back.
        const expected = readShapes(writer.doc).records;
        expect(expected.every((s) => s.createdBy === sessions.participant!.userId)).toBe(true);
        const res = await shapes(sessions[role]!.token);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const body = (await res.json()) as BoardShapes;
        expect(body.shapes).toEqual(expected);
        // What the board page then shows: every entry passes the client's own check unchanged.
        expect(readList(body)).toEqual(expected);
      });
    }
  });

  it('is compressed when the browser accepts gzip, and plain otherwise', async () => {
    const zipped = await shapes(sessions.viewer!.token, board.id, 'gzip, deflate, br');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const plain = await shapes(sessions.viewer!.token, board.id, 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await zipped.json()).toEqual(await plain.json());
  });

  it('reads the board from the store once its room has unloaded, and leaves it unloaded again', async () => {
    for (const c of clients.splice(0)) c.destroy();
    const health = async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { rooms: number }).rooms;
    await eventually(async () => expect(await health()).toBe(0), 10_000);
    const body = (await (await shapes(sessions.viewer!.token)).json()) as BoardShapes;
    expect(body.shapes).toHaveLength(60);
    await eventually(async () => expect(await health()).toBe(0), 10_000);
  });
});
