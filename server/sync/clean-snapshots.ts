import { createHash } from 'node:crypto';

/** A stored snapshot this process knows to be clean, as a fresh client of a loading room gets it. */
export interface KnownSnapshot {
  snapshot: Uint8Array;
  /** The state vector of the document the snapshot encodes. */
  stateVector: Uint8Array;
}

/** Rooms remembered at most (the oldest is forgotten first): a few hundred bytes each. */
const MAX_ENTRIES = 10_000;

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

  remember(name: string, snapshot: Uint8Array, stateVector: Uint8Array): void {
    this.byName.delete(name);
    this.byName.set(name, { digest: digest(snapshot), stateVector });
    if (this.byName.size > MAX_ENTRIES) this.byName.delete(this.byName.keys().next().value!);
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
