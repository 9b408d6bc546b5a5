import { type Mitigation, type ThreatShape } from '../../model/schema';
import { isDfdElement, shapeModule } from '../../model/shapes/index';
import { riskBefore, RISK_LEVEL_LABELS } from '../../risk/matrix';
import { STRIDE_NAMES } from '../../threats/stride';
import { threatsOf, type BoardData } from '../board-data';
import { STATUS_OUT, readTrailer } from './model';



export const TD_VERSION = '2.3.0';
const THUMBNAIL = './public/content/images/thumbnail.stride.jpg';

export interface TdExport {
  model: Record<string, unknown>;
  /** What Threat Dragon has no place for (e.g. a threat attached to no element). */
  warnings: string[];
}

/** A Threat Dragon v2 model of the board: one diagram per view. */
export function boardToThreatDragon(data: BoardData): TdExport {
  const warnings: string[] = [];
  const byId = new Map(data.shapes.map((s) => [s.id, s] as const));
  const mitigationsById = new Map(data.mitigations.map((m) => [m.id, m] as const));

  // Threat Dragon keeps threats on elements: each threat goes to the first element it is attached to.
  const threatsOn = new Map<string, ThreatShape[]>();
  for (const t of threatsOf(data)) {
    const host = t.elements.find((id) => {
      const s = byId.get(id);
      return s && isDfdElement(s);
    });
    const label = t.num > 0 ? `T-${t.num}` : t.id;
    if (!host) {
      warnings.push(`${label} "${t.title}" is attached to no element and is not in the Threat Dragon file`);
      continue;
    }
    if (t.elements.length > 1) warnings.push(`${label} "${t.title}" is attached to several elements; Threat Dragon gets it on the first only`);
    threatsOn.set(host, [...(threatsOn.get(host) ?? []), t]);
  }

  const tdThreat = (t: ThreatShape) => {
    const { description, fields } = readTrailer(t.description);
    const risk = riskBefore(t);
    const mitigation = t.mitigations
      .map((l) => mitigationsById.get(l.id))
      .filter((m): m is Mitigation => !!m)
      .map((m) => m.description.trim() || m.title.trim())
      .join('\n\n');
    return {
      id: t.id,
      threatId: t.id,
      title: t.title,
      type: fields.type || STRIDE_NAMES[t.stride],
      status: STATUS_OUT[t.status],
      severity: risk ? RISK_LEVEL_LABELS[risk] : fields.severity || 'TBD',
      description,
      mitigation,
      modelType: fields.modelType || 'STRIDE',
      ...(t.num > 0 ? { number: t.num } : {}),
      score: t.cvss || fields.score || '',
      new: false,
    };
  };

  const diagrams = data.views.map((view, di) => {
    // Each kind writes its own cell; kinds that are no cell there (threats) have no mapping.
    const onView = data.shapes.flatMap((s) => {
      const td = s.view === view.id ? shapeModule(s.kind as string).td : null;
      return td ? [{ s, td }] : [];
    });
    const exported = new Set(onView.map(({ s }) => s.id));
    // Stable: boundaries (the lowest layer) first, then the board's order.
    const ordered = [...onView].sort((a, b) => a.td.layer - b.td.layer);
    const cells = ordered.map(({ s, td }, zIndex) => {
      const threats = (threatsOn.get(s.id) ?? []).map(tdThreat);
      const box = 'pos' in s ? { position: { x: s.pos.x, y: s.pos.y }, size: { width: Math.max(10, s.size.w), height: Math.max(10, s.size.h) } } : {};
      const common = { id: s.id, zIndex, visible: true, ...box };
      return td.cell(s, { index: byId, exported, common, threats, hasOpenThreats: threats.some((t) => t.status === 'Open') });
    });
    return {
      id: di,
      title: view.title,
      diagramType: 'STRIDE',
      placeholder: '',
      thumbnail: THUMBNAIL,
      version: TD_VERSION,
      description: view.description,
      cells,
    };
  });

  const threatTop = Math.max(0, ...threatsOf(data).map((t) => t.num));
  return {
    model: {
      version: TD_VERSION,
      summary: { title: data.meta.title, owner: '', description: data.views[0]?.description ?? '', id: 0 },
      detail: { contributors: [], diagrams, diagramTop: diagrams.length, reviewer: '', threatTop },
    },
    warnings,
  };
}

