import * as Y from 'yjs';
import type { z } from 'zod';
import { boardMaps, recordedPos } from '../../shared/model/board-doc';
import { readPositions, removePositions } from '../../shared/model/positions';
import type { Point } from '../../shared/model/shapes/common';
import { recordAt, recordFields, toYMap, type RecordMap } from '../../shared/model/ymap';
import { Assumption, Mitigation, parseWith, Shape, View } from '../../shared/model/schema';
import { Comment } from '../../shared/formats/board-data';
import { Title } from '../../shared/api';
import { DIFF_MAPS, type DiffMap, type RestoreBody } from '../../shared/versions';

const SCHEMAS: Readonly<Record<DiffMap, z.ZodType<unknown>>> = {
  views: View,
  shapes: Shape,
  mitigations: Mitigation,
  assumptions: Assumption,
  comments: Comment,
};
/** Maps whose records carry the server's `updatedBy`/`updatedAt` stamps (as in the policy). */
const STAMPED: ReadonlySet<DiffMap> = new Set(['shapes', 'mitigations', 'comments']);
const NUMBERED: ReadonlySet<DiffMap> = new Set(['shapes', 'mitigations']);

export interface RestoreResult {
  restored: number;
  removed: number;
  /** The board title was set back (board scope). */
  title?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The ids a restore of `scope` touches in one map: present in the version, live now, or both. */
function idsInScope(map: DiffMap, version: Y.Doc, live: Y.Doc, scope: RestoreBody): string[] {
  const v = boardMaps(version)[map];
  const l = boardMaps(live)[map];
  const all = new Set([...v.keys(), ...l.keys()]);
  switch (scope.scope) {
    case 'board':
      return [...all];
    case 'item':
      return all.has(scope.id) ? [scope.id] : [];
    case 'view': {
      if (map === 'views') return all.has(scope.view) ? [scope.view] : [];
      if (map !== 'shapes') return [];
      const on = (m: RecordMap | undefined) => m instanceof Y.Map && (m.get('view') ?? 'main') === scope.view;
      return [...all].filter((id) => on(v.get(id)) || on(l.get(id)));
    }
  }
}

/**
 * Set the live board back to a version for one scope, as a new change: records of the scope that the
 * version has are written back with its values (re-created if deleted since), records added since are
 * deleted. Runs inside the caller's transaction on the live room document, so every client receives it
 * like any other edit and nothing of the history is rewritten. A version's record that no longer passes
 * its schema is left alone.
 *
 * Server-owned fields keep their guarantees: a restored record is stamped as changed by `by` now, and a
 * threat or mitigation number that another live record holds meanwhile is cleared (the numbering
 * workflow gives a new one), so numbers stay unique.
 */
export function applyRestore(live: Y.Doc, version: Y.Doc, scope: RestoreBody, by: string, now: number): RestoreResult {
  const result: RestoreResult = { restored: 0, removed: 0 };
  const writes: { map: DiffMap; id: string; fields: Record<string, unknown> }[] = [];
  // Positions: a shape is where the version's log (else its record) put it; a shape written back gets that
  // place in its record's `pos`, and its entries in the live log go (the record then says where it is).
  const [vPositions, lPositions] = [readPositions(version), readPositions(live)];
  const placedBack = new Set<string>();
  for (const map of DIFF_MAPS) {
    const vMap = boardMaps(version)[map];
    const lMap = boardMaps(live)[map];
    for (const id of idsInScope(map, version, live, scope)) {
      const v = vMap.get(id);
      if (v === undefined) {
        // Added since the version: a restore takes it away. Deletions first, so a restored record can
        // take back a number a deleted one held.
        lMap.delete(id);
        if (map === 'shapes') placedBack.add(id);
        result.removed++;
        continue;
      }
      // Written back as stored (a shape leaves out its id and defaults), checked as every reader reads it.
      const fields = recordFields(v);
      const parsed = parseWith(SCHEMAS[map], recordAt(v, id));
      if (!parsed.ok) continue;
      const value = parsed.value as { pos?: Point };
      if (map === 'shapes' && value.pos) fields.pos = vPositions.get(id) ?? value.pos;
      writes.push({ map, id, fields });
    }
  }
  for (const { map, id, fields } of writes) {
    const lMap = boardMaps(live)[map];
    const current = lMap.get(id);
    if (!(current instanceof Y.Map)) {
      const rec = toYMap(fields);
      lMap.set(id, rec);
      stamp(map, rec, by, now);
      if (map === 'shapes') placedBack.add(id);
      result.restored++;
      continue;
    }
    let changed = false;
    if (map === 'shapes' && fields.pos !== undefined) {
      // Compared where each one is (the log, else the record), so a shape that has not moved is left alone.
      const here = lPositions.get(id) ?? recordedPos(current);
      if (!same(here, fields.pos)) {
        current.set('pos', fields.pos as Point);
        placedBack.add(id);
        changed = true;
      }
    }
    for (const key of new Set([...Object.keys(fields), ...current.keys()])) {
      if (key === 'updatedBy' || key === 'updatedAt' || (key === 'pos' && map === 'shapes' && fields.pos !== undefined)) continue;
      if (!(key in fields)) {
        current.delete(key);
        changed = true;
      } else if (!same(current.get(key), fields[key])) {
        current.set(key, fields[key]);
        changed = true;
      }
    }
    if (changed) {
      stamp(map, current, by, now);
      result.restored++;
    }
  }
  removePositions(live, placedBack);
  for (const map of NUMBERED) uniqueNumbers(boardMaps(live)[map], writes.filter((w) => w.map === map).map((w) => w.id));
  if (scope.scope === 'board') {
    const title = boardMaps(version).meta.get('title');
    const meta = boardMaps(live).meta;
    if (typeof title === 'string' && Title.safeParse(title).data === title && meta.get('title') !== title) {
      meta.set('title', title);
      result.title = title;
    }
  }
  return result;
}

function stamp(map: DiffMap, rec: RecordMap, by: string, now: number): void {
  if (!STAMPED.has(map)) return;
  rec.set('updatedBy', by);
  rec.set('updatedAt', now);
}

/** A restored number another live record holds now is cleared; the numbering workflow hands out a new one. */
function uniqueNumbers(map: Y.Map<RecordMap>, restored: string[]): void {
  if (restored.length === 0) return;
  const holders = new Map<number, number>();
  map.forEach((rec) => {
    const num = rec instanceof Y.Map ? rec.get('num') : undefined;
    if (typeof num === 'number' && num > 0) holders.set(num, (holders.get(num) ?? 0) + 1);
  });
  for (const id of restored) {
    const rec = map.get(id);
    const num = rec instanceof Y.Map ? rec.get('num') : undefined;
    if (typeof num !== 'number' || num === 0 || (holders.get(num) ?? 0) <= 1) continue;
    rec!.set('num', 0);
    holders.set(num, holders.get(num)! - 1);
  }
}
