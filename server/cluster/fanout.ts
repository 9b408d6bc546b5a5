import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export type RemoteKind = 'update' | 'awareness';
/** A message another instance published for a document: a Yjs update or an (already coalesced) awareness update. */
export type OnRemote = (kind: RemoteKind, data: Uint8Array) => void;

export interface JoinOptions {
  /**
   * Deliver what was published after this stream position (from `position()`), not only what comes after
   * the join: note the position, load the document from the store, then join from there — no gap.
   */
  since?: string;
  /**
   * Messages may have been lost (Redis restarted or was unreachable): reload the document from the store
   * and merge it (Yjs updates are idempotent). Live delivery has already resumed when this is called.
   */
  onGap?: () => void;
}

/**
 * Spreads what one instance accepted to the other instances serving the same document. A room calls
 * `publish` for every update it has admitted, applied and stored, and for its coalesced awareness frames;
 * it applies what `onRemote` delivers as a peer-instance origin and relays it to its own clients, but never
 * publishes it again (messages carry the instance id, so an instance never receives its own).
 */
export interface Fanout {
  readonly instanceId: string;
  /** The current end of a document's stream, to pass as `since` to `join` after loading from the store. */
  position(docName: string): Promise<string>;
  join(docName: string, onRemote: OnRemote, opts?: JoinOptions): Promise<{ since: string }>;
  publish(docName: string, kind: RemoteKind, data: Uint8Array): Promise<void>;
  /** Messages of other instances after `since`, oldest first (what `join` delivers, read on demand). */
  catchUp(docName: string, since: string): Promise<Array<{ id: string; kind: RemoteKind; data: Uint8Array }>>;
  leave(docName: string): Promise<void>;
  close(): Promise<void>;
}

/** One process, no peers: rooms relay to their own clients and nothing else needs to happen. */
export class LocalFanout implements Fanout {
  readonly instanceId = randomUUID();
  async position(): Promise<string> {
    return '0-0';
  }
  async join(): Promise<{ since: string }> {
    return { since: '0-0' };
  }
  async publish(): Promise<void> {}
  async catchUp(): Promise<[]> {
    return [];
  }
  async leave(): Promise<void> {}
  async close(): Promise<void> {}
}

export interface RedisFanoutOptions {
  /** Key prefix, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** Entries kept per document stream (approximately): enough for a joiner's load-to-join window. */
  maxLen?: number;
  /** A document stream nobody writes to is deleted after this long. */
  idleTtlMs?: number;
  log?: (message: string) => void;
}

interface Joined {
  lastId: string;
  onRemote: OnRemote;
  onGap?: () => void;
}

type StreamReply = Array<[key: Buffer, entries: Array<[id: Buffer, fields: Buffer[]]>]> | null;

/** Wait for `p`, but no longer than `ms`. */
function within(ms: number, p: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise((r) => (timer = setTimeout(r, ms)))]).finally(() => clearTimeout(timer));
}

const KIND_CODE: Record<RemoteKind, string> = { update: 'u', awareness: 'a' };

/**
 * Fan-out over one Redis stream per document (XADD … MAXLEN ~, XREAD from the last id seen), as y-redis
 * does: a stream, unlike pub/sub, lets a new instance read from the position it noted before loading, and
 * lets any instance resume from its last id after a reconnect. One connection publishes; another runs a
 * single blocking XREAD over every joined document plus this instance's own wake-up stream, which `join`
 * writes to so the read restarts with the new document at once (no race: a wake-up written before the
 * read is issued is still returned by it).
 */
export class RedisFanout implements Fanout {
  readonly instanceId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly joined = new Map<string, Joined>();
  private readonly expiryRenewed = new Map<string, number>();
  private readonly prefix: string;
  private readonly maxLen: number;
  private readonly idleTtlMs: number;
  private readonly log: (message: string) => void;
  private readonly wakeKey: string;
  private wakeId = '0-0';
  private closed = false;
  private readonly loopDone: Promise<void>;

  constructor(url: string, opts: RedisFanoutOptions = {}) {
    this.prefix = opts.prefix ?? 'tb:';
    this.maxLen = opts.maxLen ?? 10_000;
    this.idleTtlMs = opts.idleTtlMs ?? 24 * 3600_000;
    this.log = opts.log ?? (() => {});
    this.wakeKey = `${this.prefix}wake:${this.instanceId}`;
    // Commands wait across reconnects instead of failing (maxRetriesPerRequest: null); the blocked XREAD
    // is resent by ioredis after a reconnect with the same last ids.
    const common = {
      protocol: 2 as const,
      maxRetriesPerRequest: null,
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
      lazyConnect: false,
    };
    this.pub = new Redis(url, { ...common, connectionName: `threatboard-pub-${this.instanceId}` });
    this.sub = new Redis(url, { ...common, connectionName: `threatboard-sub-${this.instanceId}` });
    for (const [name, conn] of [['pub', this.pub], ['sub', this.sub]] as const) {
      conn.on('error', (err: Error) => this.log(`redis ${name}: ${err.message}`));
    }
    let readyOnce = false;
    this.sub.on('ready', () => {
      if (readyOnce) void this.afterReconnect();
      readyOnce = true;
    });
    this.loopDone = this.readLoop();
  }

