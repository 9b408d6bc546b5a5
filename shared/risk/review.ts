import { SHAPE_KIND_LABELS, type Mitigation, type Shape, type Stride, type ThreatShape } from '../model/schema';
import { mitigationLabel, threatLabel } from '../threats/numbering';
import { STRIDE_NAMES, strideCoverage } from '../threats/stride';

/**
 * The review checklist of question 4 ("did we do a good enough job?"), computed from the board as it is:
 * every finding names the record to open, so the list doubles as a to-do list. It follows the Playbook's
 * review questions on completeness, rationale, traceability and owners.
 */
export const FINDING_KINDS = [
  'no-strategy',
  'no-rationale',
  'no-mitigation',
  'stride-gap',
  'unverified-mitigation',
  'unowned-threat',
  'unowned-mitigation',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  'no-strategy': 'Threats with no response strategy',
  'no-rationale': 'Accepted or transferred threats with no rationale',
  'no-mitigation': 'Open threats with no mitigation',
  'stride-gap': 'Elements and boundary-crossing flows with STRIDE gaps',
  'unverified-mitigation': 'Mitigations with no verification',
  'unowned-threat': 'Threats with no owner',
  'unowned-mitigation': 'Mitigations with no owner',
};

export interface Finding {
  kind: FindingKind;
  message: string;
  itemId: string;
  itemKind: 'threat' | 'mitigation' | 'element';
  /** The view the item is on, for shapes: lets a click switch to it. */
  view?: string;
}

export interface ReviewInput {
  shapes: readonly Shape[];
  mitigations: readonly Mitigation[];
}

function threatName(t: ThreatShape): string {
  return `${threatLabel(t.num)}${t.title.trim() ? ` "${t.title.trim()}"` : ''}`;
}

function mitigationName(m: Mitigation): string {
  return `${mitigationLabel(m.num)}${m.title.trim() ? ` "${m.title.trim()}"` : ''}`;
}

function letters(ls: readonly Stride[]): string {
  return ls.map((l) => `${l} (${STRIDE_NAMES[l]})`).join(', ');
}

/** Every open finding of the board, grouped by kind in FINDING_KINDS order. */
export function reviewFindings({ shapes, mitigations }: ReviewInput): Finding[] {
  const out: Finding[] = [];
  const known = new Set(mitigations.map((m) => m.id));
  const threats = shapes.filter((s): s is ThreatShape => s.kind === 'threat' && s.status !== 'not-applicable');
  const byThreat = (kind: FindingKind, test: (t: ThreatShape) => boolean, message: (t: ThreatShape) => string) => {
    for (const t of threats) if (test(t)) out.push({ kind, message: message(t), itemId: t.id, itemKind: 'threat', view: t.view });
  };

  byThreat('no-strategy', (t) => t.strategy === '', (t) => `${threatName(t)} has no response strategy (eliminate, mitigate, accept or transfer).`);
  byThreat(
    'no-rationale',
    (t) => (t.strategy === 'accept' || t.strategy === 'transfer' || t.status === 'accepted' || t.status === 'transferred') && t.rationale.trim() === '',
    (t) => `${threatName(t)} is ${t.strategy === 'transfer' || t.status === 'transferred' ? 'transferred' : 'accepted'} without a written rationale.`,
  );
  byThreat(
    'no-mitigation',
    (t) => t.status === 'open' && !t.mitigations.some((l) => known.has(l.id)),
    (t) => `${threatName(t)} is open and has no mitigation linked.`,
  );

  for (const row of strideCoverage(shapes)) {
    if (row.gaps.length === 0) continue;
    const el = row.element;
    if (el.kind === 'flow' && row.crosses.length === 0) continue;
    const name = `${SHAPE_KIND_LABELS[el.kind]} "${el.label.trim() || 'unnamed'}"`;
    const where = el.kind === 'flow' ? ' (crosses a trust boundary)' : '';
    out.push({
      kind: 'stride-gap',
      message: `${name}${where} has no threat for ${letters(row.gaps)}.`,
      itemId: el.id,
      itemKind: 'element',
      view: el.view,
    });
  }

  for (const m of mitigations) {
    if (m.verification.trim() === '') {
      out.push({ kind: 'unverified-mitigation', message: `${mitigationName(m)} has no verification or test reference.`, itemId: m.id, itemKind: 'mitigation' });
    }
  }
  byThreat('unowned-threat', (t) => t.owner.trim() === '', (t) => `${threatName(t)} has no owner.`);
  for (const m of mitigations) {
    if (m.owner.trim() === '') out.push({ kind: 'unowned-mitigation', message: `${mitigationName(m)} has no owner.`, itemId: m.id, itemKind: 'mitigation' });
  }
  return out.sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind));
}
