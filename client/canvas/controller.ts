import type { Editor } from '../editor/editor';
import { isConnectTool, isPlaceTool } from '../editor/tools';
import type { Store } from '../lib/store';
import { wheelZoomFactor, type Rect, type Vec } from './camera';
import { CanvasContext, panGesture, pressFor, type ConnectPreview, type Gesture, type Pointer } from './tools';

export type { ConnectPreview } from './tools';

/** dataTransfer type of a threat library entry being dragged onto the canvas; the value is the entry id. */
export const LIBRARY_DRAG_TYPE = 'application/x-threatboard-library';

/**
 * Pointer and wheel input on the canvas, over plain DOM events: a thin dispatcher that hands each
 * press to the active tool's state machine (`tools/`), then feeds that gesture the moves and the
 * release of the same pointer. Hit testing is done in world coordinates, so the Konva nodes need no
 * event listeners (cheap with thousands of notes); the one exception is the resize transformer, whose
 * anchors Konva handles itself (see `overlayHit`). Drags write to the document at most once per frame.
 */
export class CanvasController {
  /** The selection box being drawn, in world coordinates. */
  readonly marquee: Store<Rect | null>;
  /** A trust boundary being drawn with the boundary tool. */
  readonly draft: Store<Rect | null>;
  /** Shapes moving in the running drag (drawn on their own layer, so the big one is not redrawn). */
  readonly dragging: Store<ReadonlySet<string>>;
  /** The element dragged threat notes would attach to if released now. */
  readonly dropTarget: Store<string | null>;
  readonly connect: Store<ConnectPreview | null>;
  /** The selected element whose connection handles are shown (pointer near it, select tool). */
  readonly handlesFor: Store<string | null>;
  /** Set by the stage: true when a screen point is on a Konva-handled control (resize anchors). */
  overlayHit: (screen: Vec) => boolean = () => false;
  private readonly ctx: CanvasContext;
  private gesture: Gesture | null = null;
  private unsubscribe: (() => void)[];

