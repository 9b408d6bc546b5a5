import * as Y from 'yjs';
import { addShape, boardMaps, DEFAULT_VIEW_ID, deleteShapes, newId, readViews, updateShape, zOnTop } from '../../shared/model/board-doc';
import { NOTE_SIZE, type NoteColor, type Shape, type Stride } from '../../shared/model/schema';
import { boundsOf, hitTest, isBoxed } from '../../shared/model/geometry';
import { isDfdElement } from '../../shared/threats/stride';
import { placeNextTo, threatInput } from '../../shared/threats/create';
import { libraryEntry } from '../../shared/threats/library';
import { canEditBoard } from '../../shared/roles';
import { createStore, type Store } from '../lib/store';
import { shapesStoreFor } from '../model/hooks';
import { PresenceStore } from '../model/presence-store';
import type { ShapesStore } from '../model/shapes-store';
import type { BoardConnection, Identity } from '../sync/connect';
import { Viewport } from './viewport';
import type { Tool } from './tools';
import type { Camera, Vec } from '../canvas/camera';

/** Origin of every change this tab makes, so the undo manager tracks only our own edits. */
export const LOCAL_ORIGIN = { name: 'threatboard-local' };

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

const CURSOR_INTERVAL_MS = 33;

/**
 * Everything one open board needs beyond React: the document connection, session state (tool,
 * selection, text editing, camera) in small stores, and the actions the UI and keyboard invoke.
 * Components read the stores with hooks and call these methods; none of them touches Yjs directly.
 */
