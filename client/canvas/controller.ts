import type { Editor } from '../editor/editor';
import { createStore, type Store } from '../lib/store';
import { boundsOf, hitTest, isBoxed } from '../../shared/model/geometry';
import { rectFromPoints, intersects, screenToWorld, wheelZoomFactor, type Rect, type Vec } from './camera';

type Gesture =
  | { kind: 'pan'; pointerId: number; last: Vec }
  | {
      kind: 'drag';
      pointerId: number;
      startScreen: Vec;
      startWorld: Vec;
      origins: Map<string, Vec>;
      moved: boolean;
      /** The note under the pointer, and what a click without movement should do to the selection. */
      clickedId: string;
      onClick: 'none' | 'selectOnly' | 'toggle';
    }
  | { kind: 'marquee'; pointerId: number; startScreen: Vec; startWorld: Vec; base: ReadonlySet<string>; moved: boolean };

const DRAG_THRESHOLD_PX = 3;

/** dataTransfer type of a threat library entry being dragged onto the canvas; the value is the entry id. */
export const LIBRARY_DRAG_TYPE = 'application/x-threatboard-library';

/**
 * Pointer and wheel input on the canvas, as a small state machine over plain DOM events. Hit testing
 * is done here in world coordinates, so the Konva nodes need no event listeners (cheap with thousands
 * of notes). Drags write positions at most once per animation frame.
 */
export class CanvasController {
  /** The selection box being drawn, in world coordinates. */
  readonly marquee: Store<Rect | null> = createStore<Rect | null>(null);
  private gesture: Gesture | null = null;
  private frame = 0;
  private pendingMove: Map<string, Vec> | null = null;
  private unsubscribe: (() => void)[];

  constructor(
    private readonly editor: Editor,
    private readonly host: HTMLElement,
  ) {
    host.addEventListener('pointerdown', this.onPointerDown);
    host.addEventListener('pointermove', this.onPointerMove);
    host.addEventListener('pointerup', this.onPointerUp);
    host.addEventListener('pointercancel', this.onPointerUp);
    host.addEventListener('pointerleave', this.onPointerLeave);
    host.addEventListener('dblclick', this.onDoubleClick);
    host.addEventListener('wheel', this.onWheel, { passive: false });
    host.addEventListener('contextmenu', this.onContextMenu);
    host.addEventListener('mousedown', this.onMouseDown);
    host.addEventListener('dragover', this.onDragOver);
    host.addEventListener('drop', this.onDrop);
    this.unsubscribe = [editor.spacePan.subscribe(() => this.updateCursor(null)), editor.tool.subscribe(() => this.updateCursor(null))];
  }

  destroy(): void {
    const h = this.host;
    h.removeEventListener('pointerdown', this.onPointerDown);
    h.removeEventListener('pointermove', this.onPointerMove);
    h.removeEventListener('pointerup', this.onPointerUp);
    h.removeEventListener('pointercancel', this.onPointerUp);
    h.removeEventListener('pointerleave', this.onPointerLeave);
    h.removeEventListener('dblclick', this.onDoubleClick);
    h.removeEventListener('wheel', this.onWheel);
    h.removeEventListener('contextmenu', this.onContextMenu);
    h.removeEventListener('mousedown', this.onMouseDown);
    h.removeEventListener('dragover', this.onDragOver);
    h.removeEventListener('drop', this.onDrop);
    cancelAnimationFrame(this.frame);
    for (const u of this.unsubscribe) u();
  }

