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
  /** Changes made on this device the server has not received yet (board and private documents). */
  pending: number;
  /** The board is kept on this device (IndexedDB), so changes survive a reload while offline. */
  stored: boolean;
  /** Changes being written to this device's copy right now (committed ones are safe from a reload). */
  storing: number;
  /** The board on screen came from this device's copy (before or without the server's). */
  local: boolean;
  /**
   * The board on screen is the server's list of its shapes (first-paint.ts), not yet the document: the
   * canvas shows it but takes no edits until the document is applied, a few frames later.
   */
  preview: boolean;
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
    { phase: 'connecting', synced: false, pending: 0, stored: true, storing: 0, local: false, preview: false, readOnly: false, refused: false, savingPaused: false },
    (a, b) =>
      a.phase === b.phase &&
      a.synced === b.synced &&
      a.pending === b.pending &&
      a.stored === b.stored &&
      a.storing === b.storing &&
      a.local === b.local &&
      a.preview === b.preview &&
      a.readOnly === b.readOnly &&
      a.refused === b.refused &&
      a.savingPaused === b.savingPaused &&
      a.closedCode === b.closedCode,
  );
}

/** The board can be shown: from the server, from this device's copy, or as the server's list of shapes. */
export function boardShown(s: ConnectionStatus): boolean {
  return s.synced || s.local || s.preview;
}

function waiting(n: number): string {
  return n === 1 ? '1 change waiting to sync' : `${n} changes waiting to sync`;
}

/** The status line of the top bar. `canEdit`: viewers have nothing to save, so they see "Connected". */
export function describeStatus(s: ConnectionStatus, canEdit = true): string {
  switch (s.phase) {
    case 'connecting':
      return s.pending > 0 ? `Connecting… ${waiting(s.pending)}` : 'Connecting…';
    case 'connected':
      if (!s.synced) return s.pending > 0 || s.local ? 'Syncing…' : 'Connected, loading…';
      if (s.savingPaused) return 'Saving paused — changes are kept and will be saved';
      return canEdit ? 'All changes saved' : 'Connected';
    case 'reconnecting':
      return s.pending > 0 ? `Reconnecting… ${waiting(s.pending)}` : 'Reconnecting…';
    case 'offline': {
      if (!canEdit) return 'Offline';
      const kept = !s.stored
        ? 'changes kept in this tab until you reconnect'
        : s.storing > 0
          ? 'saving changes on this device'
          : 'changes saved on this device';
      return s.pending > 0 ? `Offline — ${kept}. ${waiting(s.pending)}` : `Offline — ${kept}`;
    }
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
