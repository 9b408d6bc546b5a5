import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

export interface ToastState {
  viewId: string;
  title: string;
  /** When it was shown; also its key, so a second deletion restarts the timer. */
  at: number;
}

const TOAST_MS = 10_000;

/** A short notice after a destructive action, with an Undo button instead of a confirmation dialog. */
export function UndoToast({ message, onUndo, onClose }: { message: string; onUndo(): void; onClose(): void }) {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const t = setTimeout(() => close.current(), TOAST_MS);
    return () => clearTimeout(t);
  }, []);
  // Portalled out of the top bar: the bar's own status (connection) must stay its only one.
  return createPortal(
    <div className="toast" role="status">
      <span>{message}</span>
      <button type="button" className="toast-action" onClick={onUndo}>
        Undo
      </button>
      <button type="button" className="icon-button toast-close" aria-label="Dismiss" onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
    </div>,
    document.body,
  );
}
