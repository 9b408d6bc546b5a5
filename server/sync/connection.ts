import type { Access } from '../../shared/roles';
import type { PresenceUser } from '../../shared/presence';
import type { SyncSocket } from './socket';

/** One socket's membership of a room: who it is, what it may do, and what it has used of its limits. */
export class Connection {
  /** Awareness client ids this connection has spoken for; removed when it closes. */
  readonly clientIds = new Set<number>();
  /** Yjs client ids this connection brought into the document. */
  readonly newClients = new Set<number>();
  droppedUpdates = 0;
  toldReadOnly = false;
  /** An update waiting for structs it builds on (merged with what this connection sends next). */
  pending: Uint8Array | null = null;
  /** Token bucket for updates per second. */
  tokens = -1;
  refilledAt = 0;
  lastQueryAt = 0;
  closed = false;
  constructor(
    readonly socket: SyncSocket,
    readonly user: PresenceUser,
    readonly access: Access,
  ) {}

  /** Token bucket: `rate` updates per second sustained, bursts of five seconds' worth. */
  takeToken(rate: number): boolean {
    const now = Date.now();
    if (this.tokens < 0) this.tokens = rate * 5;
    else this.tokens = Math.min(rate * 5, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** A frame that does not decode; the caller closes that socket with BadFrame. */
export class BadFrameError extends Error {}