export class Editor {
  readonly doc: Y.Doc;
  readonly shapes: ShapesStore;
  readonly presence: PresenceStore;
  readonly viewport = new Viewport();
  readonly canEdit: boolean;
  /** The view (diagram) the canvas shows. Session state: each person switches on their own. */
  readonly currentView: Store<string>;
  readonly tool: Store<Tool> = createStore<Tool>('select');
  readonly selection: Store<ReadonlySet<string>> = createStore<ReadonlySet<string>>(new Set(), sameSet);
  /** The note whose text is open in the textarea overlay. */
  readonly editing: Store<string | null> = createStore<string | null>(null);
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
  ) {
    this.doc = conn.doc;
    this.canEdit = canEditBoard(me.role);
    this.shapes = shapesStoreFor(this.doc);
    this.currentView = createStore(readViews(this.doc).records[0]?.id ?? DEFAULT_VIEW_ID);
    this.presence = new PresenceStore(conn.awareness, this.currentView.get());
    conn.awareness.setLocalStateField('view', this.currentView.get());
    // Capture boundaries are set explicitly around every action and gesture (see `act`), so one drag
    // is one undo step however long it takes, and two quick clicks are two steps. Views are tracked
    // too, so deleting a view (with its shapes) is undone in one step.
    const { shapes, views } = boardMaps(this.doc);
    this.undo = new Y.UndoManager([shapes, views], {
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
  }

  destroy(): void {
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    for (const c of this.cleanups.splice(0)) c();
  }

  /** The current view's id (shorthand for `currentView.get()`). */
  get view(): string {
    return this.currentView.get();
  }

  /** Shapes of the current view, in z order. */
  visibleShapes(): readonly Shape[] {
    const view = this.view;
    return this.shapes.get().list.filter((s) => s.view === view);
  }

  // ── views ───────────────────────────────────────────────────────────────

  private cameras = new Map<string, Camera>();

  /**
   * Show another view: the selection is cleared (it belonged to the other diagram), the camera of
   * each view is remembered for this session, and the others see which view we are on.
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
    const saved = this.cameras.get(id);
    if (saved) this.viewport.camera.set(saved);
    else this.zoomToFit();
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

  /** Add a note centred on `at` (world), select it and open its text editor. */
  createNote(at: Vec, options: { edit?: boolean } = {}): string | null {
    if (!this.canEdit) return null;
    const pos = this.freeSpot({ x: Math.round(at.x - NOTE_SIZE.w / 2), y: Math.round(at.y - NOTE_SIZE.h / 2) });
    const id = newId();
    this.act(() =>
      addShape(
        this.doc,
        { kind: 'note', id, view: this.view, z: zOnTop(this.doc), pos, createdBy: this.me.userId, createdAt: Date.now() },
        LOCAL_ORIGIN,
      ),
    );
    this.selection.set(new Set([id]));
    this.tool.set('select');
    if (options.edit !== false) this.editing.set(id);
    return id;
  }

  /** Repeated creation at one spot cascades instead of stacking notes exactly on top of each other. */
  private freeSpot(p: Vec): Vec {
    const taken = new Set(this.visibleShapes().map((s) => (isBoxed(s) ? `${s.pos.x},${s.pos.y}` : '')));
    let q = p;
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

  /** Write new positions; called at most once per animation frame during a drag. */
  moveTo(positions: ReadonlyMap<string, Vec>): void {
    if (!this.canEdit || positions.size === 0) return;
    this.doc.transact(() => {
      for (const [id, pos] of positions) updateShape(this.doc, id, { pos: { x: Math.round(pos.x), y: Math.round(pos.y) } }, LOCAL_ORIGIN);
    }, LOCAL_ORIGIN);
  }

  nudge(dx: number, dy: number): void {
    const { byId } = this.shapes.get();
    const next = new Map<string, Vec>();
    for (const id of this.selection.get()) {
      const s = byId.get(id);
      if (s && isBoxed(s)) next.set(id, { x: s.pos.x + dx, y: s.pos.y + dy });
    }
    this.act(() => this.moveTo(next));
  }

  setText(id: string, text: string): void {
    if (!this.canEdit) return;
    const s = this.shapes.get().byId.get(id);
    if (s?.kind !== 'note' || s.text === text) return;
    this.act(() => updateShape(this.doc, id, { text }, LOCAL_ORIGIN));
  }

  setColor(ids: Iterable<string>, color: NoteColor): void {
    if (!this.canEdit) return;
    const { byId } = this.shapes.get();
    const list = [...ids].filter((id) => byId.get(id)?.kind === 'note');
    this.act(() =>
      this.doc.transact(() => {
        for (const id of list) updateShape(this.doc, id, { color }, LOCAL_ORIGIN);
      }, LOCAL_ORIGIN),
    );
  }

  /** Change fields of one shape, as one undo step. Returns false when the change is not valid. */
  updateShape(id: string, patch: Partial<Record<string, unknown>>): boolean {
    if (!this.canEdit) return false;
    try {
      return this.act(() => updateShape(this.doc, id, patch, LOCAL_ORIGIN));
    } catch (e) {
      console.warn(e);
      return false;
    }
  }

  /**
   * Create a threat note (one undo step) and select it. It goes next to its first element, below the
   * threats already there; without elements at `at`, else in the middle of the window.
   */
  createThreat(opts: { stride: Stride; title?: string; description?: string; entryId?: string; elements?: string[]; at?: Vec }): string {
    if (!this.canEdit) return '';
    const { byId, list } = this.shapes.get();
    const elements = (opts.elements ?? []).filter((id) => byId.has(id));
    const first = elements.length ? byId.get(elements[0]!) : undefined;
    let pos: Vec;
    let view = this.view;
    if (first) {
      view = first.view;
      const stacked = list.filter((s) => s.kind === 'threat' && s.elements.includes(first.id)).length;
      pos = placeNextTo(boundsOf(first, byId), stacked);
    } else {
      const c = opts.at ?? this.pointer ?? this.viewport.centreWorld();
      pos = this.freeSpot({ x: c.x - NOTE_SIZE.w / 2, y: c.y - NOTE_SIZE.h / 2 });
    }
    const id = newId();
    const entry = opts.entryId ? libraryEntry(opts.entryId) : undefined;
    this.act(() =>
      addShape(
        this.doc,
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
        LOCAL_ORIGIN,
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
  dropLibraryEntry(entryId: string, at: Vec, tolerance = 6): string | null {
    const entry = libraryEntry(entryId);
    if (!entry || !this.canEdit) return null;
    const elements = this.visibleShapes().filter(isDfdElement);
    const hit = hitTest(elements, at, tolerance);
    const attach = hit && (entry.appliesTo as string[]).includes(hit.kind);
    return this.createThreat({ stride: entry.stride, entryId, elements: attach ? [hit.id] : [], at });
  }

  /** Switch to the shape's view if needed, select it and bring it into view. */
  focusShape(id: string): void {
    const s = this.shapes.get().byId.get(id);
    if (!s) return;
    if (s.view !== this.view) this.setView(s.view);
    this.reveal(id);
  }

  deleteSelected(): void {
    const ids = [...this.selection.get()];
    if (!this.canEdit || ids.length === 0) return;
    this.editing.set(null);
    this.act(() => deleteShapes(this.doc, ids, LOCAL_ORIGIN));
    this.selection.set(new Set());
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

  startEditing(id: string): void {
    if (this.canEdit && this.shapes.get().byId.get(id)?.kind === 'note') {
      this.select([id]);
      this.editing.set(id);
    }
  }

  setTool(tool: Tool): void {
    if (tool === 'note' && !this.canEdit) return;
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

  zoomToFit(): void {
    const { byId } = this.shapes.get();
    this.viewport.fitTo(this.visibleShapes().map((s) => boundsOf(s, byId)));
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
