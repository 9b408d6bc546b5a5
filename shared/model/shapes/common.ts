import { z } from 'zod';

/**
 * Zod fields that several shape kinds share, and the primitives every record uses. Kind modules build their
 * schemas from these; nothing here knows a kind.
 */
export const SCHEMA_VERSION = 1;

const finite = z.number().finite();
export const Point = z.object({ x: finite, y: finite });
export type Point = z.infer<typeof Point>;
export const Size = z.object({ w: finite.min(8).max(20000), h: finite.min(8).max(20000) });
export type Size = z.infer<typeof Size>;

export const label = z.string().max(200).default('');
export const longText = z.string().max(20_000).default('');

/** Fields every shape has. `z` is a fractional index (string order), never a position in an array. */
export const ShapeBase = z.object({
  id: z.string().min(1).max(64),
  v: z.number().int().min(1).default(SCHEMA_VERSION),
  view: z.string().min(1).max(64).default('main'),
  z: z.string().min(1).max(128).default('a0'),
  createdBy: z.string().max(64).default(''),
  createdAt: z.number().int().nonnegative().default(0),
  /** Who last changed the record, and when: stamped by the server's policy, never client-claimed. */
  updatedBy: z.string().max(64).optional().catch(undefined),
  updatedAt: z.number().int().nonnegative().optional().catch(undefined),
});

/** Fields of every DFD element (entity, process, store, flow): what a reviewer needs to scope it. */
export const ElementFields = {
  label,
  description: longText,
  outOfScope: z.boolean().default(false),
  outOfScopeReason: z.string().max(2000).default(''),
};

/** A box-shaped shape: position (one field, so that a drag writes one value per move) and size. */
export function boxed(size: Size) {
  return { pos: Point.default({ x: 0, y: 0 }), size: Size.default(size) };
}

/** Size of a note and a threat note. */
export const NOTE_SIZE: Size = { w: 160, h: 120 };
