import { boundsOf } from '../../shared/model/geometry';
import type { Shape, View } from '../../shared/model/schema';
import type { Vec } from '../canvas/camera';
import { createStore, type ReadStore, type Store } from '../lib/store';
import type { SceneSnapshot } from '../model/scene-store';
import { sessionCameras, type CameraMemory } from './camera-memory';
import { type Tool, TOOLS } from './tools';
import { Viewport } from './viewport';

const CURSOR_INTERVAL_MS = 33;

/** What session state needs from the rest of the editor. */
export interface SessionDeps {
  /** What the canvas shows (board shapes and own hidden notes). */
  scene: ReadStore<SceneSnapshot>;
  views: ReadStore<readonly View[]>;
  /** Set a field of our presence (view, selection, cursor). */
  publish(field: string, value: unknown): void;
  /** Tell the presence store which view we are on. */
  onViewChange(id: string): void;
  /** Role and locks: what this user may do now. */
  rights: { readonly canEdit: boolean; viewLocked(view?: string): boolean; canChange(id: string): boolean };
}

/**
 * This tab's own state: which view it shows, the camera, the tool, the selection, the text being
 * edited. Never synced as such (the view, selection and pointer are published to presence so others see
 * them). Small stores outside React, so pointer handlers read and write without re-rendering.
 */
export class SessionState {
  readonly viewport = new Viewport();
  readonly tool: Store<Tool> = createStore<Tool>('select');
  readonly selection: Store<ReadonlySet<string>> = createStore<ReadonlySet<string>>(new Set(), sameSet);
  /** The shape whose text is open in the textarea overlay. */
  readonly editing: Store<string | null> = createStore<string | null>(null);
  /** The keyboard shortcut sheet is open. */
  readonly shortcutsOpen: Store<boolean> = createStore(false);
  /** Space held: the canvas pans whatever the tool. */
  readonly spacePan: Store<boolean> = createStore(false);
  /** Last pointer position over the canvas, in world coordinates; null when the pointer is elsewhere. */
  pointer: Vec | null = null;
  /** Each view's camera: for this tab only, or kept in this browser (see camera-memory.ts). */
  cameras: CameraMemory = sessionCameras();

  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private cursorPending: Vec | null | undefined = undefined;
  private cleanups: (() => void)[] = [];
  private visibleCache: { list: readonly Shape[]; view: string; out: readonly Shape[] } | null = null;

  constructor(
    /** The view (diagram) the canvas shows. Each person switches on their own. */
    readonly currentView: Store<string>,
    private readonly deps: SessionDeps,
  ) {
    deps.publish('view', currentView.get());
    this.cleanups.push(
      this.selection.subscribe(() => deps.publish('selection', [...this.selection.get()])),
      // Records deleted elsewhere (or by undo) leave the selection and the text editor.
      deps.scene.subscribe(() => {
        const { byId } = deps.scene.get();
        const sel = this.selection.get();
        if ([...sel].some((id) => !byId.has(id))) this.selection.set(new Set([...sel].filter((id) => byId.has(id))));
        const editing = this.editing.get();
        if (editing && !byId.has(editing)) this.editing.set(null);
      }),
      // When the current view disappears (deleted here or elsewhere), move to the first one left.
      deps.views.subscribe(() => {
        const list = deps.views.get();
        if (list.length > 0 && !list.some((v) => v.id === this.currentView.get())) this.setView(list[0]!.id);
      }),
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

  /**
   * Shapes of the current view in drawing order: trust boundaries first (always behind), then the
   * rest in z order. Hit tests walk it backwards, so they agree with what is drawn on top.
   */
  visibleShapes(): readonly Shape[] {
    const view = this.view;
    const list = this.deps.scene.get().list;
    const c = this.visibleCache;
    if (c && c.list === list && c.view === view) return c.out;
    const mine = list.filter((s) => s.view === view);
    const out = [...mine.filter((s) => s.kind === 'boundary'), ...mine.filter((s) => s.kind !== 'boundary')];
    this.visibleCache = { list, view, out };
    return out;
  }

  /** The board has a view with this id (now, not as of the last render). */
  hasView(id: string): boolean {
    return this.deps.views.get().some((v) => v.id === id);
  }

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
    this.deps.onViewChange(id);
    this.deps.publish('view', id);
    this.setPointer(null);
    this.restoreCamera();
  }

  /** The current view's remembered camera, else all of it at a zoom where labels can be read. */
  restoreCamera(): void {
    const saved = this.cameras.get(this.view);
    if (saved) this.viewport.camera.set(saved);
    else if (this.visibleShapes().length > 0) this.zoomToFit({ readable: true });
  }

  /** Show the whole view; `readable`: never below the zoom where labels can be read (from the top left). */
  zoomToFit(options: { readable?: boolean } = {}): void {
    const { byId } = this.deps.scene.get();
    this.viewport.fitTo(this.visibleShapes().map((s) => boundsOf(s, byId)), options);
  }

  /** Bring a shape into view (if it is not) and select it: used by the outline list. */
  reveal(id: string): void {
    const { byId } = this.deps.scene.get();
    const s = byId.get(id);
    if (!s) return;
    this.select([id]);
    this.viewport.ensureVisible(boundsOf(s, byId));
  }

  /** Switch to the shape's view if needed, select it and bring it into view. */
  focusShape(id: string): void {
    const s = this.deps.scene.get().byId.get(id);
    if (!s) return;
    if (s.view !== this.view) this.setView(s.view);
    this.reveal(id);
  }

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
    if (this.deps.rights.canChange(id)) {
      this.select([id]);
      this.editing.set(id);
    }
  }

  /** The tool, unless the role or a locked diagram forbids it. */
  setTool(tool: Tool): void {
    const rights = this.deps.rights;
    const info = TOOLS.find((t) => t.id === tool);
    if (!rights.canEdit && info?.edits) return;
    if (rights.viewLocked() && info && !info.whileLocked) return;
    this.tool.set(tool);
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
    this.deps.publish('cursor', p ? { x: Math.round(p.x), y: Math.round(p.y), view: this.view } : null);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
