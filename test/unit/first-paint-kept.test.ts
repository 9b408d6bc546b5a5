import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config';
import { SqliteStore } from '../../server/store/sqlite';
import { RoomRegistry } from '../../server/sync/registry';
import type { BoardShapes } from '../../shared/api';
import { addShape, initBoard } from '../../shared/model/board-doc';
import { parseRoomName } from '../../shared/roles';
import { eventually } from '../helpers/poll';

const BOARD = 'keptboard01';
const ref = parseRoomName(BOARD)!;
const note = (i: number) => ({ kind: 'note' as const, id: `note${String(i).padStart(8, '0')}`, pos: { x: i * 10, y: 0 }, text: `Note ${i}`, z: `a${i}` });
const texts = (zipped: Uint8Array) => (JSON.parse(gunzipSync(zipped).toString()) as BoardShapes).shapes.map((s) => (s.kind === 'note' ? s.text : ''));

/**
 * An unloaded board's first-paint list comes from what the server kept when it unloaded the room, without
 * loading it again, and only while the store still holds exactly the snapshot the list was read from.
 */
describe("an unloaded board's first-paint list", () => {
  it('is answered without loading the room, and read again after any change to the stored board', async () => {
    const store = new SqliteStore(':memory:');
    const seed = new Y.Doc();
    initBoard(seed, 'Kept');
    addShape(seed, note(1));
    addShape(seed, note(2));
    await store.append(BOARD, Y.encodeStateAsUpdate(seed));
    const registry = new RoomRegistry({ store, idleMs: 50, limits: loadConfig({}) });

    // Never loaded by this process: the room is loaded to read it.
    expect(texts(await registry.shapesList(ref))).toEqual(['Note 1', 'Note 2']);
    expect(registry.size).toBeGreaterThan(0);
    await eventually(() => expect(registry.size).toBe(0));
    // Unloaded from a snapshot it loaded unchanged: the kept list, and the room stays unloaded.
    expect(texts(await registry.shapesList(ref))).toEqual(['Note 1', 'Note 2']);
    expect(registry.size).toBe(0);

    // Someone else (another instance) changed the stored board: not the kept list.
    addShape(seed, note(3));
    await store.append(BOARD, Y.encodeStateAsUpdate(seed));
    expect(texts(await registry.shapesList(ref))).toEqual(['Note 1', 'Note 2', 'Note 3']);
    expect(registry.size).toBeGreaterThan(0);
    await eventually(() => expect(registry.size).toBe(0));

    // Changed in the loaded room: the snapshot written at unload and the list kept with it.
    const room = await registry.get(ref);
    // Asked for while loaded (someone opening it), then changed within the second a list may be reused.
    expect(texts(await registry.shapesList(ref))).toEqual(['Note 1', 'Note 2', 'Note 3']);
    room.transact((doc) => addShape(doc, note(4)));
    registry.released(room);
    await eventually(() => expect(registry.size).toBe(0));
    expect(await store.load(BOARD)).toHaveLength(1);
    expect(texts(await registry.shapesList(ref))).toEqual(['Note 1', 'Note 2', 'Note 3', 'Note 4']);
    expect(registry.size).toBe(0);
  });
});
