import * as Y from 'yjs';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import * as idb from 'lib0/indexeddb';
import { localName, type LocalDocKind } from './local-names';
import { later } from '../lib/later';

export { localName, type LocalDocKind };

/**
 * The copy of a board's documents this browser keeps in IndexedDB (y-indexeddb), so a board opened before
 * opens again without the network, edits made offline survive a reload, and everything merges when the
 * connection returns (Yjs updates commute). One database per document *and person*: two people sharing a
 * browser profile never see or push each other's copy (the private document especially).
 *
 * The local copy is a cache, never the authority: whatever goes wrong with it (IndexedDB unavailable,
 * quota, a corrupt or tampered entry) the board carries on online-only, and says so in the console only.
 */

/** A stored copy larger than this is not loaded (and is dropped): the server has the board anyway. */
const MAX_LOCAL_BYTES = 64 * 1024 * 1024;
const PENDING_KEY = 'pending';

export interface LocalCopy {
  /**
   * Resolves once the stored copy is in the document: true when there was one to show, false when there
   * was none or it could not be used. Never rejects.
   */
  loaded: Promise<boolean>;
  /** Whether changes are being kept on this device (false: IndexedDB failed, online-only). */
  active(): boolean;
  /** The items changed here that the server has not received, as last stored (see pending.ts). */
  readPending(): Promise<string[]>;
  writePending(ids: string[]): void;
  /**
   * Resolves once every change made to the document so far (and the pending list) is committed to
   * IndexedDB, or at once when there is no copy to write to. Never rejects.
   */
  whenStored(): Promise<void>;
  /**
   * Run `apply` (a change received from the server) without storing it update by update, then store the
   * whole document once the browser is idle: see quietSync in connect.ts.
   */
  applyThenStoreLater(apply: () => void): void;
  /** Delete the stored copy (it held something the server refuses); the document itself stays. */
  clear(): void;
  destroy(): void;
}

function warn(name: string, what: string, err?: unknown): void {
  console.warn(`[threatboard] local copy ${name}: ${what}; continuing online only.`, err ?? '');
}

/**
 * Read every stored update into a scratch document first, so corrupt data (undecodable updates, content
 * Yjs cannot encode again, a copy over the size limit) is found before it reaches the real document,
 * whose observers the whole page hangs on. Returns whether a usable copy exists; a bad one is deleted.
 */
async function check(name: string): Promise<'empty' | 'ok' | 'bad'> {
  const db = await idb.openDB(name, (d) =>
    idb.createStores(d, [
      ['updates', { autoIncrement: true }],
      ['custom'],
    ]),
  );
  let verdict: 'empty' | 'ok' | 'bad' = 'ok';
  try {
    const [store] = idb.transact(db, ['updates'], 'readonly');
    const updates: unknown[] = await idb.getAll(store!);
    if (updates.length === 0) return 'empty';
    const scratch = new Y.Doc();
    // Yjs encodes each transaction's update only when someone listens: listen, so that step is tried too.
    scratch.on('update', () => undefined);
    let bytes = 0;
    try {
      Y.transact(scratch, () => {
        for (const u of updates) {
          if (!(u instanceof Uint8Array)) throw new Error('not an update');
          bytes += u.byteLength;
          if (bytes > MAX_LOCAL_BYTES) throw new Error('too large');
          Y.applyUpdate(scratch, u);
        }
      });
    } catch (err) {
      verdict = 'bad';
      warn(name, 'stored data cannot be read, deleting it', err);
    } finally {
      scratch.destroy();
    }
  } finally {
    db.close();
  }
  if (verdict === 'bad') await idb.deleteDB(name);
  return verdict;
}

/**
 * Resolves a second from now, in an idle slot (see later). Called as a board opens or right after its
 * big sync frame was applied: storing a whole board (encoding it, 30-40 ms for 2,000 notes, and writing
 * it) then stays out of the frames that first show it, where the first idle slot often fell.
 */
function whenSettled(): Promise<void> {
  return new Promise((resolve) => void later(resolve));
}

/** Keep `doc` in IndexedDB under `name`: load what is stored into it, then store every change. */
export function keepLocally(doc: Y.Doc, name: string): LocalCopy {
  let persistence: IndexeddbPersistence | null = null;
  let destroyed = false;
  let failed = false;

  const loaded = (async () => {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
      const state = await check(name);
      // Nothing stored yet (a first visit): the copy starts by storing the whole document, 30-40 ms for
      // a 2,000-note board that would land while the board first paints. Start it once the board has
      // settled; it then stores whatever arrived or was changed meanwhile.
      if (state === 'empty') await whenSettled();
      // Closed meanwhile, or told to drop the copy (the server refused what it would store): no copy.
      if (destroyed || failed) return false;
      const p = new IndexeddbPersistence(name, doc);
      persistence = p;
      await p.whenSynced;
      return state === 'ok';
    } catch (err) {
      failed = true;
      warn(name, 'cannot be opened', err);
      try {
        await persistence?.destroy();
      } catch {
        /* already broken */
      }
      persistence = null;
      return false;
    }
  })();

  return {
    loaded,
    active: () => !failed && !destroyed,
    async readPending() {
      try {
        await loaded;
        const ids: unknown = await persistence?.get(PENDING_KEY);
        // Stored data is hostile input too: a bounded list of short strings, or nothing.
        if (!Array.isArray(ids)) return [];
        return ids.filter((id): id is string => typeof id === 'string' && id.length <= 200).slice(0, 1000);
      } catch {
        return [];
      }
    },
    writePending(ids) {
      persistence?.set(PENDING_KEY, ids as unknown as string).catch(() => undefined);
    },
    async whenStored() {
      await loaded;
      // y-indexeddb queues its write in the document's 'update' event, which Yjs emits after
      // 'afterTransaction' (where callers are): wait for the rest of this task first.
      await Promise.resolve();
      const db = persistence?.db;
      if (!db) return;
      // IndexedDB runs read-write transactions over the same stores in the order they were created, so an
      // empty one created now completes only after every write queued before it has been committed.
      await new Promise<void>((resolve) => {
        try {
          const tx = db.transaction(['updates', 'custom'], 'readwrite');
          tx.oncomplete = tx.onerror = tx.onabort = () => resolve();
        } catch {
          resolve(); // the database closed meanwhile
        }
      });
    },
    applyThenStoreLater(apply) {
      const p = persistence;
      // y-indexeddb's own 'update' listener (not in its typings); without one, nothing to hold back.
      const store = (p as unknown as { _storeUpdate?: (u: Uint8Array, origin: unknown) => void } | null)?._storeUpdate;
      if (store) doc.off('update', store);
      try {
        apply();
      } finally {
        if (store) doc.on('update', store);
      }
      if (!p) return; // a copy still opening stores the whole document when it opens
      // After whenSynced: storeState reads y-indexeddb's database handle, which is set once it has opened.
      void whenSettled()
        .then(() => p.whenSynced)
        .then(() => (persistence === p ? storeState(p, true) : undefined))
        .catch((err: unknown) => warn(name, 'could not store the board', err));
    },
    clear() {
      const p = persistence;
      persistence = null;
      failed = true;
      warn(name, 'refused by the server, deleting it');
      void (p ? p.clearData() : idb.deleteDB(name)).catch(() => undefined);
    },
    destroy() {
      destroyed = true;
      void persistence?.destroy().catch(() => undefined);
      persistence = null;
    },
  };
}
