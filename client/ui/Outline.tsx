import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Shape } from '../../shared/model/schema';
import { describeShape, KIND_NAME, shapeModule } from '../canvas/shapes/registry';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { useScene } from '../model/scene-store';
import { Icon } from './Icon';
import { useUnseenChanges } from '../since/context';
import type { ChangeKind } from '../since/summary';
import { openLabel, useOpenCounts } from '../comments/store';

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
  const current = items.find((s) => s.id === active) ?? items.find((s) => selection.has(s.id)) ?? items[0];

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
      {/* A new list element when the view changes or its first items arrive (a board opening): React then
          builds all items off the page and inserts them at once, instead of inserting 2,000 items one by
          one into the live list (each looking for its place among the others: 9 ms on a 2,000-note board). */}
      <ul key={`${view}:${entries.length > 0}`} className="outline-list" aria-label="Board outline" aria-describedby="outline-keys" ref={listRef} onKeyDown={onKeyDown}>
        {entries.map(({ shape: s, tag, text }) => (
          <OutlineItem
            key={s.id}
            shape={s}
            tagName={tag.name}
            tagClass={tag.className}
            text={text}
            hidden={hidden.has(s.id)}
            since={unseen.get(s.id)}
            comments={comments.get(s.id) ?? 0}
            selected={selection.has(s.id)}
            tabbable={s.id === current?.id}
            onFocus={setActive}
            editor={editor}
          />
        ))}
      </ul>
    </>
  );
}

interface ItemProps {
  shape: Shape;
  tagName: string;
  tagClass: string;
  text: string;
  hidden: boolean;
  /** Others added or changed it since this person's last visit (not yet seen). */
  since?: ChangeKind;
  /** Open comment threads on it. */
  comments: number;
  selected: boolean;
  tabbable: boolean;
  onFocus(id: string): void;
  editor: Editor;
}

const OutlineItem = memo(function OutlineItem({ shape, tagName, tagClass, text, hidden, since, comments, selected, tabbable, onFocus, editor }: ItemProps) {
  const empty = text === '(empty)';
  return (
    <li>
      <button
        type="button"
        className="outline-item"
        aria-pressed={selected}
        tabIndex={tabbable ? 0 : -1}
        data-shape-id={shape.id}
        onFocus={() => onFocus(shape.id)}
        onClick={(e) => {
          if (e.shiftKey) editor.toggleSelected(shape.id);
          else editor.reveal(shape.id);
        }}
        onDoubleClick={() => editor.startEditing(shape.id)}
      >
        <span className={`outline-kind ${tagClass}`}>
          {tagName}
          {hidden && <span className="hidden-tag"> · hidden until reveal</span>}
          {since && <span className="outline-since"> · {since === 'added' ? 'new' : 'changed'} since your last visit</span>}
          <span className="visually-hidden">: </span>
        </span>
        <span className={`outline-text ${empty ? 'muted' : ''}`}>{text}</span>
        {comments > 0 && <span className="comment-count-badge"> · {openLabel(comments)}</span>}
      </button>
    </li>
  );
});
