import { z } from 'zod';

/**
 * Record schemas of the board document. Every record carries a schema version `v`; reading goes
 * through `parse*` so that an old record gets defaults and a bad one is reported and skipped,
 * never crashing a client or stopping sync.
 */
export const SCHEMA_VERSION = 1;

const finite = z.number().finite();
export const Point = z.object({ x: finite, y: finite });
export type Point = z.infer<typeof Point>;
export const Size = z.object({ w: finite.min(8).max(20000), h: finite.min(8).max(20000) });
export type Size = z.infer<typeof Size>;

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple', 'gray'] as const;
export const NoteColor = z.enum(NOTE_COLORS);
export type NoteColor = z.infer<typeof NoteColor>;

/** Fields every shape has. `z` is a fractional index (string order), never a position in an array. */
const ShapeBase = z.object({
  id: z.string().min(1).max(64),
  v: z.number().int().min(1).default(SCHEMA_VERSION),
  view: z.string().min(1).max(64).default('main'),
  z: z.string().min(1).max(128).default('a0'),
  createdBy: z.string().max(64).default(''),
  createdAt: z.number().int().nonnegative().default(0),
});

export const NOTE_SIZE: Size = { w: 160, h: 120 };

export const NoteShape = ShapeBase.extend({
  kind: z.literal('note'),
  /** One field so that a drag writes one value per move. */
  pos: Point.default({ x: 0, y: 0 }),
  size: Size.default(NOTE_SIZE),
  text: z.string().max(10_000).default(''),
  color: NoteColor.catch('yellow').default('yellow'),
});
export type NoteShape = z.infer<typeof NoteShape>;

/** Every shape kind, registered once. Later kinds (process, store, flow …) slot in here. */
export const Shape = z.discriminatedUnion('kind', [NoteShape]);
export type Shape = z.infer<typeof Shape>;
export type ShapeKind = Shape['kind'];
export type ShapeInput = z.input<typeof Shape>;

export const View = z.object({
  id: z.string().min(1).max(64),
  v: z.number().int().min(1).default(SCHEMA_VERSION),
  title: z.string().max(200).default('Main'),
  order: z.string().min(1).max(128).default('a0'),
});
export type View = z.infer<typeof View>;

export const Meta = z.object({
  title: z.string().max(200).default('Untitled board'),
  schemaVersion: z.number().int().min(1).default(SCHEMA_VERSION),
});
export type Meta = z.infer<typeof Meta>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ') };
}
