import { useState } from 'react';
import type { Editor } from '../../editor/editor';
import { createStore, type Store } from '../../lib/store';
import { useStore } from '../../lib/useStore';
import { ConfirmDialog } from './ConfirmDialog';
import { UndoToast } from './UndoToast';

/** Deleting more than this many items at once asks first (a Ctrl+A, Delete wipes a whole view). */
export const CONFIRM_DELETE_OVER = 5;

/** A deletion waiting for its confirmation: by Delete, or by Cut (the items are on the clipboard already). */
type Pending = { ids: readonly string[]; verb: 'delete' | 'cut' };

const pending = new WeakMap<Editor, Store<Pending | null>>();
const pendingOf = (editor: Editor) => {
  let s = pending.get(editor);
  if (!s) pending.set(editor, (s = createStore<Pending | null>(null)));
  return s;
};

/**
 * Delete the selection, as the Delete key and the toolbar's Delete button do: at once for a handful of
 * items, after a confirmation for more (then with an Undo toast).
 */
export function deleteSelectedWithConfirm(editor: Editor, verb: Pending['verb'] = 'delete'): void {
  const ids = [...editor.selection.get()].filter((id) => editor.canChange(id));
  if (ids.length > CONFIRM_DELETE_OVER) pendingOf(editor).set({ ids, verb });
  else editor.deleteSelected();
}

/** Cut (Ctrl+X): copy, then remove the items like Delete does, with the same confirmation for many. */
export function cutSelectedWithConfirm(editor: Editor): boolean {
  if (editor.copySelected() === 0) return false;
  deleteSelectedWithConfirm(editor, 'cut');
  return true;
}

/** The confirmation and the Undo toast of a bulk deletion; mounted once per board page. */
export function BulkDeleteConfirm({ editor }: { editor: Editor }) {
  const store = pendingOf(editor);
  const asked = useStore(store);
  const [toast, setToast] = useState<{ count: number; verb: Pending['verb']; at: number } | null>(null);
  const ids = asked?.ids;
  const cut = asked?.verb === 'cut';
  return (
    <>
      {asked && ids && (
        <ConfirmDialog
          title={cut ? `Cut ${ids.length} items?` : `Delete ${ids.length} items?`}
          body={
            cut
              ? `The ${ids.length} selected items are copied; cutting removes them from the board for everyone. You can undo it right after, or paste them back.`
              : `The ${ids.length} selected items will be deleted for everyone on the board. You can undo it right after.`
          }
          confirm={cut ? `Cut ${ids.length} items` : `Delete ${ids.length} items`}
          onCancel={() => store.set(null)}
          onConfirm={() => {
            store.set(null);
            editor.editing.set(null);
            editor.deleteIds(ids);
            editor.selection.set(new Set());
            setToast({ count: ids.length, verb: asked.verb, at: Date.now() });
          }}
        />
      )}
      {toast && (
        <UndoToast
          key={toast.at}
          message={`${toast.count} items ${toast.verb === 'cut' ? 'cut' : 'deleted'}`}
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
