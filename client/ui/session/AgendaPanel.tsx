import { useState } from 'react';
import type { FacilitationState } from '../../../shared/facilitation/doc';
import { useFacilitationSession } from '../../editor/context';

/** The facilitator strip's Agenda popover: the steps of the workshop, edited, reordered and made current. */
export function AgendaPanel({ state }: { state: FacilitationState }) {
  const fac = useFacilitationSession();
  return (
    <div className="session-form agenda-panel">
      <p className="panel-lead">Agenda</p>
      <ol className="agenda-list" aria-label="Agenda steps">
        {state.agenda.map((a, i) => (
          // Keyed by content too: an edit made elsewhere replaces a row's unsaved draft.
          <AgendaRow
            key={`${a.id}:${a.title}:${a.prompt}`}
            item={a}
            index={i}
            count={state.agenda.length}
            current={a.id === state.phase}
            neighbour={state.agenda[i + 1]?.id ?? state.agenda[i - 1]?.id}
          />
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => fac.addAgendaItem('New step')}>
        Add step
      </button>
    </div>
  );
}

function AgendaRow({
  item,
  index,
  count,
  current,
  neighbour,
}: {
  item: FacilitationState['agenda'][number];
  index: number;
  count: number;
  current: boolean;
  neighbour: string | undefined;
}) {
  const fac = useFacilitationSession();
  const [title, setTitle] = useState(item.title);
  const [prompt, setPrompt] = useState(item.prompt);
  const n = index + 1;
  return (
    <li className={`agenda-row ${current ? 'current' : ''}`}>
      <input
        aria-label={`Title of step ${n}`}
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={() => title !== item.title && fac.updateAgendaItem(item.id, { title })}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      <textarea
        aria-label={`Prompt of step ${n}`}
        value={prompt}
        maxLength={2000}
        rows={2}
        onChange={(e) => setPrompt(e.target.value)}
        onBlur={() => prompt !== item.prompt && fac.updateAgendaItem(item.id, { prompt })}
      />
      <div className="agenda-actions">
        {current ? (
          <span className="hint">Current phase</span>
        ) : (
          <button type="button" className="link-button small" onClick={() => fac.setPhase(item.id)}>
            Make current
          </button>
        )}
        <button type="button" className="icon-button small-icon" aria-label={`Move step ${n} up`} disabled={index === 0} onClick={() => fac.moveAgendaItem(item.id, -1)}>
          ↑
        </button>
        <button type="button" className="icon-button small-icon" aria-label={`Move step ${n} down`} disabled={index === count - 1} onClick={() => fac.moveAgendaItem(item.id, 1)}>
          ↓
        </button>
        <button type="button" className="icon-button small-icon" aria-label={`Delete step ${n}`} disabled={count <= 1} onClick={() => {
            // The phase moves on to a neighbour rather than pointing at nothing.
            if (current && neighbour) fac.setPhase(neighbour);
            fac.deleteAgendaItem(item.id);
          }}
        >
          ×
        </button>
      </div>
    </li>
  );
}

