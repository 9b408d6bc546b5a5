import type * as Y from 'yjs';
import { readBallot, readFacilitation, readHiddenNotes, type FacilitationState } from '../../shared/facilitation/doc';
import { readGroupPicking } from '../../shared/client-support/facilitation-extras';
import type { Shape } from '../../shared/model/schema';

/** A read-only snapshot store for useSyncExternalStore. */
export interface ReadStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

/**
 * A snapshot of a whole (small) document, re-read after every update to it. The facilitation and
 * private documents hold a few dozen records, so re-reading beats tracking fields one by one.
 */
export class DocSnapshot<T> implements ReadStore<T> {
  private value: T;
  private listeners = new Set<() => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly read: (doc: Y.Doc) => T,
  ) {
    this.value = read(doc);
    doc.on('update', this.onUpdate);
    doc.once('destroy', () => doc.off('update', this.onUpdate));
  }

  private onUpdate = (): void => {
    this.value = this.read(this.doc);
    for (const l of [...this.listeners]) l();
  };

  get = (): T => this.value;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

export function facilitationStore(doc: Y.Doc): ReadStore<FacilitationState> {
  return new DocSnapshot(doc, readFacilitation);
}

export function groupPickingStore(doc: Y.Doc): ReadStore<boolean> {
  return new DocSnapshot(doc, readGroupPicking);
}

const NO_NOTES: readonly Shape[] = [];

/** The user's hidden brainstorm notes (none for a viewer, who has no private document). */
export function hiddenNotesStore(doc: Y.Doc | null): ReadStore<readonly Shape[]> {
  if (!doc) return { get: () => NO_NOTES, subscribe: () => () => undefined };
  return new DocSnapshot(doc, (d) => {
    const notes = readHiddenNotes(d);
    return notes.length === 0 ? NO_NOTES : notes;
  });
}

export type Ballot = Readonly<Record<string, number>>;
const EMPTY_BALLOT: Ballot = Object.freeze({});

/** This user's dots, per vote: threat id → dots. Snapshots keep their identity until they change. */
export class BallotStore {
  private cache = new Map<string, Ballot>();
  private listeners = new Set<() => void>();

  constructor(private readonly doc: Y.Doc | null) {
    doc?.on('update', this.onUpdate);
  }

  private onUpdate = (): void => {
    let changed = false;
    for (const [voteId, prev] of this.cache) {
      const next = this.read(voteId);
      if (!sameBallot(prev, next)) {
        this.cache.set(voteId, next);
        changed = true;
      }
    }
    if (changed) for (const l of [...this.listeners]) l();
  };

  private read(voteId: string): Ballot {
    if (!this.doc) return EMPTY_BALLOT;
    const b = readBallot(this.doc, voteId);
    return Object.keys(b).length === 0 ? EMPTY_BALLOT : b;
  }

  get = (voteId: string): Ballot => {
    let b = this.cache.get(voteId);
    if (!b) {
      b = this.read(voteId);
      this.cache.set(voteId, b);
    }
    return b;
  };

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

function sameBallot(a: Ballot, b: Ballot): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

export function dotsUsed(ballot: Ballot): number {
  let n = 0;
  for (const v of Object.values(ballot)) n += v;
  return n;
}
