import type * as Y from 'yjs';
import { boardToData, type BoardData } from '../../shared/formats/board-data';
import { readPeople } from '../../shared/model/people';
import type { VersionInfo } from '../../shared/versions';
import { createStore, type ReadStore } from '../lib/store';
import { stampsReader } from './read';
import { entriesOf, summarize, type ChangeKind, type SinceSummary } from './summary';

export interface SinceState {
  /** `waiting` until the board arrived and the summary was made; `none` when there is nothing to show. */
  phase: 'waiting' | 'none' | 'ready';
  /** When this person was last here. */
  since: number | null;
  summary: SinceSummary | null;
  /** Entries (by key) this person has looked at: clicked in the list, or the shape selected. */
  seen: ReadonlySet<string>;
  /** The panel is shown. */
  open: boolean;
  /** "Mark all as seen" was pressed: no button, no highlights. */
  dismissed: boolean;
  /** A sentence when the older state could not be fetched (the summary then lacks removals and details). */
  note: string;
}

export interface SinceDeps {
  doc: Y.Doc;
  me: string;
  /** Whether the board has arrived from the server (people[me].lastSeenAt is the server's then). */
  synced: ReadStore<boolean>;
  selection: ReadStore<ReadonlySet<string>>;
  listVersions(): Promise<VersionInfo[]>;
  fetchVersion(id: string): Promise<BoardData>;
}

const INITIAL: SinceState = { phase: 'waiting', since: null, summary: null, seen: new Set(), open: false, dismissed: false, note: '' };

/**
 * "Since you were last here", once per page: after the first sync, read when this person last left the
 * board, fetch the newest version at or before that time and list what others did since (summary.ts).
 * Keeps which entries were seen: selecting a listed shape on the canvas counts as seeing it.
 */
export class SinceController {
  readonly state = createStore<SinceState>(INITIAL);
  /** Shapes still to ring on the canvas and mark in the outline: added or changed, not yet seen. */
  readonly unseen = createStore<ReadonlyMap<string, ChangeKind>>(new Map(), sameMap);
  private readonly stops: (() => void)[] = [];
  private started = false;
  private destroyed = false;

  constructor(private readonly deps: SinceDeps) {
    const onSynced = () => {
      if (this.started || !deps.synced.get()) return;
      this.started = true;
      void this.load();
    };
    this.stops.push(deps.synced.subscribe(onSynced));
    onSynced();
    this.stops.push(
      deps.selection.subscribe(() => {
        const unseen = this.unseen.get();
        const keys = [...deps.selection.get()].filter((id) => unseen.has(id)).map((id) => `shapes/${id}`);
        if (keys.length) this.markSeen(...keys);
      }),
    );
  }

  private async load(): Promise<void> {
    const { doc, me } = this.deps;
    const since = readPeople(doc).get(me)?.lastSeenAt ?? null;
    if (since === null) return this.set({ phase: 'none' });
    let base: BoardData | null = null;
    let note = '';
    try {
      const versions = await this.deps.listVersions();
      const at = versions.filter((v) => v.createdAt <= since).sort((a, b) => b.createdAt - a.createdAt)[0];
      if (at) base = await this.deps.fetchVersion(at.id);
    } catch {
      note = 'The board as you left it could not be fetched: removed items and field details are missing.';
    }
    if (this.destroyed) return;
    const summary = summarize({ me, since, base, current: boardToData(doc), stamps: stampsReader(doc) });
    const any = entriesOf(summary).length > 0;
    this.set({ phase: any ? 'ready' : 'none', since, summary, open: any, note });
  }

  private set(patch: Partial<SinceState>): void {
    this.state.set((s) => ({ ...s, ...patch }));
    this.unseen.set(unseenShapes(this.state.get()));
  }

  /** How many entries of the summary this person has not looked at yet. */
  unseenCount(state: SinceState): number {
    return state.summary ? entriesOf(state.summary).filter((e) => !state.seen.has(e.key)).length : 0;
  }

  setOpen(open: boolean): void {
    this.set({ open });
  }

  markSeen(...keys: string[]): void {
    const { seen } = this.state.get();
    if (keys.every((k) => seen.has(k))) return;
    this.set({ seen: new Set([...seen, ...keys]) });
  }

  /** Everything seen: the highlights and the top-bar button go. */
  markAllSeen(): void {
    const { summary } = this.state.get();
    this.set({ seen: new Set(summary ? entriesOf(summary).map((e) => e.key) : []), dismissed: true, open: false });
  }

  destroy(): void {
    this.destroyed = true;
    for (const stop of this.stops.splice(0)) stop();
  }
}

function unseenShapes(s: SinceState): ReadonlyMap<string, ChangeKind> {
  const out = new Map<string, ChangeKind>();
  if (!s.summary || s.dismissed) return out;
  for (const e of [...s.summary.threats, ...s.summary.other]) if (e.change !== 'removed' && !s.seen.has(e.key)) out.set(e.id, e.change);
  return out;
}

function sameMap<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
