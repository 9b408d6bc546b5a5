import { useState } from 'react';
import type { Editor } from '../../editor/editor';
import { createStore, type Store } from '../../lib/store';
import { useStore } from '../../lib/useStore';
import { ConfirmDialog } from './ConfirmDialog';
import { UndoToast } from './UndoToast';

/** Deleting more than this many items at once asks first (a Ctrl+A, Delete wipes a whole view). */
export const CONFIRM_DELETE_OVER = 5;

const pending = new WeakMap<Editor, Store<readonly string[] | null>>();
const pendingOf = (editor: Editor) => {
  let s = pending.get(editor);
  if (!s) pending.set(editor, (s = createStore<readonly string[] | null>(null)));
  return s;
};

/**
 * Delete the selection, as the Delete key and the toolbar's Delete button do: at once for a handful of
 * items, after a confirmation for more (then with an Undo toast).
 */
export function deleteSelectedWithConfirm(editor: Editor): void {
  const ids = [...editor.selection.get()].filter((id) => editor.canChange(id));
  if (ids.length > CONFIRM_DELETE_OVER) pendingOf(editor).set(ids);
  else editor.deleteSelected();
}

/** The confirmation and the Undo toast of a bulk deletion; mounted once per board page. */
export function BulkDeleteConfirm({ editor }: { editor: Editor }) {
  const store = pendingOf(editor);
  const ids = useStore(store);
  const [toast, setToast] = useState<{ count: number; at: number } | null>(null);
  return (
    <>
      {ids && (
        <ConfirmDialog
          title={`Delete ${ids.length} items?`}
          body={`The ${ids.length} selected items will be deleted for everyone on the board. You can undo it right after.`}
          confirm={`Delete ${ids.length} items`}
          onCancel={() => store.set(null)}
          onConfirm={() => {
            store.set(null);
            editor.editing.set(null);
            editor.deleteIds(ids);
            editor.selection.set(new Set());
            setToast({ count: ids.length, at: Date.now() });
          }}
        />
      )}
      {toast && (
        <UndoToast
          key={toast.at}
          message={`${toast.count} items deleted`}
          onUndo={() => {
            editor.undoLast();
            setToast(null);
          }}
          onClose={() => setToast(null)}
        />
      )}
    </>
  );
}
