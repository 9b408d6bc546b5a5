import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join as pathJoin } from 'node:path';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { addShape, deleteShapes, newId } from '../../shared/model/board-doc';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import { MessageType } from '../../shared/protocol';
import type { Role } from '../../shared/roles';
import type { RunningServer } from '../../server/server';
import { ServerProcess } from '../e2e/server-process';
import { dropSchemas, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueSchema } from '../helpers/services';
import { freePort } from '../helpers/ports';
import { EXPORT_FORMATS as REGISTERED_FORMATS } from '../../shared/formats/registry';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, type TestClient } from '../helpers/server';

/**
 * What the fuzz and regression tests share: a Threatboard server in a child process (so that a crash shows
 * as a dead process, not a dead test runner), people with their documents open, raw sockets and
 * hand-encoded Yjs updates that no well-behaved client would produce.
 */

export const EXPORT_FORMATS = REGISTERED_FORMATS.map((f) => f.id);

/** The tests create many boards from one address: HTTP rate limits are tested on their own. */
const GENEROUS_HTTP_LIMITS = { RATE_CREATE_PER_MIN: '100000', RATE_JOIN_PER_MIN: '100000', RATE_IMPORT_PER_MIN: '100000', RATE_SHAPES_PER_MIN: '100000' };

/** A server process of our own with a fresh data directory; `clients` opened through it are closed by `stop`. */
export class Harness {
  readonly clients: TestClient[] = [];
  readonly sockets: WebSocket[] = [];
  private constructor(
    readonly proc: ServerProcess,
    private readonly schema: string | null,
  ) {}

  /**
   * With FUZZ_CLUSTER=1 the server runs in cluster mode (PostgreSQL in a fresh schema + Redis fan-out),
   * so the same fuzz proves the cluster path: `npm run test:fuzz:cluster`.
   */
  static async start(env: Record<string, string> = {}): Promise<Harness> {
    // A directory the server has to create itself, so the tests see the permissions it chooses.
    const dir = pathJoin(mkdtempSync(pathJoin(tmpdir(), 'threatboard-fuzz-')), 'data');
    const schema = process.env.FUZZ_CLUSTER === '1' ? uniqueSchema() : null;
    const cluster: Record<string, string> = schema ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: TEST_REDIS_URL } : {};
    const h = new Harness(new ServerProcess(await freePort(), dir, { ...GENEROUS_HTTP_LIMITS, ...cluster, ...env }), schema);
    await h.proc.start();
    return h;
  }

  get url(): string {
    return this.proc.url;
  }

  /** The helpers of test/helpers/server.ts only need the server's URL. */
  get server(): RunningServer {
    return { url: this.proc.url } as RunningServer;
  }

  get alive(): boolean {
    return this.proc.alive;
  }

  /** Resident memory of the server process, bytes (Linux). */
  rss(): number {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : 0;
  }

  async health(): Promise<number> {
    try {
      return (await fetch(`${this.url}/api/health`)).status;
    } catch {
      return 0;
    }
  }

  board(title = 'Fuzz board', template?: string): Promise<CreateBoardResponse> {
    if (!template) return createBoard(this.server, title);
    return fetch(`${this.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, template }),
    }).then((r) => r.json() as Promise<CreateBoardResponse>);
  }

  join(board: CreateBoardResponse, role: Role, name: string = role): Promise<JoinResponse> {
    return join(this.server, board, role, name);
  }

  /** A stock y-websocket provider, synced. */
  async open(room: string, token: string, record?: Uint8Array[]): Promise<TestClient> {
    const c = connectClient(this.server, room, token, { record });
    this.clients.push(c);
    await synced(c);
    return c;
  }

  /** Someone with their three documents open, as on the board page. */
  async person(board: CreateBoardResponse, role: Role, name: string = role) {
    const session = await this.join(board, role, name);
    return {
      session,
      board: await this.open(board.id, session.token),
      fac: await this.open(`${board.id}/facilitation`, session.token),
      priv: await this.open(`${board.id}/private/${session.userId}`, session.token),
    };
  }

  /** A raw socket to a room, for frames a stock provider would never send. */
  async raw(room: string, token: string): Promise<RawSocket> {
    const ws = new WebSocket(`${this.url.replace('http', 'ws')}/sync/${room}?token=${encodeURIComponent(token)}`);
    this.sockets.push(ws);
    const received: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      // Before it opens, an error (e.g. the server is gone) ends the attempt.
      ws.once('error', (err) => reject(err));
    });
    return {
      ws,
      received,
      closed,
      send: (frame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      },
    };
  }

  /** A raw socket, or null when the server refuses the upgrade (a role that may not open that document). */
  async tryRaw(room: string, token: string): Promise<RawSocket | null> {
    try {
      return await this.raw(room, token);
    } catch (err) {
      if (String(err).includes('upgrade refused')) return null;
      throw err;
    }
  }

  /** Every export format of a board, as HTTP statuses. */
  async exportStatuses(boardId: string, token: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const format of EXPORT_FORMATS) {
      const res = await fetch(`${this.url}/api/boards/${boardId}/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      out[format] = res.status;
    }
    return out;
  }

  closeClients(): void {
    for (const c of this.clients.splice(0)) c.destroy();
    for (const s of this.sockets.splice(0)) s.terminate();
  }

  restart(): Promise<void> {
    this.closeClients();
    return this.proc.stop().then(() => this.proc.start());
  }

  async stop(): Promise<void> {
    this.closeClients();
    await this.proc.stop();
    rmSync(dirname(this.proc.dataDir), { recursive: true, force: true });
    if (this.schema) await dropSchemas([this.schema]);
  }
}

