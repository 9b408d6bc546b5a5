import { z } from 'zod';
import { readLocal, writeLocal } from '../session';
import { clampZoom, type Camera } from '../canvas/camera';

/**
 * Each person's camera per view of a board, kept in this browser's localStorage so a reload (or coming
 * back tomorrow) shows each diagram where they left it. Session state: never synced to anyone.
 */
const StoredCamera = z.object({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().finite().positive() });

export interface CameraMemory {
  get(view: string): Camera | undefined;
  set(view: string, camera: Camera): void;
}

/** In memory only: for tests and for an editor without a board id. */
export function sessionCameras(): CameraMemory {
  const map = new Map<string, Camera>();
  return { get: (v) => map.get(v), set: (v, c) => void map.set(v, c) };
}

export function storedCameras(boardId: string, userId: string): CameraMemory {
  const key = (view: string) => `threatboard:camera:${boardId}:${userId}:${view}`;
  return {
    get(view) {
      const c = readLocal(key(view), StoredCamera);
      return c ? { ...c, zoom: clampZoom(c.zoom) } : undefined;
    },
    set(view, c) {
      writeLocal(key(view), { x: Math.round(c.x), y: Math.round(c.y), zoom: c.zoom });
    },
  };
}
