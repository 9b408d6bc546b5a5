import { useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type SyntheticEvent } from 'react';
import type { Shape } from '../../shared/model/schema';
import { describeShape, KIND_NAME, shapeModule } from '../canvas/shapes/registry';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { useScene } from '../model/scene-store';
import { Icon } from './Icon';
import { useUnseenChanges } from '../since/context';
import { useOpenCounts } from '../comments/store';
import { OutlineItems } from './outline-items';

const OPEN_KEY = 'threatboard:outline-open';

function initiallyOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

/**
 * The board as a list, for everyone the canvas leaves out (screen readers, keyboard users) and for
 * finding things on a big board. Selecting an item selects it on the canvas and brings it into view.
 */
export function Outline({ editor }: { editor: Editor }) {
  const [open, setOpen] = useState(initiallyOpen);
  const toggle = () => {
    setOpen(!open);
    try {
      localStorage.setItem(OPEN_KEY, String(!open));
    } catch {
      /* remembered for this visit only */
    }
  };

  if (!open) {
    return (
      <button type="button" className="panel-tab" aria-expanded={false} aria-controls="outline-panel" onClick={toggle} title="Show outline">
        <Icon name="panel" />
        <span>Outline</span>
      </button>
    );
  }
  return (
    <aside id="outline-panel" className="side-panel" aria-labelledby="outline-heading">
      <div className="panel-header">
        <h2 id="outline-heading">Outline</h2>
        <button type="button" className="icon-button" aria-expanded={true} aria-controls="outline-panel" aria-label="Hide outline" title="Hide outline" onClick={toggle}>
          <Icon name="panel" />
        </button>
      </div>
      <OutlineList editor={editor} />
    </aside>
  );
}

export interface OutlineEntry {
  shape: Shape;
  /** What kind of thing it is ("Data flow", "Yellow note") and the class of that tag. */
  tag: { name: string; className: string };
  /** The line describing it (see describeShape). */
  text: string;
}

/**
 * The outline's items for one view: the diagram first (elements, flows, boundaries), then threats, then
 * notes and text, as each kind's module says (`outlineGroup`, `outlineTag`).
 */
export function outlineEntries(list: readonly Shape[], byId: ReadonlyMap<string, Shape>, view: string): OutlineEntry[] {
  return list
    .filter((s) => s.view === view)
    .map((shape) => {
      const m = shapeModule(shape.kind);
      const tag = m.outlineTag?.(shape) ?? { name: KIND_NAME[shape.kind] ?? shape.kind, className: `kind-${shape.kind}` };
      return { shape, tag, text: describeShape(shape, byId), group: m.outlineGroup };
    })
    .sort((a, b) => a.group - b.group)
    .map(({ group: _, ...entry }) => entry);
}

/**
 * One tab stop for the whole list (a composite widget, as UI.md asks of the outline): Tab enters on the
 * last item used (else the first selected, else the first), the arrow keys, Home and End move inside,
 * Enter or Space selects, and Tab leaves for what follows. A board of 300 shapes is then one Tab press,
 * not 300.
 */
function OutlineList({ editor }: { editor: Editor }) {
  const { list, byId, hidden } = useScene(editor.shapes);
  const selection = useStore(editor.selection);
  const view = useStore(editor.currentView);
  const unseen = useUnseenChanges();
  const comments = useOpenCounts(editor.doc);
  const entries = useMemo(() => outlineEntries(list, byId, view), [list, byId, view]);
  const items = entries.map((e) => e.shape);
  const [active, setActive] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const drawn = useRef<OutlineItems | null>(null);
  const current = items.find((s) => s.id === active) ?? items.find((s) => selection.has(s.id)) ?? items[0];

  useLayoutEffect(() => {
    const ul = listRef.current;
    if (!ul) return;
    if (drawn.current?.list !== ul) drawn.current = new OutlineItems(ul);
    drawn.current.update(
      entries.map(({ shape: s, tag, text }) => ({
        id: s.id,
        tagName: tag.name,
        tagClass: tag.className,
        text,
        hidden: hidden.has(s.id),
        since: unseen.get(s.id),
        comments: comments.get(s.id) ?? 0,
        selected: selection.has(s.id),
        tabbable: s.id === current?.id,
      })),
    );
  }, [entries, hidden, unseen, comments, selection, current?.id]);

  const itemOf = (e: SyntheticEvent) => (e.target as Element).closest?.('[data-shape-id]')?.getAttribute('data-shape-id') ?? null;
  const onClick = (e: MouseEvent) => {
    const id = itemOf(e);
    if (id === null) return;
    if (e.shiftKey) editor.toggleSelected(id);
    else editor.reveal(id);
  };
  const onDoubleClick = (e: MouseEvent) => {
    const id = itemOf(e);
    if (id !== null) editor.startEditing(id);
  };
  const onFocus = (e: FocusEvent) => {
    const id = itemOf(e);
    if (id !== null) setActive(id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = items.findIndex((s) => s.id === current?.id);
    const j = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (j === null || items.length === 0) return;
    e.preventDefault();
    const next = items[Math.max(0, Math.min(items.length - 1, j))]!;
    setActive(next.id);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-shape-id="${CSS.escape(next.id)}"]`)?.focus();
  };
  return (
    <>
      <p className="panel-summary" aria-live="polite">
        {items.length === 0 ? 'Nothing in this view yet.' : items.length === 1 ? '1 item' : `${items.length} items`}
      </p>
      <p className="visually-hidden" id="outline-keys">
        Up and down arrows move through the items; Enter selects one on the canvas.
      </p>
      {/* The items are drawn by OutlineItems (outline-items.ts), not by React: see there. A new list element
          per view, so a view's items go in all at once. */}
      <ul
        key={view}
        className="outline-list"
        role="list"
        aria-label="Board outline"
        aria-describedby="outline-keys"
        ref={listRef}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
        onFocus={onFocus}
      />
    </>
  );
}