  private screenPoint(e: MouseEvent): Vec {
    const r = this.host.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private worldPoint(e: MouseEvent): Vec {
    return screenToWorld(this.editor.viewport.camera.get(), this.screenPoint(e));
  }

  /** The topmost shape of the current view under a world point (tolerance: 6 screen pixels). */
  hitTest(p: Vec): string | null {
    return hitTest(this.editor.visibleShapes(), p, 6 / this.editor.viewport.camera.get().zoom)?.id ?? null;
  }

  /** Only for events that start on the canvas itself, not on overlays (text editor, toolbars). */
  private onCanvas(e: Event): boolean {
    return e.target instanceof Element && e.target.closest('[data-overlay]') === null;
  }

  private onPointerDown = (e: PointerEvent): void => {
    if (this.gesture || !this.onCanvas(e)) return;
    const ed = this.editor;
    // Keyboard shortcuts then reach the board.
    if (document.activeElement !== this.host) this.host.focus({ preventScroll: true });
    const screen = this.screenPoint(e);
    const world = this.worldPoint(e);
    const tool = ed.tool.get();
    const panButton = e.button === 1 || e.button === 2;
    const touchOnEmpty = e.pointerType === 'touch' && this.hitTest(world) === null;
    if (panButton || tool === 'hand' || ed.spacePan.get() || (e.button === 0 && touchOnEmpty && tool === 'select')) {
      e.preventDefault();
      this.begin(e, { kind: 'pan', pointerId: e.pointerId, last: screen });
      return;
    }
    if (e.button !== 0) return;
    if (tool === 'note') {
      ed.createNote(world);
      return;
    }
    const hit = this.hitTest(world);
    const sel = ed.selection.get();
    if (hit) {
      let onClick: 'none' | 'selectOnly' | 'toggle' = 'none';
      if (e.shiftKey) {
        if (sel.has(hit)) onClick = 'toggle';
        else ed.select([...sel, hit]);
      } else if (!sel.has(hit)) ed.select([hit]);
      else if (sel.size > 1) onClick = 'selectOnly';
      const origins = new Map<string, Vec>();
      const { byId } = ed.shapes.get();
      for (const id of ed.selection.get()) {
        const s = byId.get(id);
        if (s && isBoxed(s)) origins.set(id, { ...s.pos });
      }
      this.begin(e, { kind: 'drag', pointerId: e.pointerId, startScreen: screen, startWorld: world, origins, moved: false, clickedId: hit, onClick });
    } else {
      this.begin(e, { kind: 'marquee', pointerId: e.pointerId, startScreen: screen, startWorld: world, base: e.shiftKey ? sel : new Set(), moved: false });
    }
  };

  private begin(e: PointerEvent, g: Gesture): void {
    this.gesture = g;
    try {
      this.host.setPointerCapture(e.pointerId);
    } catch {
      /* the pointer may already be gone */
    }
    this.updateCursor(null);
  }

  private onPointerMove = (e: PointerEvent): void => {
    const ed = this.editor;
    const world = this.worldPoint(e);
    ed.setPointer(world);
    const g = this.gesture;
    if (!g) {
      this.updateCursor(this.onCanvas(e) ? this.hitTest(world) : null);
      return;
    }
    if (e.pointerId !== g.pointerId) return;
    const screen = this.screenPoint(e);
    switch (g.kind) {
      case 'pan':
        ed.viewport.pan(screen.x - g.last.x, screen.y - g.last.y);
        g.last = screen;
        return;
      case 'drag': {
        if (!ed.canEdit) return;
        if (!g.moved) {
          if (Math.hypot(screen.x - g.startScreen.x, screen.y - g.startScreen.y) < DRAG_THRESHOLD_PX) return;
          g.moved = true;
          ed.beginGesture();
        }
        const dx = world.x - g.startWorld.x;
        const dy = world.y - g.startWorld.y;
        const next = new Map<string, Vec>();
        for (const [id, o] of g.origins) next.set(id, { x: o.x + dx, y: o.y + dy });
        this.scheduleMove(next);
        return;
      }
      case 'marquee': {
        if (!g.moved && Math.hypot(screen.x - g.startScreen.x, screen.y - g.startScreen.y) < DRAG_THRESHOLD_PX) return;
        g.moved = true;
        const rect = rectFromPoints(g.startWorld, world);
        this.marquee.set(rect);
        const { byId } = ed.shapes.get();
        const hits = ed.visibleShapes().filter((s) => intersects(rect, boundsOf(s, byId)));
        ed.select([...g.base, ...hits.map((s) => s.id)]);
        return;
      }
    }
  };

  private scheduleMove(next: Map<string, Vec>): void {
    this.pendingMove = next;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => this.flushMove());
  }

