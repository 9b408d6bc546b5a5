import { z } from 'zod';
import { Role } from './roles';

/**
 * What each client publishes in awareness on the board document. Presence is synced, never persisted.
 * The server overwrites `user` from the connection's token, so nobody can appear as someone else.
 */
export const PresenceUser = z.object({
  id: z.string().max(64),
  name: z.string().max(60),
  role: Role,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof PresenceUser>;

export const Presence = z.object({
  user: PresenceUser,
  cursor: z.object({ x: z.number().finite(), y: z.number().finite(), view: z.string().max(64) }).nullable().default(null),
  selection: z.array(z.string().max(64)).max(5000).default([]),
  view: z.string().max(64).optional(),
});
export type Presence = z.infer<typeof Presence>;

/**
 * What the server relays of a presence state besides `user`: every field a client publishes, each
 * validated on its own (an invalid field is dropped, the rest kept), unknown keys left out.
 */
const finite = z.number().finite();
export const PresenceFields = z.object({
  cursor: z.object({ x: finite, y: finite, view: z.string().max(64) }).nullable().optional().catch(undefined),
  selection: z.array(z.string().max(64)).max(500).optional().catch(undefined),
  view: z.string().max(64).optional().catch(undefined),
  camera: z.object({ view: z.string().max(64), x: finite, y: finite, zoom: z.number().positive().max(100) }).nullable().optional().catch(undefined),
  hand: finite.nullable().optional().catch(undefined),
  groupPick: z.string().max(64).nullable().optional().catch(undefined),
});
export type PresenceFields = z.infer<typeof PresenceFields>;

/**
 * Presence colours: cursors, selection outlines and avatars with white initials. Each is dark enough for
 * white text at 4.5:1 or more (WCAG 2.2 AA, 1.4.3), and the ten hues stay apart from one another.
 */
export const PRESENCE_COLORS = ['#c92a2a', '#237032', '#1971c2', '#b45309', '#9c36b5', '#0b7285', '#c2410c', '#5f3dc4', '#c2255c', '#4d7a0f'] as const;
const PALETTE = PRESENCE_COLORS;

/** A stable colour per user id, so the same person keeps their colour across reconnects. */
export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
