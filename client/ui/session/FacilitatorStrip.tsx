import { useId, useState } from 'react';
import type { FacilitationState } from '../../../shared/facilitation/doc';
import type { RaisedHand } from '../../../shared/facilitation/hands';
import { useRaisedHands } from '../../facilitation/hands';
import type { Group } from '../../../shared/facilitation/schema';
import type { View } from '../../../shared/model/schema';
import type { Editor } from '../../editor/editor';
import { useGroupPicking } from '../../facilitation/hooks';
import { useStore } from '../../lib/useStore';
import { useParticipants } from '../../model/presence-hooks';
import type { Participant } from '../../model/presence-store';
import { useViews } from '../views/useViews';
import { PopoverButton } from './PopoverButton';
import { SessionIcon } from './SessionIcon';

const TIMER_PRESETS = [1, 3, 5, 10, 15];

/**
 * The facilitator's controls, on one line under the top bar: timer, summon and "Follow me", lock,
 * and popovers for the brainstorm, the vote, small groups, raised hands (with cursors) and the agenda.
 * Each acts on the view the facilitator is looking at.
 */
export function FacilitatorStrip({ editor, state }: { editor: Editor; state: FacilitationState }) {
  const view = useStore(editor.currentView);
  const views = useViews(editor.doc);
  const people = useParticipants(editor.presence);
  const fac = editor.fac;
  const locked = state.locks.has(view);
  const followMe = !!state.focus?.follow && state.focus.by === editor.me.userId;
  const hands = useRaisedHands(editor);
  const open = state.votes.find((v) => v.status !== 'closed');
  return (
    <div className="session-controls facilitator" role="toolbar" aria-label="Facilitator controls">
      <TimerControls editor={editor} state={state} />
      <span className="strip-sep" aria-hidden="true" />
      <button type="button" className="strip-button" onClick={() => editor.follow.bringEveryone()} title="Move everyone's view and camera to yours, once">
        Bring everyone here
      </button>
      <button
        type="button"
        className="strip-button toggle"
        aria-pressed={followMe}
        onClick={() => editor.follow.setFollowMe(!followMe)}
        title={followMe ? 'Everyone follows your camera until you switch this off or they move away' : 'Everyone follows your camera as you move'}
      >
        Follow me
      </button>
      <button
        type="button"
        className="strip-button toggle"
        aria-pressed={locked}
        onClick={() => fac.setLocked(view, !locked)}
        title={locked ? 'Let people change the diagram of this view again' : 'Freeze the diagram of this view: notes and threats can still be added'}
      >
        {locked ? 'Unlock diagram' : 'Lock diagram'}
      </button>
      <span className="strip-sep" aria-hidden="true" />
      <PopoverButton label="Silent brainstorm" content={<>{state.brainstorm ? <span className="live-dot" aria-hidden="true" /> : null}Brainstorm</>}>
        <BrainstormPanel editor={editor} state={state} views={views} view={view} />
      </PopoverButton>
      <PopoverButton label="Dot vote" content={<>{open ? <span className="live-dot" aria-hidden="true" /> : null}Vote</>}>
        <VotePanel editor={editor} state={state} views={views} view={view} />
      </PopoverButton>
      <PopoverButton label="Small groups" content={<>Groups{state.groups.length ? ` (${state.groups.length})` : ''}</>}>
        <GroupsPanel editor={editor} state={state} views={views} people={people} />
      </PopoverButton>
      <PopoverButton
        label="Hands and attention"
        buttonLabel={`Raised hands: ${hands.length}`}
        content={
          <>
            <SessionIcon name="hand" /> {hands.length}
          </>
        }
        align="right"
      >
        <HandsPanel editor={editor} state={state} hands={hands} />
      </PopoverButton>
      <PopoverButton label="Agenda" buttonLabel="Agenda" title="Edit the agenda" content={<SessionIcon name="list" />} align="right">
        <AgendaPanel editor={editor} state={state} />
      </PopoverButton>
    </div>
  );
}

