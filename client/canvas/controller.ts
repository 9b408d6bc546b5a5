import type { Editor, MoveOrigins } from '../editor/editor';
import { connectable, isPlaceTool } from '../editor/tools';
import { createStore, type Store } from '../lib/store';
import { boundsOf, hitTest, isBoxed, rectOf } from '../../shared/model/geometry';
import type { Shape } from '../../shared/model/schema';
import { rectFromPoints, intersects, screenToWorld, wheelZoomFactor, type Rect, type Vec } from './camera';
import { flowHandles, nearest, sideHandles } from './handles';
import { isCandidate } from '../facilitation/voting';

type Gesture =
  | { kind: 'pan'; pointerId: number; last: Vec }
  | {
      kind: 'drag';
      pointerId: number;
      startScreen: Vec;
      startWorld: Vec;
      origins: MoveOrigins | null;
      /** Threat notes being dragged: dropped on an element, they attach to it. */
      threats: string[];
      moved: boolean;
      /** The shape under the pointer, and what a click without movement should do to the selection. */
      clickedId: string;
      onClick: 'none' | 'selectOnly' | 'toggle';
    }
  | { kind: 'marquee'; pointerId: number; startScreen: Vec; startWorld: Vec; base: ReadonlySet<string>; moved: boolean }
  | { kind: 'boundary'; pointerId: number; startScreen: Vec; startWorld: Vec; moved: boolean }
  | { kind: 'connect'; pointerId: number; from: string }
  | { kind: 'bend'; pointerId: number; flowId: string; index: number; insert: boolean; bends: Vec[]; startScreen: Vec; moved: boolean };

/** A data flow being drawn: from an element to the pointer (or the element under it). */
export interface ConnectPreview {
  from: string;
  to: Vec;
  target: string | null;
}

const DRAG_THRESHOLD_PX = 3;
/** Screen pixels around a handle that still grab it. */
const HANDLE_HIT_PX = 8;
/** Screen pixels around a selected element within which its connection handles show. */
const HANDLE_ZONE_PX = 16;

/** dataTransfer type of a threat library entry being dragged onto the canvas; the value is the entry id. */
export const LIBRARY_DRAG_TYPE = 'application/x-threatboard-library';

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Pointer and wheel input on the canvas, as a small state machine over plain DOM events. Hit testing
 * is done here in world coordinates, so the Konva nodes need no event listeners (cheap with thousands
 * of notes); the one exception is the resize transformer, whose anchors Konva handles itself (see
 * `overlayHit`). Drags write to the document at most once per animation frame.
 */
export class CanvasController {
  /** The selection box being drawn, in world coordinates. */
  readonly marquee: Store<Rect | null> = createStore<Rect | null>(null);
  /** A trust boundary being drawn with the boundary tool. */
  readonly draft: Store<Rect | null> = createStore<Rect | null>(null);
  /** Shapes moving in the running drag (drawn on their own layer, so the big one is not redrawn). */
  readonly dragging: Store<ReadonlySet<string>> = createStore<ReadonlySet<string>>(EMPTY);
  /** The element dragged threat notes would attach to if released now. */
  readonly dropTarget: Store<string | null> = createStore<string | null>(null);
  readonly connect: Store<ConnectPreview | null> = createStore<ConnectPreview | null>(null);
  /** The selected element whose connection handles are shown (pointer near it, select tool). */
  readonly handlesFor: Store<string | null> = createStore<string | null>(null);
  /** Set by the stage: true when a screen point is on a Konva-handled control (resize anchors). */
  overlayHit: (screen: Vec) => boolean = () => false;
  private gesture: Gesture | null = null;
  private frame = 0;
  private pending: (() => void) | null = null;
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
    this.unsubscribe = [
      editor.spacePan.subscribe(() => this.updateCursor(null)),
      editor.tool.subscribe(() => {
        this.handlesFor.set(null);
        this.updateCursor(null);
      }),
      editor.selection.subscribe(() => {
        const h = this.handlesFor.get();
        if (h && !editor.selection.get().has(h)) this.handlesFor.set(null);
      }),
    ];
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

  /** World distance of `px` screen pixels at the current zoom. */
  private px(px: number): number {
    return px / this.editor.viewport.camera.get().zoom;
  }

