import type { ComponentType } from 'react';
import type { LabelPlace } from '../../../shared/model/labels';
import { SHAPE_KIND_LABELS, type Shape, type ShapeKind } from '../../../shared/model/schema';
import { BoundaryView } from './BoundaryView';
import { EntityView } from './EntityView';
import { FlowView } from './FlowView';
import { NoteView } from './NoteView';
import { ProcessView } from './ProcessView';
import { StoreView } from './StoreView';
import { TextView } from './TextView';
import { ThreatView } from './ThreatView';

export interface ShapeViewProps<S extends Shape = Shape> {
  shape: S;
  selected: boolean;
  /** Colour of another participant who has this shape selected. */
  remoteColor: string | undefined;
  /** Text is hidden while the textarea overlay edits it, so it is not drawn twice. */
  editing: boolean;
  /** False when zoomed out too far to read: text layout is the costly part of drawing. */
  showText: boolean;
  /** Open threats on this element per STRIDE letter, e.g. "T2 I1"; '' when none. */
  badges: string;
  /** For a flow: the shapes its ends are attached to (undefined for a free end). */
  fromShape?: Shape | undefined;
  toShape?: Shape | undefined;
  /** For a flow: where its label pill sits and its lines (see shared/model/labels.ts). */
  label?: LabelPlace | undefined;
}

type Views = { [K in ShapeKind]: ComponentType<ShapeViewProps<Extract<Shape, { kind: K }>>> };

/** How each shape kind is drawn: one module per kind, registered here, the one list of kinds on the client. */
export const SHAPE_VIEWS: Views = {
  note: NoteView,
  threat: ThreatView,
  entity: EntityView,
  process: ProcessView,
  store: StoreView,
  boundary: BoundaryView,
  text: TextView,
  flow: FlowView,
};

export function ShapeView(props: ShapeViewProps) {
  const View = SHAPE_VIEWS[props.shape.kind] as ComponentType<ShapeViewProps>;
  return <View {...props} />;
}

export const KIND_NAME = SHAPE_KIND_LABELS;

/** What a person calls a shape, and its one-line description: pure, so they live with the kinds in shared/. */
export { describeShape, textOf as shapeText } from '../../../shared/model/shapes/index';
