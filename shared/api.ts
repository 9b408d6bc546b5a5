import { z } from 'zod';
import { BoardId, Role, UserId } from './roles';
import type { Shape } from './model/schema';

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks) and zero-width characters: invisible,
 * they can make a name read as someone else's or reorder the text around it. Removed from names and titles
 * before any other check, so a name made only of them is empty.
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/** A string with invisible characters removed, then trimmed. */
const visibleText = () => z.string().transform(stripInvisible).pipe(z.string().trim());

/** Request and response bodies of the HTTP API; validated on the server and trusted nowhere else. */
export const Title = visibleText().pipe(z.string().min(1, 'title must not be empty').max(200, 'title is at most 200 characters'));
export const DisplayName = visibleText().pipe(
  z
    .string()
    .min(1, 'name must not be empty')
    .max(60, 'name is at most 60 characters')
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'name must not contain control characters'),
);

export const CreateBoardBody = z.object({ title: Title, template: z.string().max(64).optional() }).strict();
export type CreateBoardBody = z.infer<typeof CreateBoardBody>;

export const InviteKey = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'invite key is malformed');

export const Invites = z.object({ facilitator: InviteKey, participant: InviteKey, viewer: InviteKey });
export type Invites = z.infer<typeof Invites>;

export const CreateBoardResponse = z.object({ id: BoardId, title: Title, invites: Invites });
export type CreateBoardResponse = z.infer<typeof CreateBoardResponse>;

export const JoinBody = z
  .object({
    invite: InviteKey,
    name: DisplayName,
    /** This browser's current session token for the board, if any: joining again keeps the same person. */
    session: z.string().max(4096).optional(),
  })
  .strict();
export type JoinBody = z.infer<typeof JoinBody>;

export const JoinResponse = z.object({ token: z.string(), userId: UserId, role: Role });
export type JoinResponse = z.infer<typeof JoinResponse>;

export const BoardInfo = z.object({ id: BoardId, title: Title });
export type BoardInfo = z.infer<typeof BoardInfo>;

/** The claims inside a session token. `exp` is seconds since the epoch, as in JWT. */
export const TokenClaims = z.object({
  board: BoardId,
  role: Role,
  sub: UserId,
  name: DisplayName,
  exp: z.number().int().positive(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/** Every API error is `{ error, issues? }` with a human sentence in `error`. */
export const ApiError = z.object({ error: z.string(), issues: z.array(z.string()).optional() });
export type ApiError = z.infer<typeof ApiError>;

/** Invite links carry the key in the URL fragment, so it never reaches a server log or a Referer header. */
export function inviteUrl(origin: string, boardId: string, invite: string): string {
  return `${origin}/b/${boardId}#invite=${invite}`;
}

/** A facilitator's name for an invite link ("Ward team B", "Auditors"): shown in the list of links. */
export const InviteLabel = visibleText().pipe(
  z
    .string()
    .min(1, 'label must not be empty')
    .max(80, 'label is at most 80 characters')
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'label must not contain control characters'),
);

/** One invite link as listed to facilitators: never its key (the server keeps only a hash of it). */
export const InviteInfo = z.object({
  id: z.string().min(1).max(64),
  role: Role,
  label: z.string().max(200),
  createdAt: z.number().int().nonnegative(),
  createdBy: z.object({ id: z.string().max(64), name: z.string().max(200) }).nullable(),
});
export type InviteInfo = z.infer<typeof InviteInfo>;

/** `GET /api/boards/:id/invites`: the active links, oldest first. */
export const InviteList = z.object({ invites: z.array(InviteInfo) });
export type InviteList = z.infer<typeof InviteList>;

/** `POST /api/boards/:id/invites/new`: one more link; the answer carries its key, shown this once. */
export const NewInviteBody = z.object({ role: Role, label: InviteLabel }).strict();
export type NewInviteBody = z.infer<typeof NewInviteBody>;
export const NewInviteResponse = InviteInfo.extend({ key: InviteKey });
export type NewInviteResponse = z.infer<typeof NewInviteResponse>;

/** The most active links a board may have: each one is a door into the board to keep track of. */
export const MAX_ACTIVE_INVITES = 50;

/** `GET /api/boards/:id/activity?since=<ms>`: what changed on a board, for the "Your boards" list. */
export const BoardActivity = z.object({
  title: z.string().max(200),
  /** Newest server stamp on any record (0 when nothing was stamped yet). */
  lastActivityAt: z.number().int().nonnegative(),
  /** Threats, mitigations and comments others created or changed after `since`. */
  unseen: z.number().int().nonnegative(),
});
export type BoardActivity = z.infer<typeof BoardActivity>;

/**
 * `GET /api/boards/:id/shapes`: the board's valid shapes, placed and in z order, for the board page's
 * first paint (server/routes/shapes.ts). A client checks every entry against `Shape` again.
 */
export interface BoardShapes {
  shapes: Shape[];
}