  /** The topmost shape of the current view under a world point (tolerance: 6 screen pixels). */
  hitTest(p: Vec, filter?: (s: Shape) => boolean): string | null {
    const all = this.editor.visibleShapes();
    const shapes = filter ? all.filter(filter) : all;
    const hit = hitTest(shapes, p, this.px(6));
    if (hit) return hit.id;
    // A boundary is also grabbed by its label; its inside belongs to what it encloses.
    for (let i = shapes.length - 1; i >= 0; i--) {
      const s = shapes[i]!;
      if (s.kind !== 'boundary') continue;
      const w = Math.min(s.size.w, Math.max(120, (s.label || 'Trust boundary').length * 8 + 24));
      if (p.x >= s.pos.x && p.x <= s.pos.x + w && p.y >= s.pos.y && p.y <= s.pos.y + 30) return s.id;
    }
    return null;
  }

  /** Only for events that start on the canvas itself, not on overlays (text editor, toolbars). */
  private onCanvas(e: Event): boolean {
    return e.target instanceof Element && e.target.closest('[data-overlay]') === null;
  }

  /** The connection handle (element id) under a world point, if handles are showing. */
  private handleAt(world: Vec): string | null {
    const id = this.handlesFor.get();
    const s = id ? this.editor.shapes.get().byId.get(id) : undefined;
    if (!s || !isBoxed(s) || this.editor.viewLocked(s.view)) return null;
    return nearest(sideHandles(rectOf(s)), world, this.px(HANDLE_HIT_PX)) >= 0 ? s.id : null;
  }

  /** A bend or segment-midpoint handle of the one selected flow under a world point. */
  private flowHandleAt(world: Vec): { flowId: string; index: number; insert: boolean } | null {
    const sel = this.editor.selection.get();
    if (sel.size !== 1) return null;
    const { byId } = this.editor.shapes.get();
    const flow = byId.get([...sel][0]!);
    if (flow?.kind !== 'flow' || flow.view !== this.editor.view || !this.editor.canChange(flow.id)) return null;
    const h = flowHandles(flow, byId);
    const r = this.px(HANDLE_HIT_PX);
    const b = nearest(h.bends, world, r);
    if (b >= 0) return { flowId: flow.id, index: b, insert: false };
    const m = nearest(
      h.mids.map((x) => x.at),
      world,
      r,
    );
    if (m >= 0) return { flowId: flow.id, index: h.mids[m]!.index, insert: true };
    return null;
  }

  private onPointerDown = (e: PointerEvent): void => {
    if (this.gesture || !this.onCanvas(e)) return;
    const ed = this.editor;
    const screen = this.screenPoint(e);
    // Resize anchors belong to Konva's transformer; it follows the pointer itself.
    if (e.button === 0 && this.overlayHit(screen)) return;
    // Keyboard shortcuts then reach the board.
    if (document.activeElement !== this.host) this.host.focus({ preventScroll: true });
    const world = this.worldPoint(e);
    const tool = ed.tool.get();
    if ((e.button === 0 || e.button === 2) && tool === 'select' && !ed.spacePan.get() && this.voteClick(world, e.button === 2 ? 'remove' : 'click')) {
      e.preventDefault();
      return;
    }
    const panButton = e.button === 1 || e.button === 2;
    const touchOnEmpty = e.pointerType === 'touch' && this.hitTest(world) === null;
    if (panButton || tool === 'hand' || ed.spacePan.get() || (e.button === 0 && touchOnEmpty && tool === 'select')) {
      e.preventDefault();
      this.begin(e, { kind: 'pan', pointerId: e.pointerId, last: screen });
      return;
    }
    if (e.button !== 0) return;
    if (isPlaceTool(tool)) {
      if (tool === 'boundary') this.begin(e, { kind: 'boundary', pointerId: e.pointerId, startScreen: screen, startWorld: world, moved: false });
      else ed.createShape(tool, world);
      return;
    }
    if (tool === 'flow') {
      const from = this.hitTest(world, (s) => connectable(s.kind));
      if (from) this.startConnect(e, from, world);
      return;
    }
    if (ed.canEdit) {
      const handle = this.handleAt(world);
      if (handle) {
        this.startConnect(e, handle, world);
        return;
      }
      const fh = this.flowHandleAt(world);
      if (fh) {
        const flow = ed.shapes.get().byId.get(fh.flowId);
        if (flow?.kind === 'flow') {
          this.begin(e, { kind: 'bend', pointerId: e.pointerId, ...fh, bends: flow.bends.map((p) => ({ ...p })), startScreen: screen, moved: false });
          return;
        }
      }
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
      this.begin(e, { kind: 'drag', pointerId: e.pointerId, startScreen: screen, startWorld: world, origins: null, threats: [], moved: false, clickedId: hit, onClick });
    } else {
      this.begin(e, { kind: 'marquee', pointerId: e.pointerId, startScreen: screen, startWorld: world, base: e.shiftKey ? sel : new Set(), moved: false });
    }
  };

