import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addShape, boardMaps, updateShape } from '../../shared/model/board-doc';
import { requestReveal, startBrainstorm, stopBrainstorm } from '../../shared/facilitation/doc';
import { parseBackup } from '../../shared/formats/board-data';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import type { RestoreResponse, VersionInfo, VersionList } from '../../shared/versions';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

/**
 * Version history over HTTP with real y-websocket clients: role checks on every endpoint, named and
 * automatic versions with who changed what, and restores that arrive at every client as a new change.
 */
let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let board: CreateBoardResponse;
const clients: TestClient[] = [];

beforeEach(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
  board = await createBoard(server, 'History board');
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  data.remove();
});

async function open(session: JoinResponse, room = board.id): Promise<TestClient> {
  const c = connectClient(server, room, session.token);
  clients.push(c);
  await synced(c);
  return c;
}

function call(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}/api/boards/${board.id}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function list(token: string): Promise<VersionInfo[]> {
  const res = await call('GET', '/versions', token);
  expect(res.status).toBe(200);
  return ((await res.json()) as VersionList).versions;
}

describe('version history endpoints', () => {
  it('checks roles: everyone lists and reads, only facilitators save and restore', async () => {
    const fay = await join(server, board, 'facilitator', 'Fay');
    const pat = await join(server, board, 'participant', 'Pat');
    const vic = await join(server, board, 'viewer', 'Vic');
    const other = await createBoard(server, 'Other board');
    const stranger = await join(server, other, 'facilitator', 'Stranger');

    expect((await call('GET', '/versions')).status).toBe(401);
    expect((await call('GET', '/versions', stranger.token)).status).toBe(403);
    expect((await call('POST', '/versions', pat.token, { name: 'mine' })).status).toBe(403);
    expect((await call('POST', '/versions', vic.token, { name: 'mine' })).status).toBe(403);
    expect((await call('POST', '/versions', fay.token, { name: '   ' })).status).toBe(400);

    const saved = await call('POST', '/versions', fay.token, { name: 'end of day 1' });
    expect(saved.status).toBe(201);
    const v = (await saved.json()) as VersionInfo;
    expect(v).toMatchObject({ name: 'end of day 1', reason: 'named', createdBy: fay.userId, createdByName: 'Fay' });

    expect((await list(vic.token)).map((x) => x.name)).toEqual(['end of day 1']);
    const backup = await call('GET', `/versions/${v.id}`, vic.token);
    expect(backup.status).toBe(200);
    const parsed = parseBackup(await backup.json());
    expect(parsed.ok && parsed.value.meta.title).toBe('History board');
    expect((await call('GET', '/versions/999999', vic.token)).status).toBe(404);
    expect((await call('GET', `/versions/${v.id}`, stranger.token)).status).toBe(403);

    expect((await call('POST', `/versions/${v.id}/restore`, pat.token, { scope: 'board' })).status).toBe(403);
    expect((await call('POST', `/versions/${v.id}/restore`, vic.token, { scope: 'board' })).status).toBe(403);
    expect((await call('POST', `/versions/${v.id}/restore`, fay.token, { scope: 'everything' })).status).toBe(400);
    expect((await call('POST', '/versions/424242/restore', fay.token, { scope: 'board' })).status).toBe(404);
    expect((await call('POST', `/versions/${v.id}/restore`, fay.token, { scope: 'board' })).status).toBe(200);

    // A person removed from the board reads no history any more.
    expect((await call('GET', '/versions', pat.token)).status).toBe(200);
    expect((await call('POST', `/members/${pat.userId}/remove`, fay.token)).status).toBe(200);
    expect((await call('GET', '/versions', pat.token)).status).toBe(403);
    expect((await call('GET', `/versions/${v.id}`, pat.token)).status).toBe(403);
  });

  it('restores one deleted item, then the whole board, as changes every client receives; a restore is undone by restoring the version before it', async () => {
    const faySession = await join(server, board, 'facilitator', 'Fay');
    const patSession = await join(server, board, 'participant', 'Pat');
    const fay = await open(faySession);
    const pat = await open(patSession);
    addShape(pat.doc, { kind: 'threat', id: 't1', title: 'Spoofed pump', stride: 'S' });
    addShape(pat.doc, { kind: 'note', id: 'n1', text: 'original' });
    await eventually(() => expect(boardMaps(fay.doc).shapes.get('t1')?.get('num')).toBe(1));

    const saved = (await (await call('POST', '/versions', faySession.token, { name: 'end of day 1' })).json()) as VersionInfo;
    // Who changed what since the previous version: Pat added two records.
    expect(saved.summary.authors).toEqual([{ userId: patSession.userId, name: 'Pat', added: 2, changed: 0, removed: 0 }]);

    boardMaps(pat.doc).shapes.delete('t1');
    updateShape(pat.doc, 'n1', { text: 'changed' });
    addShape(pat.doc, { kind: 'note', id: 'n2', text: 'added later' });
    await eventually(() => expect(boardMaps(fay.doc).shapes.has('n2')).toBe(true));

    const one = await call('POST', `/versions/${saved.id}/restore`, faySession.token, { scope: 'item', id: 't1' });
    expect(one.status).toBe(200);
    expect((await one.json()) as RestoreResponse).toMatchObject({ restored: 1, removed: 0, before: { reason: 'before-restore' } });
    await eventually(() => {
      for (const d of [fay.doc, pat.doc]) {
        expect(boardMaps(d).shapes.get('t1')?.get('title')).toBe('Spoofed pump');
        expect(boardMaps(d).shapes.get('t1')?.get('num')).toBe(1);
        expect(boardMaps(d).shapes.get('n1')?.get('text')).toBe('changed');
      }
    });

    const whole = (await (await call('POST', `/versions/${saved.id}/restore`, faySession.token, { scope: 'board' })).json()) as RestoreResponse;
    expect(whole).toMatchObject({ restored: 1, removed: 1 });
    await eventually(() => {
      for (const d of [fay.doc, pat.doc]) {
        expect(boardMaps(d).shapes.get('n1')?.get('text')).toBe('original');
        expect(boardMaps(d).shapes.has('n2')).toBe(false);
      }
    });
    expect(boardMaps(pat.doc).shapes.get('n1')?.get('updatedBy')).toBe(faySession.userId);

    // Undo the board restore: restore the version kept just before it.
    await call('POST', `/versions/${whole.before.id}/restore`, faySession.token, { scope: 'board' });
    await eventually(() => {
      expect(boardMaps(pat.doc).shapes.get('n1')?.get('text')).toBe('changed');
      expect(boardMaps(pat.doc).shapes.get('n2')?.get('text')).toBe('added later');
      expect(boardMaps(pat.doc).shapes.get('t1')?.get('num')).toBe(1);
    });
    const reasons = (await list(patSession.token)).map((v) => v.reason);
    // The oldest is automatic: the board as it was before the first edit.
    expect(reasons).toEqual(['before-restore', 'before-restore', 'before-restore', 'named', 'auto']);
  });

  it('keeps a version before a reveal, and versions survive a restart', async () => {
    const faySession = await join(server, board, 'facilitator', 'Fay');
    const fay = await open(faySession);
    const fac = await open(faySession, `${board.id}/facilitation`);
    addShape(fay.doc, { kind: 'note', id: 'n1', text: 'before the reveal' });
    startBrainstorm(fac.doc, 'main', Date.now());
    stopBrainstorm(fac.doc);
    await eventually(async () => expect((await list(faySession.token)).map((v) => v.reason)).toContain('before-reveal'));
    requestReveal(fac.doc);
    const before = await list(faySession.token);

    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    server = await testServer(data.dir);
    expect(await list(faySession.token)).toEqual(before);
  });
});
