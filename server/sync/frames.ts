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

/** Sync step 1 with an empty state vector: the first frame of a client that has nothing yet. */
export function isFreshSyncStep1(frame: Uint8Array): boolean {
  return frame.length === 4 && frame[0] === MessageType.Sync && frame[1] === syncProtocol.messageYjsSyncStep1 && frame[2] === 1 && frame[3] === 0;
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

/** One awareness entry as y-protocols encodes it: client id, clock, the state's JSON ('null' when gone). */
export function awarenessEntry(id: number, clock: number, json: string): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, id);
  encoding.writeVarUint(enc, clock);
  encoding.writeVarString(enc, json);
  return encoding.toUint8Array(enc);
}

/** An awareness update from pre-encoded entries: the same bytes `encodeAwarenessUpdate` would write. */
export function awarenessUpdate(entries: Uint8Array[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const e of entries) encoding.writeUint8Array(update, e);
  return encoding.toUint8Array(update);
}

/** Bytes of `n` as a lib0 varUint. */
function varUintLength(n: number): number {
  let len = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarUint(out: Uint8Array, at: number, n: number): number {
  while (n > 0x7f) {
    out[at++] = 0x80 | (n & 0x7f);
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

/**
 * One tick's awareness entries, each encoded once, laid end to end. Every recipient's frame is cut from
 * those bytes with a single copy: the whole batch, or the batch without the recipient's own entries.
 * (Building each such frame with lib0 encoders copied it four times; with 300 people in a room that was
 * an eighth of the server's time.)
 */
export class AwarenessBatch {
  private readonly body: Uint8Array;
  private readonly spans = new Map<number, [start: number, end: number]>();
  private whole: Uint8Array | undefined;

  constructor(entries: ReadonlyMap<number, Uint8Array>) {
    let size = 0;
    for (const e of entries.values()) size += e.length;
    this.body = new Uint8Array(size);
    let at = 0;
    for (const [id, e] of entries) {
      this.body.set(e, at);
      this.spans.set(id, [at, at + e.length]);
      at += e.length;
    }
  }

  /** The frame with every entry (for a recipient with none of its own in the batch). */
  all(): Uint8Array {
    return (this.whole ??= this.frame([[0, this.body.length]], this.spans.size));
  }

  /** The frame without the entries of `own` client ids (of a recipient); undefined when nothing is left. */
  without(own: ReadonlySet<number>): Uint8Array | undefined {
    if (own.size === 0) return this.all();
    const skip = [...own].map((id) => this.spans.get(id)).filter((s) => s !== undefined).sort((a, b) => a[0] - b[0]);
    if (skip.length === 0) return this.all();
    const count = this.spans.size - skip.length;
    if (count === 0) return undefined;
    const keep: [number, number][] = [];
    let from = 0;
    for (const [start, end] of skip) {
      if (start > from) keep.push([from, start]);
      from = end;
    }
    if (from < this.body.length) keep.push([from, this.body.length]);
    return this.frame(keep, count);
  }

  private frame(keep: [number, number][], count: number): Uint8Array {
    let bodyLength = 0;
    for (const [start, end] of keep) bodyLength += end - start;
    const updateLength = varUintLength(count) + bodyLength;
    const out = new Uint8Array(varUintLength(MessageType.Awareness) + varUintLength(updateLength) + updateLength);
    let at = writeVarUint(out, 0, MessageType.Awareness);
    at = writeVarUint(out, at, updateLength);
    at = writeVarUint(out, at, count);
    for (const [start, end] of keep) {
      out.set(this.body.subarray(start, end), at);
      at += end - start;
    }
    return out;
  }
}

export function permissionDenied(reason: string): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Auth);
  encoding.writeVarUint(enc, 0); // y-protocols/auth: permission denied
  encoding.writeVarString(enc, reason);
  return encoding.toUint8Array(enc);
}