  /** The candidate threat under a world point while this user is placing dots, if any. */
  private voteTarget(world: Vec): string | null {
    const vote = this.editor.fac.votingNow();
    if (!vote) return null;
    const hidden = this.editor.shapes.get().hidden;
    return this.hitTest(world, (s) => isCandidate(vote, s) && !hidden.has(s.id));
  }

  /** In vote mode a click on a candidate threat places (or takes back) a dot instead of selecting it. */
  private voteClick(world: Vec, intent: 'click' | 'remove'): boolean {
    const target = this.voteTarget(world);
    if (!target) return false;
    this.editor.fac.dot(target, intent);
    return true;
  }

  private startConnect(e: PointerEvent, from: string, world: Vec): void {
    this.handlesFor.set(null);
    this.begin(e, { kind: 'connect', pointerId: e.pointerId, from });
    this.connect.set({ from, to: world, target: null });
  }

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
      if (!this.onCanvas(e)) return this.updateCursor(null);
      this.updateHandles(world);
      this.updateCursor(this.hitTest(world), world);
      return;
    }
    if (e.pointerId !== g.pointerId) return;
    const screen = this.screenPoint(e);
    const beyondThreshold = (start: Vec) => Math.hypot(screen.x - start.x, screen.y - start.y) >= DRAG_THRESHOLD_PX;
    switch (g.kind) {
      case 'pan':
        ed.viewport.pan(screen.x - g.last.x, screen.y - g.last.y);
        g.last = screen;
        return;
      case 'drag': {
        if (!ed.canEdit) return;
        if (!g.moved) {
          if (!beyondThreshold(g.startScreen)) return;
          g.moved = true;
          ed.beginGesture();
          this.handlesFor.set(null);
          g.origins = ed.moveSet(ed.selection.get());
          g.threats = [...g.origins.values()].filter((s) => s.kind === 'threat').map((s) => s.id);
          this.dragging.set(this.movingIds(g.origins));
        }
        const origins = g.origins!;
        const dx = world.x - g.startWorld.x;
        const dy = world.y - g.startWorld.y;
        this.schedule(() => ed.moveBy(origins, dx, dy));
        if (g.threats.length) {
          this.dropTarget.set(this.hitTest(world, (s) => (connectable(s.kind) || s.kind === 'flow') && !origins.has(s.id)));
        }
        return;
      }
      case 'marquee': {
        if (!g.moved && !beyondThreshold(g.startScreen)) return;
        g.moved = true;
        const rect = rectFromPoints(g.startWorld, world);
        this.marquee.set(rect);
        const { byId } = ed.shapes.get();
        const hits = ed.visibleShapes().filter((s) => intersects(rect, boundsOf(s, byId)));
        ed.select([...g.base, ...hits.map((s) => s.id)]);
        return;
      }
      case 'boundary':
        if (!g.moved && !beyondThreshold(g.startScreen)) return;
        g.moved = true;
        this.draft.set(rectFromPoints(g.startWorld, world));
        return;
      case 'connect': {
        const target = this.hitTest(world, (s) => connectable(s.kind) && s.id !== g.from);
        this.connect.set({ from: g.from, to: world, target });
        return;
      }
      case 'bend': {
        if (!g.moved) {
          if (!beyondThreshold(g.startScreen)) return;
          g.moved = true;
          ed.beginGesture();
          if (g.insert) g.bends.splice(g.index, 0, world);
        }
        g.bends[g.index] = world;
        const bends = [...g.bends];
        this.schedule(() => ed.setBends(g.flowId, bends));
        return;
      }
    }
  };

  /** Ids whose drawing changes while `origins` move: them, and flows and connectors attached to them. */
  private movingIds(origins: MoveOrigins): ReadonlySet<string> {
    const ids = new Set(origins.keys());
    for (const s of this.editor.visibleShapes()) {
      if (s.kind === 'flow' && ((s.from && ids.has(s.from)) || (s.to && ids.has(s.to)))) ids.add(s.id);
    }
    return ids;
  }

  /** Show the connection handles of the selected element the pointer is on or near. */
  private updateHandles(world: Vec): void {
    const ed = this.editor;
    let next: string | null = null;
    if (ed.canEdit && !ed.viewLocked() && ed.tool.get() === 'select' && !ed.spacePan.get() && ed.editing.get() === null) {
      const sel = ed.selection.get();
      if (sel.size > 0 && sel.size <= 50) {
        const { byId } = ed.shapes.get();
        const m = this.px(HANDLE_ZONE_PX);
        for (const id of sel) {
          const s = byId.get(id);
          if (!s || !isBoxed(s) || !connectable(s.kind) || s.view !== ed.view) continue;
          const r = rectOf(s);
          if (world.x >= r.x - m && world.x <= r.x + r.w + m && world.y >= r.y - m && world.y <= r.y + r.h + m) next = id;
        }
      }
    }
    this.handlesFor.set(next);
  }

  /** Run `fn` on the next animation frame, replacing what was waiting (one document write per frame). */
  private schedule(fn: () => void): void {
    this.pending = fn;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const fn = this.pending;
    this.pending = null;
    fn?.();
  }

  private onPointerUp = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    this.gesture = null;
    const ed = this.editor;
    const world = this.worldPoint(e);
    switch (g.kind) {
      case 'drag':
        if (g.moved) {
          this.flush();
          const target = this.dropTarget.get();
          // In the same undo step as the move: one undo puts the note back, detached.
          if (target && g.threats.length && e.type === 'pointerup') ed.attachThreats(g.threats, target);
          ed.endGesture();
          this.dragging.set(EMPTY);
          this.dropTarget.set(null);
        } else if (g.onClick === 'toggle') ed.toggleSelected(g.clickedId);
        else if (g.onClick === 'selectOnly') ed.select([g.clickedId]);
        break;
      case 'marquee':
        this.marquee.set(null);
        if (!g.moved && g.base.size === 0) ed.select([]);
        break;
      case 'boundary': {
        const r = this.draft.get();
        this.draft.set(null);
        if (e.type !== 'pointerup') break;
        if (g.moved && r && r.w >= this.px(12) && r.h >= this.px(12)) ed.createShape('boundary', world, { rect: r });
        else ed.createShape('boundary', g.startWorld);
        break;
      }
      case 'connect': {
        const preview = this.connect.get();
        this.connect.set(null);
        if (e.type === 'pointerup' && preview?.target) ed.createFlow(g.from, preview.target);
        break;
      }
      case 'bend':
        if (g.moved) {
          this.flush();
          ed.endGesture();
        }
        break;
      case 'pan':
        break;
    }
    this.updateCursor(this.hitTest(world), world);
  };

  private onPointerLeave = (): void => {
    if (!this.gesture) this.editor.setPointer(null);
  };

  private onDoubleClick = (e: MouseEvent): void => {
    if (!this.onCanvas(e) || e.button !== 0) return;
    const ed = this.editor;
    if (!ed.canEdit || ed.tool.get() !== 'select' || ed.spacePan.get()) return;
    const world = this.worldPoint(e);
    const fh = this.flowHandleAt(world);
    if (fh && !fh.insert) {
      ed.removeBend(fh.flowId, fh.index);
      return;
    }
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
    const at = this.worldPoint(e);
    const tolerance = 6 / this.editor.viewport.camera.get().zoom;
    // The library's entries are their own chunk, already loaded when something is dragged from the panel.
    void import('../../shared/threats/library').then(({ libraryEntry }) => {
      const entry = libraryEntry(id);
      if (entry) this.editor.dropLibraryEntry(entry, at, tolerance);
    });
    this.host.focus({ preventScroll: true });
  };

  private onContextMenu = (e: MouseEvent): void => {
    if (this.onCanvas(e)) e.preventDefault();
  };

  /** The mouse cursor says what a press would do. */
  updateCursor(hover: string | null, world?: Vec): void {
    const ed = this.editor;
    const g = this.gesture;
    const tool = ed.tool.get();
    let c = 'default';
    if (g?.kind === 'pan') c = 'grabbing';
    else if (ed.spacePan.get() || tool === 'hand') c = 'grab';
    else if (isPlaceTool(tool) || tool === 'flow' || g?.kind === 'connect') c = 'crosshair';
    else if (g?.kind === 'drag' && ed.canEdit) c = 'move';
    else if (world && ed.canEdit && (this.handleAt(world) || this.flowHandleAt(world))) c = 'crosshair';
    else if (world && tool === 'select' && this.voteTarget(world)) c = 'pointer';
    else if (hover) c = ed.canChange(hover) ? 'move' : 'pointer';
    this.host.style.cursor = c;
  }
}
