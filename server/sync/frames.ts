import type * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../../shared/protocol';

/** The y-websocket frames a room sends, each encoded once and sent to as many sockets as need it. */

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Sync);
  syncProtocol.writeSyncStep1(enc, doc);
  return encoding.toUint8Array(enc);
}

/** Sync step 2: what `doc` holds beyond the state vector the client sent. */
export function syncStep2Frame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Sync);
  encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Sync);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

/** The awareness states of `clients` as one frame. */
export function awarenessStatesFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Awareness);
  encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(enc);
}

/** One awareness entry as y-protocols encodes it: client id, clock, state as JSON ('null' when gone). */
export function awarenessEntry(id: number, clock: number, state: unknown): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, id);
  encoding.writeVarUint(enc, clock);
  encoding.writeVarString(enc, JSON.stringify(state ?? null));
  return encoding.toUint8Array(enc);
}

/** An awareness update from pre-encoded entries: the same bytes `encodeAwarenessUpdate` would write. */
export function awarenessUpdate(entries: Uint8Array[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const e of entries) encoding.writeUint8Array(update, e);
  return encoding.toUint8Array(update);
}

/** An awareness message (frame) from pre-encoded entries. */
export function awarenessFrame(entries: Uint8Array[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Awareness);
  encoding.writeVarUint8Array(enc, awarenessUpdate(entries));
  return encoding.toUint8Array(enc);
}

export function permissionDenied(reason: string): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Auth);
  encoding.writeVarUint(enc, 0); // y-protocols/auth: permission denied
  encoding.writeVarString(enc, reason);
  return encoding.toUint8Array(enc);
}
