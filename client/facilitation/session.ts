import type * as Y from 'yjs';
import {
  addAgendaItem,
  addGroup,
  assignToGroup,
  castDot,
  deleteAgendaItem,
  deleteGroup,
  lowerHand,
  moveAgendaItem,
  moveFocus,
  openVote,
  releaseFollow,
  requestCloseVote,
  requestReveal,
  setCursorsHidden,
  setLocked,
  setPhase,
  startBrainstorm,
  startVote,
  stopBrainstorm,
  summon,
  timer,
  timerRemaining,
  updateAgendaItem,
  updateGroup,
  type FacilitationState,
} from '../../shared/facilitation/doc';
import type { Camera, Group, Vote, VoteScope } from '../../shared/facilitation/schema';
import { setGroupPicking } from './group-picking';
import type { Role } from '../../shared/roles';
import type { ServerClock } from '../sync/clock';
import { createStore, type Store } from '../lib/store';
import { BallotStore, facilitationStore, groupPickingStore, hiddenNotesStore, type ReadStore } from './stores';
import { dotClick, type DotIntent, type DotOutcome } from './voting';
import type { Shape } from '../../shared/model/schema';

/** Origin of this tab's writes to the facilitation and private documents. */
export const SESSION_ORIGIN = { name: 'threatboard-session' };

/**
 * The live-session side of a board: the facilitation document (read by all, written by facilitators)
 * and this user's private document (hidden brainstorm notes and ballots; none for viewers), with the
 * actions the facilitator console and the participants' controls call. Components read the stores
 * through hooks and never touch the documents.
 *
 * Facilitator-only actions are refused here for other roles; the server drops such writes anyway.
 */
