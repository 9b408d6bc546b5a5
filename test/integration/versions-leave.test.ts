import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addShape, boardMaps } from '../../shared/model/board-doc';
import { readPeople } from '../../shared/model/people';
import { parseBackup } from '../../shared/formats/board-data';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import type { VersionInfo, VersionList } from '../../shared/versions';
import type { RunningServer } from '../../server/server';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

/**
 * The version kept when someone leaves: "what changed since I was last here" compares the board with the
 * state at the person's `lastSeenAt`. Made once when people leave after a change, never when nothing changed.
 */
let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let board: CreateBoardResponse;
const clients: TestClient[] = [];

beforeEach(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
  board = await createBoard(server, 'Leaving board');
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  data.remove();
});

async function open(session: JoinResponse): Promise<TestClient> {
  const c = connectClient(server, board.id, session.token);
  clients.push(c);
  await synced(c);
  return c;
}

function close(c: TestClient): void {
  clients.splice(clients.indexOf(c), 1);
  c.destroy();
}

async function versions(token: string): Promise<VersionInfo[]> {
  const res = await fetch(`${server.url}/api/boards/${board.id}/versions`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as VersionList).versions;
}

async function notes(token: string, v: VersionInfo): Promise<string[]> {
  const res = await fetch(`${server.url}/api/boards/${board.id}/versions/${v.id}`, { headers: { authorization: `Bearer ${token}` } });
  const r = parseBackup(await res.json());
  if (!r.ok) throw new Error('unreadable version');
  return r.value.shapes.flatMap((s) => (s.kind === 'note' ? [s.text] : []));
}

const left = (vs: VersionInfo[]) => vs.filter((v) => v.reason === 'left');

describe('a version when people leave', () => {
  it('is made once when people leave after a change, at the time the leaver was last seen, and not when nothing changed', async () => {
    const faySession = await join(server, board, 'facilitator', 'Fay');
    const patSession = await join(server, board, 'participant', 'Pat');
    const olgaSession = await join(server, board, 'participant', 'Olga');
    const fay = await open(faySession);
    const pat = await open(patSession);
    const olga = await open(olgaSession);

    // The first leave on a board without any version keeps one: the base of that person's next summary.
    close(olga);
    await eventually(async () => expect(left(await versions(faySession.token))).toHaveLength(1));

    addShape(pat.doc, { kind: 'note', id: 'n1', text: 'seen by Pat' });
    await eventually(() => expect(boardMaps(fay.doc).shapes.has('n1')).toBe(true));
    close(pat);
    await eventually(async () => expect(left(await versions(faySession.token))).toHaveLength(2));
    const [latest] = left(await versions(faySession.token));
    const patLastSeen = await eventually(() => {
      const at = readPeople(fay.doc).get(patSession.userId)?.lastSeenAt;
      expect(at).toBeTypeOf('number');
      return at!;
    });
    expect(latest!.createdAt).toBe(patLastSeen);
    expect(latest!.createdBy).toBe('server');
    expect(await notes(faySession.token, latest!)).toEqual(['seen by Pat']);

    // Nothing changed since: Pat coming back and leaving again, and Olga, make no version.
    const pat2 = await open(patSession);
    const olga2 = await open(olgaSession);
    close(pat2);
    close(olga2);
    await eventually(() => {
      const people = readPeople(fay.doc);
      expect(people.get(patSession.userId)!.lastSeenAt).toBeGreaterThan(patLastSeen);
      expect(people.get(olgaSession.userId)!.lastSeenAt).toBeGreaterThan(patLastSeen);
    });
    expect(left(await versions(faySession.token))).toHaveLength(2);

    // A change, then the last two people leaving together: one more version, not two.
    boardMaps(fay.doc).shapes.get('n1')!.set('text', 'changed by Fay');
    const pat3 = await open(patSession);
    await eventually(() => expect(boardMaps(pat3.doc).shapes.get('n1')?.get('text')).toBe('changed by Fay'));
    close(pat3);
    close(fay);
    await eventually(async () => expect(left(await versions(faySession.token))).toHaveLength(3));
    const watcher = await open(olgaSession);
    await eventually(() => expect(readPeople(watcher.doc).get(faySession.userId)!.lastSeenAt).not.toBeNull());
    expect(left(await versions(faySession.token))).toHaveLength(3);
    expect(await notes(faySession.token, left(await versions(faySession.token))[0]!)).toEqual(['changed by Fay']);
  });
});
