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
  /**
   * This instance serves the board (a room of it is loaded): while another instance holds its lease, try
   * to take it every few seconds, so work a holder left undone when it died is picked up here. Undone by
   * `release`.
   */
  want(boardId: string): void;
  /**
   * This instance took a board's lease (its first job, or a retry after the holder died or released it):
   * the listener checks the board for work a previous holder may have left undone.
   */
  onAcquired(listener: (boardId: string) => void): () => void;
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
  want(): void {}
  /** Every lease is held from the start: nothing is ever taken over. */
  onAcquired(): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}

/** 64-bit advisory lock key of a board (the bigint key space; migrations use the two-int4 one). */
export function leaseKey(boardId: string, namespace = 'public'): string {
  return createHash('sha256').update(`threatboard-board:${namespace}:${boardId}`).digest().readBigInt64BE(0).toString();
}

/**
 * Leases as session-level PostgreSQL advisory locks, all held on one dedicated connection of this
 * instance. A lease ends with that session: at once when the instance's process dies (its socket closes),
 * and after `expireMs` without a query when its machine or network is gone (`idle_session_timeout` on that
 * session; a heartbeat keeps the session of a live holder busy and notices a dead connection, so `onLost`
 * fires even when no job is running). Boards this instance serves (`want`) but does not hold are tried
 * again every `retryMs`, so another instance takes over the work of a holder that died.
 */
export class PgLeases implements BoardLeases {
  readonly instanceId = randomUUID();
  private client?: Promise<pg.Client>;
  private readonly held = new Set<string>();
  private readonly wanted = new Set<string>();
  private readonly queue = new PerBoardQueue();
  private readonly listeners = new Set<(boardIds: string[]) => void>();
  private readonly acquiredListeners = new Set<(boardId: string) => void>();
  private readonly timers: NodeJS.Timeout[];
  private retrying = false;
  private queries: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly namespace: string;
  private readonly expireMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly url: string,
    /** `namespace` keeps deployments that share a database (DATABASE_SCHEMA) apart. */
    opts: { heartbeatMs?: number; retryMs?: number; expireMs?: number; namespace?: string } = {},
  ) {
    this.namespace = opts.namespace ?? 'public';
    const heartbeatMs = (this.heartbeatMs = opts.heartbeatMs ?? 5000);
    this.expireMs = Math.max(opts.expireMs ?? 20_000, 3 * heartbeatMs);
    const heartbeat = setInterval(() => {
      if (this.held.size > 0) void this.query('SELECT 1').catch(() => {});
    }, heartbeatMs);
    const retry = setInterval(() => this.retryWanted(), opts.retryMs ?? 1000);
    this.timers = [heartbeat, retry];
    for (const t of this.timers) t.unref();
  }

  withBoardLease<T>(boardId: string, fn: () => Promise<T> | T): Promise<LeaseResult<T>> {
    return this.queue.run(boardId, async () => {
      // Without the database nobody can be sure to be the only worker: the job does not run (it is not
      // an error of the job; the caller tries again later, as it would after losing to another instance).
      if (!(await this.acquire(boardId))) return { ran: false as const };
      return { ran: true as const, value: await fn() };
    });
  }

  want(boardId: string): void {
    this.wanted.add(boardId);
  }

  onAcquired(listener: (boardId: string) => void): () => void {
    this.acquiredListeners.add(listener);
    return () => this.acquiredListeners.delete(listener);
  }

  /**
   * Take the board's lease unless this instance holds it; only inside the board's queue (session-level
   * advisory locks stack: two concurrent takes would need two unlocks).
   */
  private async acquire(boardId: string): Promise<boolean> {
    if (this.closed) return false;
    if (this.held.has(boardId)) return true;
    const r = await this.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [
      leaseKey(boardId, this.namespace),
    ]).catch(() => null);
    if (!r?.rows[0]?.ok || this.closed) return false;
    this.held.add(boardId);
    for (const l of this.acquiredListeners) {
      try {
        l(boardId);
      } catch {
        // A listener's failure is its own; the lease is taken either way.
      }
    }
    return true;
  }

  /** One round of tries for the wanted boards held elsewhere (or by nobody); rounds never overlap. */
  private retryWanted(): void {
    const missing = [...this.wanted].filter((b) => !this.held.has(b));
    if (this.retrying || this.closed || missing.length === 0) return;
    this.retrying = true;
    void Promise.all(missing.map((b) => this.queue.run(b, () => (this.wanted.has(b) ? this.acquire(b) : Promise.resolve(false))))).finally(
      () => (this.retrying = false),
    );
  }

  holds(boardId: string): boolean {
    return this.held.has(boardId);
  }

  release(boardId: string): Promise<void> {
    this.wanted.delete(boardId);
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
    for (const t of this.timers) clearInterval(t);
    this.held.clear();
    this.wanted.clear();
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => {}); // ending the session frees every lock it held
  }

  /** One query at a time on the lease connection (pg queues overlapping ones, but deprecates that). */
  private query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    const run = this.queries.then(async () => {
      try {
        return await (await this.connection()).query<R>(sql, params);
      } catch (err) {
        this.lost();
        throw err;
      }
    });
    this.queries = run.catch(() => {});
    return run;
  }

  private connection(): Promise<pg.Client> {
    this.client ??= (async () => {
      const c = new pg.Client({
        connectionString: this.url,
        application_name: `threatboard-lease-${this.instanceId}`,
        keepAlive: true,
        connectionTimeoutMillis: 5000,
        // PostgreSQL ends a session that sent nothing for this long, and so frees its leases; this instance
        // gives them up first, when a query (the heartbeat) has no answer a little sooner.
        options: `-c idle_session_timeout=${this.expireMs}`,
        query_timeout: this.expireMs - 2 * this.heartbeatMs,
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
