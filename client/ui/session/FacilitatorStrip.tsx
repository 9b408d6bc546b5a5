import { useEffect, useId, useRef, useState } from 'react';
import type { FacilitationState } from '../../../shared/facilitation/doc';
import type { RaisedHand } from '../../../shared/facilitation/hands';
import { useRaisedHands } from '../../facilitation/hands';
import { useBoardViews, useCurrentView, useFacilitationSession, useFollowController, useMe, usePresence } from '../../editor/context';
import type { Facilitation } from '../../facilitation/session';
import { useStore } from '../../lib/useStore';
import { useParticipants } from '../../model/presence-hooks';
import { BrainstormPanel, VotePanel } from './ActivityPanels';
import { AgendaPanel } from './AgendaPanel';
import { GroupsPanel } from './GroupsPanel';
import { PopoverButton, PopoverGroup } from './PopoverButton';
import { SessionIcon } from './SessionIcon';

const TIMER_PRESETS = [1, 3, 5, 10, 15];

/**
 * The facilitator's controls, on one line under the top bar: timer, summon and "Follow me", lock,
 * and popovers for the brainstorm, the vote, small groups, raised hands (with cursors) and the agenda.
 * Each acts on the view the facilitator is looking at.
 */
export function FacilitatorStrip({ state }: { state: FacilitationState }) {
  const view = useCurrentView();
  const views = useBoardViews();
  const presence = usePresence();
  const people = useParticipants(presence);
  const fac = useFacilitationSession();
  const follow = useFollowController();
  const me = useMe();
  const locked = state.locks.has(view);
  const followMe = !!state.focus?.follow && state.focus.by === me.userId;
  const hands = useRaisedHands({ fac, presence });
  const open = state.votes.find((v) => v.status !== 'closed');
  const panels = useOnePanel(fac);
  return (
    <PopoverGroup.Provider value={panels}>
      <div className="session-controls facilitator" role="toolbar" aria-label="Facilitator controls">
        <TimerControls state={state} />
        <span className="strip-sep" aria-hidden="true" />
        <button type="button" className="strip-button" onClick={() => follow.bringEveryone()} title="Move everyone's view and camera to yours, once">
          Bring everyone here
        </button>
        <button
          type="button"
          className="strip-button toggle"
          aria-pressed={followMe}
          onClick={() => follow.setFollowMe(!followMe)}
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
          <BrainstormPanel state={state} views={views} view={view} />
        </PopoverButton>
        <PopoverButton label="Dot vote" content={<>{open ? <span className="live-dot" aria-hidden="true" /> : null}Vote</>}>
          <VotePanel state={state} views={views} view={view} />
        </PopoverButton>
        <PopoverButton label="Small groups" content={<>Groups{state.groups.length ? ` (${state.groups.length})` : ''}</>}>
          <GroupsPanel state={state} views={views} people={people} />
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
          <HandsPanel state={state} hands={hands} />
        </PopoverButton>
        <PopoverButton label="Agenda" buttonLabel="Agenda" title="Edit the agenda" content={<SessionIcon name="list" />} align="right">
          <AgendaPanel state={state} />
        </PopoverButton>
      </div>
    </PopoverGroup.Provider>
  );
}

/**
 * One panel of the strip open at a time, like the menus of a menubar; the vote results count as one of
 * them. Opening a popover closes the results; results that open (the facilitator closed a vote or chose
 * "Show results" in the Vote popover) close the popover, and take the focus if it was in there.
 */
function useOnePanel(fac: Facilitation) {
  const [open, setOpen] = useState<string | null>(null);
  const results = useStore(fac.resultsShown);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (!results || !openRef.current) return;
    const active = document.activeElement;
    // Focus was in the popover, or fell to the page when its button was disabled ("Close vote").
    const fromPopover = !!active?.closest('.session-popover') || active === document.body;
    setOpen(null);
    if (fromPopover) requestAnimationFrame(() => document.querySelector<HTMLElement>('.vote-results')?.focus());
  }, [results]);
  useEffect(() => {
    if (open) fac.resultsShown.set(null);
  }, [open, fac]);
  return { open, setOpen };
}

function TimerControls({ state }: { state: FacilitationState }) {
  const fac = useFacilitationSession();
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


function HandsPanel({ state, hands }: { state: FacilitationState; hands: readonly RaisedHand[] }) {
  const fac = useFacilitationSession();
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

