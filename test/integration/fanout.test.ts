import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { RedisFanout, type Fanout } from '../../server/cluster/fanout';
import { eventually } from '../helpers/poll';
import { freePort } from '../helpers/ports';
import { RedisProcess } from '../helpers/redis-process';
import { needService, TEST_REDIS_URL } from '../helpers/services';

const available = await needService('Redis');
const prefix = `tb-test-${randomBytes(4).toString('hex')}:`;
const open: Fanout[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

function fanout(url = TEST_REDIS_URL): RedisFanout {
  const f = new RedisFanout(url, { prefix });
  open.push(f);
  return f;
}

/**
 * An instance's copy of one document, wired as a room would be: what it accepts (local edits) is stored and
 * then published; what arrives from peers is applied with a remote origin and never published again.
 */
function instance(f: Fanout, name: string, store: Uint8Array[]) {
  const doc = new Y.Doc();
  const REMOTE = Symbol('remote');
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    store.push(update);
    void f.publish(name, 'update', update);
  });
  const apply = (_kind: string, data: Uint8Array) => Y.applyUpdate(doc, data, REMOTE);
  const reload = () => {
    for (const u of store) Y.applyUpdate(doc, u, REMOTE);
  };
  return { doc, apply, reload, items: () => doc.getArray<string>('items').toArray() };
}

describe.runIf(available)('Redis fan-out', () => {
  it('lets two instances exchange document updates and presence, never echoing to the sender', async () => {
    const a = fanout();
    const b = fanout();
    const store: Uint8Array[] = [];
    const onA = instance(a, 'room-1', store);
    const onB = instance(b, 'room-1', store);
    const seenByA: string[] = [];
    await a.join('room-1', (kind, data) => {
      seenByA.push(kind);
      onA.apply(kind, data);
    });
    const presenceAtB: string[] = [];
    await b.join('room-1', (kind, data) => (kind === 'awareness' ? presenceAtB.push(Buffer.from(data).toString()) : onB.apply(kind, data)));

    onA.doc.getArray<string>('items').push(['from A']);
    await eventually(() => expect(onB.items()).toEqual(['from A']));
    onB.doc.getArray<string>('items').push(['from B']);
    await eventually(() => expect(onA.items()).toEqual(['from A', 'from B']));
    await a.publish('room-1', 'awareness', new TextEncoder().encode('cursor of A'));
    await eventually(() => expect(presenceAtB).toEqual(['cursor of A']));
    // A received exactly B's one update: none of its own came back.
    expect(seenByA).toEqual(['update']);
  });

  it('keeps documents apart', async () => {
    const a = fanout();
    const b = fanout();
    const got: string[] = [];
    await b.join('room-x', (_k, d) => got.push(`x:${Buffer.from(d)}`));
    await b.join('room-y', (_k, d) => got.push(`y:${Buffer.from(d)}`));
    await a.publish('room-y', 'update', Buffer.from('1'));
    await a.publish('room-z', 'update', Buffer.from('2'));
    await a.publish('room-x', 'update', Buffer.from('3'));
    await eventually(() => expect(got).toEqual(['y:1', 'x:3']));
  });

  it('lets a late instance load from the store and then catch up without a gap', async () => {
    const a = fanout();
    const store: Uint8Array[] = [];
    const onA = instance(a, 'room-2', store);
    await a.join('room-2', onA.apply);
    for (const t of ['one', 'two']) onA.doc.getArray<string>('items').push([t]);

    const c = fanout();
    const since = await c.position('room-2');
    const loaded = [...store]; // the load from PostgreSQL
    // Written after the load but before the late instance subscribed: it must still arrive.
    onA.doc.getArray<string>('items').push(['in the window']);
    const onC = instance(c, 'room-2', []);
    for (const u of loaded) Y.applyUpdate(onC.doc, u);
    await c.join('room-2', onC.apply, { since });
    onA.doc.getArray<string>('items').push(['after']);
    await eventually(() => expect(onC.items()).toEqual(['one', 'two', 'in the window', 'after']));
    // catchUp reads the same messages on demand.
    expect((await c.catchUp('room-2', since)).map((m) => m.kind)).toEqual(['update', 'update']);
  });

  it('resubscribes after Redis restarts, delivers what was published meanwhile and asks rooms to merge from the store', async () => {
    const redis = new RedisProcess(await freePort());
    await redis.start();
    try {
      const a = fanout(redis.url);
      const b = fanout(redis.url);
      const store: Uint8Array[] = [];
      const onA = instance(a, 'room-3', store);
      const onB = instance(b, 'room-3', store);
      let gapsAtB = 0;
      await a.join('room-3', onA.apply);
      await b.join('room-3', onB.apply, {
        onGap: () => {
          gapsAtB++;
          onB.reload();
        },
      });
      onA.doc.getArray<string>('items').push(['before']);
      await eventually(() => expect(onB.items()).toEqual(['before']));

      await redis.kill();
      onA.doc.getArray<string>('items').push(['while down']);
      await redis.start();

      await eventually(() => expect(gapsAtB).toBeGreaterThan(0), 15_000);
      await eventually(() => expect(onB.items()).toEqual(['before', 'while down']), 15_000);
      // Live again, both ways.
      onB.doc.getArray<string>('items').push(['after, from B']);
      await eventually(() => expect(onA.items()).toEqual(['before', 'while down', 'after, from B']), 15_000);
      // Closing does not wait for a Redis that is gone.
      await redis.kill();
      await Promise.all(open.splice(0).map((f) => f.close()));
    } finally {
      await redis.kill();
    }
  });
});

afterAll(async () => {
  if (!available) return;
  // Remove this run's streams from the shared Redis.
  const { Redis } = await import('ioredis');
  const r = new Redis(TEST_REDIS_URL, { protocol: 2 });
  const keys = await r.keys(`${prefix}*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
});
