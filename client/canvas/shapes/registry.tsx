import type { ComponentType } from 'react';
import type { LabelPlace } from '../../../shared/model/labels';
import { SHAPE_KIND_LABELS, type Shape, type ShapeKind } from '../../../shared/model/schema';
import { threatLabel } from '../../../shared/threats/numbering';
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

export const KIND_NAME = SHAPE_KIND_LABELS;

/**
 * One line describing a shape in lists: "T-3 · T · Replayed bolus command",
 * "Phone app → Cloud API", or the label/text. `byId` resolves flow ends.
 */
export function describeShape(s: Shape, byId: ReadonlyMap<string, Shape>): string {
  switch (s.kind) {
    case 'threat': {
      const on = s.elements.flatMap((id) => {
        const e = byId.get(id);
        return e ? [e.kind === 'flow' ? describeShape(e, byId) : shapeText(e).trim() || KIND_NAME[e.kind]] : [];
      });
      return `${threatLabel(s.num)} · ${s.stride} · ${s.title.trim() || '(untitled)'}${on.length ? ` (on ${on.join('; ')})` : ''}`;
    }
    case 'flow': {
      const end = (id: string | null) => {
        const e = id ? byId.get(id) : undefined;
        return e ? shapeText(e).trim() || `(unnamed ${KIND_NAME[e.kind].toLowerCase()})` : '(free end)';
      };
      const ends = `${end(s.from)} ${s.bidirectional ? '↔' : '→'} ${end(s.to)}`;
      const extra = [s.label.trim(), s.protocol].filter(Boolean).join(', ');
      return extra ? `${ends} (${extra})` : ends;
    }
    default: {
      const text = shapeText(s).trim();
      const oos = 'outOfScope' in s && s.outOfScope ? ' (out of scope)' : '';
      return (text || '(empty)') + oos;
    }
  }
}
