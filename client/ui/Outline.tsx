import { memo, useState } from 'react';
import type { Shape } from '../../shared/model/schema';
import { NOTE_COLOR_LABEL } from '../canvas/theme';
import { KIND_NAME, shapeText } from '../canvas/shapes/registry';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { useShapes } from '../model/hooks';
import { Icon } from './Icon';

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

function OutlineList({ editor }: { editor: Editor }) {
  const { list } = useShapes(editor.doc);
  const selection = useStore(editor.selection);
  const view = useStore(editor.currentView);
  const items = list.filter((s) => s.view === view && s.kind !== 'flow');
  return (
    <>
      <p className="panel-summary" aria-live="polite">
        {items.length === 0 ? 'No notes yet.' : items.length === 1 ? '1 item' : `${items.length} items`}
      </p>
      <ul className="outline-list" aria-label="Board outline">
        {items.map((s) => (
          <OutlineItem key={s.id} shape={s} selected={selection.has(s.id)} editor={editor} />
        ))}
      </ul>
    </>
  );
}

const OutlineItem = memo(function OutlineItem({ shape, selected, editor }: { shape: Shape; selected: boolean; editor: Editor }) {
  const text = shapeText(shape).trim();
  const kind = shape.kind === 'note' ? `${capitalise(NOTE_COLOR_LABEL[shape.color])} note` : KIND_NAME[shape.kind];
  return (
    <li>
      <button
        type="button"
        className="outline-item"
        aria-pressed={selected}
        onClick={(e) => {
          if (e.shiftKey) editor.toggleSelected(shape.id);
          else editor.reveal(shape.id);
        }}
        onDoubleClick={() => editor.startEditing(shape.id)}
      >
        <span className={`outline-kind ${shape.kind === 'note' ? `swatch-${shape.color}` : ''}`}>{kind}</span>
        <span className={`outline-text ${text ? '' : 'muted'}`}>{text || '(empty)'}</span>
      </button>
    </li>
  );
});

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
