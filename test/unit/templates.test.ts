import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardMaps, byZ, DEFAULT_VIEW_ID, initBoard, readShapes, readViews } from '../../shared/model/board-doc';
import type { Shape } from '../../shared/model/schema';
import { flowLabels } from '../../shared/model/labels';
import { applyTemplate, TEMPLATES, templateInfo } from '../../shared/templates';

/** The example medical systems; the fourth template is Threatboard's own threat model. */
const MEDICAL = ['ankle-monitor', 'imaging-system', 'therapy-boot'];
const IDS = [...MEDICAL, 'threatboard'];

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
type Boxed = Extract<Shape, { kind: 'entity' | 'process' | 'store' }>;
type Threat = Extract<Shape, { kind: 'threat' }>;
type Boundary = Extract<Shape, { kind: 'boundary' }>;
type Flow = Extract<Shape, { kind: 'flow' }>;

const isElement = (s: Shape): s is Boxed => s.kind === 'entity' || s.kind === 'process' || s.kind === 'store';
const rectOf = (s: { pos: { x: number; y: number }; size: { w: number; h: number } }): Rect => ({ ...s.pos, ...s.size });

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}
function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}
/** Does the segment p→q pass through rectangle r? (Liang–Barsky clipping.) */
function segmentHits(p: { x: number; y: number }, q: { x: number; y: number }, r: Rect): boolean {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, p.x - r.x],
    [dx, r.x + r.w - p.x],
    [-dy, p.y - r.y],
    [dy, r.y + r.h - p.y],
  ];
  for (const [pp, qq] of edges) {
    if (pp === 0) {
      if (qq < 0) return false;
      continue;
    }
    const t = qq / pp;
    if (pp < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}
const centreOf = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

function fresh(id: string): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, 'Workshop board');
  applyTemplate(doc, id);
  return doc;
}

describe('template catalogue', () => {
  it('lists the three example systems and Threatboard itself, each with a title and a description', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(expect.arrayContaining(IDS));
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    for (const t of TEMPLATES) {
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(0);
      expect(templateInfo(t.id)).toEqual(t);
    }
    expect(templateInfo('nope')).toBeUndefined();
  });

  it('throws for an unknown id and leaves the board alone', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Workshop board');
    const before = Y.encodeStateVector(doc);
    expect(() => applyTemplate(doc, 'pacemaker-from-mars')).toThrow(/unknown template/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(boardMaps(doc).shapes.size).toBe(0);
  });
});

