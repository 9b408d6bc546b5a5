import type { ShapeKind } from '../../shared/model/schema';
import { textFieldOf } from '../../shared/model/shapes/index';
import { onShapesRegistered, shapeModules } from '../canvas/shapes/registry';

/** The field a shape's text editor edits: what a person would call the shape by (from the shared kind modules). */
export const TEXT_FIELD: Record<ShapeKind, 'text' | 'label' | 'title'> = {} as Record<ShapeKind, 'text' | 'label' | 'title'>;

function build(): void {
  for (const m of shapeModules()) TEXT_FIELD[m.kind] = textFieldOf(m.kind);
}
build();
onShapesRegistered(build);
