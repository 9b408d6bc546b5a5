import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { connectClient, createBoard, join, synced, tempDataDir, testServer } from '../helpers/server';
import { readShapes, readViews } from '../../shared/model/board-doc';
import { eventually } from '../helpers/poll';

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

const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(server.url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('HTTP API', () => {
  it('answers health', async () => {
    const res = await fetch(server.url + '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('creates a board with three distinct invites and joins each role as a new user', async () => {
    const board = await createBoard(server, 'Therapy boot');
    expect(board.title).toBe('Therapy boot');
    const info = await (await fetch(`${server.url}/api/boards/${board.id}`)).json();
    expect(info).toEqual({ id: board.id, title: 'Therapy boot' });
    const f = await join(server, board, 'facilitator', 'Fay');
    const p1 = await join(server, board, 'participant', 'Pat');
    const p2 = await join(server, board, 'participant', 'Pat');
    const v = await join(server, board, 'viewer', 'Vic');
    expect([f.role, p1.role, v.role]).toEqual(['facilitator', 'participant', 'viewer']);
    expect(p1.userId).not.toBe(p2.userId);
  });

  it('answers bad requests with a JSON error saying what is wrong', async () => {
    const board = await createBoard(server);
    let res = await post('/api/boards', { title: '' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid request', issues: [expect.stringMatching(/title/)] });
    res = await post('/api/boards', '{not json');
    expect(res.status).toBe(400);
    res = await post('/api/boards', { title: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/too large/);
    res = await post(`/api/boards/${board.id}/join`, { invite: 'A'.repeat(43), name: 'Eve' });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/invite/);
    const other = await createBoard(server);
    res = await post(`/api/boards/${board.id}/join`, { invite: other.invites.facilitator, name: 'Eve' });
    expect(res.status).toBe(403);
    res = await post(`/api/boards/nosuchboard1/join`, { invite: board.invites.viewer, name: 'Eve' });
    expect(res.status).toBe(404);
    res = await fetch(server.url + '/api/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no such endpoint' });
  });
});

describe('templates over HTTP', () => {
  it('lists the templates and creates a board from each, with its views and shapes', async () => {
    const list = (await (await fetch(server.url + '/api/templates')).json()) as { id: string; title: string; description: string }[];
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.find((t) => t.id === 'threatboard')?.title).toMatch(/Threatboard itself/);
    for (const t of list) {
      expect(t.title).not.toBe('');
      const res = await post('/api/boards', { title: `From ${t.id}`, template: t.id });
      expect(res.status).toBe(201);
      const board = await res.json();
      const { token } = await join(server, board, 'viewer');
      const client = connectClient(server, board.id, token);
      await synced(client);
      expect(readViews(client.doc).records.length).toBeGreaterThanOrEqual(2);
      const shapes = readShapes(client.doc);
      expect(shapes.errors).toEqual([]);
      expect(shapes.records.filter((s) => s.kind === 'flow').length).toBeGreaterThan(0);
      // The server numbers the template's example threats as soon as the board is opened.
      await eventually(() => {
        const nums = readShapes(client.doc).records.flatMap((s) => (s.kind === 'threat' ? [s.num] : []));
        expect(nums.length).toBeGreaterThan(0);
        expect(nums.every((n) => n > 0)).toBe(true);
        expect(new Set(nums).size).toBe(nums.length);
      });
      client.destroy();
    }
    const bad = await post('/api/boards', { title: 'x', template: 'nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unknown template/);
  });
});

describe('session check', () => {
  it('accepts a valid bearer token of the board and refuses others', async () => {
    const board = await createBoard(server);
    const other = await createBoard(server);
    const { token, userId } = await join(server, board, 'participant', 'Pat');
    const check = (id: string, auth?: string) =>
      fetch(`${server.url}/api/boards/${id}/session`, { headers: auth ? { authorization: auth } : {} });
    const ok = await check(board.id, `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ userId, role: 'participant', name: 'Pat' });
    expect((await check(board.id)).status).toBe(401);
    expect((await check(board.id, `Bearer ${token}x`)).status).toBe(401);
    expect((await check(other.id, `Bearer ${token}`)).status).toBe(403);
  });
});

describe('revoking invite links', () => {
  it('lets a facilitator replace all links: old ones stop working, new ones work, others are refused', async () => {
    const board = await createBoard(server);
    const fac = await join(server, board, 'facilitator', 'Fay');
    const pat = await join(server, board, 'participant', 'Pat');
    const rotate = (token?: string) =>
      fetch(`${server.url}/api/boards/${board.id}/invites`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await rotate()).status).toBe(401);
    expect((await rotate(pat.token)).status).toBe(403);
    const res = await rotate(fac.token);
    expect(res.status).toBe(200);
    const { invites } = await res.json();
    expect(invites.participant).not.toBe(board.invites.participant);
    const old = await post(`/api/boards/${board.id}/join`, { invite: board.invites.participant, name: 'Late' });
    expect(old.status).toBe(403);
    const fresh = await join(server, { ...board, invites }, 'participant', 'Late');
    expect(fresh.role).toBe('participant');
  });
});
