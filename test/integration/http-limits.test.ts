import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

const ADMIN_KEY = 'k'.repeat(12) + '-admin-key-for-tests';
let data: ReturnType<typeof tempDataDir> | undefined;
let server: RunningServer | undefined;
const clients: TestClient[] = [];

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  data = tempDataDir();
  server = await testServer(data.dir, env);
  return server;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  data?.remove();
  server = undefined;
});

function post(s: RunningServer, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function metricValue(s: RunningServer, line: RegExp, headers: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`, { headers })).text();
  const m = text.split('\n').find((l) => line.test(l));
  return m ? Number(m.split(' ').at(-1)) : 0;
}

describe('HTTP rate limits per client address', () => {
  it('answers 429 with Retry-After and a JSON error past RATE_CREATE_PER_MIN, and counts it', async () => {
    const s = await start({ RATE_CREATE_PER_MIN: '3' });
    for (let i = 0; i < 3; i++) expect((await post(s, '/api/boards', { title: `b${i}` })).status).toBe(201);
    const res = await post(s, '/api/boards', { title: 'one too many' });
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/too many requests/) });
    expect(await metricValue(s, /^threatboard_http_rate_limited_total\{route="create"\}/)).toBe(1);
    // Other routes have their own budget.
    expect((await post(s, '/api/boards/import', { not: 'a board' })).status).toBe(422);
  });

  it('limits joins and imports with their own budgets', async () => {
    const s = await start({ RATE_JOIN_PER_MIN: '2', RATE_IMPORT_PER_MIN: '1' });
    const board = await createBoard(s);
    const joinBody = { invite: board.invites.participant, name: 'Ada' };
    expect((await post(s, `/api/boards/${board.id}/join`, joinBody)).status).toBe(200);
    expect((await post(s, `/api/boards/${board.id}/join`, joinBody)).status).toBe(200);
    const third = await post(s, `/api/boards/${board.id}/join`, joinBody);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);

    expect((await post(s, '/api/boards/import', { not: 'a board' })).status).toBe(422);
    const second = await post(s, '/api/boards/import', { not: 'a board' });
    expect(second.status).toBe(429);
    expect(await second.json()).toEqual({ error: expect.any(String) });
    // Creating boards is still allowed.
    expect((await post(s, '/api/boards', { title: 'still fine' })).status).toBe(201);
  });
});

describe('the first-paint list of shapes', () => {
  it('is limited per address past RATE_SHAPES_PER_MIN, while the board document is still served', async () => {
    const s = await start({ RATE_SHAPES_PER_MIN: '2' });
    const board = await createBoard(s);
    const ada = await join(s, board, 'participant');
    const list = () => fetch(`${s.url}/api/boards/${board.id}/shapes`, { headers: { authorization: `Bearer ${ada.token}` } });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const third = await list();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await third.json()).toEqual({ error: expect.stringMatching(/too many requests/) });
    expect(await metricValue(s, /^threatboard_http_rate_limited_total\{route="shapes"\}/)).toBe(1);
    // A page refused its list paints from the document (client/sync/prefetch.ts), which still syncs.
    const client = connectClient(s, board.id, ada.token);
    clients.push(client);
    await synced(client);
  });
});

describe('ADMIN_KEY', () => {
  it('is required (Bearer) to create and import boards when set, and health says so', async () => {
    const s = await start({ ADMIN_KEY });
    expect(await (await fetch(`${s.url}/api/health`)).json()).toMatchObject({ adminKeyRequired: true });

    const anonymous = await post(s, '/api/boards', { title: 'Pump' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: expect.stringMatching(/admin key/) });
    expect((await post(s, '/api/boards', { title: 'Pump' }, { authorization: `Bearer ${ADMIN_KEY}x` })).status).toBe(401);
    expect((await post(s, '/api/boards', { title: 'Pump' }, { authorization: `Bearer ${ADMIN_KEY.slice(1)}` })).status).toBe(401);
    expect((await post(s, '/api/boards', { title: 'Pump' }, { authorization: ADMIN_KEY })).status).toBe(401);
    expect((await post(s, '/api/boards/import', { format: 'x' })).status).toBe(401);

    const created = await post(s, '/api/boards', { title: 'Pump' }, { authorization: `Bearer ${ADMIN_KEY}` });
    expect(created.status).toBe(201);
    const board = await created.json();
    expect((await post(s, '/api/boards/import', { not: 'a board' }, { authorization: `Bearer ${ADMIN_KEY}` })).status).toBe(422);

    // Joining with an invite link needs no admin key: the invite is the permission.
    expect((await post(s, `/api/boards/${board.id}/join`, { invite: board.invites.viewer, name: 'Vi' })).status).toBe(200);
  });

  it('is not asked for when unset', async () => {
    const s = await start();
    expect(await (await fetch(`${s.url}/api/health`)).json()).toMatchObject({ adminKeyRequired: false });
    expect((await post(s, '/api/boards', { title: 'Open instance' })).status).toBe(201);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with rooms, connections by role and bytes, behind the admin key when one is set', async () => {
    const s = await start({ ADMIN_KEY });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    const auth = { authorization: `Bearer ${ADMIN_KEY}` };
    const res = await fetch(`${s.url}/metrics`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const created = await (await post(s, '/api/boards', { title: 'Metered' }, auth)).json();
    const fac = await join(s, created, 'facilitator');
    const viewer = await join(s, created, 'viewer');
    const a = connectClient(s, created.id, fac.token);
    const b = connectClient(s, created.id, viewer.token);
    clients.push(a, b);
    await synced(a);
    await synced(b);
    await eventually(async () => {
      expect(await metricValue(s, /^threatboard_connections\{role="facilitator"\}/, auth)).toBe(1);
      expect(await metricValue(s, /^threatboard_connections\{role="viewer"\}/, auth)).toBe(1);
      // The board document and its facilitation document (the board room keeps it loaded for its locks and votes).
      expect(await metricValue(s, /^threatboard_rooms /, auth)).toBe(2);
      expect(await metricValue(s, /^threatboard_bytes_in_total /, auth)).toBeGreaterThan(0);
      expect(await metricValue(s, /^threatboard_bytes_out_total /, auth)).toBeGreaterThan(0);
    });
    b.destroy();
    await eventually(async () => expect(await metricValue(s, /^threatboard_connections\{role="viewer"\}/, auth)).toBe(0));
    expect(await metricValue(s, /^threatboard_connections\{role="facilitator"\}/, auth)).toBe(1);
  });
});

describe('names through the API', () => {
  it('strips bidi controls and zero-width characters from display names and titles; refuses what is left empty', async () => {
    const s = await start();
    const created = await post(s, '/api/boards', { title: '\u202EPump\u200B' });
    expect(created.status).toBe(201);
    const board = await created.json();
    expect(board.title).toBe('Pump');
    const joined = await post(s, `/api/boards/${board.id}/join`, { invite: board.invites.participant, name: 'Ma\u2066l\u2069lory\u200F' });
    const { token } = await joined.json();
    const session = await (await fetch(`${s.url}/api/boards/${board.id}/session`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(session.name).toBe('Mallory');
    const empty = await post(s, `/api/boards/${board.id}/join`, { invite: board.invites.participant, name: '\u202E\u200B\uFEFF' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ issues: [expect.stringMatching(/name must not be empty/)] });
  });
});
