import type { Editor } from '../editor/editor';
import { fetchVersion, listVersions } from '../ui/history/api';
import { SinceController } from './controller';

/** The board's "since you were last here" controller (loaded on demand by useSinceForBoard). */
export function startSince(boardId: string, editor: Editor): SinceController {
  const status = editor.conn.status;
  return new SinceController({
    doc: editor.doc,
    me: editor.me.userId,
    synced: { get: () => status.get().synced, subscribe: (l) => status.subscribe(l) },
    selection: editor.selection,
    listVersions: () => listVersions(boardId),
    fetchVersion: (id) => fetchVersion(boardId, id),
  });
}
