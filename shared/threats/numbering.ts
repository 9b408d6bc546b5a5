import * as Y from 'yjs';
import { boardMaps } from '../model/board-doc';

/**
 * Human IDs of threats (T-1, T-2 …) and mitigations (M-1, M-2 …), unique within a board even when several
 * people create records at once or offline. Clients create records with `num: 0`; the server, the one place
 * that sees every update in order, numbers them (these functions, run after each update to a board
 * document). Numbers never change once given, except to repair a duplicate that could only come from two
 * servers numbering the same document concurrently: then the record created first (createdAt, then id)
 * keeps its number and the other is renumbered. Deterministic, so every copy that runs it on the same state
 * writes the same values.
 */
export { threatLabel } from '../model/shapes/threat';

export function mitigationLabel(num: number): string {
  return num > 0 ? `M-${num}` : 'M-…';
}

export function numberThreats(doc: Y.Doc, origin?: unknown): number {
  return numberRecords(doc, boardMaps(doc).shapes, 'threatSeq', (map) => map.get('kind') === 'threat', origin);
}

/** Mitigation records get M-numbers by the same rules as threats, in their own sequence. */
export function numberMitigations(doc: Y.Doc, origin?: unknown): number {
  return numberRecords(doc, boardMaps(doc).mitigations, 'mitigationSeq', () => true, origin);
}

/**
 * `meta.<seqKey>` is the highest number ever handed out (server-owned, like the numbers): a number is
 * never given twice, even after its record was deleted, and an undo that brings a deleted threat back
 * may keep its old number (the server's policy checks that).
 */
function numberRecords(
  doc: Y.Doc,
  records: Y.Map<Y.Map<unknown>>,
  seqKey: 'threatSeq' | 'mitigationSeq',
  include: (map: Y.Map<unknown>) => boolean,
  origin?: unknown,
): number {
  type Row = { id: string; num: number; createdAt: number; map: Y.Map<unknown> };
  const rows: Row[] = [];
  const { meta } = boardMaps(doc);
  const storedSeq = meta.get(seqKey);
  const seq = typeof storedSeq === 'number' && Number.isInteger(storedSeq) && storedSeq > 0 ? storedSeq : 0;
  records.forEach((map, id) => {
    if (!(map instanceof Y.Map) || !include(map)) return;
    const num = map.get('num');
    const createdAt = map.get('createdAt');
    rows.push({
      id,
      map,
      num: typeof num === 'number' && Number.isInteger(num) && num > 0 ? num : 0,
      createdAt: typeof createdAt === 'number' ? createdAt : 0,
    });
  });
  rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<number>();
  const todo: Row[] = [];
  for (const r of rows) {
    if (r.num > 0 && !taken.has(r.num)) taken.add(r.num);
    else todo.push(r);
  }
  const highest = Math.max(seq, ...taken);
  if (todo.length === 0) {
    if (highest > seq) doc.transact(() => meta.set(seqKey, highest), origin);
    return 0;
  }
  let next = highest + 1;
  doc.transact(() => {
    for (const r of todo) r.map.set('num', next++);
    meta.set(seqKey, next - 1);
  }, origin);
  return todo.length;
}
