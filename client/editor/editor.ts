import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { addShape, boardMaps, DEFAULT_VIEW_ID, deleteShapes, newId, readViews, updateShape, zOnTop } from '../../shared/model/board-doc';
import { NOTE_SIZE, type NoteColor, type Shape, type ShapeInput, type ShapeKind, type Stride } from '../../shared/model/schema';
import { addHiddenNote, deleteHiddenNote, updateHiddenNote } from '../../shared/facilitation/doc';
import { boundsOf, centerOf, hitTest, isBoxed, rectOf } from '../../shared/model/geometry';
import { clipboardPayload, copyRecords, parseClipboard, pasteRecords } from '../../shared/model/clipboard';
import { isDfdElement } from '../../shared/threats/stride';
import { threatInput } from '../../shared/threats/create';
import { placeThreatNote } from '../../shared/model/placement';
import type { LibraryEntry } from '../../shared/threats/library';
import { canEditBoard } from '../../shared/roles';
import { createStore, type Store } from '../lib/store';
import { shapesStoreFor } from '../model/hooks';
import { PresenceStore } from '../model/presence-store';
import { SceneStore } from '../model/scene-store';
import type { ShapesStore } from '../model/shapes-store';
import type { Facilitation } from '../facilitation/session';
import { FollowController } from '../facilitation/follow';
import { SelfPresence } from '../facilitation/self';
import type { BoardConnection, Identity } from '../sync/connect';
import { Viewport } from './viewport';
import { isPlaceTool, PLACE_SIZE, type PlaceKind, type Tool, TOOLS } from './tools';
import { intersects, union, type Rect, type Vec } from '../canvas/camera';
import { sessionCameras, type CameraMemory } from './camera-memory';
import { TEXT_FIELD } from './kinds';

/** Origin of every change this tab makes, so the undo manager tracks only our own edits. */
export const LOCAL_ORIGIN = { name: 'threatboard-local' };

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

const CURSOR_INTERVAL_MS = 33;
/** Smallest size a diagram shape can be resized to; boundaries may be any size. */
export const MIN_SIZE = { w: 40, h: 30 };
const MIN_BOUNDARY = 8;
const DUPLICATE_OFFSET = 20;
/** localStorage key of the clipboard shared by every board open in this browser. */
export const CLIPBOARD_KEY = 'threatboard:clipboard';

/** What the facilitator's lock freezes: the diagram. Notes and threats can still be added and moved. */
const DIAGRAM_KINDS: ReadonlySet<ShapeKind> = new Set<ShapeKind>(['entity', 'process', 'store', 'flow', 'boundary', 'text']);

export function isDiagramKind(kind: ShapeKind): boolean {
  return DIAGRAM_KINDS.has(kind);
}

/** Snapshots of the shapes a drag moves, taken when it starts. */
export type MoveOrigins = Map<string, Shape>;

