import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import type { Awareness } from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode, MessageType } from '../../shared/protocol';
import { colorFor, type Presence } from '../../shared/presence';
import type { Role } from '../../shared/roles';
import { createStore, type Store } from '../lib/store';
import { createStatusStore, type StatusStore } from './status';
import { watchSaving } from './saving';
import { reconnectWithJitter } from './backoff';
import { keepLocally, localName, type LocalCopy } from './local';
import { trackPending } from './pending';

export interface BoardConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  status: StatusStore;
  /**
   * Apply what the server sends of the board only once `until` settles (first-paint.ts: after the first
   * frames of the server's list of shapes). Requests for our state are still answered at once.
   */
  holdSync(until: Promise<void>): void;
  destroy(): void;
}

export interface Identity {
  userId: string;
  name: string;
  role: Role;
}

const REFUSED_AFTER_FAILURES = 4;

/**
 * Whether to reconnect after the server closed the socket (y-websocket's `shouldReconnect`; when, is
 * backoff.ts's business). y-websocket treats every close code 4400–4499 as final. A socket dropped for reading too slowly
 * (SlowConsumer) may come back at once: the next connection starts with a fresh sync.
 */
export function reconnectAfter(event: { code: number }): boolean {
  if (event.code === CloseCode.SlowConsumer || event.code === CloseCode.ServerShutdown) return true;
  return !(event.code >= 4400 && event.code < 4500);
}

/** Close codes after which the local copy may hold what the server refuses: drop it (a reload starts clean). */
function dropLocalOnRefusal(provider: WebsocketProvider, local: LocalCopy): void {
  provider.on('closed', ({ code }) => {
    if (code === CloseCode.BadFrame || code === CloseCode.Refused) local.clear();
  });
}

/** A sync step 2 or update at least this large is applied without encoding it again (see quietSync). */
const QUIET_SYNC_BYTES = 256 * 1024;

/**
 * The server's answer to a fresh client is the whole board in one or two frames (sync step 2, after
 * what changed since the room loaded as an update): 1.1 MB for 2,000 notes with a history. Yjs encodes
 * every transaction again for the document's 'update' listeners, and the board's are y-websocket (which
 * sends on only what did not come from the server) and the local copy (which can as well store the whole
 * document later): that second encoding took 0.19 s of the first paint of a 2,000-note board. So a large
 * sync frame is applied with both held back, and the local copy stores the document when the browser is
 * idle. Anything else listening to 'update' still gets every change. Should an observer write to the
 * document during that apply (nothing in client/ does), the whole document is sent afterwards so the
 * server misses nothing. The function returned holds the document's frames back for a while (`holdSync`).
 */
function quietSync(provider: WebsocketProvider, local: LocalCopy): (until: Promise<void>) => void {
  const doc = provider.doc;
  const sync = provider.messageHandlers[MessageType.Sync]!;
  const sender = (provider as unknown as { _updateHandler: (u: Uint8Array, origin: unknown) => void })._updateHandler;
  const apply: typeof sync = (encoder, decoder, p, emitSynced, type) => {
    const big = decoder.arr[decoder.pos] !== syncProtocol.messageYjsSyncStep1 && decoder.arr.length - decoder.pos >= QUIET_SYNC_BYTES;
    if (!big) return sync(encoder, decoder, p, emitSynced, type);
    let wroteHere = false;
    const watch = (tr: Y.Transaction) => void (wroteHere ||= tr.origin !== provider);
    doc.on('afterTransaction', watch);
    doc.off('update', sender);
    try {
      local.applyThenStoreLater(() => sync(encoder, decoder, p, emitSynced, type));
    } finally {
      doc.on('update', sender);
      doc.off('afterTransaction', watch);
    }
    if (wroteHere) sender(Y.encodeStateAsUpdate(doc), null);
  };
  // While held, what the server sends of the document (sync step 2, updates) waits here in order; its
  // requests for our state (step 1) are answered at once.
  let held: Uint8Array[] | null = null;
  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, p, emitSynced, type) => {
    if (!held || decoder.arr[decoder.pos] === syncProtocol.messageYjsSyncStep1) return apply(encoder, decoder, p, emitSynced, type);
    held.push(decoder.arr.slice(decoder.pos));
  };
  return (until) => {
    if (held) return;
    held = [];
    void until.then(() => {
      const frames = held ?? [];
      held = null;
      if (doc.isDestroyed) return;
      for (const f of frames) apply(encoding.createEncoder(), decoding.createDecoder(f), provider, true, MessageType.Sync);
    });
  };
}

