import { useEffect, useState } from 'react';
import { Editor } from '../editor/editor';
import { connect } from '../sync/connect';
import type { StoredSession } from '../session';

/** Open the board's connection and editor for as long as the page shows it. */
export function useBoard(boardId: string, session: StoredSession): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(null);
  const { token, userId, name, role } = session;
  useEffect(() => {
    const conn = connect(boardId, token, { userId, name, role });
    const ed = new Editor(conn, { userId, name, role });
    setEditor(ed);
    // Once the board has arrived, show all of it.
    let fitted = false;
    const unsubscribe = conn.status.subscribe(() => {
      if (fitted || !conn.status.get().synced) return;
      fitted = true;
      requestAnimationFrame(() => {
        if (ed.visibleShapes().length > 0) ed.zoomToFit();
      });
    });
    return () => {
      unsubscribe();
      ed.destroy();
      conn.destroy();
      setEditor(null);
    };
  }, [boardId, token, userId, name, role]);
  return editor;
}