  private flushMove(): void {
    this.frame = 0;
    const m = this.pendingMove;
    this.pendingMove = null;
    if (m) this.editor.moveTo(m);
  }

  private onPointerUp = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    this.gesture = null;
    const ed = this.editor;
    if (g.kind === 'drag') {
      if (g.moved) {
        cancelAnimationFrame(this.frame);
        this.flushMove();
        ed.endGesture();
      } else if (g.onClick === 'toggle') ed.toggleSelected(g.clickedId);
      else if (g.onClick === 'selectOnly') ed.select([g.clickedId]);
    } else if (g.kind === 'marquee') {
      this.marquee.set(null);
      if (!g.moved && g.base.size === 0) ed.select([]);
    }
    this.updateCursor(this.hitTest(this.worldPoint(e)));
  };

  private onPointerLeave = (): void => {
    if (!this.gesture) this.editor.setPointer(null);
  };

  private onDoubleClick = (e: MouseEvent): void => {
    if (!this.onCanvas(e) || e.button !== 0) return;
    const ed = this.editor;
    if (!ed.canEdit || ed.tool.get() !== 'select' || ed.spacePan.get()) return;
    const world = this.worldPoint(e);
    const hit = this.hitTest(world);
    if (hit) ed.startEditing(hit);
    else ed.createNote(world);
  };

  private onWheel = (e: WheelEvent): void => {
    if (!this.onCanvas(e)) return;
    e.preventDefault();
    const vp = this.editor.viewport;
    if (e.ctrlKey || e.metaKey) {
      vp.zoomAt(this.screenPoint(e), vp.camera.get().zoom * wheelZoomFactor(e.deltaY, e.deltaMode));
      return;
    }
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.host.clientHeight : 1;
    let dx = e.deltaX * unit;
    let dy = e.deltaY * unit;
    if (e.shiftKey && dx === 0) [dx, dy] = [dy, 0];
    vp.pan(-dx, -dy);
  };

  /**
   * The browser would move focus to the canvas on mousedown, after our pointerdown handler may have
   * opened (and focused) the note text editor. Focus is handled in onPointerDown instead.
   */
  private onMouseDown = (e: MouseEvent): void => {
    if (this.onCanvas(e)) e.preventDefault();
  };

  /** Threat library entries dragged from the library panel (HTML5 drag and drop). */
  private onDragOver = (e: DragEvent): void => {
    if (!this.editor.canEdit || !e.dataTransfer?.types.includes(LIBRARY_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };

  private onDrop = (e: DragEvent): void => {
    const id = e.dataTransfer?.getData(LIBRARY_DRAG_TYPE);
    if (!id || !this.editor.canEdit) return;
    e.preventDefault();
    this.editor.dropLibraryEntry(id, this.worldPoint(e), 6 / this.editor.viewport.camera.get().zoom);
    this.host.focus({ preventScroll: true });
  };

  private onContextMenu = (e: MouseEvent): void => {
    if (this.onCanvas(e)) e.preventDefault();
  };

  /** The mouse cursor says what a press would do. */
  updateCursor(hover: string | null): void {
    const ed = this.editor;
    const g = this.gesture;
    let c = 'default';
    if (g?.kind === 'pan') c = 'grabbing';
    else if (ed.spacePan.get() || ed.tool.get() === 'hand') c = 'grab';
    else if (ed.tool.get() === 'note') c = 'crosshair';
    else if (g?.kind === 'drag' && ed.canEdit) c = 'move';
    else if (hover) c = ed.canEdit ? 'move' : 'pointer';
    this.host.style.cursor = c;
  }
}
