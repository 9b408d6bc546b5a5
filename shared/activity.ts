import * as Y from 'yjs';
import { z } from 'zod';
import type { BoardActivity } from './api';
import { boardMaps, readMeta, type RecordMap } from './model/board-doc';

/**
 * The server's stamps on a record (policy.ts writes them; clients cannot). Read field by field through
 * this schema, each field falling back on its own, so a hostile record counts as unstamped, never throws.
 */
const Stamps = z.object({
  kind: z.string().max(40).catch(''),
  createdBy: z.string().max(64).catch(''),
  createdAt: z.number().int().nonnegative().catch(0),
  updatedBy: z.string().max(64).catch(''),
  updatedAt: z.number().int().nonnegative().catch(0),
});
type Stamps = z.infer<typeof Stamps>;

function stampsOf(rec: unknown): Stamps | null {
  if (!(rec instanceof Y.Map)) return null;
  const m = rec as Y.Map<unknown>;
  return Stamps.parse({ kind: m.get('kind'), createdBy: m.get('createdBy'), createdAt: m.get('createdAt'), updatedBy: m.get('updatedBy'), updatedAt: m.get('updatedAt') });
}

/**
 * What changed on a board for one person: the newest stamp of any record, and how many threats,
 * mitigations and comments someone else created or last changed after `since` (ms). A record counts by
 * its latest stamp: a threat Ann made and I then edited is one I have seen.
 */
export function boardActivity(doc: Y.Doc, since: number, userId: string): BoardActivity {
  let lastActivityAt = 0;
  let unseen = 0;
  let title = '';
  try {
    title = readMeta(doc).title;
    const maps = boardMaps(doc);
    const visit = (map: Y.Map<RecordMap>, counts: (s: Stamps) => boolean) =>
      map.forEach((rec) => {
        const s = stampsOf(rec);
        if (!s) return;
        const latest = Math.max(s.createdAt, s.updatedAt);
        lastActivityAt = Math.max(lastActivityAt, latest);
        const by = s.updatedAt >= s.createdAt && s.updatedBy ? s.updatedBy : s.createdBy;
        if (counts(s) && latest > since && by !== userId) unseen++;
      });
    visit(maps.shapes, (s) => s.kind === 'threat');
    visit(maps.mitigations, () => true);
    visit(maps.comments, () => true);
    visit(maps.views, () => false);
  } catch {
    // A root of the wrong type (only a hostile document has one): report what was read so far.
  }
  return { title, lastActivityAt, unseen };
}