  constructor(
    private readonly editor: Editor,
    private readonly host: HTMLElement,
  ) {
    const ctx = (this.ctx = new CanvasContext(editor, host));
    this.marquee = ctx.marquee;
    this.draft = ctx.draft;
    this.dragging = ctx.dragging;
    this.dropTarget = ctx.dropTarget;
    this.connect = ctx.connect;
    this.handlesFor = ctx.handlesFor;
    for (const [type, fn] of this.listeners()) host.addEventListener(type, fn, type === 'wheel' ? { passive: false } : undefined);
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

  /** The DOM events the canvas listens to (the same function objects on add and remove). */
  private listeners(): [string, EventListener][] {
    const all: [string, (e: never) => void][] = [
      ['pointerdown', this.onPointerDown],
      ['pointermove', this.onPointerMove],
      ['pointerup', this.onPointerUp],
      ['pointercancel', this.onPointerUp],
      ['pointerleave', this.onPointerLeave],
      ['dblclick', this.onDoubleClick],
      ['wheel', this.onWheel],
      ['contextmenu', this.onContextMenu],
      ['mousedown', this.onMouseDown],
      ['dragover', this.onDragOver],
      ['drop', this.onDrop],
    ];
    return all as [string, EventListener][];
  }

  destroy(): void {
    for (const [type, fn] of this.listeners()) this.host.removeEventListener(type, fn);
    this.ctx.dispose();
    for (const u of this.unsubscribe) u();
  }

  /** Only for events that start on the canvas itself, not on overlays (text editor, toolbars). */
  private onCanvas(e: Event): boolean {
    return e.target instanceof Element && e.target.closest('[data-overlay]') === null;
  }

  private pointer(e: PointerEvent): Pointer {
    return { e, screen: this.ctx.screenPoint(e), world: this.ctx.worldPoint(e) };
  }

  private onPointerDown = (e: PointerEvent): void => {
    if (this.gesture || !this.onCanvas(e)) return;
    const ed = this.editor;
    const p = this.pointer(e);
    // Resize anchors belong to Konva's transformer; it follows the pointer itself.
    if (e.button === 0 && this.overlayHit(p.screen)) return;
    // Keyboard shortcuts then reach the board.
    if (document.activeElement !== this.host) this.host.focus({ preventScroll: true });
    const tool = ed.tool.get();
    // In vote mode a click on a candidate threat places (or takes back) a dot instead of selecting it.
    if ((e.button === 0 || e.button === 2) && tool === 'select' && !ed.spacePan.get()) {
      const target = this.ctx.voteTarget(p.world);
      if (target) {
        ed.fac.dot(target, e.button === 2 ? 'remove' : 'click');
        e.preventDefault();
        return;
      }
    }
    const panButton = e.button === 1 || e.button === 2;
    const touchOnEmpty = e.pointerType === 'touch' && this.ctx.hitTest(p.world) === null;
    if (panButton || tool === 'hand' || ed.spacePan.get() || (e.button === 0 && touchOnEmpty && tool === 'select')) {
      e.preventDefault();
      this.begin(e, panGesture(ed.viewport, p));
      return;
    }
    // The server's list of shapes is on screen but the document is not applied yet (sync/first-paint.ts).
    if (e.button !== 0 || ed.previewing()) return;
    const g = pressFor(tool)(this.ctx, p);
    if (g) this.begin(e, g);
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
    const p = this.pointer(e);
    this.editor.setPointer(p.world);
    const g = this.gesture;
    if (!g) {
      if (!this.onCanvas(e)) return this.updateCursor(null);
      this.ctx.updateHandles(p.world);
      this.updateCursor(this.ctx.hitTest(p.world), p.world);
      return;
    }
    if (e.pointerId === g.pointerId) g.move(p);
  };

  private onPointerUp = (e: PointerEvent): void => {
    const g = this.gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    this.gesture = null;
    const p = this.pointer(e);
    g.up(p, e.type === 'pointerup');
    this.updateCursor(this.ctx.hitTest(p.world), p.world);
  };

  private onPointerLeave = (): void => {
    if (!this.gesture) this.editor.setPointer(null);
  };

  private onDoubleClick = (e: MouseEvent): void => {
    if (!this.onCanvas(e) || e.button !== 0) return;
    const ed = this.editor;
    if (!ed.canEdit || ed.previewing() || ed.tool.get() !== 'select' || ed.spacePan.get()) return;
    const world = this.ctx.worldPoint(e);
    const fh = this.ctx.flowHandleAt(world);
    if (fh && !fh.insert) {
      ed.removeBend(fh.flowId, fh.index);
      return;
    }
    const hit = this.ctx.hitTest(world);
    if (hit) ed.startEditing(hit);
    else ed.createNote(world);
  };

  private onWheel = (e: WheelEvent): void => {
    if (!this.onCanvas(e)) return;
    e.preventDefault();
    const vp = this.editor.viewport;
    if (e.ctrlKey || e.metaKey) {
      vp.zoomAt(this.ctx.screenPoint(e), vp.camera.get().zoom * wheelZoomFactor(e.deltaY, e.deltaMode));
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
    if (!id || !this.editor.canEdit || this.editor.previewing()) return;
    e.preventDefault();
    const at = this.ctx.worldPoint(e);
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
    const ctx = this.ctx;
    const g = this.gesture;
    const tool = ed.tool.get();
    let c = 'default';
    if (g?.kind === 'pan') c = 'grabbing';
    else if (ed.spacePan.get() || tool === 'hand') c = 'grab';
    else if (isPlaceTool(tool) || isConnectTool(tool) || g?.kind === 'connect') c = 'crosshair';
    else if (g?.kind === 'drag' && ed.canEdit) c = 'move';
    else if (world && ed.canEdit && (ctx.handleAt(world) || ctx.flowHandleAt(world))) c = 'crosshair';
    else if (world && tool === 'select' && ctx.voteTarget(world)) c = 'pointer';
    else if (hover) c = ed.canChange(hover) ? 'move' : 'pointer';
    this.host.style.cursor = c;
  }
}
