import type * as Y from 'yjs';
import { boardMaps } from '../model/board-doc';

/**
 * Human threat IDs (T-1, T-2 …), unique within a board even when several people create threats at once
 * or offline. Clients create threats with `num: 0`; the server, the one place that sees every update in
 * order, numbers them (this function, run after each update to a board document). Numbers never change
 * once given, except to repair a duplicate that could only come from two servers numbering the same
 * document concurrently: then the threat created first (createdAt, then id) keeps its number and the
 * other is renumbered. Deterministic, so every copy that runs it on the same state writes the same values.
 */
export function threatLabel(num: number): string {
  return num > 0 ? `T-${num}` : 'T-…';
}

export function numberThreats(doc: Y.Doc, origin?: unknown): number {
  const { shapes } = boardMaps(doc);
  type Row = { id: string; num: number; createdAt: number; map: Y.Map<unknown> };
  const rows: Row[] = [];
  shapes.forEach((map, id) => {
    if (map.get('kind') !== 'threat') return;
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
  if (todo.length === 0) return 0;
  let next = Math.max(0, ...taken) + 1;
  doc.transact(() => {
    for (const r of todo) r.map.set('num', next++);
  }, origin);
  return todo.length;
}
