import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { VIEW_KIND_LABELS, VIEW_KINDS, type View } from '../../../shared/model/schema';
import { useActions, useBoardViews, useCanEdit, useCurrentView, useEditor, useMe, useSession } from '../../editor/context';
import { MenuButton } from './MenuButton';
import { UndoToast, type ToastState } from './UndoToast';
import { ConfirmDialog } from './ConfirmDialog';
import { BulkDeleteConfirm } from './bulk-delete';

const DRAG_TYPE = 'application/x-threatboard-view';

/** A short default title for a new view of a kind, unique among the board's views. */
function defaultTitle(kind: View['kind'], views: readonly View[]): string {
  const base = kind === 'custom' ? 'New view' : VIEW_KIND_LABELS[kind].replace(/ view$/, '');
  const taken = new Set(views.map((v) => v.title));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/**
 * The board's views (diagrams) as tabs in the top bar. Editors can add one of the FDA view kinds,
 * rename (double-click or menu), reorder (menu or drag); facilitators delete (after a confirmation, with an
 * Undo toast). The bulk-delete confirmation of the canvas is mounted here too: this bar is on every board page.
 */
export function ViewTabs() {
  const views = useBoardViews();
  const current = useCurrentView();
  const canEdit = useCanEdit();
  const actions = useActions();
  const session = useSession();
  const editor = useEditor();
  const me = useMe();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastState | null>(null);
  const [confirming, setConfirming] = useState<View | null>(null);
  // Only facilitators delete views (the server puts back anyone else's deletion).
  const canDeleteViews = canEdit && me.role === 'facilitator';
  const listRef = useRef<HTMLDivElement>(null);
  const order = views.map((v) => v.id);

  const currentView = views.find((v) => v.id === current);
  const index = order.indexOf(current);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, id: string) => {
    const i = order.indexOf(id);
    let next: string | undefined;
    if (e.key === 'ArrowRight') next = order[(i + 1) % order.length];
    else if (e.key === 'ArrowLeft') next = order[(i - 1 + order.length) % order.length];
    else if (e.key === 'Home') next = order[0];
    else if (e.key === 'End') next = order[order.length - 1];
    else if (e.key === 'F2' && canEdit) {
      e.preventDefault();
      setRenaming(id);
      return;
    } else return;
    e.preventDefault();
    if (!next) return;
    session.setView(next);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-view-id="${CSS.escape(next)}"]`)?.focus();
  };

  const deleteView = (view: View) => {
    setConfirming(null);
    if (actions.removeView(order, view.id)) setToast({ viewId: view.id, title: view.title, at: Date.now() });
  };
  const shapesOn = (viewId: string) => {
    let n = 0;
    for (const s of editor.shapes.get().list) if (s.view === viewId) n++;
    return n;
  };

  const onDrop = (e: DragEvent, target: string) => {
    const id = e.dataTransfer.getData(DRAG_TYPE);
    if (!id) return;
    e.preventDefault();
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const after = e.clientX > rect.left + rect.width / 2;
    const i = order.indexOf(target);
    actions.moveViewBefore(order, id, after ? (order[i + 1] === id ? (order[i + 2] ?? null) : (order[i + 1] ?? null)) : target);
  };

  return (
    <nav className="view-tabs" aria-label="Views">
      <div className="view-tablist" role="tablist" aria-label="Board views" ref={listRef}>
        {views.map((v) =>
          renaming === v.id ? (
            <RenameInput
              key={v.id}
              initial={v.title}
              onDone={(title) => {
                setRenaming(null);
                if (title !== null && title.trim() && title.trim() !== v.title) actions.changeView(v.id, { title: title.trim() });
                listRef.current?.querySelector<HTMLButtonElement>(`[data-view-id="${CSS.escape(v.id)}"]`)?.focus();
              }}
            />
          ) : (
            <button
              key={v.id}
              type="button"
              role="tab"
              className="view-tab"
              data-view-id={v.id}
              aria-selected={v.id === current}
              tabIndex={v.id === current ? 0 : -1}
              title={`${v.title} (${VIEW_KIND_LABELS[v.kind]})${canEdit ? ' – double-click to rename' : ''}`}
              onClick={() => session.setView(v.id)}
              onDoubleClick={() => canEdit && setRenaming(v.id)}
              onKeyDown={(e) => onTabKey(e, v.id)}
              draggable={canEdit}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, v.id);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(e) => {
                if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
              }}
              onDrop={(e) => onDrop(e, v.id)}
            >
              {v.title || 'Untitled view'}
            </button>
          ),
        )}
      </div>
      {canEdit && (
        <>
          <MenuButton
            label="Add view"
            className="icon-button view-add"
            content={<span aria-hidden="true">+</span>}
            items={VIEW_KINDS.map((kind) => ({
              label: VIEW_KIND_LABELS[kind],
              onSelect: () => actions.createView(kind, defaultTitle(kind, views)),
            }))}
          />
          <MenuButton
            label="View options"
            className="icon-button"
            content={<span aria-hidden="true">⋯</span>}
            items={[
              { label: 'Rename view', hint: 'F2', onSelect: () => setRenaming(current) },
              { label: 'Move view left', disabled: index <= 0, onSelect: () => actions.shiftView(order, current, -1) },
              { label: 'Move view right', disabled: index < 0 || index >= order.length - 1, onSelect: () => actions.shiftView(order, current, 1) },
              ...(canDeleteViews
                ? [{ label: 'Delete view', disabled: views.length <= 1, hint: views.length <= 1 ? 'last view' : undefined, onSelect: () => currentView && setConfirming(currentView) }]
                : []),
            ]}
          />
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Delete the view “${confirming.title || 'Untitled view'}”?`}
          body={`The view and its ${shapesOn(confirming.id)} shapes will be deleted for everyone on the board. You can undo it right after, and a facilitator can restore it from History.`}
          confirm="Delete view"
          onCancel={() => setConfirming(null)}
          onConfirm={() => deleteView(confirming)}
        />
      )}
      <BulkDeleteConfirm editor={editor} />
      {toast && (
        <UndoToast
          key={toast.at}
          message={`View “${toast.title || 'Untitled view'}” deleted`}
          onUndo={() => {
            actions.undoLast();
            if (session.hasView(toast.viewId)) session.setView(toast.viewId);
            setToast(null);
          }}
          onClose={() => setToast(null)}
        />
      )}
    </nav>
  );
}

function RenameInput({ initial, onDone }: { initial: string; onDone(title: string | null): void }) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const finish = (v: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(v);
  };
  return (
    <input
      className="view-rename"
      aria-label="View name"
      value={value}
      maxLength={200}
      autoFocus
      onFocus={(e) => e.target.select()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(value);
        else if (e.key === 'Escape') finish(null);
        e.stopPropagation();
      }}
    />
  );
}
