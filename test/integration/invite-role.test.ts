import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { createBoard, tempDataDir, testServer } from '../helpers/server';

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
beforeAll(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
});
afterAll(async () => {
  await server.close();
  data.remove();
});

const ask = (boardId: string, body: unknown) =>
  fetch(`${server.url}/api/boards/${boardId}/invite-role`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/boards/:id/invite-role', () => {
  it('says which role each invite link gives, without joining', async () => {
    const board = await createBoard(server);
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const res = await ask(board.id, { invite: board.invites[role] });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ role });
    }
  });

  it('refuses a key of another board, a made-up key, a malformed body and an unknown board', async () => {
    const a = await createBoard(server);
    const b = await createBoard(server);
    expect((await ask(a.id, { invite: b.invites.participant })).status).toBe(403);
    expect((await ask(a.id, { invite: 'x'.repeat(40) })).status).toBe(403);
    expect((await ask(a.id, { invite: 'short' })).status).toBe(400);
    expect((await ask(a.id, { invite: a.invites.viewer, extra: 1 })).status).toBe(400);
    expect((await ask('no-such-board-id', { invite: a.invites.viewer })).status).toBe(404);
  });
});