describe.each(IDS)('template %s', (id) => {
  it('applies in one transaction and keeps the board title', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Workshop board');
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    applyTemplate(doc, id);
    expect(transactions).toBe(1);
    expect(boardMaps(doc).meta.get('title')).toBe('Workshop board');
  });

  it('has at least two described views, reusing the main view as the global view', () => {
    const doc = fresh(id);
    const views = readViews(doc);
    expect(views.errors).toEqual([]);
    expect(views.records.length).toBeGreaterThanOrEqual(2);
    for (const v of views.records) {
      expect(v.title.length).toBeGreaterThan(0);
      expect(v.description.trim().length).toBeGreaterThan(0);
    }
    expect(views.records[0]).toMatchObject({ id: DEFAULT_VIEW_ID, kind: 'global' });
    expect(new Set(views.records.map((v) => v.order)).size).toBe(views.records.length);
  });

  it('writes only valid shapes, each in an existing view', () => {
    const doc = fresh(id);
    const shapes = readShapes(doc);
    expect(shapes.errors).toEqual([]);
    expect(shapes.records.length).toBeGreaterThan(0);
    const viewIds = new Set(readViews(doc).records.map((v) => v.id));
    for (const s of shapes.records) expect(viewIds.has(s.view), `${s.kind} ${s.id} in view ${s.view}`).toBe(true);
    expect(new Set(shapes.records.map((s) => s.z)).size).toBe(shapes.records.length);
  });

  it('connects flows to labelled elements of the same view, from centre to centre', () => {
    const doc = fresh(id);
    const byId = new Map(readShapes(doc).records.map((s) => [s.id, s]));
    for (const s of byId.values()) {
      if (isElement(s)) expect(s.label.length).toBeGreaterThan(0);
      if (s.kind !== 'flow') continue;
      expect(s.label.length).toBeGreaterThan(0);
      expect(s.protocol).not.toBe('');
      for (const [end, pt] of [
        [s.from, s.fromPt],
        [s.to, s.toPt],
      ] as const) {
        const el = end === null ? undefined : byId.get(end);
        expect(el, `flow "${s.label}" end ${end}`).toBeDefined();
        if (!el || !isElement(el)) throw new Error(`flow "${s.label}" ends on a ${el?.kind}`);
        expect(el.view).toBe(s.view);
        expect(pt).toEqual(centreOf(rectOf(el)));
      }
      expect(s.from).not.toBe(s.to);
    }
  });

  it('gives every view a boundary, elements, flows and a few numbered-later threats', () => {
    const doc = fresh(id);
    const shapes = readShapes(doc).records;
    const byId = new Map(shapes.map((s) => [s.id, s]));
    for (const v of readViews(doc).records) {
      const here = shapes.filter((s) => s.view === v.id);
      const count = (kind: Shape['kind']) => here.filter((s) => s.kind === kind).length;
      expect(count('boundary'), v.title).toBeGreaterThanOrEqual(1);
      expect(here.filter(isElement).length, v.title).toBeGreaterThanOrEqual(3);
      expect(count('flow'), v.title).toBeGreaterThanOrEqual(1);
      expect(count('threat'), v.title).toBeGreaterThanOrEqual(2);
      expect(count('threat'), v.title).toBeLessThanOrEqual(4);
      for (const t of here.filter((s): s is Threat => s.kind === 'threat')) {
        expect(t.num).toBe(0);
        expect(t.title.length).toBeGreaterThan(0);
        expect(t.description.length).toBeGreaterThan(0);
        expect(t.elements.length).toBeGreaterThan(0);
        for (const e of t.elements) {
          const el = byId.get(e);
          expect(el, `threat "${t.title}" refers to ${e}`).toBeDefined();
          expect(el?.view).toBe(v.id);
          expect(el && (isElement(el) || el.kind === 'flow')).toBe(true);
        }
      }
    }
  });

  it('lays every view out readably: no overlaps, boundaries behind and around their contents, flows clear of boxes', () => {
    const doc = fresh(id);
    const shapes = readShapes(doc).records;
    for (const v of readViews(doc).records) {
      const here = shapes.filter((s) => s.view === v.id);
      const boxes = here.filter((s): s is Boxed | Threat => isElement(s) || s.kind === 'threat');
      const boundaries = here.filter((s): s is Boundary => s.kind === 'boundary');
      const flows = here.filter((s): s is Flow => s.kind === 'flow');
      const name = (s: { id: string } & ({ label: string } | { title: string })) => ('label' in s ? s.label : s.title);

      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          expect(overlaps(rectOf(a), rectOf(b)), `${v.title}: "${name(a)}" overlaps "${name(b)}"`).toBe(false);
        }
      }

      for (const [i, b] of boundaries.entries()) {
        for (const other of boundaries.slice(i + 1)) {
          expect(overlaps(rectOf(b), rectOf(other)), `${v.title}: boundaries "${b.label}" and "${other.label}" overlap`).toBe(false);
        }
        let enclosed = 0;
        for (const s of boxes) {
          const r = rectOf(s);
          const isInside = inside(r, rectOf(b));
          // Either fully inside or clearly outside: nothing sits on the dashed line.
          expect(isInside || !overlaps(r, rectOf(b)), `${v.title}: "${name(s)}" straddles "${b.label}"`).toBe(true);
          if (isInside) {
            if (isElement(s)) enclosed++;
            expect(byZ(b, s), `${v.title}: boundary "${b.label}" above "${name(s)}"`).toBeLessThan(0);
          }
        }
        expect(enclosed, `${v.title}: boundary "${b.label}" is empty`).toBeGreaterThan(0);
      }

      // Flow label pills, where the canvas draws them, cover no box, note or other pill.
      const pills = [...flowLabels(here).entries()].filter(([, l]) => l.text);
      for (const [i, [fid, l]] of pills.entries()) {
        for (const s of boxes) expect(overlaps(l.rect, rectOf(s)), `${v.title}: label "${l.text}" covers "${name(s)}"`).toBe(false);
        for (const [, m] of pills.slice(i + 1)) expect(overlaps(l.rect, m.rect), `${v.title}: labels "${l.text}" and "${m.text}" overlap (${fid})`).toBe(false);
      }

      for (const f of flows) {
        for (const s of boxes) {
          if (s.id === f.from || s.id === f.to) continue;
          expect(segmentHits(f.fromPt, f.toPt, grow(rectOf(s), 10)), `${v.title}: flow "${f.label}" runs through "${name(s)}"`).toBe(false);
        }
      }
    }
  });

  it('marks the flows that cross the internet', () => {
    const shapes = readShapes(fresh(id)).records;
    expect(shapes.some((s) => s.kind === 'flow' && s.crossesInternet)).toBe(true);
  });
});

describe.each(MEDICAL)('medical template %s', (id) => {
  it('marks where patient data is stored', () => {
    expect(readShapes(fresh(id)).records.some((s) => s.kind === 'store' && s.holdsPatientData)).toBe(true);
  });
});

describe('template threatboard (our own threat model)', () => {
  it('draws the deployment and a live session, with the threats of issue 8', () => {
    const doc = fresh('threatboard');
    expect(readViews(doc).records.map((v) => v.kind)).toEqual(['global', 'security-use-case']);
    const shapes = readShapes(doc).records;
    const labels = shapes.flatMap((s) => ('label' in s ? [s.label] : []));
    for (const part of ['HTTP API', 'Sync server (y-websocket)', 'Room workflows', 'SQLite: boards, invites, update logs', 'PostgreSQL and Redis (optional)', 'Invite link (out of band)']) {
      expect(labels).toContain(part);
    }
    const strides = new Set(shapes.flatMap((s) => (s.kind === 'threat' ? [s.stride] : [])));
    expect([...strides].sort()).toEqual(['D', 'E', 'I', 'S', 'T']);
  });
});
