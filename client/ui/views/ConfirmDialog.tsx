import { useEffect, useId, useRef } from 'react';

/**
 * A modal question before a destructive action. The safe answer has the focus, Escape cancels (native
 * <dialog>), and the destructive button names what it does.
 */
export function ConfirmDialog({ title, body, confirm, onConfirm, onCancel }: { title: string; body: string; confirm: string; onConfirm(): void; onCancel(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    d?.querySelector<HTMLButtonElement>('.secondary')?.focus();
  }, []);
  return (
    <dialog ref={ref} className="dialog confirm-dialog" role="alertdialog" aria-labelledby={titleId} aria-describedby={bodyId} onCancel={(e) => (e.preventDefault(), onCancel())}>
      <h2 id={titleId}>{title}</h2>
      <p id={bodyId}>{body}</p>
      <div className="dialog-actions confirm-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
