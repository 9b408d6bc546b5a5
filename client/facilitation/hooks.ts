import { useEffect, useState, useSyncExternalStore } from 'react';
import { timerRemaining, type FacilitationState } from '../../shared/facilitation/doc';
import type { Shape } from '../../shared/model/schema';
import type { ReadStore } from '../lib/store';
import { useStore } from '../lib/useStore';
import type { Ballot } from './stores';
import type { FollowController, FollowState } from './follow';
import type { Facilitation } from './session';

/**
 * Hooks over the live session. Each takes only the part it reads — anything with `fac` (the editor's
 * `Live` from `useLive()`, or the editor itself) — so this module depends on no editor.
 */
export interface HasSession {
  readonly fac: Facilitation;
}

/** The facilitation document as one validated snapshot: phase, timer, focus, locks, votes, counts. */
export function useFacilitation({ fac }: HasSession): FacilitationState {
  return useStore(fac.state);
}

/** This user's hidden brainstorm notes. */
export function useHiddenNotes({ fac }: HasSession): readonly Shape[] {
  return useStore(fac.hiddenNotes);
}

/** This user's dots in a vote (threat id → dots). */
export function useBallot({ fac }: HasSession, voteId: string | undefined): Ballot {
  const b = fac.ballots;
  const get = () => (voteId ? b.get(voteId) : EMPTY);
  return useSyncExternalStore(b.subscribe, get, get);
}
const EMPTY: Ballot = Object.freeze({});

export function useGroupPicking({ fac }: HasSession): boolean {
  return useStore(fac.groupPicking);
}

export function useFollow({ follow }: { readonly follow: FollowController }): FollowState {
  return useStore(follow.state);
}

/** Is the current view's diagram locked? */
export function useViewLocked(src: HasSession & { readonly currentView: ReadStore<string> }): boolean {
  const state = useFacilitation(src);
  const view = useStore(src.currentView);
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
export function useTimer(src: HasSession): TimerView {
  const { fac } = src;
  const { timer } = useFacilitation(src);
  const [now, setNow] = useState(() => fac.now());
  useEffect(() => {
    if (timer.status !== 'running') return;
    const id = setInterval(() => setNow(fac.now()), 250);
    setNow(fac.now());
    return () => clearInterval(id);
  }, [fac, timer.status, timer.endsAt]);
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
