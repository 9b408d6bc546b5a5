import { loadConfig } from '../../server/config';
import { createMetrics } from '../../server/metrics';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../../shared/protocol';
import { parseRoomName } from '../../shared/roles';
import { SqliteStore } from '../../server/store/sqlite';
import { AWARENESS_TICK_MS, Connection, Room } from '../../server/sync/room';
import { eventually } from '../helpers/poll';

/** A socket that just keeps what the room sends it. */
function fakeSocket() {
  const sent: Uint8Array[] = [];
  return { sent, send: (d: Uint8Array) => sent.push(d), close: () => {} };
}

function conn(name: string, write = true) {
  const socket = fakeSocket();
  const c = new Connection(socket, { id: `user-${name}`, name, role: 'participant', color: '#000000' }, { read: true, write });
  return { c, sent: socket.sent };
}

/** An awareness frame from a client of its own, as y-websocket would send it. */
function awarenessFrame(doc: Y.Doc, state: Record<string, unknown>): { frame: Uint8Array; awareness: awarenessProtocol.Awareness } {
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Awareness);
  encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  return { frame: encoding.toUint8Array(enc), awareness };
}

function awarenessStates(frames: Uint8Array[]): Map<number, unknown>[] {
  return frames
    .map((f) => decoding.createDecoder(f))
    .filter((d) => decoding.readVarUint(d) === MessageType.Awareness)
    .map((d) => {
      const target = new awarenessProtocol.Awareness(new Y.Doc());
      awarenessProtocol.applyAwarenessUpdate(target, decoding.readVarUint8Array(d), null);
      const states = new Map(target.getStates());
      states.delete(target.clientID);
      return states;
    });
}

describe('room awareness relay', () => {
  it('batches cursor moves into one frame per tick with the newest state, not echoed to the sender', async () => {
    const store = new SqliteStore(':memory:');
    const room = await Room.load(parseRoomName('boardroom01')!, store, { log: () => {}, limits: loadConfig({}), metrics: createMetrics() });
    const a = conn('Ada');
    const b = conn('Bo');
    room.join(a.c);
    room.join(b.c);
    // Joining also sends document updates (the people map): count presence frames only.
    const presenceFrames = (sent: Uint8Array[]) => awarenessStates(sent).length;
    const startA = presenceFrames(a.sent);
    const startB = b.sent.length;
    const doc = new Y.Doc();
    const first = awarenessFrame(doc, { cursor: { x: 1, y: 1, view: 'main' } });
    room.receive(a.c, first.frame);
    for (let x = 2; x <= 5; x++) {
      first.awareness.setLocalStateField('cursor', { x, y: 1, view: 'main' });
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.Awareness);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(first.awareness, [doc.clientID]));
      room.receive(a.c, encoding.toUint8Array(enc));
    }
    await eventually(() => expect(presenceFrames(b.sent.slice(startB))).toBe(1), AWARENESS_TICK_MS * 20);
    const [states] = awarenessStates(b.sent.slice(startB));
    const state = states!.get(doc.clientID) as { cursor: unknown; user: { name: string } };
    expect(state.cursor).toEqual({ x: 5, y: 1, view: 'main' });
    // Identity comes from the connection, not from the client.
    expect(state.user.name).toBe('Ada');
    await new Promise((r) => setTimeout(r, AWARENESS_TICK_MS * 3));
    expect(presenceFrames(a.sent) - startA).toBe(0);
    room.leave(a.c);
    await eventually(() => {
      const last = awarenessStates(b.sent.slice(startB)).at(-1)!;
      expect(last.has(doc.clientID)).toBe(false);
    });
    room.destroy();
    await store.close();
  });
});
