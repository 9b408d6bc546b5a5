import { createHash } from 'node:crypto';

/** A stored snapshot this process knows to be clean, as a fresh client of a loading room gets it. */
export interface KnownSnapshot {
  snapshot: Uint8Array;
  /** The state vector of the document the snapshot encodes. */
  stateVector: Uint8Array;
}

/** Rooms remembered at most (the oldest is forgotten first): a few hundred bytes each. */
const MAX_ENTRIES = 10_000;
/** Bytes of first-paint lists kept at most (the oldest goes first): about 70 KB per 2,000-note board. */
const MAX_LIST_BYTES = 64 * 1024 * 1024;

/**
 * The stored snapshots this process wrote itself (compaction encodes the loaded, admitted document) or
 * loaded without skipping or scrubbing anything, by document name: their digest and state vector.
 *
 * A document whose store holds exactly one row with a remembered digest is known to load unchanged
 * under this process's limits, so a fresh client of that room may get the row's bytes while the server
 * is still applying them (issue 13, cold open). Anything else — a row written by another instance, an
 * older server or another process of this one — does not match and takes the full load first. Nothing
 * here is persisted: after a restart each document is verified by its first load again.
 */
export class CleanSnapshots {
  private readonly byName = new Map<string, { digest: string; stateVector: Uint8Array }>();
  /** Boards' first-paint lists (gzipped JSON, server/routes/shapes.ts), each for the snapshot it was read from. */
  private readonly lists = new Map<string, { digest: string; body: Uint8Array }>();
  private listBytes = 0;

  /** Remember a clean snapshot of `name`; returns its digest. */
  remember(name: string, snapshot: Uint8Array, stateVector: Uint8Array): string {
    const d = digest(snapshot);
    this.byName.delete(name);
    this.byName.set(name, { digest: d, stateVector });
    if (this.byName.size > MAX_ENTRIES) this.byName.delete(this.byName.keys().next().value!);
    return d;
  }

  /**
   * Keep a board's first-paint list, read from the document that the snapshot with `snapshotDigest`
   * (`remember`'s answer) encodes: an unloaded board's list is then answered without loading it.
   */
  keepList(name: string, snapshotDigest: string, body: Uint8Array): void {
    this.dropList(name);
    if (body.byteLength > MAX_LIST_BYTES) return;
    this.lists.set(name, { digest: snapshotDigest, body });
    this.listBytes += body.byteLength;
    for (const old of this.lists.keys()) {
      if (this.listBytes <= MAX_LIST_BYTES) break;
      this.dropList(old);
    }
  }

  /** The kept list of `name` when `rows` (as the store returned them) are exactly the snapshot it was read from. */
  list(name: string, rows: readonly Uint8Array[]): Uint8Array | null {
    const kept = this.lists.get(name);
    if (!kept || rows.length !== 1 || digest(rows[0]!) !== kept.digest) return null;
    return kept.body;
  }

  private dropList(name: string): void {
    const kept = this.lists.get(name);
    if (!kept) return;
    this.listBytes -= kept.body.byteLength;
    this.lists.delete(name);
  }

  /** `rows` as the store returned them: the snapshot with its state vector when it is a known one. */
  match(name: string, rows: readonly Uint8Array[]): KnownSnapshot | null {
    const known = this.byName.get(name);
    if (!known || rows.length !== 1 || digest(rows[0]!) !== known.digest) return null;
    return { snapshot: rows[0]!, stateVector: known.stateVector };
  }
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}
