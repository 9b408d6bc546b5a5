import type { Editor, MoveOrigins } from '../../editor/editor';
import { connectable } from '../../editor/tools';
import { createStore, type Store } from '../../lib/store';
import { hitTest, isBoxed, rectOf } from '../../../shared/model/geometry';
import type { Shape } from '../../../shared/model/schema';
import { isCandidate } from '../../facilitation/voting';
import { screenToWorld, type Rect, type Vec } from '../camera';
import { flowHandles, nearest, sideHandles } from '../handles';
import { shapeModule } from '../shapes/registry';

/** A data flow being drawn: from an element to the pointer (or the element under it). */
export interface ConnectPreview {
  from: string;
  to: Vec;
  target: string | null;
}

/** One pointer event as the tools see it. */
export interface Pointer {
  e: PointerEvent;
  screen: Vec;
  world: Vec;
}

/**
 * A running gesture: the state machine one tool starts on pointer-down. It receives the moves and the
 * release of the pointer that started it; `released` is false when the pointer was cancelled.
 */
export interface Gesture {
  /** What the cursor logic needs to know about it. */
  readonly kind: 'pan' | 'drag' | 'marquee' | 'boundary' | 'connect' | 'bend';
  readonly pointerId: number;
  move(p: Pointer): void;
  up(p: Pointer, released: boolean): void;
}

/** A tool's answer to a pointer-down: a gesture to run, or null when the press did all it does. */
export type Press = (ctx: CanvasContext, p: Pointer) => Gesture | null;

export const DRAG_THRESHOLD_PX = 3;
/** Screen pixels around a handle that still grab it. */
export const HANDLE_HIT_PX = 8;
/** Screen pixels around a selected element within which its connection handles show. */
export const HANDLE_ZONE_PX = 16;

/** No shapes (the `dragging` store at rest). */
export const NOTHING: ReadonlySet<string> = new Set();

/**
 * What every tool shares: the session stores the stage draws from (selection box, boundary draft,
 * shapes being dragged, connect preview, handles), hit testing in world coordinates, and one document
 * write per animation frame.
 */
export class CanvasContext {
  /** The selection box being drawn, in world coordinates. */
  readonly marquee: Store<Rect | null> = createStore<Rect | null>(null);
  /** A trust boundary being drawn with the boundary tool. */
  readonly draft: Store<Rect | null> = createStore<Rect | null>(null);
  /** Shapes moving in the running drag (drawn on their own layer, so the big one is not redrawn). */
  readonly dragging: Store<ReadonlySet<string>> = createStore<ReadonlySet<string>>(NOTHING);
  /** The element dragged threat notes would attach to if released now. */
  readonly dropTarget: Store<string | null> = createStore<string | null>(null);
  readonly connect: Store<ConnectPreview | null> = createStore<ConnectPreview | null>(null);
  /** The selected element whose connection handles are shown (pointer near it, select tool). */
  readonly handlesFor: Store<string | null> = createStore<string | null>(null);
  private frame = 0;
  private pending: (() => void) | null = null;

  constructor(
    readonly editor: Editor,
    readonly host: HTMLElement,
  ) {}

  screenPoint(e: MouseEvent): Vec {
    const r = this.host.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  worldPoint(e: MouseEvent): Vec {
    return screenToWorld(this.editor.viewport.camera.get(), this.screenPoint(e));
  }

  /** World distance of `px` screen pixels at the current zoom. */
  px(px: number): number {
    return px / this.editor.viewport.camera.get().zoom;
  }

  /** The topmost shape of the current view under a world point (tolerance: 6 screen pixels). */
  hitTest(p: Vec, filter?: (s: Shape) => boolean): string | null {
    const all = this.editor.visibleShapes();
    const shapes = filter ? all.filter(filter) : all;
    const hit = hitTest(shapes, p, this.px(6));
    if (hit) return hit.id;
    // Some kinds are also grabbed elsewhere (a boundary by its label; its inside belongs to what it encloses).
    for (let i = shapes.length - 1; i >= 0; i--) {
      const s = shapes[i]!;
      if (shapeModule(s.kind).grab?.(s, p)) return s.id;
    }
    return null;
  }

  /** The connection handle (element id) under a world point, if handles are showing. */
  handleAt(world: Vec): string | null {
    const id = this.handlesFor.get();
    const s = id ? this.editor.shapes.get().byId.get(id) : undefined;
    if (!s || !isBoxed(s) || this.editor.viewLocked(s.view)) return null;
    return nearest(sideHandles(rectOf(s)), world, this.px(HANDLE_HIT_PX)) >= 0 ? s.id : null;
  }

  /** A bend or segment-midpoint handle of the one selected flow under a world point. */
  flowHandleAt(world: Vec): { flowId: string; index: number; insert: boolean } | null {
    const ed = this.editor;
    const sel = ed.selection.get();
    if (sel.size !== 1) return null;
    const { byId } = ed.shapes.get();
    const flow = byId.get([...sel][0]!);
    if (flow?.kind !== 'flow' || flow.view !== ed.view || !ed.canChange(flow.id)) return null;
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

  /** The candidate threat under a world point while this user is placing dots, if any. */
  voteTarget(world: Vec): string | null {
    const vote = this.editor.live.fac.votingNow();
    if (!vote) return null;
    const hidden = this.editor.shapes.get().hidden;
    return this.hitTest(world, (s) => isCandidate(vote, s) && !hidden.has(s.id));
  }

  /** Ids whose drawing changes while `origins` move: them, and flows and connectors attached to them. */
  movingIds(origins: MoveOrigins): ReadonlySet<string> {
    const ids = new Set(origins.keys());
    for (const s of this.editor.visibleShapes()) {
      if (s.kind === 'flow' && ((s.from && ids.has(s.from)) || (s.to && ids.has(s.to)))) ids.add(s.id);
    }
    return ids;
  }

  /** Show the connection handles of the selected element the pointer is on or near. */
  updateHandles(world: Vec): void {
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
  schedule(fn: () => void): void {
    this.pending = fn;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Drop a write still waiting for its frame (the canvas is going away). */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pending = null;
  }

  flush(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const fn = this.pending;
    this.pending = null;
    fn?.();
  }
}

/** True once the pointer has left `start` by the drag threshold (a smaller move is still a click). */
export function beyondThreshold(start: Vec, screen: Vec): boolean {
  return Math.hypot(screen.x - start.x, screen.y - start.y) >= DRAG_THRESHOLD_PX;
}
