import { z } from 'zod';

/**
 * Fields this client adds to its awareness state beyond `Presence` in `shared/presence.ts`. The server
 * relays only the fields `PresenceFields` knows (keep the two in step) and rewrites `user`. Read from
 * other browsers, so each is validated; a bad value reads as absent rather than dropping the person.
 *
 *  - `hand`: when the hand was raised (server clock, ms), null when down. The facilitator lowers a hand
 *    by recording the time in the facilitation document; a hand raised later is up again.
 *  - `camera`: what this person is looking at, for "Follow": the view, the world point at the centre of
 *    their canvas and the zoom. The centre (not the corner) is shared so windows of different sizes show
 *    the same place.
 *  - `groupPick`: the small group this person chose while the facilitator lets people pick.
 */
const finite = z.number().finite();
export const SharedCamera = z.object({ view: z.string().max(64), x: finite, y: finite, zoom: z.number().positive().max(100) });
export type SharedCamera = z.infer<typeof SharedCamera>;

export const PresenceExtras = z.object({
  hand: finite.nullable().catch(null).default(null),
  camera: SharedCamera.nullable().catch(null).default(null),
  groupPick: z.string().max(64).nullable().catch(null).default(null),
});
export type PresenceExtras = z.infer<typeof PresenceExtras>;

export function readExtras(state: unknown): PresenceExtras {
  const r = PresenceExtras.safeParse(state ?? {});
  return r.success ? r.data : { hand: null, camera: null, groupPick: null };
}
