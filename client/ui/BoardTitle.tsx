import { useState } from 'react';
import { Title } from '../../shared/api';
import { useActions, useMe } from '../editor/context';

/**
 * The board's title in the top bar. Facilitators click it to rename the board in place (Enter or leaving
 * the field saves, Esc cancels); everyone sees the new title live. The server reverts a rename from
 * anyone else, so others just see the title.
 */
export function BoardTitle({ title }: { title: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState('');
  const actions = useActions();
  if (useMe().role !== 'facilitator') {
    return (
      <h1 className="board-title" title={title}>
        {title}
      </h1>
    );
  }
  const save = () => {
    if (draft === null) return;
    const r = Title.safeParse(draft);
    if (!r.success) {
      setError(r.error.issues[0]?.message ?? 'Not a valid title');
      return;
    }
    if (r.data !== title) actions.renameBoard(r.data);
    setDraft(null);
    setError('');
  };
  const cancel = () => {
    setDraft(null);
    setError('');
  };
  if (draft !== null) {
    return (
      <h1 className="board-title editing">
        <input
          className="board-title-input"
          aria-label="Board title"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'board-title-error' : undefined}
          value={draft}
          maxLength={200}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
            else if (e.key === 'Escape') cancel();
            e.stopPropagation();
          }}
        />
        {error && (
          <span id="board-title-error" className="board-title-error" role="alert">
            {error}
          </span>
        )}
      </h1>
    );
  }
  return (
    <h1 className="board-title">
      <button type="button" className="board-title-button" aria-label={`${title} (rename board)`} title="Rename board" onClick={() => setDraft(title)}>
        {title}
      </button>
    </h1>
  );
}