function syncOrigin(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/**
 * Open the board document of `boardId` over y-websocket, and from this device's copy at the same time
 * (see local.ts): a board visited before paints at once, online or not. Reconnects use jittered backoff
 * (backoff.ts); the status store says what the UI shows.
 */
export function connect(boardId: string, token: string, me: Identity): BoardConnection {
  const doc = new Y.Doc();
  const status = createStatusStore();
  const local = keepLocally(doc, localName(boardId, me.userId, 'board'));
  let live = true;
  void local.loaded.then((had) => {
    if (live) status.set((s) => ({ ...s, local: s.local || had, preview: s.preview && !had, stored: local.active() }));
  });
  const provider = new WebsocketProvider(syncOrigin(), boardId, doc, {
    params: { token },
    // The server is the only path between clients, so it can enforce roles: a viewer tab must not
    // slip updates to an editor tab of the same browser over BroadcastChannel.
    disableBc: true,
    maxBackoffTime: 2500,
    shouldReconnect: reconnectAfter,
  });
  const stopReconnecting = reconnectWithJitter(provider);
  const stopCounting = trackPending(doc, provider, status, local);
  dropLocalOnRefusal(provider, local);
  const holdSync = quietSync(provider, local);

  // The server answers a viewer's first write with a y-websocket "permission denied" auth message.
  provider.messageHandlers[MessageType.Auth] = (_encoder, decoder: decoding.Decoder) => {
    authProtocol.readAuthMessage(decoder, doc, () => status.set((s) => ({ ...s, readOnly: true })));
  };

  let everConnected = false;
  const phaseWhenDown = () => (!navigator.onLine ? 'offline' : everConnected ? 'reconnecting' : 'connecting');

  // Count failed attempts; after a few, ask whether the server itself is up (see `refused`).
  let failures = 0;
  let probing = false;
  // The provider's first 'connecting' came before we listened; a socket that never opened sends no status.
  if (!navigator.onLine) status.set((s) => ({ ...s, phase: 'offline' }));
  provider.on('connection-close', () => {
    const phase = status.get().phase;
    if (phase !== 'closed' && phase !== 'connected') status.set((s) => ({ ...s, phase: phaseWhenDown() }));
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
    status.set((s) => ({ ...s, synced, preview: s.preview && !synced }));
  });
  provider.on('closed', ({ code }) => {
    status.set((s) => ({ ...s, phase: 'closed', synced: false, closedCode: code }));
  });

  const onOnline = () => {
    if (status.get().phase === 'offline') status.set((s) => ({ ...s, phase: everConnected ? 'reconnecting' : 'connecting' }));
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
    holdSync,
    destroy() {
      live = false;
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onUnload);
      unwatchSaving();
      stopCounting();
      stopReconnecting();
      awareness.setLocalState(null);
      provider.destroy();
      local.destroy();
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
 * Open `<boardId>/facilitation` or `<boardId>/private/<userId>` with the same token as the board, and from
 * this device's copy (the session bar and hidden notes work offline too). Room names keep their literal
 * slashes (y-websocket appends them to the URL as they are; the server parses them strictly). Presence
 * rides on the board document only, so these providers publish none. Changes waiting to sync count into
 * the board's `status`.
 */
export function connectAux(boardId: string, kind: 'facilitation' | 'private', token: string, userId: string, status: StatusStore): AuxConnection {
  const room = kind === 'facilitation' ? `${boardId}/facilitation` : `${boardId}/private/${userId}`;
  const doc = new Y.Doc();
  const synced = createStore(false);
  const local = keepLocally(doc, localName(boardId, userId, kind));
  const provider = new WebsocketProvider(syncOrigin(), room, doc, {
    params: { token },
    // As for the board: only the server may pass updates between tabs, so it can enforce access.
    disableBc: true,
    maxBackoffTime: 2500,
    shouldReconnect: reconnectAfter,
  });
  const stopReconnecting = reconnectWithJitter(provider);
  const stopCounting = trackPending(doc, provider, status, local);
  dropLocalOnRefusal(provider, local);
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
      stopCounting();
      stopReconnecting();
      provider.destroy();
      local.destroy();
      doc.destroy();
    },
  };
}
