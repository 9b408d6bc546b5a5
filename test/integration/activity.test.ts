import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, boardMaps, newId } from '../../shared/model/board-doc';
import { Mitigation } from '../../shared/model/schema';
import { toYMap } from '../../shared/model/ymap';
import { threatInput } from '../../shared/threats/create';
import { boardActivity } from '../../shared/activity';
import { BoardActivity, type CreateBoardResponse, type JoinResponse } from '../../shared/api';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

/**
 * GET /api/boards/:id/activity with real clients editing: it counts exactly the threats, mitigations and
 * comments others created or changed after `since`, from the live room and from the store alike.
 */
let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let board: CreateBoardResponse;
let fac: JoinResponse;
let pat: JoinResponse;
const clients: TestClient[] = [];

beforeAll(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
  board = await createBoard(server, 'Pump');
  fac = await join(server, board, 'facilitator', 'Fay');
  pat = await join(server, board, 'participant', 'Pat');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  data.remove();
});

async function activity(token: string, since: number | string, id = board.id): Promise<Response> {
  return fetch(`${server.url}/api/boards/${id}/activity?since=${since}`, { headers: { authorization: `Bearer ${token}` } });
}

async function read(token: string, since: number): Promise<BoardActivity> {
  const res = await activity(token, since);
  expect(res.status).toBe(200);
  return BoardActivity.parse(await res.json());
}

async function open(session: JoinResponse): Promise<TestClient> {
  const c = connectClient(server, board.id, session.token);
  clients.push(c);
  await synced(c);
  return c;
}

const threat = (by: string, title: string) => threatInput({ id: newId(), view: 'main', z: 'a0', createdBy: by, pos: { x: 0, y: 0 }, stride: 'T', title });

describe('board activity', () => {
  it('counts what others changed after `since`, not my own changes and not plain notes', async () => {
    const start = await read(fac.token, 0);
    expect(start).toMatchObject({ title: 'Pump', unseen: 0 });
    const p = await open(pat);
    const f = await open(fac);
    addShape(p.doc, threat(pat.userId, 'Replay of bolus command'));
    addShape(p.doc, { kind: 'note', id: newId(), view: 'main', z: 'a1', createdBy: pat.userId, createdAt: 0, pos: { x: 0, y: 0 }, size: { w: 100, h: 100 } } as never);
    p.doc.transact(() => {
      boardMaps(p.doc).mitigations.set('m1', toYMap(Mitigation.parse({ id: 'm1', title: 'Sign commands' })));
      boardMaps(p.doc).comments.set('c1', toYMap({ id: 'c1', text: 'Is this in scope?' }));
    });
    const mine = threat(fac.userId, 'Firmware downgrade');
    addShape(f.doc, mine);

    const seenByFay = await eventually(async () => {
      const a = await read(fac.token, 0);
      expect(a.unseen).toBe(3);
      return a;
    });
    expect(seenByFay.lastActivityAt).toBeGreaterThan(0);
    expect(seenByFay.lastActivityAt).toBeLessThanOrEqual(Date.now());
    await eventually(async () => expect((await read(pat.token, 0)).unseen).toBe(1));
    // Nothing after the newest stamp.
    expect((await read(fac.token, seenByFay.lastActivityAt)).unseen).toBe(0);

    // Pat edits Fay's threat after she looked: it is unseen for her again, and not for Pat.
    const mark = seenByFay.lastActivityAt;
    p.doc.transact(() => boardMaps(p.doc).shapes.get(mine.id)!.set('title', 'Firmware downgrade via USB'));
    await eventually(async () => expect((await read(fac.token, mark)).unseen).toBe(1));
    expect((await read(pat.token, mark)).unseen).toBe(0);
  });

  it('reads a board that is not loaded from the store, without loading it', async () => {
    for (const c of clients.splice(0)) c.destroy();
    const live = await read(fac.token, 0);
    await server.close();
    server = await testServer(data.dir);
    const stored = await read(fac.token, 0);
    expect(stored).toEqual(live);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { rooms: number };
    expect(health.rooms).toBe(0);
  });

  it('answers 401 without a valid token, 403 for another board, 400 for a bad `since`', async () => {
    expect((await fetch(`${server.url}/api/boards/${board.id}/activity?since=0`)).status).toBe(401);
    expect((await activity(fac.token.slice(0, -3) + 'AAA', 0)).status).toBe(401);
    const other = await createBoard(server, 'Other');
    expect((await activity(fac.token, 0, other.id)).status).toBe(403);
    expect((await activity(fac.token, 'yesterday')).status).toBe(400);
    expect((await activity(fac.token, -5)).status).toBe(400);
  });
});

describe('boardActivity on a hostile document', () => {
  it('skips records that are not maps and stamps of the wrong type, never throws', () => {
    const doc = new Y.Doc();
    const { shapes, comments, mitigations } = boardMaps(doc);
    doc.transact(() => {
      (shapes as Y.Map<unknown>).set('junk', 'not a record');
      shapes.set('t1', toYMap({ kind: 'threat', createdBy: 'ann', createdAt: 'yesterday', updatedAt: { deep: 1 } }));
      shapes.set('t2', toYMap({ kind: 'threat', createdBy: 'ann', createdAt: 50 }));
      comments.set('c1', toYMap({ createdBy: 12, createdAt: 60 }));
      mitigations.set('m1', toYMap({ createdBy: 'me', createdAt: 70 }));
    });
    expect(boardActivity(doc, 10, 'me')).toEqual({ title: 'Untitled board', lastActivityAt: 70, unseen: 2 });
  });
});