function roundVec(p: Vec): Vec {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/**
 * Everything one open board needs beyond React: the document connection, session state (tool,
 * selection, text editing, camera) in small stores, and the actions the UI and keyboard invoke.
 * Components read the stores with hooks and call these methods; none of them touches Yjs directly.
 */
export class Editor {
  readonly doc: Y.Doc;
  /** The board document's shapes only (what everyone sees). */
  readonly boardShapes: ShapesStore;
  /** What this user's canvas shows: the board's shapes and their own hidden brainstorm notes. */
  readonly shapes: SceneStore;
  /** Summon, "follow me" and following another person's camera. */
  readonly follow: FollowController;
  /** Our raised hand and group pick, in presence. */
  readonly self: SelfPresence;
  readonly presence: PresenceStore;
  readonly viewport = new Viewport();
  readonly canEdit: boolean;
  /** The view (diagram) the canvas shows. Session state: each person switches on their own. */
  readonly currentView: Store<string>;
  readonly tool: Store<Tool> = createStore<Tool>('select');
  readonly selection: Store<ReadonlySet<string>> = createStore<ReadonlySet<string>>(new Set(), sameSet);
  /** The note whose text is open in the textarea overlay. */
  readonly editing: Store<string | null> = createStore<string | null>(null);
  /** The keyboard shortcut sheet is open. */
  readonly shortcutsOpen: Store<boolean> = createStore(false);
  /** Space held: the canvas pans whatever the tool. */
  readonly spacePan: Store<boolean> = createStore(false);
  readonly undoState: Store<UndoState> = createStore<UndoState>(
    { canUndo: false, canRedo: false },
    (a, b) => a.canUndo === b.canUndo && a.canRedo === b.canRedo,
  );
  /** Last pointer position over the canvas, in world coordinates; null when the pointer is elsewhere. */
  pointer: Vec | null = null;

  private readonly undo: Y.UndoManager;
  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private cursorPending: Vec | null | undefined = undefined;
  private cleanups: (() => void)[] = [];

  constructor(
    readonly conn: BoardConnection,
    readonly me: Identity,
    /** The live session: phase, timer, locks, brainstorm, votes; and this user's private document. */
    readonly fac: Facilitation,
  ) {
    this.doc = conn.doc;
    this.canEdit = canEditBoard(me.role);
    this.boardShapes = shapesStoreFor(this.doc);
    this.shapes = new SceneStore(this.boardShapes, fac.hiddenNotes);
    this.currentView = createStore(readViews(this.doc).records[0]?.id ?? DEFAULT_VIEW_ID);
    this.presence = new PresenceStore(conn.awareness, this.currentView.get());
    conn.awareness.setLocalStateField('view', this.currentView.get());
    // Capture boundaries are set explicitly around every action and gesture (see `act`), so one drag
    // is one undo step however long it takes, and two quick clicks are two steps. Views are tracked
    // too, so deleting a view (with its shapes) is undone in one step.
    // The register's own records (mitigations, assumptions) are tracked like shapes.
    const { shapes, views, mitigations, assumptions } = boardMaps(this.doc);
    this.undo = new Y.UndoManager([shapes, views, mitigations, assumptions], {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: Number.MAX_SAFE_INTEGER,
    });
    const syncUndo = () => this.undoState.set({ canUndo: this.undo.canUndo(), canRedo: this.undo.canRedo() });
    this.undo.on('stack-item-added', syncUndo);
    this.undo.on('stack-item-popped', syncUndo);
    this.undo.on('stack-cleared', syncUndo);

    this.cleanups.push(
      this.selection.subscribe(() => conn.awareness.setLocalStateField('selection', [...this.selection.get()])),
      // Records deleted elsewhere (or by undo) leave the selection and the text editor.
      this.shapes.subscribe(() => {
        const { byId } = this.shapes.get();
        const sel = this.selection.get();
        if ([...sel].some((id) => !byId.has(id))) this.selection.set(new Set([...sel].filter((id) => byId.has(id))));
        const editing = this.editing.get();
        if (editing && !byId.has(editing)) this.editing.set(null);
      }),
      this.watchViews(),
      () => this.undo.destroy(),
      () => this.presence.destroy(),
    );
    this.follow = new FollowController(this);
    this.self = new SelfPresence(conn.awareness, fac, this.presence);
    this.cleanups.push(
      () => this.follow.destroy(),
      () => this.self.destroy(),
    );
  }

  destroy(): void {
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    for (const c of this.cleanups.splice(0)) c();
  }

  /** The current view's id (shorthand for `currentView.get()`). */
  get view(): string {
    return this.currentView.get();
  }

  private visibleCache: { list: readonly Shape[]; view: string; out: readonly Shape[] } | null = null;

  /**
   * Shapes of the current view in drawing order: trust boundaries first (always behind), then the
   * rest in z order. Hit tests walk it backwards, so they agree with what is drawn on top.
   */
  visibleShapes(): readonly Shape[] {
    const view = this.view;
    const list = this.shapes.get().list;
    const c = this.visibleCache;
    if (c && c.list === list && c.view === view) return c.out;
    const mine = list.filter((s) => s.view === view);
    const out = [...mine.filter((s) => s.kind === 'boundary'), ...mine.filter((s) => s.kind !== 'boundary')];
    this.visibleCache = { list, view, out };
    return out;
  }

  // ── views ───────────────────────────────────────────────────────────────

  /** Each view's camera: for this tab only, or kept in this browser (see camera-memory.ts). */
  cameras: CameraMemory = sessionCameras();

  /**
   * Show another view: the selection is cleared (it belonged to the other diagram), the camera of
   * each view is remembered, and the others see which view we are on.
   */
  setView(id: string): void {
    const prev = this.currentView.get();
    if (id === prev) return;
    this.cameras.set(prev, this.viewport.camera.get());
    this.editing.set(null);
    this.selection.set(new Set());
    this.currentView.set(id);
    this.presence.setView(id);
    this.conn.awareness.setLocalStateField('view', id);
    this.setPointer(null);
    this.restoreCamera();
  }

  /** The current view's remembered camera, else all of it at a zoom where labels can be read. */
  restoreCamera(): void {
    const saved = this.cameras.get(this.view);
    if (saved) this.viewport.camera.set(saved);
    else if (this.visibleShapes().length > 0) this.zoomToFit({ readable: true });
  }

  /** When the current view disappears (deleted here or elsewhere), move to the first one left. */
  private watchViews(): () => void {
    const { views } = boardMaps(this.doc);
    const check = () => {
      const list = readViews(this.doc).records;
      if (list.length > 0 && !list.some((v) => v.id === this.currentView.get())) this.setView(list[0]!.id);
    };
    views.observe(check);
    return () => views.unobserve(check);
  }

  // ── actions on the document ─────────────────────────────────────────────

  /** Run one user action as one undo step. */
  private act<T>(fn: () => T): T {
    this.undo.stopCapturing();
    try {
      return fn();
    } finally {
      this.undo.stopCapturing();
    }
  }

  // ── locks, hidden notes: where a change may go ─────────────────────────

  /** The facilitator has locked the diagram of `view`. */
  viewLocked(view: string = this.view): boolean {
    return this.fac.state.get().locks.has(view);
  }

  /** A diagram shape of a locked view: it cannot be moved, resized, edited or deleted. */
  isLocked(s: Shape): boolean {
    return DIAGRAM_KINDS.has(s.kind) && this.viewLocked(s.view);
  }

  /** This user may change the shape now (role, lock). */
  canChange(id: string): boolean {
    if (!this.canEdit) return false;
    const s = this.shapes.get().byId.get(id);
    return !!s && !this.isLocked(s);
  }

  /** One of this user's hidden brainstorm notes (it lives in their private document). */
  isHidden(id: string): boolean {
    return this.shapes.get().hidden.has(id);
  }

  /** Change a shape in the document it lives in: the board, or the private one for a hidden note. */
  private write(id: string, patch: Record<string, unknown>): boolean {
    const priv = this.fac.privateDoc;
    if (priv && this.isHidden(id)) {
      updateHiddenNote(priv, id, patch, LOCAL_ORIGIN);
      return true;
    }
    return updateShape(this.doc, id, patch, LOCAL_ORIGIN);
  }

  /**
   * Add a record. During a silent brainstorm on its view, notes and threats go to the private document:
   * only this user sees them until the server reveals them into the board.
   */
  private addRecord(input: ShapeInput): void {
    const priv = this.fac.privateDoc;
    if (priv && (input.kind === 'note' || input.kind === 'threat') && this.fac.brainstormingIn(input.view ?? this.view)) {
      addHiddenNote(priv, input, LOCAL_ORIGIN);
      return;
    }
    addShape(this.doc, input, LOCAL_ORIGIN);
  }

  /** Add a note centred on `at` (world), select it and open its text editor. */
  createNote(at: Vec, options: { edit?: boolean } = {}): string | null {
    if (!this.canEdit) return null;
    const pos = this.freeSpot({ x: Math.round(at.x - NOTE_SIZE.w / 2), y: Math.round(at.y - NOTE_SIZE.h / 2) });
    const id = newId();
    this.act(() => this.addRecord({ kind: 'note', id, view: this.view, z: zOnTop(this.doc), pos, createdBy: this.me.userId, createdAt: Date.now() }));
    this.selection.set(new Set([id]));
    this.tool.set('select');
    if (options.edit !== false) this.editing.set(id);
    return id;
  }

  /**
   * Place a diagram shape: centred on `at` at its default size, or filling `rect` (a boundary drawn by
   * dragging). Selects it and opens its label editor; the tool returns to select.
   */
  createShape(kind: PlaceKind, at: Vec, options: { rect?: Rect; edit?: boolean } = {}): string | null {
    if (!this.canEdit) return null;
    if (kind === 'note') return this.createNote(at, options);
    if (this.viewLocked()) {
      this.tool.set('select');
      return null;
    }
    const size = options.rect ? { w: Math.max(MIN_BOUNDARY, Math.round(options.rect.w)), h: Math.max(MIN_BOUNDARY, Math.round(options.rect.h)) } : PLACE_SIZE[kind];
    const pos = options.rect
      ? { x: Math.round(options.rect.x), y: Math.round(options.rect.y) }
      : this.freeSpot({ x: Math.round(at.x - size.w / 2), y: Math.round(at.y - size.h / 2) });
    const id = newId();
    const base = { id, view: this.view, z: zOnTop(this.doc), pos, size, createdBy: this.me.userId, createdAt: Date.now() };
    this.act(() => this.addRecord({ kind, ...base } as ShapeInput));
    this.selection.set(new Set([id]));
    this.tool.set('select');
    if (options.edit !== false) this.editing.set(id);
    return id;
  }

  /** Place a shape of `kind` where the pointer is (or in the middle of the window): keyboard use. */
  createShapeHere(kind: PlaceKind): string | null {
    return this.createShape(kind, this.pointer ?? this.viewport.centreWorld());
  }

  /** A data flow from one element to another (empty label, no protocol); opens its label editor. */
  createFlow(from: string, to: string, options: { edit?: boolean } = {}): string | null {
    if (!this.canEdit || from === to) return null;
    const { byId } = this.shapes.get();
    const a = byId.get(from);
    const b = byId.get(to);
    if (!a || !b || !isBoxed(a) || !isBoxed(b) || a.view !== b.view || this.viewLocked(a.view)) return null;
    const id = newId();
    this.act(() =>
      this.addRecord(
        {
          kind: 'flow',
          id,
          view: a.view,
          z: zOnTop(this.doc),
          from,
          to,
          fromPt: roundVec(centerOf(rectOf(a))),
          toPt: roundVec(centerOf(rectOf(b))),
          label: '',
          protocol: '',
          createdBy: this.me.userId,
          createdAt: Date.now(),
        },
      ),
    );
    this.selection.set(new Set([id]));
    this.tool.set('select');
    if (options.edit !== false) this.editing.set(id);
    return id;
  }

  /** Repeated creation at one spot cascades instead of stacking shapes exactly on top of each other. */
  private freeSpot(p: Vec): Vec {
    const taken = new Set(this.visibleShapes().map((s) => (isBoxed(s) ? `${s.pos.x},${s.pos.y}` : '')));
    let q = { x: Math.round(p.x), y: Math.round(p.y) };
    for (let i = 0; i < 50 && taken.has(`${q.x},${q.y}`); i++) q = { x: q.x + 24, y: q.y + 24 };
    return q;
  }

  /** Create a note at the pointer if it is over the canvas, else at the centre of the viewport. */
  createNoteHere(): string | null {
    return this.createNote(this.pointer ?? this.viewport.centreWorld());
  }

  beginGesture(): void {
    this.undo.stopCapturing();
  }

  endGesture(): void {
    this.undo.stopCapturing();
  }

  /**
   * What moves when `ids` are dragged: the boxed shapes, and the bend points and free ends of flows
   * that are selected or whose two ends both move (so a moved group keeps its shape).
   */
  moveSet(ids: Iterable<string>): MoveOrigins {
    const { byId, list } = this.shapes.get();
    const out: MoveOrigins = new Map();
    for (const id of ids) {
      const s = byId.get(id);
      if (s && !this.isLocked(s)) out.set(id, s);
    }
    for (const s of list) {
      if (s.kind === 'flow' && !out.has(s.id) && !this.isLocked(s) && s.from && s.to && out.has(s.from) && out.has(s.to) && s.bends.length) out.set(s.id, s);
    }
    return out;
  }

  /** Write the shapes of `origins` moved by (dx, dy); called at most once per animation frame during a drag. */
  moveBy(origins: MoveOrigins, dx: number, dy: number): void {
    if (!this.canEdit || origins.size === 0) return;
    const d = (p: Vec) => ({ x: Math.round(p.x + dx), y: Math.round(p.y + dy) });
    this.doc.transact(() => {
      for (const [id, s] of origins) {
        if (this.isLocked(s)) continue;
        if (s.kind === 'flow') {
          const patch: Record<string, unknown> = {};
          if (s.bends.length) patch.bends = s.bends.map(d);
          if (!s.from) patch.fromPt = d(s.fromPt);
          if (!s.to) patch.toPt = d(s.toPt);
          if (Object.keys(patch).length) this.write(id, patch);
        } else this.write(id, { pos: d(s.pos) });
      }
    }, LOCAL_ORIGIN);
  }

  /** Write new positions of boxed shapes. */
  moveTo(positions: ReadonlyMap<string, Vec>): void {
    if (!this.canEdit || positions.size === 0) return;
    this.doc.transact(() => {
      for (const [id, pos] of positions) if (this.canChange(id)) this.write(id, { pos: { x: Math.round(pos.x), y: Math.round(pos.y) } });
    }, LOCAL_ORIGIN);
  }

  nudge(dx: number, dy: number): void {
    const origins = this.moveSet(this.selection.get());
    this.act(() => this.moveBy(origins, dx, dy));
  }

  /** Resize boxed shapes to new rectangles (from the resize handles), as one undo step. */
  resize(rects: ReadonlyMap<string, Rect>): void {
    if (!this.canEdit || rects.size === 0) return;
    const { byId } = this.shapes.get();
    this.act(() =>
      this.doc.transact(() => {
        for (const [id, r] of rects) {
          const s = byId.get(id);
          if (!s || !isBoxed(s) || this.isLocked(s)) continue;
          const min = s.kind === 'boundary' ? { w: MIN_BOUNDARY, h: MIN_BOUNDARY } : MIN_SIZE;
          this.write(id, { pos: { x: Math.round(r.x), y: Math.round(r.y) }, size: { w: Math.max(min.w, Math.round(r.w)), h: Math.max(min.h, Math.round(r.h)) } });
        }
      }, LOCAL_ORIGIN),
    );
  }

  /** Replace a flow's bend points; during a bend drag (no undo step of its own: see beginGesture). */
  setBends(id: string, bends: readonly Vec[]): void {
    if (!this.canChange(id)) return;
    this.write(id, { bends: bends.map(roundVec) });
  }

  /** Remove one bend point of a flow, as one undo step. */
  removeBend(id: string, index: number): void {
    const s = this.shapes.get().byId.get(id);
    if (s?.kind !== 'flow' || !this.canChange(id)) return;
    this.act(() => this.setBends(id, s.bends.filter((_, i) => i !== index)));
  }

  /** Attach threats to an element (used when threat notes are dropped on it). Part of the running gesture. */
  attachThreats(threatIds: Iterable<string>, elementId: string): number {
    if (!this.canEdit) return 0;
    const { byId } = this.shapes.get();
    let n = 0;
    this.doc.transact(() => {
      for (const id of threatIds) {
        const t = byId.get(id);
        if (t?.kind !== 'threat' || t.elements.includes(elementId)) continue;
        this.write(id, { elements: [...t.elements, elementId] });
        n++;
      }
    }, LOCAL_ORIGIN);
    return n;
  }

  /** Set the text field of a shape (note/text: text, threat: title, others: label). */
  setText(id: string, text: string): void {
    if (!this.canChange(id)) return;
    const s = this.shapes.get().byId.get(id);
    if (!s) return;
    const field = TEXT_FIELD[s.kind];
    if ((s as Record<string, unknown>)[field] === text) return;
    this.act(() => this.write(id, { [field]: text }));
  }

  setColor(ids: Iterable<string>, color: NoteColor): void {
    if (!this.canEdit) return;
    const { byId } = this.shapes.get();
    const list = [...ids].filter((id) => byId.get(id)?.kind === 'note');
    this.act(() =>
      this.doc.transact(() => {
        for (const id of list) this.write(id, { color });
      }, LOCAL_ORIGIN),
    );
  }

  /** Delete the selection (see `deleteIds`). */
  deleteSelected(): void {
    const ids = [...this.selection.get()];
    if (!this.canEdit || ids.length === 0) return;
    this.editing.set(null);
    this.deleteIds(ids);
    this.selection.set(new Set());
  }

  /**
   * Delete shapes as one undo step. Flows that pointed at a deleted element keep their line: that end
   * becomes free at the element's centre; threats forget the deleted elements. Undo restores all of it.
   */
  deleteIds(requested: readonly string[]): void {
    const ids = requested.filter((id) => this.canChange(id));
    if (!this.canEdit || ids.length === 0) return;
    const { byId, list } = this.shapes.get();
    const doomed = new Set(ids);
    const priv = this.fac.privateDoc;
    const hiddenIds = ids.filter((id) => this.isHidden(id));
    const boardIds = ids.filter((id) => !this.isHidden(id));
    const centre = (id: string) => {
      const s = byId.get(id);
      return s && isBoxed(s) ? roundVec(centerOf(rectOf(s))) : null;
    };
    this.act(() =>
      this.doc.transact(() => {
        for (const s of list) {
          if (doomed.has(s.id)) continue;
          if (s.kind === 'flow') {
            const patch: Record<string, unknown> = {};
            if (s.from && doomed.has(s.from)) {
              patch.from = null;
              patch.fromPt = centre(s.from) ?? s.fromPt;
            }
            if (s.to && doomed.has(s.to)) {
              patch.to = null;
              patch.toPt = centre(s.to) ?? s.toPt;
            }
            if (Object.keys(patch).length) this.write(s.id, patch);
          } else if (s.kind === 'threat' && s.elements.some((e) => doomed.has(e))) {
            this.write(s.id, { elements: s.elements.filter((e) => !doomed.has(e)) });
          }
        }
        if (boardIds.length) deleteShapes(this.doc, boardIds, LOCAL_ORIGIN);
        if (priv) for (const id of hiddenIds) deleteHiddenNote(priv, id, LOCAL_ORIGIN);
      }, LOCAL_ORIGIN),
    );
  }

  // ── z order ─────────────────────────────────────────────────────────────

  /** `n` ascending z keys above every shape, or below every shape. */
  private zKeys(n: number, where: 'top' | 'bottom'): string[] {
    let min: string | null = null;
    let max: string | null = null;
    for (const s of this.shapes.get().list) {
      if (min === null || s.z < min) min = s.z;
      if (max === null || s.z > max) max = s.z;
    }
    try {
      return where === 'top' ? generateNKeysBetween(max, null, n) : generateNKeysBetween(null, min, n);
    } catch {
      // A corrupt key from another client must not stop anyone reordering.
      return generateNKeysBetween(where === 'top' ? zOnTop(this.doc) : null, null, n);
    }
  }

  /** Bring the selection to the front or send it to the back, keeping its own order. */
  reorderSelected(where: 'front' | 'back'): void {
    if (!this.canEdit) return;
    const sel = this.selection.get();
    const chosen = this.shapes.get().list.filter((s) => sel.has(s.id) && !this.isLocked(s));
    if (chosen.length === 0) return;
    const keys = this.zKeys(chosen.length, where === 'front' ? 'top' : 'bottom');
    this.act(() =>
      this.doc.transact(() => {
        chosen.forEach((s, i) => this.write(s.id, { z: keys[i]! }));
      }, LOCAL_ORIGIN),
    );
  }

  // ── duplicate, copy, paste ──────────────────────────────────────────────

  /** Add copies of `records` (see shared/model/clipboard.ts) moved by `offset`, select them, one undo step. */
  private insertCopies(all: Shape[], offset: Vec): string[] {
    // Into a locked view only notes and threats can be pasted.
    const records = this.viewLocked() ? all.filter((r) => !DIAGRAM_KINDS.has(r.kind)) : all;
    if (!this.canEdit || records.length === 0) return [];
    const copies = pasteRecords(records, {
      view: this.view,
      offset,
      zKeys: this.zKeys(records.length, 'top'),
      newId,
      createdBy: this.me.userId,
      now: Date.now(),
      target: this.shapes.get().byId,
    });
    this.act(() =>
      this.doc.transact(() => {
        for (const c of copies) this.addRecord(c);
      }, LOCAL_ORIGIN),
    );
    const ids = copies.map((c) => c.id);
    this.editing.set(null);
    this.select(ids);
    return ids;
  }

  /** Copies of the selection 20 px down and right; flows between copied elements join the copies. */
  duplicateSelected(): string[] {
    const records = copyRecords(this.selection.get(), this.shapes.get().byId);
    return this.insertCopies(records, { x: DUPLICATE_OFFSET, y: DUPLICATE_OFFSET });
  }

  private pasteCount = 0;

  /**
   * Copy the selection to this browser's storage (shared by every board open in it) and, where the
   * browser allows, to the system clipboard. Returns how many records were copied.
   */
  copySelected(): number {
    const records = copyRecords(this.selection.get(), this.shapes.get().byId);
    if (records.length === 0) return 0;
    const text = JSON.stringify(clipboardPayload(records));
    this.pasteCount = 0;
    try {
      localStorage.setItem(CLIPBOARD_KEY, text);
    } catch {
      /* storage full or disabled: the system clipboard may still work */
    }
    try {
      void navigator.clipboard?.writeText(text).catch(() => undefined);
    } catch {
      /* not allowed here */
    }
    return records.length;
  }

  /**
   * Paste what was copied (from this or another board): where it was, slightly offset, if that place
   * is in the window; otherwise in the middle of the window.
   */
  paste(text?: string | null): string[] {
    if (!this.canEdit) return [];
    let source = text;
    if (source == null) {
      try {
        source = localStorage.getItem(CLIPBOARD_KEY);
      } catch {
        source = null;
      }
    }
    const records = parseClipboard(source);
    if (!records || records.length === 0) return [];
    const index = new Map(records.map((r) => [r.id, r] as const));
    const bounds = union(records.map((r) => boundsOf(r, index)));
    let offset: Vec = { x: 0, y: 0 };
    if (bounds && intersects(this.viewport.visibleRect(), bounds)) {
      this.pasteCount++;
      offset = { x: DUPLICATE_OFFSET * this.pasteCount, y: DUPLICATE_OFFSET * this.pasteCount };
    } else if (bounds) {
      const c = this.viewport.centreWorld();
      offset = { x: Math.round(c.x - (bounds.x + bounds.w / 2)), y: Math.round(c.y - (bounds.y + bounds.h / 2)) };
    }
    return this.insertCopies(records, offset);
  }

  /** Change fields of one shape, as one undo step. Returns false when the change is not valid. */
  updateShape(id: string, patch: Partial<Record<string, unknown>>): boolean {
    if (!this.canChange(id)) return false;
    try {
      return this.act(() => this.write(id, patch));
    } catch (e) {
      console.warn(e);
      return false;
    }
  }

  /**
   * Create a threat note (one undo step) and select it. It goes beside its first element in free space
   * (shared/model/placement.ts); without elements at `at`, else in the middle of the window.
   */
  createThreat(opts: { stride: Stride; title?: string; description?: string; entry?: LibraryEntry; elements?: string[]; at?: Vec }): string {
    if (!this.canEdit) return '';
    const { byId, list } = this.shapes.get();
    const elements = (opts.elements ?? []).filter((id) => byId.has(id));
    const first = elements.length ? byId.get(elements[0]!) : undefined;
    const id = newId();
    let pos: Vec | null = null;
    let view = this.view;
    if (first) {
      view = first.view;
      pos = placeThreatNote(id, first.id, list.filter((s) => s.view === view));
    }
    if (!pos) {
      const c = opts.at ?? this.pointer ?? this.viewport.centreWorld();
      pos = this.freeSpot({ x: c.x - NOTE_SIZE.w / 2, y: c.y - NOTE_SIZE.h / 2 });
    }
    const entry = opts.entry;
    this.act(() =>
      this.addRecord(
        threatInput({
          id,
          view,
          z: zOnTop(this.doc),
          createdBy: this.me.userId,
          pos: { x: Math.round(pos.x), y: Math.round(pos.y) },
          stride: opts.stride,
          title: opts.title,
          description: opts.description,
          elements,
          entry,
        }),
      ),
    );
    if (view !== this.view) this.setView(view);
    this.select([id]);
    return id;
  }

  /**
   * A library entry dropped on the canvas at world point `at`: a threat attached to the element under
   * the point when the entry applies to that kind of element, otherwise a free threat at the point.
   */
  dropLibraryEntry(entry: LibraryEntry, at: Vec, tolerance = 6): string | null {
    if (!this.canEdit) return null;
    const elements = this.visibleShapes().filter(isDfdElement);
    const hit = hitTest(elements, at, tolerance);
    const attach = hit && (entry.appliesTo as string[]).includes(hit.kind);
    return this.createThreat({ stride: entry.stride, entry, elements: attach ? [hit.id] : [], at });
  }

  /** Switch to the shape's view if needed, select it and bring it into view. */
  focusShape(id: string): void {
    const s = this.shapes.get().byId.get(id);
    if (!s) return;
    if (s.view !== this.view) this.setView(s.view);
    this.reveal(id);
  }

  undoLast(): void {
    this.editing.set(null);
    this.undo.undo();
  }

  redoLast(): void {
    this.editing.set(null);
    this.undo.redo();
  }

  // ── session state ───────────────────────────────────────────────────────

  select(ids: Iterable<string>): void {
    this.selection.set(new Set(ids));
  }

  toggleSelected(id: string): void {
    const next = new Set(this.selection.get());
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.selection.set(next);
  }

  selectAll(): void {
    this.select(this.visibleShapes().map((s) => s.id));
  }

  /** Open the text editor of a shape (its text, label or title). */
  startEditing(id: string): void {
    if (this.canChange(id)) {
      this.select([id]);
      this.editing.set(id);
    }
  }

  setTool(tool: Tool): void {
    if (!this.canEdit && TOOLS.find((t) => t.id === tool)?.edits) return;
    if (this.viewLocked() && isPlaceTool(tool) && tool !== 'note') return;
    if (this.viewLocked() && tool === 'flow') return;
    this.tool.set(tool);
  }

  /** Bring a shape into view (if it is not) and select it: used by the outline list. */
  reveal(id: string): void {
    const { byId } = this.shapes.get();
    const s = byId.get(id);
    if (!s) return;
    this.select([id]);
    this.viewport.ensureVisible(boundsOf(s, byId));
  }

  /** Show the whole view; `readable`: never below the zoom where labels can be read (from the top left). */
  zoomToFit(options: { readable?: boolean } = {}): void {
    const { byId } = this.shapes.get();
    this.viewport.fitTo(this.visibleShapes().map((s) => boundsOf(s, byId)), options);
  }

  /** Publish our pointer to the others, at most ~30 times a second; null hides it. */
  setPointer(world: Vec | null): void {
    this.pointer = world;
    this.cursorPending = world;
    if (this.cursorTimer) return;
    this.flushCursor();
    const tick = () => {
      this.cursorTimer = null;
      if (this.cursorPending === undefined) return;
      this.flushCursor();
      this.cursorTimer = setTimeout(tick, CURSOR_INTERVAL_MS);
    };
    this.cursorTimer = setTimeout(tick, CURSOR_INTERVAL_MS);
  }

  private flushCursor(): void {
    const p = this.cursorPending;
    this.cursorPending = undefined;
    if (p === undefined) return;
    this.conn.awareness.setLocalStateField('cursor', p ? { x: Math.round(p.x), y: Math.round(p.y), view: this.view } : null);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
