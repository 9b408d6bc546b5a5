import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * The editing contract of every text field bound to the document: the user types into a local draft that
 * is committed on blur or Enter (so one edit is one undo step and one sync message), Escape puts back the
 * stored value, and a value changed by someone else shows unless this field is being edited. A field
 * that unmounts while focused (the user selected something else) still commits its edit.
 */
export function useDraft(value: string, onCommit: (next: string) => void, isCommitKey: (e: KeyboardEvent<Field>) => boolean) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  const latest = useRef({ draft, value, onCommit });
  latest.current = { draft, value, onCommit };
  useEffect(
    () => () => {
      const l = latest.current;
      if (focused.current && l.draft !== l.value) l.onCommit(l.draft);
    },
    [],
  );
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return {
    value: draft,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      commit();
    },
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown: (e: KeyboardEvent<Field>) => {
      if (e.key === 'Escape') {
        setDraft(value);
        e.currentTarget.blur();
        e.stopPropagation();
      } else if (e.key === 'Enter' && isCommitKey(e)) {
        e.preventDefault();
        commit();
      }
    },
  };
}
