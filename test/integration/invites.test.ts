import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { InviteList, NewInviteResponse, type CreateBoardResponse, type JoinResponse } from '../../shared/api';
import { createBoard, join, tempDataDir, testServer } from '../helpers/server';

/**
 * Invite links through the real server: any facilitator (not only the board's creator) lists, adds and
 * revokes links; a revoked link no longer joins while the others still do; keys are never listed.
 */
let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let board: CreateBoardResponse;
let other: CreateBoardResponse;
let fac: JoinResponse;
let pat: JoinResponse;
let vic: JoinResponse;

beforeAll(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
  board = await createBoard(server, 'Invites');
  other = await createBoard(server, 'Other');
  fac = await join(server, board, 'facilitator', 'Gil');
  pat = await join(server, board, 'participant', 'Pat');
  vic = await join(server, board, 'viewer', 'Vic');
});

afterAll(async () => {
  await server.close();
  data.remove();
});

function api(path: string, token: string | null, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/api/boards/${board.id}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
  });
}

const joinWith = (invite: string, name = 'Newcomer') =>
  fetch(`${server.url}/api/boards/${board.id}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invite, name }) });

async function list(): Promise<InviteList['invites']> {
  const res = await api('/invites', fac.token);
  expect(res.status).toBe(200);
  return InviteList.parse(await res.json()).invites;
}

describe('invite links', () => {
  it('a facilitator who joined by link adds a labelled link; it joins, is listed by label and time, never with its key', async () => {
    const before = Date.now();
    const res = await api('/invites/new', fac.token, { method: 'POST', body: JSON.stringify({ role: 'participant', label: '  Ward team B ' }) });
    expect(res.status).toBe(201);
    const made = NewInviteResponse.parse(await res.json());
    expect(made).toMatchObject({ role: 'participant', label: 'Ward team B', createdBy: { id: fac.userId, name: 'Gil' } });
    expect(made.createdAt).toBeGreaterThanOrEqual(before);

    const joined = await joinWith(made.key);
    expect(joined.status).toBe(200);
    expect((await joined.json()).role).toBe('participant');

    const raw = await (await api('/invites', fac.token)).text();
    expect(raw).not.toContain(made.key);
    for (const key of Object.values(board.invites)) expect(raw).not.toContain(key);
    const listed = InviteList.parse(JSON.parse(raw)).invites;
    expect(listed.map((i) => [i.role, i.label])).toEqual([
      ['facilitator', 'Created with the board'],
      ['participant', 'Created with the board'],
      ['viewer', 'Created with the board'],
      ['participant', 'Ward team B'],
    ]);
    expect(listed[3]).toEqual({ id: made.id, role: 'participant', label: 'Ward team B', createdAt: made.createdAt, createdBy: { id: fac.userId, name: 'Gil' } });
  });

  it('revoking one link stops only that link', async () => {
    const made = NewInviteResponse.parse(
      await (await api('/invites/new', fac.token, { method: 'POST', body: JSON.stringify({ role: 'viewer', label: 'Auditors' }) })).json(),
    );
    expect((await joinWith(made.key)).status).toBe(200);
    const res = await api(`/invites/${made.id}`, fac.token, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const refused = await joinWith(made.key);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/not valid/);
    expect((await joinWith(board.invites.viewer)).status).toBe(200);
    expect((await joinWith(board.invites.participant)).status).toBe(200);
    expect((await list()).map((i) => i.label)).not.toContain('Auditors');
    // Revoking again, or an id that does not exist, is a 404.
    expect((await api(`/invites/${made.id}`, fac.token, { method: 'DELETE' })).status).toBe(404);
    expect((await api('/invites/nope', fac.token, { method: 'DELETE' })).status).toBe(404);
  });

  it('a link of another board cannot be revoked through this one', async () => {
    const otherFac = await join(server, other, 'facilitator');
    const theirs = await fetch(`${server.url}/api/boards/${other.id}/invites`, { headers: { authorization: `Bearer ${otherFac.token}` } });
    const theirId = InviteList.parse(await theirs.json()).invites[1]!.id;
    expect((await api(`/invites/${theirId}`, fac.token, { method: 'DELETE' })).status).toBe(404);
    const stillJoins = await fetch(`${server.url}/api/boards/${other.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ invite: other.invites.participant, name: 'X' }),
    });
    expect(stillJoins.status).toBe(200);
  });

  it('only facilitators of this board see or change links', async () => {
    const attempts: [string, RequestInit][] = [
      ['/invites', {}],
      ['/invites/new', { method: 'POST', body: JSON.stringify({ role: 'facilitator', label: 'Mine now' }) }],
      [`/invites/${(await list())[0]!.id}`, { method: 'DELETE' }],
    ];
    const otherFac = await join(server, other, 'facilitator');
    for (const [path, init] of attempts) {
      expect((await api(path, pat.token, init)).status).toBe(403);
      expect((await api(path, vic.token, init)).status).toBe(403);
      expect((await api(path, otherFac.token, init)).status).toBe(403);
      expect((await api(path, null, init)).status).toBe(401);
      expect((await api(path, fac.token.slice(0, -3) + 'AAA', init)).status).toBe(401);
    }
    expect(await list()).toHaveLength(4);
  });

  it('joining again with a stored session keeps the same person; a session of another board does not', async () => {
    const again = await fetch(`${server.url}/api/boards/${board.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ invite: board.invites.facilitator, name: 'Pat', session: pat.token }),
    });
    const upgraded = (await again.json()) as JoinResponse;
    expect(upgraded).toMatchObject({ userId: pat.userId, role: 'facilitator' });
    const otherPat = await join(server, other, 'participant', 'Pat');
    const foreign = await fetch(`${server.url}/api/boards/${board.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ invite: board.invites.viewer, name: 'Pat', session: otherPat.token }),
    });
    expect(((await foreign.json()) as JoinResponse).userId).not.toBe(otherPat.userId);
  });

  it('refuses a bad label or role with the reason', async () => {
    for (const body of [{ role: 'participant', label: '' }, { role: 'owner', label: 'x' }, { role: 'viewer', label: 'a\nb' }, { role: 'viewer', label: 'x'.repeat(81) }]) {
      const res = await api('/invites/new', fac.token, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect((await res.json()).issues.length).toBeGreaterThan(0);
    }
  });

  it('revoking all links still replaces every active link, added ones too', async () => {
    const added = NewInviteResponse.parse(
      await (await api('/invites/new', fac.token, { method: 'POST', body: JSON.stringify({ role: 'participant', label: 'Late team' }) })).json(),
    );
    const res = await api('/invites', fac.token, { method: 'POST' });
    expect(res.status).toBe(200);
    const { invites } = (await res.json()) as { invites: CreateBoardResponse['invites'] };
    expect((await joinWith(added.key)).status).toBe(403);
    expect((await joinWith(board.invites.participant)).status).toBe(403);
    expect((await joinWith(invites.participant)).status).toBe(200);
    const listed = await list();
    expect(listed.map((i) => [i.role, i.label, i.createdBy?.name])).toEqual([
      ['facilitator', 'Replaced all links', 'Gil'],
      ['participant', 'Replaced all links', 'Gil'],
      ['viewer', 'Replaced all links', 'Gil'],
    ]);
  });
});
