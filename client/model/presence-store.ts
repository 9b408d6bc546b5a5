import type { Awareness } from 'y-protocols/awareness';
import { Presence, type PresenceUser } from '../../shared/presence';
import { readExtras, type SharedCamera } from './presence-extras';

export interface Peer {
  clientId: number;
  user: PresenceUser;
  cursor: Presence['cursor'];
  selection: string[];
  isLocal: boolean;
  view: string | undefined;
  hand: number | null;
  camera: SharedCamera | null;
  groupPick: string | null;
}

export interface Participant extends PresenceUser {
  isLocal: boolean;
  /** Open tabs of this user. */
  connections: number;
  /** When their hand went up (server clock), from any of their tabs; null when down. */
  hand: number | null;
  /** The small group they picked, while the facilitator lets people pick. */
  groupPick: string | null;
}

export interface RemoteCursor {
  clientId: number;
  name: string;
  color: string;
  x: number;
  y: number;
}

/** A cursor that has not moved for this long is hidden: its owner has probably left the window. */
export const CURSOR_STALE_MS = 20_000;

/**
 * Presence of everyone on the board, from awareness. Awareness states come from other browsers, so
 * each is validated before use. Three derived snapshots with their own identity, so that cursors
 * moving 30 times a second do not re-render the participant list.
 */
export class PresenceStore {
  private peers: Peer[] = [];
  private byClient = new Map<number, Peer>();
  private participants: Participant[] = [];
  private participantsKey = '';
  private cursors: RemoteCursor[] = [];
  private remoteSelections = new Map<string, string>();
  private selectionsKey = '';
  private cursorMovedAt = new Map<number, number>();
  private lastCursor = new Map<number, string>();
  private cameraMovedAt = new Map<number, number>();
  private lastCamera = new Map<number, string>();
  private listeners = {
    participants: new Set<() => void>(),
    cursors: new Set<() => void>(),
    selections: new Set<() => void>(),
    cameras: new Set<() => void>(),
  };
  private timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly awareness: Awareness,
    private view: string,
  ) {
    this.awareness.on('change', this.onChange);
    this.timer = setInterval(() => this.recomputeCursors(), 2000);
    this.onChange(undefined);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    clearInterval(this.timer);
  }

  setView(view: string): void {
    this.view = view;
    this.recomputeCursors();
  }

  getParticipants = () => this.participants;
  getCursors = () => this.cursors;
  getRemoteSelections = (): ReadonlyMap<string, string> => this.remoteSelections;
  subscribeParticipants = (l: () => void) => this.add(this.listeners.participants, l);
  subscribeCursors = (l: () => void) => this.add(this.listeners.cursors, l);
  subscribeSelections = (l: () => void) => this.add(this.listeners.selections, l);
  /** Called whenever anyone's shared camera changes (see `cameraOf`). */
  subscribeCameras = (l: () => void) => this.add(this.listeners.cameras, l);

  /** The camera a user shares, from whichever of their tabs moved last; null when they share none. */
  cameraOf(userId: string): SharedCamera | null {
    let best: Peer | null = null;
    for (const p of this.peers) {
      if (p.user.id !== userId || !p.camera) continue;
      if (!best || (this.cameraMovedAt.get(p.clientId) ?? 0) > (this.cameraMovedAt.get(best.clientId) ?? 0)) best = p;
    }
    return best?.camera ?? null;
  }

  private add(set: Set<() => void>, l: () => void): () => void {
    set.add(l);
    return () => set.delete(l);
  }

  private emit(set: Set<() => void>): void {
    for (const l of [...set]) l();
  }

  /** Only the states that changed are re-validated: with many people, cursors change constantly. */
  private onChange = (changes?: { added: number[]; updated: number[]; removed: number[] }): void => {
    const local = this.awareness.clientID;
    const now = Date.now();
    const states = this.awareness.getStates();
    const touched = changes ? [...changes.added, ...changes.updated, ...changes.removed] : [...states.keys()];
    let camerasMoved = false;
    for (const clientId of touched) {
      const r = Presence.safeParse(states.get(clientId));
      if (!r.success) {
        this.byClient.delete(clientId);
        this.lastCursor.delete(clientId);
        this.cursorMovedAt.delete(clientId);
        if (this.lastCamera.delete(clientId)) camerasMoved = true;
        this.cameraMovedAt.delete(clientId);
        continue;
      }
      const p = r.data;
      const x = readExtras(states.get(clientId));
      this.byClient.set(clientId, {
        clientId,
        user: p.user,
        cursor: p.cursor,
        selection: p.selection,
        isLocal: clientId === local,
        view: p.view,
        hand: x.hand,
        camera: x.camera,
        groupPick: x.groupPick,
      });
      const camKey = x.camera ? `${x.camera.view},${x.camera.x},${x.camera.y},${x.camera.zoom}` : '';
      if (this.lastCamera.get(clientId) !== camKey) {
        this.lastCamera.set(clientId, camKey);
        this.cameraMovedAt.set(clientId, now);
        camerasMoved = true;
      }
      const key = p.cursor ? `${p.cursor.x},${p.cursor.y},${p.cursor.view}` : '';
      if (this.lastCursor.get(clientId) !== key) {
        this.lastCursor.set(clientId, key);
        this.cursorMovedAt.set(clientId, now);
      }
    }
    this.peers = [...this.byClient.values()];
    this.recomputeParticipants();
    this.recomputeSelections();
    this.recomputeCursors();
    if (camerasMoved) this.emit(this.listeners.cameras);
  };

  private recomputeParticipants(): void {
    const byUser = new Map<string, Participant>();
    for (const p of this.peers) {
      const existing = byUser.get(p.user.id);
      if (existing) {
        existing.connections++;
        existing.isLocal ||= p.isLocal;
        if (p.hand !== null && (existing.hand === null || p.hand > existing.hand)) existing.hand = p.hand;
        existing.groupPick ??= p.groupPick;
      } else byUser.set(p.user.id, { ...p.user, isLocal: p.isLocal, connections: 1, hand: p.hand, groupPick: p.groupPick });
    }
    const list = [...byUser.values()].sort((a, b) =>
      a.isLocal !== b.isLocal ? (a.isLocal ? -1 : 1) : a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    const key = JSON.stringify(list);
    if (key === this.participantsKey) return;
    this.participantsKey = key;
    this.participants = list;
    this.emit(this.listeners.participants);
  }

  private recomputeSelections(): void {
    const map = new Map<string, string>();
    for (const p of this.peers) {
      if (p.isLocal) continue;
      for (const id of p.selection) if (!map.has(id)) map.set(id, p.user.color);
    }
    const key = JSON.stringify([...map]);
    if (key === this.selectionsKey) return;
    this.selectionsKey = key;
    this.remoteSelections = map;
    this.emit(this.listeners.selections);
  }

  private recomputeCursors(): void {
    const now = Date.now();
    const next: RemoteCursor[] = [];
    for (const p of this.peers) {
      if (p.isLocal || !p.cursor || p.cursor.view !== this.view) continue;
      if (now - (this.cursorMovedAt.get(p.clientId) ?? 0) > CURSOR_STALE_MS) continue;
      next.push({ clientId: p.clientId, name: p.user.name, color: p.user.color, x: p.cursor.x, y: p.cursor.y });
    }
    const prev = this.cursors;
    const same =
      prev.length === next.length &&
      prev.every((c, i) => {
        const n = next[i]!;
        return c.clientId === n.clientId && c.x === n.x && c.y === n.y && c.name === n.name && c.color === n.color;
      });
    if (same) return;
    this.cursors = next;
    this.emit(this.listeners.cursors);
  }
}
