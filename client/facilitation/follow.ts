import type { Focus } from '../../shared/facilitation/schema';
import { centreOn } from '../canvas/camera';
import type { SessionState } from '../editor/session-state';
import { createStore, type Store } from '../lib/store';
import type { SharedCamera } from '../model/presence-extras';
import type { PresenceStore } from '../model/presence-store';
import type { Facilitation } from './session';

/** How often our camera goes out while it moves (awareness for "Follow", the focus for "Follow me"). */
export const CAMERA_PUSH_MS = 200;

export type FollowTarget = { kind: 'user'; userId: string } | { kind: 'focus' };

export interface FollowState {
  following: FollowTarget | null;
  /** We were following the facilitator's "Follow me" and moved away (or stopped): offer "Follow again". */
  strayed: boolean;
}

/** A trailing throttle: `fn` runs at once, then at most once per `ms` while calls keep coming. */
export function throttle(fn: () => void, ms: number): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const tick = () => {
    if (pending) {
      pending = false;
      fn();
      timer = setTimeout(tick, ms);
    } else timer = null;
  };
  return {
    call() {
      if (timer) {
        pending = true;
        return;
      }
      fn();
      timer = setTimeout(tick, ms);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = false;
    },
  };
}

/**
 * What a client does with a summon (`focus` in the facilitation document):
 *  - a new `seq` from someone else moves our view and camera once;
 *  - with `follow` on, every later change of the focus moves us too, until the facilitator releases it
 *    or we move the camera ourselves (then "Follow again" is offered);
 *  - `view: ''` is the small-groups summon ("Send groups to their views"): everyone goes to the view of
 *    their own group, zoomed to fit; people in no group (or a group without a view) stay where they are.
 * The camera in a focus (and in presence) is the world point at the centre of the sender's canvas plus
 * the zoom, so windows of different sizes show the same place.
 */
export function focusTarget(focus: Pick<Focus, 'view' | 'camera'>, groupView: string | null): { view: string; camera: Focus['camera'] | null } | null {
  if (focus.view !== '') return { view: focus.view, camera: focus.camera };
  return groupView ? { view: groupView, camera: null } : null;
}

/** What following needs: this tab's view and camera, the session, others' cameras, our presence. */
export interface FollowHost {
  readonly session: Pick<SessionState, 'viewport' | 'currentView' | 'view' | 'setView' | 'zoomToFit' | 'hasView'>;
  readonly fac: Facilitation;
  readonly presence: Pick<PresenceStore, 'subscribeCameras' | 'cameraOf'>;
  readonly me: { readonly userId: string };
  /** Set a field of our presence. */
  publish(field: string, value: unknown): void;
}

/**
 * Summon, "Follow me" and following anyone from the participant list. Any camera change this class did
 * not make itself is the user moving: it stops following.
 */
export class FollowController {
  readonly state: Store<FollowState> = createStore<FollowState>(
    { following: null, strayed: false },
    (a, b) => a.strayed === b.strayed && JSON.stringify(a.following) === JSON.stringify(b.following),
  );
  private applying = false;
  private started = false;
  private lastSeq = -1;
  private lastFocusKey = '';
  private lastPeerKey = '';
  private cleanups: (() => void)[] = [];
  private publish = throttle(() => this.publishCamera(), CAMERA_PUSH_MS);
  private push = throttle(() => this.pushFocus(), CAMERA_PUSH_MS);

