import type { ComponentType } from 'react';
import type { Shape, ShapeKind } from '../../../shared/model/schema';
import { BoxView } from './BoxView';
import { NoteView } from './NoteView';

export interface ShapeViewProps<S extends Shape = Shape> {
  shape: S;
  selected: boolean;
  /** Colour of another participant who has this shape selected. */
  remoteColor: string | undefined;
  /** Text is hidden while the textarea overlay edits it, so it is not drawn twice. */
  editing: boolean;
  /** False when zoomed out too far to read: text layout is the costly part of drawing. */
  showText: boolean;
}

type Views = { [K in ShapeKind]: ComponentType<ShapeViewProps<Extract<Shape, { kind: K }>>> | null };

/**
 * How each shape kind is drawn: the one place that lists kinds on the client. Flows are not drawn by
 * this client yet (null).
 */
export const SHAPE_VIEWS: Views = {
  note: NoteView,
  threat: BoxView,
  entity: BoxView,
  process: BoxView,
  store: BoxView,
  boundary: BoxView,
  text: BoxView,
  flow: null,
};

export function ShapeView(props: ShapeViewProps) {
  const View = SHAPE_VIEWS[props.shape.kind] as ComponentType<ShapeViewProps> | null;
  return View ? <View {...props} /> : null;
}

/** Text a person would call this shape by, for the outline and announcements. */
export function shapeText(s: Shape): string {
  switch (s.kind) {
    case 'note':
    case 'text':
      return s.text;
    case 'threat':
      return s.title;
    default:
      return s.label;
  }
}

export const KIND_NAME: Record<ShapeKind, string> = {
  note: 'Note',
  threat: 'Threat',
  entity: 'External entity',
  process: 'Process',
  store: 'Data store',
  flow: 'Data flow',
  boundary: 'Trust boundary',
  text: 'Text',
};
