import { z } from 'zod';
import type { Rect } from '../rect';
import type { Point } from './common';
import { boundary } from './boundary';
import { entity } from './entity';
import { flow } from './flow';
import { note } from './note';
import { process } from './process';
import { store } from './store';
import { text } from './text';
import { threat, type Stride } from './threat';
import type { AnyShape, DescribeContext, ShapeIndex, ShapeKindModule, TextField } from './types';

/**
 * The one list of shape kinds. Everything that differs between kinds is in the kind's module; every list,
 * lookup and union below is derived from this list. To add a kind, add its module here (and its client
 * half to `client/canvas/shapes/registry.tsx`): see docs/architecture.md, "How to add a shape kind".
 */
export const SHAPE_KINDS = [note, threat, entity, process, store, flow, boundary, text] as const;

type Module = (typeof SHAPE_KINDS)[number];
type SchemasOf<T extends readonly unknown[]> = { readonly [I in keyof T]: T[I] extends { schema: infer S } ? S : never };
type Schemas = SchemasOf<typeof SHAPE_KINDS>;

/** Every shape record: the union of the kinds' schemas, discriminated by `kind`. */
export const Shape = z.discriminatedUnion('kind', SHAPE_KINDS.map((m) => m.schema) as unknown as Schemas);
export type Shape = z.infer<typeof Shape>;
export type ShapeKind = Shape['kind'];
export type ShapeInput = z.input<typeof Shape>;
export type ShapeOf<K extends ShapeKind> = Extract<Shape, { kind: K }>;

/** Kinds that are DFD elements: STRIDE per element applies, threats attach, coverage lists them. */
export type ElementKind = Extract<Module, { isElement: true }>['kind'];
export type DfdElement = ShapeOf<ElementKind>;
/** Kinds a data flow can start or end at. */
export type ConnectableKind = Extract<Module, { connectable: true }>['kind'];

// ---- the registry at run time: the list above, plus kinds a test registers --------------------------

const modules = new Map<string, ShapeKindModule>();
const elementKinds: ElementKind[] = [];
const lockableKinds = new Set<string>();
const labels: Record<string, string> = {};

/**
 * Adds a kind at run time. Production kinds are all in SHAPE_KINDS (that is what gives `Shape` its type);
 * this is how a test proves that a kind's module alone is enough for every consumer that iterates the
 * registry (coverage, reports, exports). A kind registered this way has no static type and is not in the
 * `Shape` schema, so records of it come only from the code that registered it.
 */
export function registerShapeKind(m: ShapeKindModule<any>): void {
  if (modules.has(m.kind)) throw new Error(`shape kind "${m.kind}" is registered already`);
  modules.set(m.kind, m);
  if (m.isElement) elementKinds.push(m.kind as ElementKind);
  if (m.lockable) lockableKinds.add(m.kind);
  labels[m.kind] = m.label;
}
for (const m of SHAPE_KINDS) registerShapeKind(m);

/** Where a kind stands in the registry (0 first): breaks ties in drawing order. */
export function registryPosition(kind: string): number {
  return [...modules.keys()].indexOf(kind);
}

/** The kinds known at run time, in registry order. */
export function shapeModules(): ShapeKindModule[] {
  return [...modules.values()];
}

/** The module of a kind. Records are parsed before they get here, so an unknown kind is a bug. */
export function shapeModule<K extends ShapeKind>(kind: K): ShapeKindModule<ShapeOf<K>>;
export function shapeModule(kind: string): ShapeKindModule;
export function shapeModule(kind: string): ShapeKindModule {
  const m = modules.get(kind);
  if (!m) throw new Error(`unknown shape kind "${kind}"`);
  return m;
}

/** The module of a shape, typed for calling it with that shape. */
function moduleOf(s: AnyShape): ShapeKindModule<AnyShape> {
  return shapeModule(s.kind) as ShapeKindModule<AnyShape>;
}

/** DFD element kinds, in registry order. */
export const ELEMENT_KINDS: readonly ElementKind[] = elementKinds;
/** Kinds that make up a view's diagram: frozen while a facilitator locks the view (notes and threats are not). */
export const LOCKABLE_KINDS: ReadonlySet<string> = lockableKinds;
/** What a person calls each kind, in lists, reports and announcements. */
export const SHAPE_KIND_LABELS: Readonly<Record<ShapeKind, string>> = labels as Record<ShapeKind, string>;

export function isElementKind(kind: string): kind is ElementKind {
  return modules.get(kind)?.isElement ?? false;
}

/** The one definition of "a DFD element". */
export function isDfdElement(s: AnyShape): s is DfdElement {
  return isElementKind(s.kind);
}

export function isConnectable(kind: string): kind is ConnectableKind {
  return modules.get(kind)?.connectable ?? false;
}

/** Part of a view's data flow diagram as the report lists it: elements and trust boundaries. */
export function isInDiagram(kind: string): boolean {
  return modules.get(kind)?.inDiagram ?? false;
}

export function textFieldOf(kind: ShapeKind): TextField {
  return shapeModule(kind).textField;
}

/** STRIDE letters worth discussing for an element (STRIDE per element), narrowed by its own fields. */
export function applicableStride(el: AnyShape): Stride[] {
  const m = moduleOf(el);
  return [...(m.strideOf?.(el) ?? m.stride)];
}

/** Text a person would call this shape by, for the outline and announcements. */
export function textOf(s: AnyShape): string {
  return moduleOf(s).text(s);
}

/**
 * One line describing a shape in lists: "T-3 · T · Replayed bolus command", "Phone app → Cloud API", or
 * the label/text. `byId` resolves flow ends and threats' elements.
 */
export function describeShape(s: AnyShape, byId: ShapeIndex): string {
  const ctx: DescribeContext = {
    index: byId,
    text: (e) => textOf(e).trim(),
    label: (e) => moduleOf(e).label,
    describe: (e) => {
      const m = moduleOf(e);
      return m.describe ? m.describe(e, ctx) : null;
    },
  };
  const own = ctx.describe(s);
  if (own !== null) return own;
  const oos = 'outOfScope' in s && s.outOfScope ? ' (out of scope)' : '';
  return (ctx.text(s) || '(empty)') + oos;
}

/** Bounding rectangle of any shape; `index` resolves a flow's ends. */
export function shapeBounds(s: AnyShape, index: ShapeIndex): Rect {
  return moduleOf(s).bounds(s, index);
}

/**
 * The topmost shape under a point, given shapes in z order (bottom first). Each kind decides its hit area:
 * flows within `tolerance` of their line, a boundary only near its outline, boxes inside.
 */
export function shapeAt<S extends AnyShape>(shapesInZOrder: readonly S[], p: Point, tolerance = 6): S | undefined {
  const index = new Map(shapesInZOrder.map((s) => [s.id, s] as const));
  for (let i = shapesInZOrder.length - 1; i >= 0; i--) {
    const s = shapesInZOrder[i]!;
    if (moduleOf(s).hit(s, p, tolerance, index)) return s;
  }
  return undefined;
}

export type { ShapeKindModule, TextField } from './types';
