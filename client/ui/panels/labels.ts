import type { Shape, Stride } from '../../../shared/model/schema';
import { RUNS_ON, PROTOCOLS, STRIDE, THREAT_STATUSES } from '../../../shared/model/schema';
import { STRIDE_NAMES } from '../../../shared/threats/library-meta';
import { THREAT_STATUS_LABEL } from '../../../shared/labels';
import { threatLabel } from '../../../shared/threats/numbering';
import { SHAPE_KIND_LABELS as KIND_NAME, textOf as shapeText } from '../../../shared/model/shapes/index';

/** Words for the values of the model's enums, for selects and read-only text. */
export const RUNS_ON_OPTIONS = RUNS_ON.map((v) => ({
  value: v,
  label: { '': 'Not set', device: 'The device', phone: 'A phone', cloud: 'The cloud', hospital: 'Hospital systems', other: 'Somewhere else' }[v],
}));

export const PROTOCOL_OPTIONS = PROTOCOLS.map((v) => ({ value: v, label: v === '' ? 'Not set' : v === 'other' ? 'Other' : v }));

export const STATUS_LABEL = THREAT_STATUS_LABEL;
export const STATUS_OPTIONS = THREAT_STATUSES.map((v) => ({ value: v, label: STATUS_LABEL[v] }));

export const STRIDE_OPTIONS = STRIDE.map((l) => ({ value: l, label: `${l} – ${STRIDE_NAMES[l]}` }));

export function strideName(l: Stride): string {
  return STRIDE_NAMES[l];
}

/** What a person calls a shape in a list: its text, else its kind. */
export function shapeName(s: Shape | undefined): string {
  if (!s) return '(deleted)';
  if (s.kind === 'threat') return `${threatLabel(s.num)} ${s.title || 'Untitled threat'}`;
  return shapeText(s).trim() || `Unnamed ${KIND_NAME[s.kind].toLowerCase()}`;
}

export { KIND_NAME };
