import { SHAPE_KIND_LABELS, type Shape } from '../../../shared/model/schema';
import { threatLabel } from '../../../shared/threats/numbering';

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
