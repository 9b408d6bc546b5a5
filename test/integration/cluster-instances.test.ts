import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type * as Y from 'yjs';
import { createBoard, connectClient, join, rawConnect, synced, tempDataDir, testServer } from '../helpers/server';
import { eventually } from '../helpers/poll';
import { dropSchemas, needService, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueSchema } from '../helpers/services';
import { addShape, boardMaps, newId } from '../../shared/model/board-doc';

const available = (await needService('PostgreSQL')) && (await needService('Redis'));
const schema = uniqueSchema();
const limitsSchema = uniqueSchema();
const dirs = [tempDataDir(), tempDataDir(), tempDataDir()];
afterAll(async () => {
  for (const d of dirs) d.remove();
  if (!available) return;
  await dropSchemas([schema, limitsSchema]);
  const r = new Redis(TEST_REDIS_URL, { protocol: 2 });
  const keys = [...(await r.keys(`tb:${schema}:*`)), ...(await r.keys(`tb:${limitsSchema}:*`))];
  if (keys.length) await r.del(...keys);
  r.disconnect();
});

const note = (doc: Y.Doc, text: string) => addShape(doc, { kind: 'note', id: newId(), text, pos: { x: 0, y: 0 } }).id;
const has = (doc: Y.Doc, id: string) => boardMaps(doc).shapes.has(id);

describe.runIf(available)('two instances on one PostgreSQL and one Redis', () => {
  it('relays edits and cursors between clients on different instances, live, and a fresh loader holds every edit', async () => {
    const stored = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, SECRET: 'x'.repeat(40) };
    const env = { ...stored, REDIS_URL: TEST_REDIS_URL };
    const [one, two] = await Promise.all([testServer(dirs[0]!.dir, env), testServer(dirs[1]!.dir, env)]);
    const board = await createBoard(one, 'Ventilator');
    const ana = await join(one, board, 'participant', 'Ana');
    const bo = await join(two, board, 'participant', 'Bo');
    const a = connectClient(one, board.id, ana.token);
    const b = connectClient(two, board.id, bo.token);
    try {
      await Promise.all([synced(a), synced(b)]);
      const ids = [note(a.doc, 'from one')];
      await eventually(() => expect(has(b.doc, ids[0]!)).toBe(true));
      ids.push(note(b.doc, 'from two'));
      await eventually(() => expect(has(a.doc, ids[1]!)).toBe(true));
      // A burst from both sides converges.
      for (let i = 0; i < 20; i++) ids.push(note(i % 2 ? a.doc : b.doc, `burst ${i}`));
      await eventually(() => {
        expect(ids.filter((id) => !has(a.doc, id))).toEqual([]);
        expect(ids.filter((id) => !has(b.doc, id))).toEqual([]);
      });

      // Cursors cross instances, with the user the first instance stamped from the token.
      a.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20, view: 'main' });
      b.provider.awareness.setLocalStateField('cursor', { x: 30, y: 40, view: 'main' });
      const cursorOf = (c: typeof a, userId: string) =>
        [...c.provider.awareness.getStates().values()].find((s) => (s as { user?: { id: string } }).user?.id === userId)?.cursor;
      await eventually(() => {
        expect(cursorOf(b, ana.userId)).toEqual({ x: 10, y: 20, view: 'main' });
        expect(cursorOf(a, bo.userId)).toEqual({ x: 30, y: 40, view: 'main' });
      });

      // Threat numbers are handed out by one instance only (the board's lease holder): no number twice.
      const threats = [a, b, a, b].map((c, i) => addShape(c.doc, { kind: 'threat', id: newId(), title: `threat ${i}` }).id);
      ids.push(...threats);
      const nums = (c: typeof a) => threats.map((id) => boardMaps(c.doc).shapes.get(id)?.get('num'));
      await eventually(() => {
        expect(new Set(nums(a)).size).toBe(threats.length);
        expect(nums(a).every((n) => typeof n === 'number')).toBe(true);
        expect(nums(b)).toEqual(nums(a));
      });

      // A third instance loading from PostgreSQL alone holds every edit.
      const three = await testServer(dirs[2]!.dir, stored);
      const loader = connectClient(three, board.id, ana.token);
      try {
        await eventually(() => expect(ids.filter((id) => !has(loader.doc, id))).toEqual([]));
      } finally {
        loader.destroy();
        await three.close();
      }
    } finally {
      a.destroy();
      b.destroy();
      await Promise.all([one.close(), two.close()]);
    }
  }, 60_000);

  it('counts the HTTP rate limit across instances (hits in Redis)', async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: limitsSchema, REDIS_URL: TEST_REDIS_URL, SECRET: 'x'.repeat(40), RATE_JOIN_PER_MIN: '3' };
    const [one, two] = await Promise.all([testServer(dirs[0]!.dir, env), testServer(dirs[1]!.dir, env)]);
    try {
      const board = await createBoard(one, 'Limits');
      const joinAt = (s: typeof one) =>
        fetch(`${s.url}/api/boards/${board.id}/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ invite: board.invites.participant, name: 'Cy' }),
        }).then((r) => r.status);
      const statuses = [await joinAt(one), await joinAt(two), await joinAt(one), await joinAt(two)];
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 30_000);

  it("closes a removed person's sockets on every instance", async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: TEST_REDIS_URL, SECRET: 'x'.repeat(40) };
    const [one, two] = await Promise.all([testServer(dirs[0]!.dir, env), testServer(dirs[1]!.dir, env)]);
    try {
      const board = await createBoard(one, 'Removal');
      const fay = await join(one, board, 'facilitator', 'Fay');
      const max = await join(two, board, 'participant', 'Max');
      const r = await rawConnect(`${two.url.replace('http', 'ws')}/sync/${board.id}?token=${encodeURIComponent(max.token)}`);
      if (!r.ws) throw new Error(`upgrade refused with ${r.status}`);
      const closed = new Promise<number>((resolve) => r.ws!.on('close', (code) => resolve(code)));
      const res = await fetch(`${one.url}/api/boards/${board.id}/members/${max.userId}/remove`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fay.token}` },
      });
      expect(res.status).toBe(200);
      expect(await closed).toBe(4410);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 30_000);
});