function TimerControls({ editor, state }: { editor: Editor; state: FacilitationState }) {
  const fac = editor.fac;
  const [minutes, setMinutes] = useState('5');
  const id = useId();
  const t = state.timer;
  const start = (m: number) => {
    if (Number.isFinite(m) && m > 0) fac.startTimer(Math.round(m * 60_000));
  };
  if (t.status === 'idle') {
    return (
      <PopoverButton label="Start a timer" content={
          <>
            <SessionIcon name="timer" /> Timer
          </>
        }
      >
        <form
          className="session-form"
          onSubmit={(e) => {
            e.preventDefault();
            start(Number(minutes));
          }}
        >
          <div className="prop-field">
            <label htmlFor={id}>Minutes</label>
            <input id={id} type="number" min={0.1} max={180} step="any" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </div>
          <div className="preset-row" role="group" aria-label="Presets">
            {TIMER_PRESETS.map((m) => (
              <button key={m} type="button" className="secondary small" onClick={() => start(m)}>
                {m} min
              </button>
            ))}
          </div>
          <button type="submit" className="primary">
            Start timer
          </button>
        </form>
      </PopoverButton>
    );
  }
  return (
    <div className="timer-controls" role="group" aria-label="Timer">
      {t.status === 'running' ? (
        <button type="button" className="strip-button icon-only" aria-label="Pause timer" title="Pause timer" onClick={() => fac.pauseTimer()}>
          <SessionIcon name="pause" />
        </button>
      ) : (
        <button type="button" className="strip-button icon-only" aria-label="Resume timer" title="Resume timer" onClick={() => fac.resumeTimer()}>
          <SessionIcon name="play" />
        </button>
      )}
      <button type="button" className="strip-button" aria-label="Add a minute" title="Add a minute" onClick={() => fac.addMinute()}>
        +1 min
      </button>
      <button type="button" className="strip-button icon-only" aria-label="Stop timer" title="Stop timer" onClick={() => fac.stopTimer()}>
        <SessionIcon name="stop" />
      </button>
    </div>
  );
}

function viewTitle(views: readonly View[], id: string): string {
  return views.find((v) => v.id === id)?.title ?? 'a deleted view';
}

