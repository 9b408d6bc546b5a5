import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import type { Awareness } from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType } from '../../shared/protocol';
import { colorFor, type Presence } from '../../shared/presence';
import type { Role } from '../../shared/roles';
import { createStore, type Store } from '../lib/store';
import { createStatusStore, type StatusStore } from './status';
import { watchSaving } from './saving';

export interface BoardConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  status: StatusStore;
  destroy(): void;
}

export interface Identity {
  userId: string;
  name: string;
  role: Role;
}

const REFUSED_AFTER_FAILURES = 4;

/**
 * y-websocket treats every close code 4400–4499 as final. A socket dropped for reading too slowly
 * (SlowConsumer) may come back at once: the next connection starts with a fresh sync.
 */
export function reconnectAfter(event: { code: number }): boolean {
  if (event.code === CloseCode.SlowConsumer || event.code === CloseCode.ServerShutdown) return true;
  return !(event.code >= 4400 && event.code < 4500);
}

function syncOrigin(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/**
 * Open the board document of `boardId` over y-websocket. The provider reconnects on its own with
 * backoff; this wraps it with a status store the UI can subscribe to.
 */
export function connect(boardId: string, token: string, me: Identity): BoardConnection {
  const doc = new Y.Doc();
  const status = createStatusStore();
  const provider = new WebsocketProvider(syncOrigin(), boardId, doc, {
    params: { token },
    // The server is the only path between clients, so it can enforce roles: a viewer tab must not
    // slip updates to an editor tab of the same browser over BroadcastChannel.
    disableBc: true,
    maxBackoffTime: 2500,
    shouldReconnect: reconnectAfter,
  });

  // The server answers a viewer's first write with a y-websocket "permission denied" auth message.
  provider.messageHandlers[MessageType.Auth] = (_encoder, decoder: decoding.Decoder) => {
    authProtocol.readAuthMessage(decoder, doc, () => status.set((s) => ({ ...s, readOnly: true })));
  };

  let everConnected = false;
  const phaseWhenDown = () => (!navigator.onLine ? 'offline' : everConnected ? 'reconnecting' : 'connecting');

  // Count failed attempts; after a few, ask whether the server itself is up (see `refused`).
  let failures = 0;
  let probing = false;
  provider.on('connection-close', () => {
    failures++;
    if (failures < REFUSED_AFTER_FAILURES || probing || status.get().refused) return;
    probing = true;
    fetch('/api/health', { cache: 'no-store' })
      .then((r) => {
        if (r.ok && status.get().phase !== 'connected') status.set((s) => ({ ...s, refused: true }));
      })
      .catch(() => undefined)
      .finally(() => {
        probing = false;
      });
  });

  provider.on('status', ({ status: st }) => {
    if (st === 'connected') {
      everConnected = true;
      failures = 0;
      status.set((s) => ({ ...s, phase: 'connected', refused: false }));
    } else if (status.get().phase !== 'closed') {
      status.set((s) => ({ ...s, phase: phaseWhenDown(), synced: false }));
    }
  });
  provider.on('sync', (synced: boolean) => {
    status.set((s) => ({ ...s, synced, unsent: synced ? false : s.unsent }));
  });
  provider.on('closed', ({ code }) => {
    status.set((s) => ({ ...s, phase: 'closed', synced: false, closedCode: code }));
  });

  const onUpdate = (_u: Uint8Array, origin: unknown) => {
    if (origin !== provider && !status.get().synced) status.set((s) => ({ ...s, unsent: true }));
  };
  doc.on('update', onUpdate);

  const onOnline = () => {
    if (status.get().phase === 'offline') status.set((s) => ({ ...s, phase: 'reconnecting' }));
  };
  const onOffline = () => {
    if (status.get().phase !== 'closed') status.set((s) => ({ ...s, phase: 'offline' }));
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  const awareness = provider.awareness;
  const unwatchSaving = watchSaving(awareness, (savingPaused) => status.set((s) => ({ ...s, savingPaused })));
  const presence: Presence = {
    // The server overwrites `user` from the token; we still set it so our own UI can read it.
    user: { id: me.userId, name: me.name, role: me.role, color: colorFor(me.userId) },
    cursor: null,
    selection: [],
  };
  awareness.setLocalState(presence);

  // Tell the others we left rather than letting our cursor linger until the awareness timeout.
  const onUnload = () => awareness.setLocalState(null);
  window.addEventListener('pagehide', onUnload);

  return {
    doc,
    provider,
    awareness,
    status,
    destroy() {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onUnload);
      doc.off('update', onUpdate);
      unwatchSaving();
      awareness.setLocalState(null);
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A board's second-tier document (facilitation, or the user's private one): no presence of its own. */
export interface AuxConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The document has been received from the server at least once on the current connection. */
  synced: Store<boolean>;
  destroy(): void;
}

/**
 * Open `<boardId>/facilitation` or `<boardId>/private/<userId>` with the same token as the board. Room
 * names keep their literal slashes (y-websocket appends them to the URL as they are; the server parses
 * them strictly). Presence rides on the board document only, so these providers publish none.
 */
export function connectAux(room: string, token: string): AuxConnection {
  const doc = new Y.Doc();
  const synced = createStore(false);
  const provider = new WebsocketProvider(syncOrigin(), room, doc, {
    params: { token },
    // As for the board: only the server may pass updates between tabs, so it can enforce access.
    disableBc: true,
    maxBackoffTime: 2500,
    shouldReconnect: reconnectAfter,
  });
  provider.awareness.setLocalState(null);
  provider.on('sync', (s: boolean) => synced.set(s));
  provider.on('status', ({ status: st }) => {
    if (st !== 'connected') synced.set(false);
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
