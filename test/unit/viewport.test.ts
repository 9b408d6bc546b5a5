import { describe, expect, it } from 'vitest';
import { LEFT_CLEARANCE, READABLE_ZOOM, Viewport } from '../../client/editor/viewport';
import { worldToScreen } from '../../client/canvas/camera';

describe('showing a board when it opens', () => {
  it('shows a diagram too wide for the window from its top left, readable, clear of the tool palette', () => {
    const v = new Viewport();
    v.size.set({ w: 1366, h: 670 });
    // 40 notes in one row (8,000 px): fitting them all would shrink the labels past reading.
    v.fitTo(Array.from({ length: 40 }, (_, i) => ({ x: i * 200, y: 0, w: 160, h: 120 })), { readable: true });
    const cam = v.camera.get();
    expect(cam.zoom).toBe(READABLE_ZOOM);
    const first = worldToScreen(cam, { x: 0, y: 0 });
    // The palette's right edge is at about 60 px.
    expect(first.x).toBeGreaterThanOrEqual(LEFT_CLEARANCE);
    expect(first.x).toBeGreaterThan(60);
    expect(first.y).toBe(48);
  });

  it('fits a board that fits, centred, never above 100 %', () => {
    const v = new Viewport();
    v.size.set({ w: 1366, h: 670 });
    v.fitTo([{ x: 0, y: 0, w: 400, h: 200 }], { readable: true });
    const cam = v.camera.get();
    expect(cam.zoom).toBe(1);
    expect(worldToScreen(cam, { x: 200, y: 100 })).toEqual({ x: 683, y: 335 });
  });
});
