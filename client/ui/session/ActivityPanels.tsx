import { useId, useState } from 'react';
import type { FacilitationState } from '../../../shared/facilitation/doc';
import type { View } from '../../../shared/model/schema';
import { useFacilitationSession, useSession } from '../../editor/context';
import { useStore } from '../../lib/useStore';

/** The facilitator strip's Brainstorm and Vote popovers: start, watch and end a silent brainstorm or a dot vote. */

function viewTitle(views: readonly View[], id: string): string {
  return views.find((v) => v.id === id)?.title ?? 'a deleted view';
}

export function BrainstormPanel({ state, views, view }: { state: FacilitationState; views: readonly View[]; view: string }) {
  const fac = useFacilitationSession();
  const session = useSession();
  const bs = state.brainstorm;
  const counts = Object.entries(state.hidden)
    .filter(([, c]) => c.count > 0)
    .sort(([, a], [, b]) => a.name.localeCompare(b.name));
  const total = counts.reduce((n, [, c]) => n + c.count, 0);
  if (!bs) {
    return (
      <div className="session-form">
        <p className="panel-lead">Silent brainstorm on “{viewTitle(views, view)}”</p>
        <p className="hint">
          New threats and notes on this view stay in each author's private space: nobody else sees them, you see only how many each
          person has. Reveal puts them all on the board at once.
        </p>
        <button type="button" className="primary" onClick={() => fac.startBrainstorm(view)}>
          Start silent brainstorm
        </button>
        {counts.length > 0 && <HiddenCounts counts={counts} total={total} />}
      </div>
    );
  }
  return (
    <div className="session-form">
      <p className="panel-lead">
        Brainstorm on “{viewTitle(views, bs.view)}”{' '}
        {bs.view !== view && (
          <button type="button" className="link-button small" onClick={() => session.setView(bs.view)}>
            Go there
          </button>
        )}
      </p>
      <HiddenCounts counts={counts} total={total} />
      <div className="button-row">
        <button type="button" className="primary" onClick={() => fac.revealNow()}>
          Reveal now
        </button>
        <button type="button" className="secondary" onClick={() => fac.stopBrainstorm()}>
          Stop and reveal
        </button>
      </div>
      <p className="hint">“Reveal now” keeps the brainstorm going for more notes; stopping reveals too.</p>
    </div>
  );
}

function HiddenCounts({ counts, total }: { counts: [string, { name: string; count: number }][]; total: number }) {
  return (
    <>
      <p className="hint" aria-live="polite">
        {total === 0 ? 'No hidden notes yet.' : `${total} hidden ${total === 1 ? 'note' : 'notes'} from ${counts.length} ${counts.length === 1 ? 'person' : 'people'}`}
      </p>
      {counts.length > 0 && (
        <ul className="count-list" aria-label="Hidden notes per person">
          {counts.map(([id, c]) => (
            <li key={id}>
              <span className="person-name">{c.name || 'Someone'}</span>
              <span className="count-badge">{c.count}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const DURATIONS = [
  { value: 0, label: 'No time limit' },
  { value: 1, label: '1 minute' },
  { value: 2, label: '2 minutes' },
  { value: 3, label: '3 minutes' },
  { value: 5, label: '5 minutes' },
];

export function VotePanel({ state, views, view }: { state: FacilitationState; views: readonly View[]; view: string }) {
  const fac = useFacilitationSession();
  const [scope, setScope] = useState<'view' | 'all'>('view');
  const [budget, setBudget] = useState('3');
  const [multiple, setMultiple] = useState(false);
  const [duration, setDuration] = useState(0);
  const ids = { budget: useId(), multiple: useId(), duration: useId() };
  const placing = useStore(fac.placingDots);
  const open = state.votes.find((v) => v.status !== 'closed');
  const latest = state.votes[0];
  if (open) {
    const voted = state.voted[open.id] ?? 0;
    return (
      <div className="session-form">
        <p className="panel-lead">
          {open.status === 'closing' ? 'Counting the votes…' : 'Vote open'} ·{' '}
          {open.scope.kind === 'all' ? 'all threats' : `threats on “${viewTitle(views, open.scope.view)}”`}
        </p>
        <p className="vote-count" aria-live="polite">
          {voted === 1 ? '1 person has voted' : `${voted} people have voted`}
        </p>
        <p className="hint">
          {open.budget} {open.budget === 1 ? 'dot' : 'dots'} each{open.allowMultiple ? ', several on one threat allowed' : ', one per threat'}. You see who voted,
          not the dots, until you close it.
        </p>
        <button type="button" className="primary" disabled={open.status !== 'open'} onClick={() => fac.closeVote(open.id)}>
          Close vote
        </button>
        {!placing && fac.canVote() && open.status === 'open' && (
          <button type="button" className="secondary" onClick={() => fac.placingDots.set(true)}>
            Place my own dots
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      className="session-form"
      onSubmit={(e) => {
        e.preventDefault();
        const b = Math.max(1, Math.min(100, Math.round(Number(budget) || 3)));
        fac.startVote({ scope: scope === 'all' ? { kind: 'all' } : { kind: 'view', view }, budget: b, allowMultiple: multiple, durationMs: duration * 60_000 });
      }}
    >
      <p className="panel-lead">Dot vote</p>
      <fieldset className="segmented" aria-label="Which threats">
        <label className={scope === 'view' ? 'on' : ''}>
          <input type="radio" name="vote-scope" checked={scope === 'view'} onChange={() => setScope('view')} />
          This view
        </label>
        <label className={scope === 'all' ? 'on' : ''}>
          <input type="radio" name="vote-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          All threats
        </label>
      </fieldset>
      <div className="prop-field">
        <label htmlFor={ids.budget}>Dots per person</label>
        <input id={ids.budget} type="number" min={1} max={100} value={budget} onChange={(e) => setBudget(e.target.value)} />
      </div>
      <label className="prop-check" htmlFor={ids.multiple}>
        <input id={ids.multiple} type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />
        Allow several dots on one threat
      </label>
      <div className="prop-field">
        <label htmlFor={ids.duration}>Time limit (uses the timer)</label>
        <select id={ids.duration} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
          {DURATIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary">
        Start vote
      </button>
      {latest?.status === 'closed' && latest.results && (
        <p className="hint">
          Last vote: {latest.results.voters} voted, {latest.results.ignored} {latest.results.ignored === 1 ? 'dot' : 'dots'} ignored.{' '}
          <button type="button" className="link-button small" onClick={() => fac.resultsShown.set(latest.id)}>
            Show results
          </button>
        </p>
      )}
    </form>
  );
}

