import { useEffect, useState } from 'react';
import { Editor } from '../editor/editor';
import { Facilitation } from '../facilitation/session';
import { ServerClock } from '../sync/clock';
import { connect, connectAux } from '../sync/connect';
import { boardShown } from '../sync/status';
import { exposeForTests } from '../debug';
import type { StoredSession } from '../session';
import { storedCameras } from '../editor/camera-memory';
import { later } from '../lib/later';
import { paintFirst } from '../sync/first-paint';
import { boardShapes } from '../sync/prefetch';

const CAMERA_SAVE_MS = 250;

/**
 * Open the board's documents and editor for as long as the page shows it: the board, the facilitation
 * document (everyone) and this user's private document (everyone who can write: viewers have none).
 */
export function useBoard(boardId: string, session: StoredSession): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(null);
  const { token, userId, name, role } = session;
  useEffect(() => {
    const me = { userId, name, role };
    const conn = connect(boardId, token, me);
    const facConn = connectAux(boardId, 'facilitation', token, userId, conn.status);
    const privConn = role === 'viewer' ? null : connectAux(boardId, 'private', token, userId, conn.status);
    const clock = new ServerClock();
    // Its four requests wait until the page is idle, a moment after it opened (later): they stay out of a
    // big board's first paint. Until then timers read this device's clock.
    const stopClockStart = later(() => clock.start());
    const fac = new Facilitation(facConn.doc, privConn?.doc ?? null, me, clock);
    const ed = new Editor(conn, me, fac);
    ed.session.cameras = storedCameras(boardId, userId);
    // The server's list of shapes, asked for as the page started, is drawn while the document loads.
    const stopFirstPaint = paintFirst(boardShapes(boardId, token), conn, ed.boardShapes);
    setEditor(ed);
    const unexpose = exposeForTests({ board: conn.doc, facilitation: facConn.doc, private: privConn?.doc ?? null });
    // Once the board has arrived (from the server or this device's copy), show all of it; then summons
    // apply (one made before we came is history).
    let fitting = false;
    let fitted = false;
    const ready = () => {
      if (facConn.synced.get()) fac.loaded();
      if (!fitted || !facConn.synced.get()) return;
      ed.follow.start();
    };
    const unsubscribe = conn.status.subscribe(() => {
      if (fitting || !boardShown(conn.status.get())) return;
      fitting = true;
      const fit = () => {
        ed.restoreCamera();
        fitted = true;
        ready();
      };
      // At once when the canvas knows its size: the board's first render then has its camera (a frame
      // later, a 2,000-note board would be drawn twice). Before the canvas is laid out, in the next frame.
      if (ed.viewport.size.get().w > 0) fit();
      else requestAnimationFrame(fit);
    });
    // Remember where this person looks in each view, a moment after they stop moving.
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribeCamera = ed.viewport.camera.subscribe(() => {
      if (!fitted) return;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => ed.cameras.set(ed.view, ed.viewport.camera.get()), CAMERA_SAVE_MS);
    });
    const unsubscribeFac = facConn.synced.subscribe(ready);
    return () => {
      unexpose();
      stopFirstPaint();
      unsubscribe();
      unsubscribeFac();
      unsubscribeCamera();
      clearTimeout(saveTimer);
      ed.destroy();
      fac.destroy();
      stopClockStart();
      clock.stop();
      privConn?.destroy();
      facConn.destroy();
      conn.destroy();
      setEditor(null);
    };
  }, [boardId, token, userId, name, role]);
  return editor;
}
