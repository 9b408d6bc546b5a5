import { useEffect, useState, useSyncExternalStore } from 'react';
import { openVote, timerRemaining, type FacilitationState } from '../../shared/facilitation/doc';
import type { Vote } from '../../shared/facilitation/schema';
import type { Shape } from '../../shared/model/schema';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import type { Ballot } from './stores';
import type { FollowState } from './follow';

/** The facilitation document as one validated snapshot: phase, timer, focus, locks, votes, counts. */
export function useFacilitation(editor: Editor): FacilitationState {
  const s = editor.fac.state;
  return useSyncExternalStore(s.subscribe, s.get, s.get);
}

/** This user's hidden brainstorm notes. */
export function useHiddenNotes(editor: Editor): readonly Shape[] {
  const s = editor.fac.hiddenNotes;
  return useSyncExternalStore(s.subscribe, s.get, s.get);
}

/** This user's dots in a vote (threat id → dots). */
export function useBallot(editor: Editor, voteId: string | undefined): Ballot {
  const b = editor.fac.ballots;
  const get = () => (voteId ? b.get(voteId) : EMPTY);
  return useSyncExternalStore(b.subscribe, get, get);
}
const EMPTY: Ballot = Object.freeze({});

export function useGroupPicking(editor: Editor): boolean {
  const s = editor.fac.groupPicking;
  return useSyncExternalStore(s.subscribe, s.get, s.get);
}

export function useFollow(editor: Editor): FollowState {
  return useStore(editor.follow.state);
}

/** The vote that is open or being tallied, if any. */
export function useOpenVote(editor: Editor): Vote | undefined {
  return openVote(useFacilitation(editor));
}

/** Is the current view's diagram locked? */
export function useViewLocked(editor: Editor): boolean {
  const state = useFacilitation(editor);
  const view = useStore(editor.currentView);
  return state.locks.has(view);
}

export interface TimerView {
  status: 'idle' | 'running' | 'paused';
  remainingMs: number;
  /** Running and at zero: the time box is over. */
  expired: boolean;
  /** Over for more than TIMES_UP_MS: "Time's up" has been seen; the timer clears itself from view. */
  stale: boolean;
}

/** How long "Time's up" stays on screen after zero. */
export const TIMES_UP_MS = 60_000;

/** The countdown, re-read a few times a second from the anchor and the server clock. */
export function useTimer(editor: Editor): TimerView {
  const { timer } = useFacilitation(editor);
  const [now, setNow] = useState(() => editor.fac.now());
  useEffect(() => {
    if (timer.status !== 'running') return;
    const id = setInterval(() => setNow(editor.fac.now()), 250);
    setNow(editor.fac.now());
    return () => clearInterval(id);
  }, [editor, timer.status, timer.endsAt]);
  const remainingMs = timerRemaining(timer, now);
  const expired = timer.status === 'running' && remainingMs === 0;
  const stale = expired && timer.status === 'running' && now - timer.endsAt >= TIMES_UP_MS;
  return { status: timer.status, remainingMs, expired, stale };
}

/** "04:59" (whole seconds rounded up, so it reads 00:00 only at the end). */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
