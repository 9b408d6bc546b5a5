import { flowPoints } from '../../model/geometry';
import { type Mitigation, type Point, type ThreatShape } from '../../model/schema';
import { riskBefore, RISK_LEVEL_LABELS } from '../../risk/matrix';
import { STRIDE_NAMES } from '../../threats/stride';
import { threatsOf, type BoardData } from '../board-data';
import { STATUS_OUT, readTrailer } from './model';



export const TD_VERSION = '2.3.0';
const THUMBNAIL = './public/content/images/thumbnail.stride.jpg';
const BODY = { stroke: '#333333', strokeWidth: 1.5, strokeDasharray: null };

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
      return s && (s.kind === 'entity' || s.kind === 'process' || s.kind === 'store' || s.kind === 'flow');
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
    const onView = data.shapes.filter((s) => s.view === view.id && s.kind !== 'threat');
    const exported = new Set(onView.map((s) => s.id));
    const ordered = [...onView.filter((s) => s.kind === 'boundary'), ...onView.filter((s) => s.kind !== 'boundary')];
    const cells = ordered.map((s, zIndex) => {
      const threats = (threatsOn.get(s.id) ?? []).map(tdThreat);
      const hasOpenThreats = threats.some((t) => t.status === 'Open');
      const box = 'pos' in s ? { position: { x: s.pos.x, y: s.pos.y }, size: { width: Math.max(10, s.size.w), height: Math.max(10, s.size.h) } } : {};
      const common = { id: s.id, zIndex, visible: true };
      switch (s.kind) {
        case 'entity':
        case 'process':
        case 'store': {
          const shape = s.kind === 'entity' ? 'actor' : s.kind;
          const type = s.kind === 'entity' ? 'tm.Actor' : s.kind === 'process' ? 'tm.Process' : 'tm.Store';
          const attrs =
            s.kind === 'store'
              ? { text: { text: s.label }, topLine: BODY, bottomLine: BODY }
              : { text: { text: s.label }, body: BODY };
          return {
            ...common,
            ...box,
            shape,
            attrs,
            data: {
              type,
              name: s.label,
              description: s.description,
              outOfScope: s.outOfScope,
              reasonOutOfScope: s.outOfScopeReason,
              isTrustBoundary: false,
              hasOpenThreats,
              threats,
              ...(s.kind === 'store' ? { isALog: s.isLog } : {}),
            },
          };
        }
        case 'flow': {
          const pts = flowPoints(s, byId);
          const endOf = (id: string | null, pt: Point | undefined) =>
            id !== null && exported.has(id) ? { cell: id } : { x: Math.round(pt?.x ?? 0), y: Math.round(pt?.y ?? 0) };
          return {
            ...common,
            shape: 'flow',
            width: 200,
            height: 100,
            connector: 'smooth',
            attrs: {
              line: {
                stroke: '#333333',
                strokeWidth: 1.5,
                targetMarker: { name: 'block' },
                sourceMarker: { name: s.bidirectional ? 'block' : '' },
                strokeDasharray: null,
              },
            },
            labels: [{ attrs: { labelText: { text: s.label }, text: { text: s.label } }, position: 0.5 }],
            source: endOf(s.from, pts[0]),
            target: endOf(s.to, pts[pts.length - 1]),
            vertices: s.bends.map((p) => ({ x: p.x, y: p.y })),
            data: {
              type: 'tm.Flow',
              name: s.label,
              description: s.description,
              outOfScope: s.outOfScope,
              reasonOutOfScope: s.outOfScopeReason,
              isBidirectional: s.bidirectional,
              isEncrypted: s.encrypted,
              isPublicNetwork: s.crossesInternet,
              protocol: s.protocol,
              isTrustBoundary: false,
              hasOpenThreats,
              threats,
            },
          };
        }
        case 'boundary':
          return {
            ...common,
            ...box,
            shape: 'trust-boundary-box',
            attrs: { label: { text: s.label } },
            data: { type: 'tm.BoundaryBox', name: s.label, description: s.description, isTrustBoundary: true, hasOpenThreats: false },
          };
        case 'text':
        case 'note':
          return {
            ...common,
            ...box,
            shape: 'td-text-block',
            attrs: { text: { text: s.text } },
            data: { type: 'tm.Text', name: s.text, hasOpenThreats: false },
          };
        case 'threat':
          throw new Error('unreachable: threats are not cells');
      }
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

