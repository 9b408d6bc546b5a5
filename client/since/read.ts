import * as Y from 'yjs';
import { z } from 'zod';
import { boardMaps } from '../../shared/model/board-doc';
import type { DiffMap } from '../../shared/versions';
import type { RecordStamps } from './summary';

/** The server's stamps, read loosely: a missing or malformed one reads as unknown, never throws. */
const Stamps = z.object({
  createdBy: z.string().max(64).catch(''),
  createdAt: z.number().finite().catch(0),
  updatedBy: z.string().max(64).catch(''),
  updatedAt: z.number().finite().catch(0),
});

/** A reader of the stamps of the board's current records (the record schemas drop `updatedBy`/`updatedAt`). */
export function stampsReader(doc: Y.Doc): (map: DiffMap, id: string) => RecordStamps | undefined {
  const maps = boardMaps(doc);
  return (map, id) => {
    const m = maps[map].get(id);
    if (!(m instanceof Y.Map)) return undefined;
    return Stamps.parse({ createdBy: m.get('createdBy'), createdAt: m.get('createdAt'), updatedBy: m.get('updatedBy'), updatedAt: m.get('updatedAt') });
  };
}
