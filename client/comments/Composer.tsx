import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { COMMENT_TEXT_MAX, mentionsIn } from '../../shared/model/comments';
import { personName } from '../../shared/model/people';
import { useBoardPeople, useMe } from '../editor/context';

interface Props {
  /** Accessible name of the text box ("Comment on T-3", "Reply", "Edit comment"). */
  label: string;
  submitLabel: string;
  initial?: string;
  initialMentions?: readonly string[];
  autoFocus?: boolean;
  onSubmit(text: string, mentions: string[]): void;
  onCancel?(): void;
}

const MAX_SUGGESTIONS = 8;

/**
 * A comment text box with @mentions: typing "@" and a few letters lists the people of the board (from the
 * server-written people map); arrow keys move, Enter or Tab picks, Escape closes. Picking writes "@Name"
 * into the text and remembers the person's id; a mention whose "@Name" is later deleted is dropped.
 * Ctrl+Enter (or ⌘+Enter) sends.
 */
export function Composer({ label, submitLabel, initial = '', initialMentions = [], autoFocus, onSubmit, onCancel }: Props) {
  const people = useBoardPeople();
  const me = useMe();
  const [text, setText] = useState(initial);
  const [picked, setPicked] = useState<string[]>([...initialMentions]);
  const [query, setQuery] = useState<{ at: number; q: string } | null>(null);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();

  const suggestions = useMemo(() => {
    if (!query) return [];
    const q = query.q.toLowerCase();
    return [...people.values()]
      .filter((p) => p.id !== me.userId && p.name && p.name.toLowerCase().includes(q))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_SUGGESTIONS);
  }, [people, query, me.userId]);
  const open = suggestions.length > 0;

  const update = (value: string, caret: number) => {
    setText(value);
    const m = /(^|\s)@([^\s@]{0,40})$/.exec(value.slice(0, caret));
    setQuery(m ? { at: caret - m[2]!.length - 1, q: m[2]! } : null);
    setActive(0);
  };

  const pick = (i: number) => {
    const p = suggestions[i];
    const el = ref.current;
    if (!p || !query || !el) return;
    const end = el.selectionStart;
    const next = `${text.slice(0, query.at)}@${p.name} ${text.slice(end)}`;
    setText(next);
    setPicked((list) => (list.includes(p.id) ? list : [...list, p.id]));
    setQuery(null);
    const caret = query.at + p.name.length + 2;
    requestAnimationFrame(() => el.setSelectionRange(caret, caret));
  };

  const send = () => {
    if (!text.trim()) return;
    onSubmit(text.trim(), mentionsIn(text, picked, (id) => personName(people, id)));
    setText('');
    setPicked([]);
    setQuery(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      pick(active);
    } else if (open && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="comment-composer">
      <textarea
        ref={ref}
        aria-label={label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        value={text}
        maxLength={COMMENT_TEXT_MAX}
        rows={2}
        autoFocus={autoFocus}
        placeholder="Write a comment; @ to mention someone"
        onChange={(e) => update(e.target.value, e.target.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setQuery(null)}
      />
      <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list" hidden={!open}>
        {suggestions.map((p, i) => (
          <li
            key={p.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(i);
            }}
          >
            {p.name}
          </li>
        ))}
      </ul>
      <div className="comment-composer-actions">
        {onCancel && (
          <button type="button" className="text-button small" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="button" className="primary" disabled={!text.trim()} onClick={send}>
          {submitLabel}
        </button>
      </div>
    </div>
  );
}
