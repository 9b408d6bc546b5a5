import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import WebSocket from 'ws';

/**
 * Raw y-websocket protocol clients for the load generator: a `ws` socket and lib0 encoding, decoding
 * only the headers a measurement needs. Hocuspocus speaks the same messages with the document name in
 * front of each one and an authentication message first; the `Dialect` hides that difference.
 */
export type ServerKind = 'threatboard' | 'ywss' | 'hocuspocus';

export const Msg = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4 } as const;

/** Where one client connects: a WebSocket URL and, for Hocuspocus, the document name to prefix. */
export interface Endpoint {
  kind: ServerKind;
  url: string;
  doc: string;
}

function frame(ep: Endpoint, write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  if (ep.kind === 'hocuspocus') encoding.writeVarString(enc, ep.doc);
  write(enc);
  return encoding.toUint8Array(enc);
}

export function syncStep1(ep: Endpoint, doc?: Y.Doc): Uint8Array {
  return frame(ep, (enc) => {
    encoding.writeVarUint(enc, Msg.Sync);
    if (doc) syncProtocol.writeSyncStep1(enc, doc);
    else {
      encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(enc, new Uint8Array([0])); // empty state vector
    }
  });
}

export function updateFrame(ep: Endpoint, update: Uint8Array): Uint8Array {
  return frame(ep, (enc) => {
    encoding.writeVarUint(enc, Msg.Sync);
    syncProtocol.writeUpdate(enc, update);
  });
}

export function awarenessFrame(ep: Endpoint, clientId: number, clock: number, stateJson: string): Uint8Array {
  return frame(ep, (enc) => {
    encoding.writeVarUint(enc, Msg.Awareness);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, stateJson);
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
  });
}

function authFrame(ep: Endpoint): Uint8Array {
  return frame(ep, (enc) => {
    encoding.writeVarUint(enc, Msg.Auth);
    encoding.writeVarUint(enc, 0);
    encoding.writeVarString(enc, 'bench');
  });
}

/** The header of a received frame: message type, sync sub-type and the payload (a view, not a copy). */
export interface Header {
  type: number;
  syncType: number;
  payload: Uint8Array;
}

export function readHeader(ep: Endpoint, data: Uint8Array): Header {
  const dec = decoding.createDecoder(data);
  if (ep.kind === 'hocuspocus') decoding.readVarString(dec);
  const type = decoding.readVarUint(dec);
  if (type === Msg.Sync || type === Msg.SyncReply) {
    const syncType = decoding.readVarUint(dec);
    return { type: Msg.Sync, syncType, payload: decoding.readVarUint8Array(dec) };
  }
  if (type === Msg.Awareness) return { type, syncType: -1, payload: decoding.readVarUint8Array(dec) };
  return { type, syncType: -1, payload: new Uint8Array(0) };
}

/** Each entry of an awareness update: client id and state JSON (only for clients that measure cursors). */
export function readAwareness(payload: Uint8Array): { clientId: number; state: string }[] {
  const dec = decoding.createDecoder(payload);
  const n = decoding.readVarUint(dec);
  const out: { clientId: number; state: string }[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(dec);
    decoding.readVarUint(dec);
    out.push({ clientId, state: decoding.readVarString(dec) });
  }
  return out;
}

export interface RawClient {
  ws: WebSocket;
  ep: Endpoint;
  /** Resolves when the server's answer to our sync step 1 (sync step 2) has arrived. */
  synced: Promise<void>;
  send(data: Uint8Array): void;
}

/**
 * Open a socket, say hello (auth for Hocuspocus, then sync step 1) and call `onFrame` with every frame's
 * header. A client with a `doc` applies every update it receives to that Y.Doc and answers the server's
 * own sync step 1, so it ends up with the full document.
 */
export function connectRaw(ep: Endpoint, onFrame: (h: Header, bytes: number) => void, doc?: Y.Doc): RawClient {
  const ws = new WebSocket(ep.url, { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  let resolveSynced!: () => void;
  let rejectSynced!: (e: Error) => void;
  const synced = new Promise<void>((res, rej) => {
    resolveSynced = res;
    rejectSynced = rej;
  });
  const client: RawClient = {
    ws,
    ep,
    synced,
    send: (data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
  };
  ws.on('open', () => {
    if (ep.kind === 'hocuspocus') ws.send(authFrame(ep));
    ws.send(syncStep1(ep, doc));
  });
  ws.on('error', (e) => rejectSynced(e));
  ws.on('close', (code) => rejectSynced(new Error(`closed with ${code} before sync`)));
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const h = readHeader(ep, bytes);
    if (h.type === Msg.Sync) {
      if (h.syncType === syncProtocol.messageYjsSyncStep2) resolveSynced();
      if (doc) {
        if (h.syncType === syncProtocol.messageYjsSyncStep1) {
          client.send(
            frame(ep, (enc) => {
              encoding.writeVarUint(enc, Msg.Sync);
              syncProtocol.writeSyncStep2(enc, doc, h.payload);
            }),
          );
        } else Y.applyUpdate(doc, h.payload, 'remote');
      }
    }
    onFrame(h, data.byteLength);
  });
  return client;
}

/**
 * Edits carry their sequence number and send time as text, `⟦seq:ms⟧`: a Yjs (v1) update stores
 * strings verbatim, so a receiver finds them with a byte search instead of decoding the update.
 */
const OPEN = Buffer.from('⟦');
const CLOSE = Buffer.from('⟧');

export function editText(seq: number, sentAt: number): string {
  return `Edit ⟦${seq}:${sentAt.toFixed(3)}⟧`;
}

export function findEdits(payload: Uint8Array): { seq: number; sentAt: number }[] {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const out: { seq: number; sentAt: number }[] = [];
  let i = buf.indexOf(OPEN);
  while (i >= 0) {
    const end = buf.indexOf(CLOSE, i);
    if (end < 0) break;
    const [seq, ms] = buf.toString('utf8', i + OPEN.length, end).split(':');
    out.push({ seq: Number(seq), sentAt: Number(ms) });
    i = buf.indexOf(OPEN, end);
  }
  return out;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