export class Facilitation {
  readonly state: ReadStore<FacilitationState>;
  readonly groupPicking: ReadStore<boolean>;
  /** This user's hidden brainstorm notes. */
  readonly hiddenNotes: ReadStore<readonly Shape[]>;
  readonly ballots: BallotStore;
  readonly isFacilitator: boolean;
  /**
   * Clicks on threat notes place dots (vote mode). On by default for participants when a vote opens;
   * facilitators, who mostly run the vote, switch it on to vote too.
   */
  readonly placingDots: Store<boolean> = createStore(false);
  /** A short message for the voter (e.g. no dots left), shown in the vote banner. */
  readonly notice: Store<string | null> = createStore<string | null>(null);
  private lastOpenVote: string | null = null;
  /** The vote whose results panel is open. Opens by itself when a vote closes while we watch. */
  readonly resultsShown: Store<string | null> = createStore<string | null>(null);
  private closedSeen: Set<string> | null = null;
  /** Votes the facilitator started with a duration here: closed when the timer runs out. */
  private timedVotes = new Set<string>();
  private tick: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly facDoc: Y.Doc,
    /** Null for viewers: they have no private document. */
    readonly privateDoc: Y.Doc | null,
    readonly me: { userId: string; name: string; role: Role },
    readonly clock: ServerClock,
  ) {
    this.isFacilitator = me.role === 'facilitator';
    this.state = facilitationStore(facDoc);
    this.groupPicking = groupPickingStore(facDoc);
    this.hiddenNotes = hiddenNotesStore(privateDoc);
    this.ballots = new BallotStore(privateDoc);
    if (this.isFacilitator) this.tick = setInterval(() => this.closeTimedVotes(), 500);
    this.unsubscribe = this.state.subscribe(() => this.onState());
    this.onState();
  }

  private unsubscribe: () => void;

  private onState(): void {
    const votes = this.state.get().votes;
    if (this.closedSeen !== null) {
      const closed = votes.filter((v) => v.status === 'closed').map((v) => v.id);
      const fresh = closed.find((id) => !this.closedSeen!.has(id));
      for (const id of closed) this.closedSeen.add(id);
      if (fresh) this.resultsShown.set(fresh);
    }
    const open = openVote(this.state.get());
    const id = open?.status === 'open' ? open.id : null;
    if (id === this.lastOpenVote) return;
    this.lastOpenVote = id;
    this.placingDots.set(id !== null && this.canVote() && !this.isFacilitator);
    this.notice.set(null);
  }

  /** The document has arrived: votes closed before now are history (their results do not pop up). */
  loaded(): void {
    if (this.closedSeen !== null) return;
    this.closedSeen = new Set(this.state.get().votes.filter((v) => v.status === 'closed').map((v) => v.id));
  }

  /** Vote mode is on and a vote is open: a click on a candidate threat places a dot. */
  votingNow(): Vote | null {
    if (!this.placingDots.get() || !this.canVote()) return null;
    const open = openVote(this.state.get());
    return open?.status === 'open' ? open : null;
  }

  destroy(): void {
    this.unsubscribe();
    if (this.tick) clearInterval(this.tick);
  }

  now = (): number => this.clock.now();

  private fac<T>(fn: (doc: Y.Doc) => T): T | undefined {
    if (!this.isFacilitator) return undefined;
    return fn(this.facDoc);
  }

  // ── agenda and phase ───────────────────────────────────────────────────
  /** Move to another phase; a timer that already ran out belongs to the last one and is cleared. */
  setPhase(id: string): void {
    const t = this.state.get().timer;
    if (t.status === 'running' && timerRemaining(t, this.now()) === 0) this.stopTimer();
    this.fac((d) => setPhase(d, id, SESSION_ORIGIN));
  }
  addAgendaItem(title: string, prompt = ''): string | undefined {
    return this.fac((d) => addAgendaItem(d, title, prompt, SESSION_ORIGIN));
  }
  updateAgendaItem(id: string, patch: { title?: string; prompt?: string }): void {
    this.fac((d) => updateAgendaItem(d, id, patch, SESSION_ORIGIN));
  }
  moveAgendaItem(id: string, delta: -1 | 1): void {
    this.fac((d) => moveAgendaItem(d, id, delta, SESSION_ORIGIN));
  }
  deleteAgendaItem(id: string): void {
    this.fac((d) => deleteAgendaItem(d, id, SESSION_ORIGIN));
  }

  // ── timer ──────────────────────────────────────────────────────────────
  startTimer(durationMs: number): void {
    this.fac((d) => timer.start(d, durationMs, this.now(), SESSION_ORIGIN));
  }
  pauseTimer(): void {
    this.fac((d) => timer.pause(d, this.now(), SESSION_ORIGIN));
  }
  resumeTimer(): void {
    this.fac((d) => timer.resume(d, this.now(), SESSION_ORIGIN));
  }
  addMinute(): void {
    this.fac((d) => timer.add(d, 60_000, this.now(), SESSION_ORIGIN));
  }
  stopTimer(): void {
    this.fac((d) => timer.stop(d, SESSION_ORIGIN));
  }
  timerRemaining(): number {
    return timerRemaining(this.state.get().timer, this.now());
  }

  // ── summon and follow ──────────────────────────────────────────────────
  summon(view: string, camera: Camera, follow: boolean): void {
    this.fac((d) => summon(d, this.me.userId, view, camera, follow, SESSION_ORIGIN));
  }
  moveFocus(view: string, camera: Camera): void {
    this.fac((d) => moveFocus(d, view, camera, SESSION_ORIGIN));
  }
  releaseFollow(): void {
    this.fac((d) => releaseFollow(d, SESSION_ORIGIN));
  }
  /** "Follow me" is on and it is ours: our camera moves are pushed to everyone. */
  leadingFollow(): boolean {
    const f = this.state.get().focus;
    return !!f?.follow && f.by === this.me.userId;
  }

  // ── locks, attention ───────────────────────────────────────────────────
  setLocked(view: string, locked: boolean): void {
    this.fac((d) => setLocked(d, view, locked, SESSION_ORIGIN));
  }
  setCursorsHidden(hidden: boolean): void {
    this.fac((d) => setCursorsHidden(d, hidden, SESSION_ORIGIN));
  }
  lowerHand(userId: string): void {
    this.fac((d) => lowerHand(d, userId, this.now(), SESSION_ORIGIN));
  }

  // ── brainstorm ─────────────────────────────────────────────────────────
  startBrainstorm(view: string): void {
    this.fac((d) => startBrainstorm(d, view, this.now(), SESSION_ORIGIN));
  }
  /** Turning it off reveals every hidden note (the server does it). */
  stopBrainstorm(): void {
    this.fac((d) => stopBrainstorm(d, SESSION_ORIGIN));
  }
  revealNow(): void {
    this.fac((d) => requestReveal(d, SESSION_ORIGIN));
  }
  /**
   * New notes and threats on `view` go to this user's private document. Everyone who can write is
   * silent during a brainstorm, facilitators included: the point is that nobody anchors the group, and
   * the facilitator's ideas anchor it most.
   */
  brainstormingIn(view: string): boolean {
    return this.privateDoc !== null && this.state.get().brainstorm?.view === view;
  }

  // ── groups ─────────────────────────────────────────────────────────────
  addGroup(name: string, view = ''): string | undefined {
    return this.fac((d) => addGroup(d, name, view, SESSION_ORIGIN));
  }
  updateGroup(id: string, patch: Partial<Pick<Group, 'name' | 'view' | 'members'>>): void {
    this.fac((d) => updateGroup(d, id, patch, SESSION_ORIGIN));
  }
  assignToGroup(userId: string, groupId: string | null): void {
    this.fac((d) => assignToGroup(d, userId, groupId, SESSION_ORIGIN));
  }
  deleteGroup(id: string): void {
    this.fac((d) => deleteGroup(d, id, SESSION_ORIGIN));
  }
  setGroupPicking(on: boolean): void {
    this.fac((d) => setGroupPicking(d, on, SESSION_ORIGIN));
  }
  /** The group this user is in, if any. */
  myGroup(): Group | undefined {
    return this.state.get().groups.find((g) => g.members.includes(this.me.userId));
  }

  // ── votes ──────────────────────────────────────────────────────────────
  /** Start a dot vote; with a duration, the timer runs for it and the vote closes when it ends. */
  startVote(opts: { scope: VoteScope; budget: number; allowMultiple: boolean; durationMs?: number; title?: string }): string | undefined {
    return this.fac((d) => {
      // With a duration, the vote starts the shared timer and the server closes it at zero; this tab
      // also closes it then, so a vote ends on time even before the server has heard of a pause.
      const id = startVote(d, { ...opts, now: this.now() }, SESSION_ORIGIN);
      if (opts.durationMs && opts.durationMs > 0) this.timedVotes.add(id);
      return id;
    });
  }
  closeVote(id: string): void {
    this.timedVotes.delete(id);
    this.fac((d) => requestCloseVote(d, id, SESSION_ORIGIN));
  }
  private closeTimedVotes(): void {
    if (this.timedVotes.size === 0) return;
    const s = this.state.get();
    const open = openVote(s);
    for (const id of [...this.timedVotes]) {
      if (!open || open.id !== id || open.status !== 'open') {
        this.timedVotes.delete(id);
        continue;
      }
      if (s.timer.status === 'running' && timerRemaining(s.timer, this.now()) === 0) this.closeVote(id);
    }
  }
  /** Voters are facilitators and participants: viewers cannot write, and have no private document. */
  canVote(): boolean {
    return this.privateDoc !== null;
  }
  /** Place or take back a dot on a threat, within the vote's rules. */
  dot(threatId: string, intent: DotIntent): DotOutcome {
    const vote = openVote(this.state.get());
    if (!vote || vote.status !== 'open' || !this.privateDoc) return { refused: 'No vote is open.' };
    const outcome = dotClick(vote, this.ballots.get(vote.id), threatId, intent);
    if ('delta' in outcome) castDot(this.privateDoc, vote.id, threatId, outcome.delta, SESSION_ORIGIN);
    this.notice.set('refused' in outcome ? outcome.refused : null);
    return outcome;
  }
}
