import type { ComponentType } from 'react';
import type { Shape, ShapeKind } from '../../../shared/model/schema';
import { boundary } from './boundary';
import { entity } from './entity';
import { flow } from './flow';
import { note } from './note';
import { process } from './process';
import { store } from './store';
import { text } from './text';
import { threat } from './threat';
import type { ClientShape, ShapeViewProps } from './types';

export type { ClientShape, EditBox, PropertiesProps, ShapeViewProps, ToolEntry } from './types';
/** What a person calls a kind and a shape, and a shape's one-line description: pure, kept with the kinds in shared/. */
export { describeShape, SHAPE_KIND_LABELS as KIND_NAME, textOf as shapeText } from '../../../shared/model/shapes/index';

type Modules = { [K in ShapeKind]: ClientShape<Extract<Shape, { kind: K }>> };

/**
 * The one list of shape kinds on the client: each kind's module (`<kind>.tsx`), in toolbar order.
 * A kind added to the shared schema is a compile error here until its module is listed.
 */
const BUILT_IN: Modules = { note, entity, process, store, flow, boundary, text, threat };

// Each module is typed for its own record; seen from the list they all take `Shape`.
const modules = new Map<string, ClientShape>(Object.entries(BUILT_IN) as [string, ClientShape][]);
let ordered: readonly ClientShape[] = [...modules.values()];
const listeners = new Set<() => void>();

/** Every registered kind module, in toolbar order. */
export function shapeModules(): readonly ClientShape[] {
  return ordered;
}

/** The module of a kind. Records are validated against the schema on read, so every kind has one. */
export function shapeModule(kind: string): ClientShape {
  const m = modules.get(kind);
  if (!m) throw new Error(`no client module for shape kind "${kind}"`);
  return m;
}

/**
 * Add a kind module after the built-in ones (and tell the lists derived from the registry). For kinds
 * that are not part of the build, e.g. the throwaway kind of `test/unit/client-shape-kinds.test.ts`.
 */
export function registerClientShape(m: ClientShape): void {
  modules.set(m.kind, m);
  ordered = [...modules.values()];
  for (const l of listeners) l();
}

/** Called whenever a kind is registered (derived lists rebuild themselves). */
export function onShapesRegistered(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function ShapeView(props: ShapeViewProps) {
  const View = shapeModule(props.shape.kind).View as ComponentType<ShapeViewProps>;
  return <View {...props} />;
}
