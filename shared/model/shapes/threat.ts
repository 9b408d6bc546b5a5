import { z } from 'zod';
import { centerOf, pointInRect, rectOf } from '../rect';
import { boxed, longText, NOTE_SIZE, ShapeBase } from './common';
import { n, svgRect, svgText, wrap } from './svg';
import type { ShapeKindModule } from './types';

export const STRIDE = ['S', 'T', 'R', 'I', 'D', 'E'] as const;
export const Stride = z.enum(STRIDE);
export type Stride = z.infer<typeof Stride>;

/** Colours per letter; the letter itself is always drawn too, so colour never carries meaning alone. */
export const STRIDE_COLORS: Record<Stride, string> = {
  S: '#ffd8a8',
  T: '#ffc9c9',
  R: '#d0bfff',
  I: '#a5d8ff',
  D: '#ffec99',
  E: '#b2f2bb',
};

export const THREAT_STATUSES = ['open', 'mitigated', 'accepted', 'transferred', 'eliminated', 'not-applicable'] as const;
export type ThreatStatus = (typeof THREAT_STATUSES)[number];
/** ISO 14971 severity of patient harm; '' = not assessed yet. */
export const SEVERITIES = ['', 'negligible', 'minor', 'serious', 'critical', 'catastrophic'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const EXPLOITABILITIES = ['', 'low', 'medium', 'high'] as const;
export type Exploitability = (typeof EXPLOITABILITIES)[number];
export const STRATEGIES = ['', 'eliminate', 'mitigate', 'accept', 'transfer'] as const;
export type Strategy = (typeof STRATEGIES)[number];
export const LINK_STATUSES = ['planned', 'implemented', 'verified'] as const;

/** A threat's link to a mitigation record, with the status of that mitigation for this threat. */
export const MitigationLink = z.object({ id: z.string().min(1).max(64), status: z.enum(LINK_STATUSES).catch('planned').default('planned') });
export type MitigationLink = z.infer<typeof MitigationLink>;

/**
 * A threat note *is* the threat record: a sticky note with a STRIDE category, attached to the elements it
 * concerns. `num` is the human ID (T-<num>), handed out by the server so concurrent creators never clash;
 * 0 means "not numbered yet".
 */
export const ThreatShape = ShapeBase.extend({
  kind: z.literal('threat'),
  ...boxed(NOTE_SIZE),
  stride: Stride.catch('T').default('T'),
  title: z.string().max(300).default(''),
  description: longText,
  elements: z.array(z.string().max(64)).max(200).default([]),
  num: z.number().int().nonnegative().default(0),
  status: z.enum(THREAT_STATUSES).catch('open').default('open'),
  /** Library entry this threat was created from, if any. */
  libraryId: z.string().max(64).default(''),
  /** Dots from the last closed vote that included this threat; written by the server's tally. */
  votes: z.number().int().nonnegative().default(0),
  // Register fields (questions 3 and 4): risk before and after, response, ownership.
  severity: z.enum(SEVERITIES).catch('').default(''),
  exploitability: z.enum(EXPLOITABILITIES).catch('').default(''),
  /** CVSS 3.1 vector string, e.g. CVSS:3.1/AV:A/AC:L/…; '' when not scored. The score is computed, never stored. */
  cvss: z.string().max(200).default(''),
  strategy: z.enum(STRATEGIES).catch('').default(''),
  /** Why a threat is accepted or transferred: required for those two strategies. */
  rationale: z.string().max(5000).default(''),
  owner: z.string().max(100).default(''),
  residualSeverity: z.enum(SEVERITIES).catch('').default(''),
  residualExploitability: z.enum(EXPLOITABILITIES).catch('').default(''),
  /** Handed to the safety risk file (AAMI TIR57 / SW96). */
  safetyHandoff: z.boolean().default(false),
  mitigations: z.array(MitigationLink).max(200).default([]),
});
export type ThreatShape = z.infer<typeof ThreatShape>;

/** The human ID of a threat: T-<num>, or T-… until the server has numbered it. */
export function threatLabel(num: number): string {
  return num > 0 ? `T-${num}` : 'T-…';
}

export const threat = {
  kind: 'threat',
  label: 'Threat',
  schema: ThreatShape,
  defaultSize: NOTE_SIZE,
  textField: 'title',
  text: (s) => s.title,
  isElement: false,
  inDiagram: false,
  connectable: false,
  avoidedByLabels: false,
  lockable: false,
  stride: [],
  bounds: (s) => rectOf(s),
  hit: (s, p) => pointInRect(p, rectOf(s)),
  svgLayer: 5,
  svg(s) {
    const r = rectOf(s);
    return (
      svgRect(r, `rx="4" fill="${STRIDE_COLORS[s.stride]}" stroke="#868e96"`) +
      svgText([`${s.stride} · ${threatLabel(s.num)}`], r.x + 8, r.y + 14, { anchor: 'start', size: 11, weight: 'bold' }) +
      svgText(wrap(s.title, Math.max(8, Math.floor(r.w / 6.5)), 5), r.x + r.w / 2, r.y + r.h / 2 + 8, { size: 11 })
    );
  },
  /** Dashed connectors to the elements it is on (in the same view), under everything else. */
  svgUnder(s, { index, view, bounds }) {
    const from = centerOf(rectOf(s));
    return s.elements
      .map((id) => {
        const el = index.get(id);
        if (!el || el.view !== view) return '';
        const to = centerOf(bounds(el));
        return `<line x1="${n(from.x)}" y1="${n(from.y)}" x2="${n(to.x)}" y2="${n(to.y)}" stroke="#adb5bd" stroke-dasharray="3 3"/>`;
      })
      .join('');
  },
  describe(s, { index, text, label, describe }) {
    const on = s.elements.flatMap((id) => {
      const e = index.get(id);
      return e ? [describe(e) ?? (text(e) || label(e))] : [];
    });
    return `${threatLabel(s.num)} · ${s.stride} · ${s.title.trim() || '(untitled)'}${on.length ? ` (on ${on.join('; ')})` : ''}`;
  },
  // Threat Dragon keeps threats on their elements, not as cells (see the export).
  td: null,
} satisfies ShapeKindModule<ThreatShape>;
