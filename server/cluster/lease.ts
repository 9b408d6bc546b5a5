import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';

export type LeaseResult<T> = { ran: true; value: T } | { ran: false };

/**
 * Server-owned work of a board (threat numbering, reveal, tally, compaction, automatic versions, timed-vote
 * close) must run once per board across the cluster. The first instance that asks for a board's lease
 * takes it and keeps it — it is that board's worker — until it releases it (room unloaded), closes, or its
 * database session ends (crash, kill -9, network loss), when another instance's next call takes over.
 * Jobs of one board never overlap inside an instance either.
 */
export interface BoardLeases {
  /**
   * Run `fn` if this instance holds the board's lease or can take it now; otherwise (another instance
   * holds it, or the database cannot be reached) `{ ran: false }`. Errors of `fn` propagate.
   */
  withBoardLease<T>(boardId: string, fn: () => Promise<T> | T): Promise<LeaseResult<T>>;
  /** Whether this instance currently holds the lease (e.g. to decide who arms a board's timer). */
  holds(boardId: string): boolean;
  /** Give the lease up (the board's rooms were unloaded here). */
  release(boardId: string): Promise<void>;
  /** Leases lost without a release (database session gone): stop that work until the lease is taken again. */
  onLost(listener: (boardIds: string[]) => void): () => void;
  close(): Promise<void>;
}

/** Runs each board's jobs one after another, in call order; shared by both implementations. */
class PerBoardQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  run<T>(boardId: string, job: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(boardId) ?? Promise.resolve();
    const next = prev.then(job, job);
    const tail = next.catch(() => {});
    this.tails.set(boardId, tail);
    void tail.then(() => {
      if (this.tails.get(boardId) === tail) this.tails.delete(boardId);
    });
    return next;
  }
}

/** One process (SQLite mode): this instance is every board's worker. */
export class InProcessLeases implements BoardLeases {
  private readonly queue = new PerBoardQueue();
  async withBoardLease<T>(boardId: string, fn: () => Promise<T> | T): Promise<LeaseResult<T>> {
    return this.queue.run(boardId, async () => ({ ran: true as const, value: await fn() }));
  }
  holds(): boolean {
    return true;
  }
  async release(): Promise<void> {}
  onLost(): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}

/** 64-bit advisory lock key of a board (the bigint key space; migrations use the two-int4 one). */
function leaseKey(boardId: string, namespace = 'public'): string {
  return createHash('sha256').update(`threatboard-board:${namespace}:${boardId}`).digest().readBigInt64BE(0).toString();
}

/**
 * Leases as session-level PostgreSQL advisory locks, all held on one dedicated connection of this
 * instance: when the instance dies its session ends and PostgreSQL frees every lock it held. A heartbeat
 * notices a dead connection while leases are held, so `onLost` fires even when no job is running.
 */
export class PgLeases implements BoardLeases {
  readonly instanceId = randomUUID();
  private client?: Promise<pg.Client>;
  private readonly held = new Set<string>();
  private readonly queue = new PerBoardQueue();
  private readonly listeners = new Set<(boardIds: string[]) => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;
  private readonly namespace: string;

  constructor(
    private readonly url: string,
    /** `namespace` keeps deployments that share a database (DATABASE_SCHEMA) apart. */
    opts: { heartbeatMs?: number; namespace?: string } = {},
  ) {
    this.namespace = opts.namespace ?? 'public';
    this.heartbeat = setInterval(() => {
      if (this.held.size > 0) void this.query('SELECT 1').catch(() => {});
    }, opts.heartbeatMs ?? 5000);
    this.heartbeat.unref();
  }

  withBoardLease<T>(boardId: string, fn: () => Promise<T> | T): Promise<LeaseResult<T>> {
    return this.queue.run(boardId, async () => {
      if (this.closed) return { ran: false as const };
      if (!this.held.has(boardId)) {
        // Without the database nobody can be sure to be the only worker: the job does not run (it is not
        // an error of the job; the caller tries again later, as it would after losing to another instance).
        const r = await this.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
          leaseKey(boardId, this.namespace),
        ]).catch(() => null);
        if (!r?.rows[0]?.ok) return { ran: false as const };
        this.held.add(boardId);
      }
      return { ran: true as const, value: await fn() };
    });
  }

  holds(boardId: string): boolean {
    return this.held.has(boardId);
  }

  release(boardId: string): Promise<void> {
    return this.queue.run(boardId, async () => {
      if (!this.held.delete(boardId)) return;
      await this.query('SELECT pg_advisory_unlock($1::bigint)', [leaseKey(boardId, this.namespace)]).catch(() => {});
    });
  }

  onLost(listener: (boardIds: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    this.held.clear();
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => {}); // ending the session frees every lock it held
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await (await this.connection()).query<R>(sql, params);
    } catch (err) {
      this.lost();
      throw err;
    }
  }

  private connection(): Promise<pg.Client> {
    this.client ??= (async () => {
      const c = new pg.Client({
        connectionString: this.url,
        application_name: `threatboard-lease-${this.instanceId}`,
        keepAlive: true,
        connectionTimeoutMillis: 5000,
      });
      c.on('error', () => this.lost());
      await c.connect();
      return c;
    })();
    return this.client;
  }

  /** The session is gone or unusable, and with it every lock: drop it and tell the rooms. */
  private lost(): void {
    const client = this.client;
    this.client = undefined;
    void client?.then((c) => c.end()).catch(() => {});
    if (this.held.size === 0) return;
    const boards = [...this.held];
    this.held.clear();
    for (const l of this.listeners) l(boards);
  }
}
