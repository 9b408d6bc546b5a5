import { Suspense, useEffect, useId, useRef, useState } from 'react';
import type { FacilitationState } from '../../../shared/facilitation/doc';
import { useBoardViews, useCurrentView, useFacilitationSession, useMe, useSelfPresence, useSession } from '../../editor/context';
import { formatClock, useFacilitation, useGroupPicking, useTimer } from '../../facilitation/hooks';
import { useStore } from '../../lib/useStore';
import { SessionIcon } from './SessionIcon';
import { lazyRetry } from '../../lib/lazy-retry';

// Only facilitators get the controls (timer, vote, groups, agenda …): their own chunk, so a participant's
// board page does not load them.
const FacilitatorStrip = lazyRetry(() => import('./FacilitatorStrip').then((m) => ({ default: m.FacilitatorStrip })));

/**
 * The live-session bar under the top bar. Everyone sees the current phase of the agenda with its
 * prompt, the timer, and what is going on (brainstorm, vote, their group); participants raise their
 * hand here. Facilitators get the controls instead (FacilitatorStrip): the phase is a select there.
 */
export function SessionBar() {
  const fac = useFacilitationSession();
  const state = useFacilitation({ fac });
  return (
    <section className="session-bar" aria-label="Session">
      {fac.isFacilitator ? <PhaseSelect state={state} /> : <PhaseBanner state={state} />}
      <TimerDisplay />
      {fac.isFacilitator ? (
        <Suspense fallback={<div className="session-controls facilitator" aria-busy="true" />}>
          <FacilitatorStrip state={state} />
        </Suspense>
      ) : (
        <ParticipantControls state={state} />
      )}
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

function PhaseSelect({ state }: { state: FacilitationState }) {
  const fac = useFacilitationSession();
  const item = state.agenda.find((a) => a.id === state.phase);
  return (
    <div className="phase phase-select" title={item?.prompt}>
      <select aria-label="Current phase" value={state.phase ?? ''} onChange={(e) => fac.setPhase(e.target.value)}>
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
export function TimerDisplay() {
  const t = useTimer({ fac: useFacilitationSession() });
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
function ParticipantControls({ state }: { state: FacilitationState }) {
  const fac = useFacilitationSession();
  const self = useSelfPresence();
  const me = useMe();
  const view = useCurrentView();
  const views = useBoardViews();
  const hand = useStore(self.hand);
  const picking = useGroupPicking({ fac });
  const pick = useStore(self.groupPick);
  const pickId = useId();
  const title = (id: string) => views.find((v) => v.id === id)?.title ?? 'another view';
  const mine = state.groups.find((g) => g.members.includes(me.userId));
  const bs = state.brainstorm;
  const open = state.votes.find((v) => v.status !== 'closed');
  const latest = state.votes[0];
  return (
    <div className="session-controls">
      {bs && (
        <span className="session-chip">
          <SessionIcon name="eye-slash" /> Silent brainstorm{bs.view !== view ? ` on ${title(bs.view)}` : ''}
          {bs.view !== view && <GoThere view={bs.view} title={title(bs.view)} />}
        </span>
      )}
      {open && (
        <span className="session-chip">
          <span aria-hidden="true">●</span> {open.status === 'closing' ? 'Counting the votes…' : 'Vote open'}
        </span>
      )}
      {!open && latest?.status === 'closed' && (
        <button type="button" className="strip-button" onClick={() => fac.resultsShown.set(latest.id)}>
          Vote results
        </button>
      )}
      {picking && state.groups.length > 0 && self.canRaiseHand ? (
        <span className="group-pick">
          <label htmlFor={pickId}>Your group</label>
          <select id={pickId} value={mine?.id ?? pick ?? ''} onChange={(e) => self.pickGroup(e.target.value || null)}>
            <option value="">Pick a group</option>
            {state.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
                {g.view ? ` (${title(g.view)})` : ''}
              </option>
            ))}
          </select>
          {mine?.view && mine.view !== view && <GoThere view={mine.view} title={title(mine.view)} />}
        </span>
      ) : (
        mine && (
          <span className="session-chip">
            Your group: <strong>{mine.name}</strong>
            {mine.view && mine.view !== view && <GoThere view={mine.view} title={title(mine.view)} />}
          </span>
        )
      )}
      {self.canRaiseHand && (
        <button
          type="button"
          className={`strip-button hand-button ${hand !== null ? 'raised' : ''}`}
          onClick={() => (hand !== null ? self.lowerHand() : self.raiseHand())}
        >
          <SessionIcon name="hand" /> {hand !== null ? 'Lower hand' : 'Raise hand'}
        </button>
      )}
    </div>
  );
}

function GoThere({ view, title }: { view: string; title: string }) {
  const session = useSession();
  return (
    <button type="button" className="link-button small" title={`Show ${title}`} aria-label={`Go to ${title}`} onClick={() => session.setView(view)}>
      Go there
    </button>
  );
}
