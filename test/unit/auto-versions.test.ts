import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config';
import { createMetrics } from '../../server/metrics';
import { SqliteStore } from '../../server/store/sqlite';
import { RoomRegistry } from '../../server/sync/registry';
import { Connection, Room } from '../../server/sync/room';
import { attachVersions } from '../../server/versions/service';
import { addShape, boardMaps, initBoard } from '../../shared/model/board-doc';
import { initFacilitation, startBrainstorm, stopBrainstorm } from '../../shared/facilitation/doc';
import { parseRoomName } from '../../shared/roles';
import { eventually } from '../helpers/poll';

const BOARD = 'autoboard01';

async function setup(intervalMs: number) {
  const store = new SqliteStore(':memory:');
  const seed = new Y.Doc();
  initBoard(seed, 'Auto');
  await store.append(BOARD, Y.encodeStateAsUpdate(seed));
  const fac = new Y.Doc();
  initFacilitation(fac);
  await store.append(`${BOARD}/facilitation`, Y.encodeStateAsUpdate(fac));
  const limits = loadConfig({});
  const registry = new RoomRegistry({ store, idleMs: 60_000, limits });
  const room = await Room.load(parseRoomName(BOARD)!, store, { log: () => {}, limits, metrics: createMetrics() });
  await attachVersions(room, { docs: store, registry, log: () => {}, intervalMs });
  const pat = new Connection({ send: () => {}, close: () => {} }, { id: 'user-pat01', name: 'Pat', role: 'participant', color: '#000000' }, { read: true, write: true });
  // An edit as the room applies one from a connection: the connection is the transaction's origin.
  const edit = (fn: (doc: Y.Doc) => void) => room.doc.transact(() => fn(room.doc), pat);
  return { store, registry, room, edit, pat };
}

describe('automatic versions', () => {
  it('keeps the state before the first edit, then one per interval while edits go on, with who changed what', async () => {
    const { store, registry, room, edit } = await setup(150);
    edit((d) => addShape(d, { kind: 'note', id: 'n1', text: 'one', createdBy: 'user-pat01' }));
    await eventually(async () => expect(await store.listVersions(BOARD)).toHaveLength(1));
    const [baseline] = await store.listVersions(BOARD);
    const before = new Y.Doc();
    Y.applyUpdate(before, (await store.getVersion(BOARD, baseline!.id))!.snapshot);
    expect(boardMaps(before).shapes.size).toBe(0);
    expect(baseline!.reason).toBe('auto');

    edit((d) => addShape(d, { kind: 'note', id: 'n2', text: 'two', createdBy: 'user-pat01' }));
    edit((d) => boardMaps(d).shapes.get('n1')!.set('createdBy', 'user-pat01'));
    await eventually(async () => expect(await store.listVersions(BOARD)).toHaveLength(2), 3000);
    const [second] = await store.listVersions(BOARD);
    expect(second!.summary.authors).toEqual([{ userId: 'user-pat01', name: 'Pat', added: 2, changed: 0, removed: 0 }]);

    edit((d) => boardMaps(d).shapes.delete('n2'));
    await eventually(async () => expect(await store.listVersions(BOARD)).toHaveLength(3), 3000);
    expect((await store.listVersions(BOARD))[0]!.summary.authors).toEqual([{ userId: 'user-pat01', name: 'Pat', added: 0, changed: 0, removed: 1 }]);

    // Nothing edited: no more versions.
    await new Promise((r) => setTimeout(r, 400));
    expect(await store.listVersions(BOARD)).toHaveLength(3);
    room.destroy();
    await registry.closeAll();
    await store.close();
  });

  it('keeps a version before a reveal', async () => {
    const { store, registry, room, edit, pat } = await setup(60 * 60_000);
    edit((d) => addShape(d, { kind: 'note', id: 'n1', text: 'one' }));
    await eventually(async () => expect(await store.listVersions(BOARD)).toHaveLength(1));
    edit((d) => addShape(d, { kind: 'note', id: 'n2', text: 'two' }));
    const fac = await registry.get(parseRoomName(`${BOARD}/facilitation`)!);
    // The facilitator's changes, as the room applies them from their connection.
    fac.doc.transact((tr) => startBrainstorm(tr.doc, 'main', Date.now()), pat);
    fac.doc.transact((tr) => stopBrainstorm(tr.doc), pat);
    await eventually(async () => expect((await store.listVersions(BOARD)).map((v) => v.reason)).toEqual(['before-reveal', 'auto']));
    room.destroy();
    await registry.closeAll();
    await store.close();
  });
});
