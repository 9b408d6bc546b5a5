import { describe, expect, it } from 'vitest';
import { boardFixture } from '../helpers/board-fixture';
import { addShape, boardMaps } from '../../shared/model/board-doc';
import { readPeople } from '../../shared/model/people';
import { parseBackup } from '../../shared/formats/board-data';
import type { VersionInfo, VersionList } from '../../shared/versions';
import { eventually } from '../helpers/poll';
import { join } from '../helpers/server';

/**
 * The version kept when someone leaves: "what changed since I was last here" compares the board with the
 * state at the person's `lastSeenAt`. Made once when people leave after a change, never when nothing changed,
 * and at most once a minute however much the others still edit (LEAVE_VERSION_MS).
 */
let fx: ReturnType<typeof boardFixture>;

async function versions(token: string): Promise<VersionInfo[]> {
  const res = await fetch(`${fx.server.url}/api/boards/${fx.board.id}/versions`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as VersionList).versions;
}

async function notes(token: string, v: VersionInfo): Promise<string[]> {
  const res = await fetch(`${fx.server.url}/api/boards/${fx.board.id}/versions/${v.id}`, { headers: { authorization: `Bearer ${token}` } });
  const r = parseBackup(await res.json());
  if (!r.ok) throw new Error('unreadable version');
  return r.value.shapes.flatMap((s) => (s.kind === 'note' ? [s.text] : []));
}

const left = (vs: VersionInfo[]) => vs.filter((v) => v.reason === 'left');

describe('a version when people leave', () => {
  // Every leave after a change gets its own version here, as it would a minute later.
  fx = boardFixture('Leaving board', { LEAVE_VERSION_MS: '0' });
  it('is made once when people leave after a change, at the time the leaver was last seen, and not when nothing changed', async () => {
    const faySession = await join(fx.server, fx.board, 'facilitator', 'Fay');
    const patSession = await join(fx.server, fx.board, 'participant', 'Pat');
    const olgaSession = await join(fx.server, fx.board, 'participant', 'Olga');
    const fay = await fx.open(faySession);
    const pat = await fx.open(patSession);
    const olga = await fx.open(olgaSession);

    // The first leave on a board without any version keeps one: the base of that person's next summary.
    fx.close(olga);
    await eventually(async () => expect(left(await versions(faySession.token))).toHaveLength(1));

    addShape(pat.doc, { kind: 'note', id: 'n1', text: 'seen by Pat' });
    await eventually(() => expect(boardMaps(fay.doc).shapes.has('n1')).toBe(true));
    fx.close(pat);
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
    const pat2 = await fx.open(patSession);
    const olga2 = await fx.open(olgaSession);
    fx.close(pat2);
    fx.close(olga2);
    await eventually(() => {
      const people = readPeople(fay.doc);
      expect(people.get(patSession.userId)!.lastSeenAt).toBeGreaterThan(patLastSeen);
      expect(people.get(olgaSession.userId)!.lastSeenAt).toBeGreaterThan(patLastSeen);
    });
    expect(left(await versions(faySession.token))).toHaveLength(2);

    // A change, then the last two people leaving together: one more version, not two.
    boardMaps(fay.doc).shapes.get('n1')!.set('text', 'changed by Fay');
    const pat3 = await fx.open(patSession);
    await eventually(() => expect(boardMaps(pat3.doc).shapes.get('n1')?.get('text')).toBe('changed by Fay'));
    fx.close(pat3);
    fx.close(fay);
    await eventually(async () => expect(left(await versions(faySession.token))).toHaveLength(3));
    const watcher = await fx.open(olgaSession);
    await eventually(() => expect(readPeople(watcher.doc).get(faySession.userId)!.lastSeenAt).not.toBeNull());
    expect(left(await versions(faySession.token))).toHaveLength(3);
    expect(await notes(faySession.token, left(await versions(faySession.token))[0]!)).toEqual(['changed by Fay']);
  });
});

describe('people leaving a board others still edit', () => {
  const board = boardFixture('Workshop end');
  it('share the version kept before them within a minute of it, unless a record was added since', async () => {
    fx = board;
    const faySession = await join(fx.server, fx.board, 'facilitator', 'Fay');
    const leavers = await Promise.all(['Pat', 'Olga', 'Quinn', 'Rita'].map((name) => join(fx.server, fx.board, 'participant', name)));
    const fay = await fx.open(faySession);
    const clients = await Promise.all(leavers.map((s) => fx.open(s)));
    const lastSeen = (i: number) => readPeople(fay.doc).get(leavers[i]!.userId)?.lastSeenAt ?? null;

    // The first edit of a board without versions keeps the state before it ('auto'), without the note.
    addShape(clients[0]!.doc, { kind: 'note', id: 'n1', text: 'one' });
    await eventually(async () => expect(await versions(faySession.token)).toHaveLength(1));
    // Fay goes on editing while the others leave, one after another: Pat's base must hold the note added
    // since that version, so he gets one; Olga and Quinn, leaving within a minute of his, share it.
    for (const [i, text] of ['two', 'three', 'four'].entries()) {
      boardMaps(fay.doc).shapes.get('n1')!.set('text', text);
      await eventually(() => expect(boardMaps(clients[i]!.doc).shapes.get('n1')?.get('text')).toBe(text));
      fx.close(clients[i]!);
      await eventually(() => expect(lastSeen(i)).toBeTypeOf('number'));
    }
    // Read after every leave was recorded: a version would have been kept by then (the first test waits
    // the same way for the ones it expects).
    await new Promise((r) => setTimeout(r, 300));
    const all = await versions(faySession.token);
    expect(all.map((v) => v.reason)).toEqual(['left', 'auto']);
    expect(await notes(faySession.token, all[0]!)).toEqual(['two']);

    // A note added since that version: Rita's base must hold it (its later removal is then listed), so her
    // leaving keeps a version of her own.
    addShape(fay.doc, { kind: 'note', id: 'n2', text: 'added' });
    await eventually(() => expect(boardMaps(clients[3]!.doc).shapes.has('n2')).toBe(true));
    fx.close(clients[3]!);
    await eventually(async () => expect((await versions(faySession.token)).map((v) => v.reason)).toEqual(['left', 'left', 'auto']));
    expect((await notes(faySession.token, left(await versions(faySession.token))[0]!)).sort()).toEqual(['added', 'four']);
  });
});