  private key(docName: string): string {
    return `${this.prefix}doc:${docName}`;
  }

  async position(docName: string): Promise<string> {
    const last = (await this.pub.xrevrange(this.key(docName), '+', '-', 'COUNT', 1))[0];
    return last ? last[0] : '0-0';
  }

  async join(docName: string, onRemote: OnRemote, opts: JoinOptions = {}): Promise<{ since: string }> {
    if (this.joined.has(docName)) throw new Error(`already joined: ${docName}`);
    const since = opts.since ?? (await this.position(docName));
    this.joined.set(docName, { lastId: since, onRemote, onGap: opts.onGap });
    await this.pub.xadd(this.wakeKey, 'MAXLEN', '~', 10, '*', 'j', docName);
    return { since };
  }

  async leave(docName: string): Promise<void> {
    this.joined.delete(docName);
    this.expiryRenewed.delete(docName);
  }

  async publish(docName: string, kind: RemoteKind, data: Uint8Array): Promise<void> {
    const key = this.key(docName);
    const payload = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    await this.pub.xadd(key, 'MAXLEN', '~', this.maxLen, '*', 'i', this.instanceId, 'k', KIND_CODE[kind], 'd', payload);
    // Renew the idle expiry now and then, not on every message (one command per publish on the hot path).
    const now = Date.now();
    if ((this.expiryRenewed.get(docName) ?? 0) < now - 60_000) {
      this.expiryRenewed.set(docName, now);
      await this.pub.pexpire(key, this.idleTtlMs);
    }
  }

  async catchUp(docName: string, since: string): Promise<Array<{ id: string; kind: RemoteKind; data: Uint8Array }>> {
    const entries = (await this.pub.xrangeBuffer(this.key(docName), `(${since}`, '+')) as Array<[Buffer, Buffer[]]>;
    const out: Array<{ id: string; kind: RemoteKind; data: Uint8Array }> = [];
    for (const [id, fields] of entries) {
      const msg = this.decode(fields);
      if (msg) out.push({ id: id.toString(), ...msg });
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.joined.clear();
    // Commands wait across reconnects, so nothing here may wait for a Redis that is gone.
    await within(500, this.pub.del(this.wakeKey).catch(() => {}));
    this.sub.disconnect();
    this.pub.disconnect();
    await within(1000, this.loopDone);
  }

  /** A message from another instance, or null for our own and for anything malformed. */
  private decode(fields: Buffer[]): { kind: RemoteKind; data: Uint8Array } | null {
    const f = new Map<string, Buffer>();
    for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!.toString(), fields[i + 1]!);
    const from = f.get('i')?.toString();
    const code = f.get('k')?.toString();
    const data = f.get('d');
    if (!from || from === this.instanceId || !data) return null;
    const kind = code === 'u' ? 'update' : code === 'a' ? 'awareness' : null;
    return kind ? { kind, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) } : null;
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const names = [...this.joined.keys()];
      const keys = [this.wakeKey, ...names.map((n) => this.key(n))];
      const ids = [this.wakeId, ...names.map((n) => this.joined.get(n)!.lastId)];
      let reply: StreamReply;
      try {
        reply = (await this.sub.xreadBuffer('COUNT', 500, 'BLOCK', 10_000, 'STREAMS', ...keys, ...ids)) as StreamReply;
      } catch (err) {
        if (this.closed) return;
        this.log(`redis read: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      for (const [key, entries] of reply ?? []) this.deliver(key.toString(), entries);
    }
  }

  private deliver(key: string, entries: Array<[Buffer, Buffer[]]>): void {
    if (key === this.wakeKey) {
      const last = entries[entries.length - 1];
      if (last) this.wakeId = last[0].toString();
      return;
    }
    const docName = key.slice(`${this.prefix}doc:`.length);
    const sub = this.joined.get(docName);
    if (!sub) return;
    for (const [id, fields] of entries) {
      sub.lastId = id.toString();
      const msg = this.decode(fields);
      if (!msg) continue;
      try {
        sub.onRemote(msg.kind, msg.data);
      } catch (err) {
        // One room's failure stays in that room: the loop goes on for every other document.
        this.log(`fan-out handler for ${docName}: ${(err as Error).message}`);
      }
    }
  }

  /**
   * After a reconnect the blocked read resumes from each document's last id. If Redis restarted (or
   * trimmed), entries we had not read yet may be gone: tell the room to merge from the store unless the
   * entry we last saw is still there (then nothing after it was lost).
   */
  private async afterReconnect(): Promise<void> {
    for (const [docName, sub] of this.joined) {
      let intact = false;
      if (sub.lastId !== '0-0') {
        const still = await this.pub.xrange(this.key(docName), sub.lastId, sub.lastId).catch(() => []);
        intact = still.length > 0;
      }
      if (!intact && this.joined.get(docName) === sub) {
        try {
          sub.onGap?.();
        } catch (err) {
          this.log(`fan-out gap handler for ${docName}: ${(err as Error).message}`);
        }
      }
    }
  }
}
