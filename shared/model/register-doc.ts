import * as Y from 'yjs';
import type { z } from 'zod';
import { readAssumptions } from '../formats/board-data';
import { boardMaps } from './board-doc';
import { keyBetween, toYMap, type RecordMap, recordFields } from './ymap';
import { Assumption, LINK_STATUSES, Mitigation, MitigationLink, parseWith } from './schema';

/**
 * Typed access to the register records of a board document: mitigations, their links to threats, and
 * assumptions. Like board-doc.ts, every write validates the merged record first and throws on data the
 * caller built wrongly; only fields whose value changed are written, so concurrent edits of different
 * fields of one record merge.
 *
 * A mitigation link lives on the threat (`ThreatShape.mitigations: [{id, status}]`), not on the
 * mitigation: the status is per threat ("verified for T-3, planned for T-7"), and the threat's record
 * then carries everything the register row shows.
 */
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Write the keys of `patch` whose validated value differs from what the record holds. */
function writeChanged(m: RecordMap, next: Record<string, unknown>, keys: Iterable<string>): void {
  for (const key of keys) {
    if (key === 'id' || key === 'v') continue;
    const value = next[key];
    if (value === undefined) continue;
    if (JSON.stringify(m.get(key)) !== JSON.stringify(value)) m.set(key, value);
  }
}

// ── mitigations ──────────────────────────────────────────────────────────

export type MitigationInput = z.input<typeof Mitigation>;
export type MitigationPatch = Partial<Pick<Mitigation, 'title' | 'category' | 'description' | 'owner' | 'verification'>>;

/**
 * Add a mitigation record. `num` stays 0: the server hands out M-numbers, so two people creating one at
 * the same moment never get the same number.
 */
export function addMitigation(doc: Y.Doc, input: MitigationInput, origin?: unknown): Mitigation {
  const m = Mitigation.parse({ createdAt: Date.now(), ...input, num: 0 });
  doc.transact(() => boardMaps(doc).mitigations.set(m.id, toYMap(m)), origin);
  return m;
}

export function updateMitigation(doc: Y.Doc, id: string, patch: MitigationPatch, origin?: unknown): boolean {
  const m = boardMaps(doc).mitigations.get(id);
  if (!m) return false;
  const merged = parseWith(Mitigation, { ...recordFields(m), ...patch, id });
  if (!merged.ok) throw new Error(`invalid change to mitigation ${id}: ${merged.error}`);
  doc.transact(() => writeChanged(m, merged.value, Object.keys(patch)), origin);
  return true;
}

/**
 * Delete a mitigation and every link to it, in one transaction (one undo step): a link to a record that
 * no longer exists would show up as a dangling M-id in the register and the exports.
 */
export function deleteMitigation(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const { mitigations, shapes } = boardMaps(doc);
  if (!mitigations.has(id)) return false;
  doc.transact(() => {
    shapes.forEach((s) => {
      const links = readLinks(s);
      if (links && links.some((l) => l.id === id)) s.set('mitigations', links.filter((l) => l.id !== id));
    });
    mitigations.delete(id);
  }, origin);
  return true;
}

// ── links between threats and mitigations ─────────────────────────────────

/** A threat's links, validated; null when `s` is not a threat record. */
function readLinks(s: RecordMap): MitigationLink[] | null {
  if (s.get('kind') !== 'threat') return null;
  const raw = s.get('mitigations');
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((l) => {
    const r = MitigationLink.safeParse(l);
    return r.success ? [r.data] : [];
  });
}

function threatRecord(doc: Y.Doc, threatId: string): RecordMap | null {
  const s = boardMaps(doc).shapes.get(threatId);
  return s && s.get('kind') === 'threat' ? s : null;
}

/** The links of a threat, in the order they were made; [] for a missing record. */
export function linksOf(doc: Y.Doc, threatId: string): MitigationLink[] {
  const s = threatRecord(doc, threatId);
  return (s && readLinks(s)) ?? [];
}

/**
 * Link a mitigation to a threat with a status (or change the status of an existing link). False when
 * either record is missing.
 */
export function linkMitigation(doc: Y.Doc, threatId: string, mitigationId: string, status: LinkStatus = 'planned', origin?: unknown): boolean {
  const s = threatRecord(doc, threatId);
  if (!s || !boardMaps(doc).mitigations.has(mitigationId)) return false;
  const links = readLinks(s) ?? [];
  const i = links.findIndex((l) => l.id === mitigationId);
  if (i >= 0 && links[i]!.status === status) return true;
  const next = i >= 0 ? links.map((l, j) => (j === i ? { id: l.id, status } : l)) : [...links, { id: mitigationId, status }];
  if (next.length > 200) throw new Error(`threat ${threatId} already has the most links a threat may have`);
  doc.transact(() => s.set('mitigations', next), origin);
  return true;
}

