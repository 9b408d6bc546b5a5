import type { ShapeKind } from '../../shared/model/schema';

/** The field a shape's text editor edits: what a person would call the shape by. */
export const TEXT_FIELD: Record<ShapeKind, 'text' | 'label' | 'title'> = {
  note: 'text',
  text: 'text',
  threat: 'title',
  entity: 'label',
  process: 'label',
  store: 'label',
  flow: 'label',
  boundary: 'label',
};