export interface RawSocket {
  ws: WebSocket;
  /** Every frame the server sent this socket. */
  received: Uint8Array[];
  /** Resolves with the close code once the socket is closed (by either side). */
  closed: Promise<number>;
  send(frame: Uint8Array): void;
}

/** Wait until a socket is closed and return the code the server gave. */
export async function closeCodeOf(sock: RawSocket, timeoutMs = 5000): Promise<number | 'open'> {
  return Promise.race([sock.closed, new Promise<'open'>((r) => setTimeout(() => r('open'), timeoutMs).unref())]);
}

// ---- frames -------------------------------------------------------------------------------------

/** A y-websocket sync "update" message carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Sync);
  encoding.writeVarUint(enc, 2);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

/** An awareness message with the given entries; states are JSON strings as sent (so they may be anything). */
export function awarenessFrame(entries: Iterable<[clientId: number, clock: number, state: string]>): Uint8Array {
  const list = [...entries];
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, list.length);
  for (const [id, clock, state] of list) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, state);
  }
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Awareness);
  encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
  return encoding.toUint8Array(enc);
}

/** Content refs of the Yjs v1 update format. */
const CONTENT_JSON = 2;
const CONTENT_ANY = 8;

/**
 * An update of one struct, by `client` at clock 0: a `ContentJSON` item holding `json` (a raw JSON text), set
 * as `key` of the root map `root`. Yjs no longer writes this content kind, but it still reads it.
 */
export function contentJsonUpdate(client: number, root: string, key: string, json: string): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 1); // clients
  encoding.writeVarUint(enc, 1); // structs of this client
  encoding.writeVarUint(enc, client);
  encoding.writeVarUint(enc, 0); // clock
  encoding.writeUint8(enc, CONTENT_JSON | 0x20); // info: parentSub, no origins
  encoding.writeVarUint(enc, 1); // parent is a root type, by name
  encoding.writeVarString(enc, root);
  encoding.writeVarString(enc, key);
  encoding.writeVarUint(enc, 1); // one JSON value
  encoding.writeVarString(enc, json);
  encoding.writeVarUint(enc, 0); // empty delete set
  return encoding.toUint8Array(enc);
}

