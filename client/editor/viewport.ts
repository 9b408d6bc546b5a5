import { createStore, type Store } from '../lib/store';
import {
  centreOn,
  contains,
  DEFAULT_CAMERA,
  fit,
  panBy,
  screenToWorld,
  stepZoom,
  union,
  visibleWorld,
  zoomAt,
  type Camera,
  type Rect,
  type Vec,
} from '../canvas/camera';

/** Below this zoom the 12 px flow labels and 14 px element labels get too small to read on a laptop. */
export const READABLE_ZOOM = 0.75;
/**
 * Screen pixels kept clear at the canvas's left edge when a diagram is shown from its top left: the tool
 * palette floats there (client/styles.css `.toolbar`: 12 px in, about 48 px wide), and 48 px put the
 * first column of notes under it.
 */
export const LEFT_CLEARANCE = 80;

export interface Size {
  w: number;
  h: number;
}

/** The camera and the size of the canvas element, with the moves the UI offers. Local only. */
export class Viewport {
  readonly camera: Store<Camera> = createStore<Camera>(DEFAULT_CAMERA, (a, b) => a.x === b.x && a.y === b.y && a.zoom === b.zoom);
  readonly size: Store<Size> = createStore<Size>({ w: 0, h: 0 }, (a, b) => a.w === b.w && a.h === b.h);

  constructor() {
    // The world origin starts in the middle of the canvas, where new boards put their first notes.
    const unsubscribe = this.size.subscribe(() => {
      const s = this.size.get();
      if (s.w === 0 || s.h === 0) return;
      unsubscribe();
      if (this.camera.get() === DEFAULT_CAMERA) this.camera.set(centreOn({ x: 0, y: 0 }, s, 1));
    });
  }

  centreScreen(): Vec {
    const { w, h } = this.size.get();
    return { x: w / 2, y: h / 2 };
  }

  centreWorld(): Vec {
    return screenToWorld(this.camera.get(), this.centreScreen());
  }

  visibleRect(): Rect {
    return visibleWorld(this.camera.get(), this.size.get());
  }

  pan(dx: number, dy: number): void {
    this.camera.set((c) => panBy(c, dx, dy));
  }

  zoomAt(at: Vec, zoom: number): void {
    this.camera.set((c) => zoomAt(c, at, zoom));
  }

  zoomStep(dir: 1 | -1): void {
    const c = this.camera.get();
    this.zoomAt(this.centreScreen(), stepZoom(c.zoom, dir));
  }

  resetZoom(): void {
    this.zoomAt(this.centreScreen(), 1);
  }

  /**
   * Show all of `rects`; an empty board resets to 100 % around the origin. With `readable`, a diagram
   * too big for the window is shown from its top left at READABLE_ZOOM instead of shrunk past reading.
   */
  fitTo(rects: Rect[], options: { readable?: boolean } = {}): void {
    const b = union(rects);
    const size = this.size.get();
    if (!b) return this.camera.set(centreOn({ x: 0, y: 0 }, size, 1));
    const cam = fit(b, size);
    if (!options.readable || cam.zoom >= READABLE_ZOOM) return this.camera.set(cam);
    this.camera.set({ x: LEFT_CLEARANCE - b.x * READABLE_ZOOM, y: 48 - b.y * READABLE_ZOOM, zoom: READABLE_ZOOM });
  }

  /** Pan (keeping the zoom) so that `r` is on screen, if it is not already. */
  ensureVisible(r: Rect): void {
    const view = this.visibleRect();
    if (contains(view, r)) return;
    this.camera.set((c) => centreOn({ x: r.x + r.w / 2, y: r.y + r.h / 2 }, this.size.get(), c.zoom));
  }
}
