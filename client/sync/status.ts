import { createStore, type Store } from '../lib/store';

/**
 * What the top bar says about the connection. `reconnecting` is any attempt after the first successful
 * connection (server restart, network blip); `offline` is the browser saying it has no network;
 * `closed` is the server refusing us for good (expired session, no access), which retrying cannot fix.
 */
export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface ConnectionStatus {
  phase: ConnectionPhase;
  /** The board has been received from the server at least once on this connection. */
  synced: boolean;
  /** Local edits made while not connected, not yet confirmed by a sync. */
  unsent: boolean;
  /** The server told us it drops our updates (viewer). */
  readOnly: boolean;
  /**
   * The server answers HTTP but keeps refusing the sync socket: most likely our session token is no
   * longer accepted (a refused upgrade looks like any network failure to a browser).
   */
  refused: boolean;
  /** The server keeps the board live but cannot store changes right now (its database is unavailable). */
  savingPaused: boolean;
  closedCode?: number;
}

export type StatusStore = Store<ConnectionStatus>;

export function createStatusStore(): StatusStore {
  return createStore<ConnectionStatus>(
    { phase: 'connecting', synced: false, unsent: false, readOnly: false, refused: false, savingPaused: false },
    (a, b) =>
      a.phase === b.phase &&
      a.synced === b.synced &&
      a.unsent === b.unsent &&
      a.readOnly === b.readOnly &&
      a.refused === b.refused &&
      a.savingPaused === b.savingPaused &&
      a.closedCode === b.closedCode,
  );
}

export function describeStatus(s: ConnectionStatus): string {
  switch (s.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      if (!s.synced) return 'Connected, loading…';
      return s.savingPaused ? 'Saving paused — changes are kept and will be saved' : 'Connected';
    case 'reconnecting':
      return s.unsent ? 'Reconnecting… (unsent changes)' : 'Reconnecting…';
    case 'offline':
      return s.unsent ? 'Offline (unsent changes)' : 'Offline';
    case 'closed':
      return s.closedCode === 4401
        ? 'Disconnected: session expired'
        : s.closedCode === 4403
          ? 'Disconnected: no access'
          : s.closedCode === 4410
            ? 'Disconnected: removed from the board'
            : 'Disconnected';
  }
}
