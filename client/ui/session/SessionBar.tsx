import { useEffect, useId, useRef, useState } from 'react';
import type { FacilitationState } from '../../../shared/facilitation/doc';
import type { Editor } from '../../editor/editor';
import { formatClock, useFacilitation, useGroupPicking, useTimer } from '../../facilitation/hooks';
import { useStore } from '../../lib/useStore';
import { useViews } from '../views/useViews';
import { FacilitatorStrip } from './FacilitatorStrip';
import { SessionIcon } from './SessionIcon';

/**
 * The live-session bar under the top bar. Everyone sees the current phase of the agenda with its
 * prompt, the timer, and what is going on (brainstorm, vote, their group); participants raise their
 * hand here. Facilitators get the controls instead (FacilitatorStrip): the phase is a select there.
 */
export function SessionBar({ editor }: { editor: Editor }) {
  const state = useFacilitation(editor);
  const fac = editor.fac;
  return (
    <section className="session-bar" aria-label="Session">
      {fac.isFacilitator ? <PhaseSelect editor={editor} state={state} /> : <PhaseBanner state={state} />}
      <TimerDisplay editor={editor} />
      {fac.isFacilitator ? <FacilitatorStrip editor={editor} state={state} /> : <ParticipantControls editor={editor} state={state} />}
    </section>
  );
}

function PhaseBanner({ state }: { state: FacilitationState }) {
  const i = state.agenda.findIndex((a) => a.id === state.phase);
  const item = state.agenda[i];
  if (!item) return <div className="phase" />;
  return (
    <div className="phase" title={item.prompt ? `${item.title} — ${item.prompt}` : item.title}>
      <span className="phase-step">
        Step {i + 1} of {state.agenda.length}
      </span>
      <strong className="phase-title">{item.title}</strong>
      {item.prompt && <span className="phase-prompt">{item.prompt}</span>}
    </div>
  );
}

function PhaseSelect({ editor, state }: { editor: Editor; state: FacilitationState }) {
  const item = state.agenda.find((a) => a.id === state.phase);
  return (
    <div className="phase phase-select" title={item?.prompt}>
      <select aria-label="Current phase" value={state.phase ?? ''} onChange={(e) => editor.fac.setPhase(e.target.value)}>
        {state.phase === null && <option value="">No phase</option>}
        {state.agenda.map((a, i) => (
          <option key={a.id} value={a.id}>
            {i + 1}. {a.title}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The countdown everyone sees (from the server-clock anchor). At zero it says "Time's up" with an icon
 * and a short shake, not colour alone, and announces it once to screen readers.
 */
export function TimerDisplay({ editor }: { editor: Editor }) {
  const t = useTimer(editor);
  const [announce, setAnnounce] = useState('');
  const wasExpired = useRef(false);
  useEffect(() => {
    if (t.expired && !wasExpired.current) setAnnounce("Time's up");
    if (!t.expired) setAnnounce('');
    wasExpired.current = t.expired;
  }, [t.expired]);
  // A minute after zero the timer clears itself (the facilitator need not stop it).
  if (t.status === 'idle' || t.stale) return <span className="visually-hidden" role="status" aria-live="polite" />;
  return (
    <div className={`session-timer ${t.expired ? 'expired' : ''} ${t.status}`}>
      <span aria-hidden="true" className="timer-icon">
        <SessionIcon name={t.expired ? 'alarm' : 'timer'} />
      </span>
      {/* At zero the words replace the digits on screen; the timer still reads 00:00. */}
      <span role="timer" aria-label="Time left" className={t.expired ? 'visually-hidden' : 'timer-digits'}>
        {formatClock(t.remainingMs)}
      </span>
      {t.expired && <strong className="times-up">Time's up</strong>}
      {t.status === 'paused' && <span className="timer-paused">paused</span>}
      <span className="visually-hidden" role="status" aria-live="assertive">
        {announce}
      </span>
    </div>
  );
}

/** What a participant (or viewer) sees besides the phase: brainstorm, vote, group, hand. */
function ParticipantControls({ editor, state }: { editor: Editor; state: FacilitationState }) {
  const view = useStore(editor.currentView);
  const views = useViews(editor.doc);
  const hand = useStore(editor.self.hand);
  const picking = useGroupPicking(editor);
  const pick = useStore(editor.self.groupPick);
  const pickId = useId();
  const title = (id: string) => views.find((v) => v.id === id)?.title ?? 'another view';
  const mine = state.groups.find((g) => g.members.includes(editor.me.userId));
  const bs = state.brainstorm;
  const open = state.votes.find((v) => v.status !== 'closed');
  const latest = state.votes[0];
  return (
    <div className="session-controls">
      {bs && (
        <span className="session-chip">
          <SessionIcon name="eye-slash" /> Silent brainstorm{bs.view !== view ? ` on ${title(bs.view)}` : ''}
          {bs.view !== view && <GoThere editor={editor} view={bs.view} title={title(bs.view)} />}
        </span>
      )}
      {open && (
        <span className="session-chip">
          <span aria-hidden="true">●</span> {open.status === 'closing' ? 'Counting the votes…' : 'Vote open'}
        </span>
      )}
      {!open && latest?.status === 'closed' && (
        <button type="button" className="strip-button" onClick={() => editor.fac.resultsShown.set(latest.id)}>
          Vote results
        </button>
      )}
      {picking && state.groups.length > 0 && editor.self.canRaiseHand ? (
        <span className="group-pick">
          <label htmlFor={pickId}>Your group</label>
          <select id={pickId} value={mine?.id ?? pick ?? ''} onChange={(e) => editor.self.pickGroup(e.target.value || null)}>
            <option value="">Pick a group</option>
            {state.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
                {g.view ? ` (${title(g.view)})` : ''}
              </option>
            ))}
          </select>
          {mine?.view && mine.view !== view && <GoThere editor={editor} view={mine.view} title={title(mine.view)} />}
        </span>
      ) : (
        mine && (
          <span className="session-chip">
            Your group: <strong>{mine.name}</strong>
            {mine.view && mine.view !== view && <GoThere editor={editor} view={mine.view} title={title(mine.view)} />}
          </span>
        )
      )}
      {editor.self.canRaiseHand && (
        <button
          type="button"
          className={`strip-button hand-button ${hand !== null ? 'raised' : ''}`}
          onClick={() => (hand !== null ? editor.self.lowerHand() : editor.self.raiseHand())}
        >
          <SessionIcon name="hand" /> {hand !== null ? 'Lower hand' : 'Raise hand'}
        </button>
      )}
    </div>
  );
}

function GoThere({ editor, view, title }: { editor: Editor; view: string; title: string }) {
  return (
    <button type="button" className="link-button small" title={`Show ${title}`} aria-label={`Go to ${title}`} onClick={() => editor.setView(view)}>
      Go there
    </button>
  );
}
