import type { Awareness } from 'y-protocols/awareness';
import { handIsUp } from '../../shared/facilitation/doc';
import { createStore, type Store } from '../lib/store';
import { storedHandsStore } from './hands';
import type { PresenceStore } from '../model/presence-store';
import type { Facilitation } from './session';

/**
 * What this user says about themselves in presence for the live session: a raised hand and, while the
 * facilitator lets people pick, the small group they chose. A facilitator's client turns such picks into
 * group assignments (only facilitators may write the facilitation document).
 */
export class SelfPresence {
  /** When our hand went up (server clock), null when it is down. */
  readonly hand: Store<number | null> = createStore<number | null>(null);
  readonly groupPick: Store<string | null> = createStore<string | null>(null);
  private cleanups: (() => void)[] = [];
  /** This tab raised or lowered the hand itself: the stored hand no longer speaks for it. */
  private touched = false;

  constructor(
    awareness: Awareness,
    private readonly fac: Facilitation,
    presence: PresenceStore,
  ) {
    this.cleanups.push(
      this.hand.subscribe(() => awareness.setLocalStateField('hand', this.hand.get())),
      this.groupPick.subscribe(() => awareness.setLocalStateField('groupPick', this.groupPick.get())),
      // The facilitator lowered our hand: it is down here too.
      fac.state.subscribe(() => {
        const raised = this.hand.get();
        if (raised !== null && !handIsUp(raised, fac.state.get().handsLowered[fac.me.userId])) this.hand.set(null);
      }),
    );
    // After a reload: a hand the server kept for us (not lowered since) is up again here.
    const hands = storedHandsStore(fac.facDoc);
    const restore = () => {
      const mine = hands.get().get(fac.me.userId);
      if (this.touched || this.hand.get() !== null || !mine || !this.canRaiseHand) return;
      if (handIsUp(mine.raisedAt, fac.state.get().handsLowered[fac.me.userId])) this.hand.set(mine.raisedAt);
    };
    this.cleanups.push(hands.subscribe(restore));
    restore();
    if (fac.isFacilitator) this.cleanups.push(assignPicks(fac, presence));
  }

  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
  }

  /** Viewers watch: no hands, no votes. */
  get canRaiseHand(): boolean {
    return this.fac.me.role !== 'viewer';
  }

  raiseHand(): void {
    this.touched = true;
    if (this.canRaiseHand) this.hand.set(this.fac.now());
  }

  lowerHand(): void {
    this.touched = true;
    this.hand.set(null);
  }

  pickGroup(groupId: string | null): void {
    this.groupPick.set(groupId);
  }
}

/**
 * On a facilitator's client, while picking is open: write each person's new pick as their group
 * membership. A pick is applied once, so a facilitator can still move that person elsewhere by hand.
 * Every facilitator's client may do it; the writes are idempotent.
 */
function assignPicks(fac: Facilitation, presence: PresenceStore): () => void {
  const applied = new Map<string, string>();
  const sync = () => {
    if (!fac.groupPicking.get()) return;
    const groups = fac.state.get().groups;
    for (const p of presence.getParticipants()) {
      if (!p.groupPick || applied.get(p.id) === p.groupPick) continue;
      const g = groups.find((x) => x.id === p.groupPick);
      if (!g) continue;
      applied.set(p.id, g.id);
      if (!g.members.includes(p.id)) fac.assignToGroup(p.id, g.id);
    }
  };
  const a = presence.subscribeParticipants(sync);
  const b = fac.state.subscribe(sync);
  const c = fac.groupPicking.subscribe(sync);
  sync();
  return () => {
    a();
    b();
    c();
  };
}