function BrainstormPanel({ editor, state, views, view }: { editor: Editor; state: FacilitationState; views: readonly View[]; view: string }) {
  const fac = editor.fac;
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
          <button type="button" className="link-button small" onClick={() => editor.setView(bs.view)}>
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

function VotePanel({ editor, state, views, view }: { editor: Editor; state: FacilitationState; views: readonly View[]; view: string }) {
  const fac = editor.fac;
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

/** Names for user ids: from presence, or the names the server recorded with hidden-note counts. */
function nameOf(id: string, people: readonly Participant[], state: FacilitationState): string {
  return people.find((p) => p.id === id)?.name ?? state.hidden[id]?.name ?? 'Someone who left';
}

function GroupsPanel({ editor, state, views, people }: { editor: Editor; state: FacilitationState; views: readonly View[]; people: readonly Participant[] }) {
  const fac = editor.fac;
  const picking = useGroupPicking(editor);
  const pickId = useId();
  const others = people.filter((p) => p.role !== 'viewer' && !p.isLocal);
  return (
    <div className="session-form groups-panel">
      <p className="panel-lead">Small groups</p>
      <label className="prop-check" htmlFor={pickId}>
        <input id={pickId} type="checkbox" checked={picking} onChange={(e) => fac.setGroupPicking(e.target.checked)} />
        Let people pick their group
      </label>
      {state.groups.length === 0 && <p className="hint">Split the room: each group works on its own view. Create groups, then send them there.</p>}
      <ul className="group-list" aria-label="Groups">
        {state.groups.map((g, i) => (
          <GroupRow key={`${g.id}:${g.name}`} editor={editor} group={g} index={i} views={views} people={others} state={state} />
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => fac.addGroup(`Group ${state.groups.length + 1}`, editor.view)}>
          Add group
        </button>
      </div>
      {state.groups.length > 0 && (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => editor.follow.sendGroups()}>
            Send groups to their views
          </button>
          <button type="button" className="secondary" onClick={() => editor.follow.bringEveryone()}>
            Everyone back
          </button>
        </div>
      )}
    </div>
  );
}

function GroupRow({ editor, group, index, views, people, state }: { editor: Editor; group: Group; index: number; views: readonly View[]; people: readonly Participant[]; state: FacilitationState }) {
  const fac = editor.fac;
  const [name, setName] = useState(group.name);
  const ids = { name: useId(), view: useId(), add: useId() };
  const addable = people.filter((p) => !group.members.includes(p.id));
  return (
    <li className="group-row">
      <div className="group-head">
        <input
          id={ids.name}
          aria-label={`Name of group ${index + 1}`}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== group.name && fac.updateGroup(group.id, { name: name.trim() })}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <button type="button" className="text-button danger small" aria-label={`Delete ${group.name}`} onClick={() => fac.deleteGroup(group.id)}>
          Delete
        </button>
      </div>
      <select id={ids.view} aria-label={`View of ${group.name}`} value={group.view} onChange={(e) => fac.updateGroup(group.id, { view: e.target.value })}>
        <option value="">No view</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.title}
          </option>
        ))}
      </select>
      {group.members.length > 0 && (
        <ul className="chip-list" aria-label={`Members of ${group.name}`}>
          {group.members.map((id) => {
            const n = nameOf(id, people, state);
            return (
              <li key={id} className="element-chip">
                <span className="chip-main">{n}</span>
                <button type="button" className="chip-remove" aria-label={`Remove ${n} from ${group.name}`} onClick={() => fac.assignToGroup(id, null)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {addable.length > 0 && (
        <select
          id={ids.add}
          aria-label={`Add a person to ${group.name}`}
          value=""
          onChange={(e) => {
            if (e.target.value) fac.assignToGroup(e.target.value, group.id);
          }}
        >
          <option value="">Add a person…</option>
          {addable.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </li>
  );
}

function HandsPanel({ editor, state, hands }: { editor: Editor; state: FacilitationState; hands: readonly RaisedHand[] }) {
  const fac = editor.fac;
  const cursorsId = useId();
  return (
    <div className="session-form">
      <p className="panel-lead">Raised hands</p>
      {hands.length === 0 ? (
        <p className="hint">No hands up.</p>
      ) : (
        <ol className="count-list" aria-label="Raised hands, first raised first">
          {hands.map((p) => (
            <li key={p.id}>
              <SessionIcon name="hand" />
              <span className="person-name">{p.name}</span>
              <button type="button" className="secondary small" aria-label={`Lower ${p.name}'s hand`} onClick={() => fac.lowerHand(p.id)}>
                Lower
              </button>
            </li>
          ))}
        </ol>
      )}
      <label className="prop-check" htmlFor={cursorsId}>
        <input id={cursorsId} type="checkbox" checked={state.cursorsHidden} onChange={(e) => fac.setCursorsHidden(e.target.checked)} />
        Hide everyone's cursors
      </label>
      <p className="hint">For focus: participants stop seeing each other's pointers. Facilitators still see them.</p>
    </div>
  );
}

function AgendaPanel({ editor, state }: { editor: Editor; state: FacilitationState }) {
  const fac = editor.fac;
  return (
    <div className="session-form agenda-panel">
      <p className="panel-lead">Agenda</p>
      <ol className="agenda-list" aria-label="Agenda steps">
        {state.agenda.map((a, i) => (
          // Keyed by content too: an edit made elsewhere replaces a row's unsaved draft.
          <AgendaRow
            key={`${a.id}:${a.title}:${a.prompt}`}
            editor={editor}
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
  editor,
  item,
  index,
  count,
  current,
  neighbour,
}: {
  editor: Editor;
  item: FacilitationState['agenda'][number];
  index: number;
  count: number;
  current: boolean;
  neighbour: string | undefined;
}) {
  const fac = editor.fac;
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