export function unlinkMitigation(doc: Y.Doc, threatId: string, mitigationId: string, origin?: unknown): boolean {
  const s = threatRecord(doc, threatId);
  const links = s ? readLinks(s) : null;
  if (!s || !links || !links.some((l) => l.id === mitigationId)) return false;
  doc.transact(() => s.set('mitigations', links.filter((l) => l.id !== mitigationId)), origin);
  return true;
}

/** Change the status of an existing link; false when there is no such link. */
export function setLinkStatus(doc: Y.Doc, threatId: string, mitigationId: string, status: LinkStatus, origin?: unknown): boolean {
  if (!linksOf(doc, threatId).some((l) => l.id === mitigationId)) return false;
  return linkMitigation(doc, threatId, mitigationId, status, origin);
}

/** Threat ids linked to a mitigation, with each link's status. */
export function threatsLinkedTo(doc: Y.Doc, mitigationId: string): { threatId: string; status: LinkStatus }[] {
  const out: { threatId: string; status: LinkStatus }[] = [];
  boardMaps(doc).shapes.forEach((s, threatId) => {
    const link = readLinks(s)?.find((l) => l.id === mitigationId);
    if (link) out.push({ threatId, status: link.status });
  });
  return out;
}

// ── assumptions ──────────────────────────────────────────────────────────

export type AssumptionInput = Omit<z.input<typeof Assumption>, 'order'>;
export type AssumptionPatch = Partial<Pick<Assumption, 'text' | 'threats'>>;

/** Add an assumption after the last one. */
export function addAssumption(doc: Y.Doc, input: AssumptionInput, origin?: unknown): Assumption {
  const list = readAssumptions(doc).records;
  const last = list[list.length - 1]?.order ?? null;
  const a = Assumption.parse({ ...input, threats: input.threats ? [...new Set(input.threats)] : [], order: keyBetween(last, null) });
  doc.transact(() => boardMaps(doc).assumptions.set(a.id, toYMap(a)), origin);
  return a;
}

export function updateAssumption(doc: Y.Doc, id: string, patch: AssumptionPatch, origin?: unknown): boolean {
  const m = boardMaps(doc).assumptions.get(id);
  if (!m) return false;
  const clean = patch.threats ? { ...patch, threats: [...new Set(patch.threats)] } : patch;
  const merged = parseWith(Assumption, { ...recordFields(m), ...clean, id });
  if (!merged.ok) throw new Error(`invalid change to assumption ${id}: ${merged.error}`);
  doc.transact(() => writeChanged(m, merged.value, Object.keys(clean)), origin);
  return true;
}

export function deleteAssumption(doc: Y.Doc, id: string, origin?: unknown): boolean {
  const { assumptions } = boardMaps(doc);
  if (!assumptions.has(id)) return false;
  doc.transact(() => assumptions.delete(id), origin);
  return true;
}

/**
 * Move an assumption to sit between two others (ids, or null for the ends) by giving it a new order key:
 * a fractional index, so two people reordering at once never fight over positions in an array.
 */
export function moveAssumption(doc: Y.Doc, id: string, after: string | null, before: string | null, origin?: unknown): boolean {
  const byId = new Map(readAssumptions(doc).records.map((a) => [a.id, a]));
  if (!byId.has(id)) return false;
  const a = after ? (byId.get(after)?.order ?? null) : null;
  const b = before ? (byId.get(before)?.order ?? null) : null;
  return updateAssumptionOrder(doc, id, keyBetween(a, b), origin);
}

/** Move an assumption one place up (-1) or down (+1) in the list. */
export function shiftAssumption(doc: Y.Doc, id: string, dir: -1 | 1, origin?: unknown): boolean {
  const order = readAssumptions(doc).records.map((a) => a.id);
  const i = order.indexOf(id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= order.length) return false;
  const rest = order.filter((x) => x !== id);
  return moveAssumption(doc, id, rest[j - 1] ?? null, rest[j] ?? null, origin);
}

function updateAssumptionOrder(doc: Y.Doc, id: string, order: string, origin?: unknown): boolean {
  const m = boardMaps(doc).assumptions.get(id);
  if (!m) return false;
  doc.transact(() => m.set('order', order), origin);
  return true;
}

/** Link a threat to an assumption (`on`) or remove the link; the assumption's threat list stays free of duplicates. */
export function toggleAssumptionThreat(doc: Y.Doc, id: string, threatId: string, on: boolean, origin?: unknown): boolean {
  const m = boardMaps(doc).assumptions.get(id);
  if (!m) return false;
  const r = parseWith(Assumption, recordFields(m));
  if (!r.ok) return false;
  const has = r.value.threats.includes(threatId);
  if (has === on) return true;
  return updateAssumption(doc, id, { threats: on ? [...r.value.threats, threatId] : r.value.threats.filter((t) => t !== threatId) }, origin);
}