  constructor(private readonly host: FollowHost) {
    this.cleanups.push(
      host.session.viewport.camera.subscribe(this.onOwnMove),
      host.session.currentView.subscribe(this.onOwnMove),
      host.fac.state.subscribe(this.onFacilitation),
      host.presence.subscribeCameras(this.onPeerCamera),
      () => this.publish.cancel(),
      () => this.push.cancel(),
    );
  }

  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
  }

  /**
   * Begin reacting to summons once the board is loaded and first fitted: a summon made before we came
   * is history, but a "Follow me" still on is followed at once.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const f = this.host.fac.state.get().focus;
    this.lastSeq = f?.seq ?? 0;
    if (f?.follow && f.by !== this.host.me.userId) {
      this.state.set({ following: { kind: 'focus' }, strayed: false });
      this.applyFocus(f);
    }
    this.publishCamera();
  }

  /** The camera we share: view, world point at the centre of the canvas, zoom. */
  sharedCamera(): SharedCamera {
    const { viewport, view } = this.host.session;
    const c = viewport.centreWorld();
    const zoom = viewport.camera.get().zoom;
    return { view, x: Math.round(c.x * 100) / 100, y: Math.round(c.y * 100) / 100, zoom: Math.round(zoom * 10_000) / 10_000 };
  }

  // ── facilitator actions ─────────────────────────────────────────────────

  /** "Bring everyone here": everyone's view and camera move to ours, once. Also "Everyone back". */
  bringEveryone(): void {
    const { view, ...camera } = this.sharedCamera();
    this.host.fac.summon(view, camera, false);
  }

  /** "Follow me" on or off. While on, our camera moves are pushed to the focus (see `pushFocus`). */
  setFollowMe(on: boolean): void {
    if (on) {
      const { view, ...camera } = this.sharedCamera();
      this.host.fac.summon(view, camera, true);
    } else this.host.fac.releaseFollow();
  }

  /** "Send groups to their views": a summon with no view (see `focusTarget`). */
  sendGroups(): void {
    const { ...camera } = this.sharedCamera();
    this.host.fac.summon('', { x: camera.x, y: camera.y, zoom: camera.zoom }, false);
  }

  // ── following ───────────────────────────────────────────────────────────

  followUser(userId: string): void {
    if (userId === this.host.me.userId) return;
    this.state.set({ following: { kind: 'user', userId }, strayed: false });
    this.lastPeerKey = '';
    this.onPeerCamera();
  }

  /** Stop following; a "Follow me" we stop following can be picked up again. */
  stop(): void {
    const was = this.state.get().following;
    this.state.set({ following: null, strayed: was?.kind === 'focus' });
  }

  followAgain(): void {
    const f = this.host.fac.state.get().focus;
    if (!f?.follow || f.by === this.host.me.userId) {
      this.state.set({ following: null, strayed: false });
      return;
    }
    this.state.set({ following: { kind: 'focus' }, strayed: false });
    this.applyFocus(f);
  }

  private onOwnMove = (): void => {
    this.publish.call();
    if (this.host.fac.leadingFollow()) this.push.call();
    if (this.applying) return;
    const { following } = this.state.get();
    if (following) this.state.set({ following: null, strayed: following.kind === 'focus' });
  };

  private onFacilitation = (): void => {
    if (!this.started) return;
    const me = this.host.me.userId;
    const f = this.host.fac.state.get().focus;
    const { following, strayed } = this.state.get();
    if (f && f.seq !== this.lastSeq) {
      this.lastSeq = f.seq;
      if (f.by === me) return;
      if (f.follow) this.state.set({ following: { kind: 'focus' }, strayed: false });
      else if (following?.kind === 'focus' || strayed) this.state.set({ following: null, strayed: false });
      this.applyFocus(f);
      return;
    }
    if (following?.kind === 'focus') {
      if (!f?.follow || f.by === me) this.state.set({ following: null, strayed: false });
      else if (focusKey(f) !== this.lastFocusKey) this.applyFocus(f);
    } else if (strayed && !f?.follow) this.state.set({ following: null, strayed: false });
  };

  private onPeerCamera = (): void => {
    const { following } = this.state.get();
    if (following?.kind !== 'user') return;
    const cam = this.host.presence.cameraOf(following.userId);
    if (!cam) return;
    const key = JSON.stringify(cam);
    if (key === this.lastPeerKey) return;
    this.lastPeerKey = key;
    this.apply(cam.view, cam);
  };

  private applyFocus(f: Focus): void {
    this.lastFocusKey = focusKey(f);
    const target = focusTarget(f, this.host.fac.myGroup()?.view || null);
    if (target) this.apply(target.view, target.camera);
  }

  /** Move to `view` and, when given, centre on the camera's point at its zoom; else fit the view. */
  private apply(view: string, camera: { x: number; y: number; zoom: number } | null): void {
    const ed = this.host.session;
    this.applying = true;
    try {
      if (view !== ed.view && ed.hasView(view)) ed.setView(view);
      if (view !== ed.view) return;
      if (camera) ed.viewport.camera.set(centreOn({ x: camera.x, y: camera.y }, ed.viewport.size.get(), camera.zoom));
      else ed.zoomToFit();
    } finally {
      this.applying = false;
    }
  }

  private publishCamera(): void {
    if (!this.started) return;
    this.host.publish('camera', this.sharedCamera());
  }

  private pushFocus(): void {
    if (!this.host.fac.leadingFollow()) return;
    const { view, ...camera } = this.sharedCamera();
    this.host.fac.moveFocus(view, camera);
  }
}

function focusKey(f: Focus): string {
  return `${f.view}|${f.camera.x}|${f.camera.y}|${f.camera.zoom}`;
}
