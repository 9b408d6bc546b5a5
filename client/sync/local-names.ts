/**
 * Names of the IndexedDB databases that keep a board on this device (see local.ts). Kept apart from
 * local.ts, which loads Yjs: the home page forgets sessions too and must not pull the editor's libraries.
 */
export type LocalDocKind = 'board' | 'facilitation' | 'private';
export const LOCAL_DOC_KINDS: readonly LocalDocKind[] = ['board', 'facilitation', 'private'];

export function localName(boardId: string, userId: string, kind: LocalDocKind): string {
  return `threatboard:${boardId}:${userId}:${kind}`;
}

/** Delete this person's stored copies of a board (the session is forgotten; the server keeps the board). */
export function clearLocalCopies(boardId: string, userId: string): void {
  if (typeof indexedDB === 'undefined') return;
  for (const kind of LOCAL_DOC_KINDS) {
    try {
      // Still open in this tab? The deletion waits until the page lets go of it.
      indexedDB.deleteDatabase(localName(boardId, userId, kind));
    } catch {
      /* nothing stored */
    }
  }
}