/**
 * A map value whose left origin is a struct the server has not seen yet, `origin`: the server holds it as
 * pending and integrates it inside the transaction of whoever later sends that struct. Parent and key are
 * taken from the origin, so if `origin` is the facilitator's next `meta.title` write, this becomes the title.
 */
export function pendingValueUpdate(client: number, origin: { client: number; clock: number }, value: unknown): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 1);
  encoding.writeVarUint(enc, 1);
  encoding.writeVarUint(enc, client);
  encoding.writeVarUint(enc, 0);
  encoding.writeUint8(enc, CONTENT_ANY | 0x80); // info: has a left origin
  encoding.writeVarUint(enc, origin.client);
  encoding.writeVarUint(enc, origin.clock);
  encoding.writeVarUint(enc, 1);
  encoding.writeAny(enc, value as encoding.AnyEncodable);
  encoding.writeVarUint(enc, 0);
  return encoding.toUint8Array(enc);
}

/** A JSON text of an array nested `depth` deep: parses fine, overflows any recursive stringify. */
export function deepJsonArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** The update that sets `root`.`key` to a chain of `depth` nested Y.Maps (built without recursion). */
export function deepMapChainUpdate(doc: Y.Doc, root: string, key: string, depth: number): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    let cur = new Y.Map<unknown>();
    doc.getMap(root).set(key, cur);
    for (let i = 0; i < depth; i++) {
      const next = new Y.Map<unknown>();
      cur.set('c', next);
      cur = next;
    }
  });
  return Y.encodeStateAsUpdate(doc, before);
}

/** Run `change` on `doc` and return only the update it made, without sending it anywhere. */
export function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc));
  return Y.encodeStateAsUpdate(doc, before);
}

/** Wait until the board `room` syncs for a fresh client and a change made by one member reaches another. */
export async function stillSyncs(h: Harness, board: CreateBoardResponse, timeoutMs = 10_000): Promise<void> {
  const a = await h.join(board, 'participant', 'Probe A');
  const b = await h.join(board, 'participant', 'Probe B');
  const ca = await h.open(board.id, a.token);
  const cb = await h.open(board.id, b.token);
  const note = addShape(ca.doc, { kind: 'note', id: newId(), view: 'main', text: 'probe' });
  await eventually(() => {
    if (!cb.doc.getMap('shapes').has(note.id)) throw new Error('probe edit not relayed');
  }, timeoutMs);
  deleteShapes(ca.doc, [note.id]);
  ca.destroy();
  cb.destroy();
}

export { eventually };

/** Sync step 1 with an empty state vector: the server answers with step 2, after everything sent before it. */
export function syncStep1Frame(): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Sync);
  encoding.writeVarUint(enc, 0);
  encoding.writeVarUint8Array(enc, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(enc);
}

/** True once `sock` received a sync step 2 (the answer to syncStep1Frame) or was closed. */
export function answeredOrClosed(sock: RawSocket): Promise<void> {
  return eventually(() => {
    if (sock.ws.readyState === WebSocket.CLOSED) return;
    if (!sock.received.some((f) => f[0] === MessageType.Sync && f[1] === 1)) throw new Error('no answer yet');
  }, 10_000);
}

/** The presence state `client` holds for the person `userId`, if any. */
export function presenceOf(client: TestClient, userId: string): { selection?: string[]; cursor?: unknown } | undefined {
  for (const s of client.provider.awareness.getStates().values()) {
    if ((s as { user?: { id?: string } }).user?.id === userId) return s as { selection?: string[]; cursor?: unknown };
  }
  return undefined;
}

/**
 * The document's whole state as the server sends it (sync step 1 answered by step 2), or null if the socket
 * was closed first. Clears what the socket received, so answeredOrClosed can be used again afterwards.
 */
export async function stateOver(sock: RawSocket): Promise<Uint8Array | null> {
  sock.send(syncStep1Frame());
  await answeredOrClosed(sock);
  const reply = sock.received.find((f) => f[0] === MessageType.Sync && f[1] === 1);
  sock.received.length = 0;
  if (!reply) return null;
  const d = decoding.createDecoder(reply);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}
