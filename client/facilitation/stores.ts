import type * as Y from 'yjs';
import { privateMaps, readBallot, readFacilitation, type FacilitationState } from '../../shared/facilitation/doc';
import { parseWith, Shape } from '../../shared/model/schema';
import { byZ } from '../../shared/model/board-doc';
import { plain } from '../../shared/model/ymap';
import { constantStore, type ReadStore } from '../lib/store';
import { RecordsStore, valueStore } from '../lib/y-store';
import { readGroupPicking } from './group-picking';

export type { ReadStore } from '../lib/store';

/**
 * The facilitation document as one snapshot, re-read after every update to it: it holds a few dozen
 * records, so re-reading beats tracking fields one by one. The snapshot keeps its identity when an
 * update changed nothing it shows.
 */
export function facilitationStore(doc: Y.Doc): ReadStore<FacilitationState> {
  return valueStore(doc, () => readFacilitation(doc), sameState);
}

function sameState(a: FacilitationState, b: FacilitationState): boolean {
  const json = (s: FacilitationState) => JSON.stringify(s, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v));
  return json(a) === json(b);
}

export function groupPickingStore(doc: Y.Doc): ReadStore<boolean> {
  return valueStore(doc, () => readGroupPicking(doc));
}

const NO_NOTES: readonly Shape[] = [];

/** The user's hidden brainstorm notes (none for a viewer, who has no private document). */
export function hiddenNotesStore(doc: Y.Doc | null): ReadStore<readonly Shape[]> {
  if (!doc) return constantStore(NO_NOTES);
  const records = new RecordsStore<Shape>(privateMaps(doc).notes, {
    parse: (raw) => parseWith(Shape, plain(raw)),
    compare: byZ,
    samePlace: (a, b) => a.z === b.z,
  });
  return { get: () => records.get().list, subscribe: records.subscribe };
}

export type Ballot = Readonly<Record<string, number>>;
const EMPTY_BALLOT: Ballot = Object.freeze({});
const NO_BALLOTS: ReadonlyMap<string, Ballot> = new Map();

/** This user's dots, per vote: threat id → dots. A vote's ballot keeps its identity until it changes. */
export class BallotStore {
  private readonly all: ReadStore<ReadonlyMap<string, Ballot>>;

  constructor(doc: Y.Doc | null) {
    if (!doc) {
      this.all = constantStore(NO_BALLOTS);
      return;
    }
    const read = (): ReadonlyMap<string, Ballot> => {
      const prev = this.all?.get() ?? NO_BALLOTS;
      const out = new Map<string, Ballot>();
      privateMaps(doc).ballots.forEach((_m, voteId) => {
        const next = readBallot(doc, voteId);
        const before = prev.get(voteId);
        out.set(voteId, before && sameBallot(before, next) ? before : Object.keys(next).length ? next : EMPTY_BALLOT);
      });
      return out;
    };
    this.all = valueStore(privateMaps(doc).ballots, read, (a, b) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v));
  }

  get = (voteId: string): Ballot => this.all.get().get(voteId) ?? EMPTY_BALLOT;

  subscribe = (l: () => void): (() => void) => this.all.subscribe(l);
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
