import { z } from 'zod';

export const ROLES = ['facilitator', 'participant', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A board id: url-safe random string, also used as the y-websocket room name of the board document. */
export const BoardId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'board id must be 8–64 url-safe characters');
export const UserId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'user id must be 8–64 url-safe characters');

/**
 * The documents of a board, as y-websocket room names:
 *   <boardId>                   board content (views, shapes, threats …)
 *   <boardId>/facilitation      phase, timer, votes: written by facilitators only
 *   <boardId>/private/<userId>  one user's hidden notes and ballots
 */
export type RoomRef =
  | { kind: 'board'; boardId: string; name: string }
  | { kind: 'facilitation'; boardId: string; name: string }
  | { kind: 'private'; boardId: string; userId: string; name: string };

const ROOM_PATTERN = /^([A-Za-z0-9_-]{8,64})(?:\/(facilitation)|\/private\/([A-Za-z0-9_-]{8,64}))?$/;

/** Parse a room name strictly; anything that is not one of the three forms is `null`. */
export function parseRoomName(name: string): RoomRef | null {
  const m = ROOM_PATTERN.exec(name);
  if (!m) return null;
  const boardId = m[1]!;
  if (m[2]) return { kind: 'facilitation', boardId, name };
  if (m[3]) return { kind: 'private', boardId, userId: m[3], name };
  return { kind: 'board', boardId, name };
}

export interface Access {
  read: boolean;
  write: boolean;
}

/** Who may read and write which document. The server enforces this; the UI only mirrors it. */
export function accessTo(room: RoomRef, who: { role: Role; userId: string; boardId: string }): Access {
  if (room.boardId !== who.boardId) return { read: false, write: false };
  switch (room.kind) {
    case 'board':
      return { read: true, write: who.role !== 'viewer' };
    case 'facilitation':
      return { read: true, write: who.role === 'facilitator' };
    case 'private': {
      // Viewers write nothing anywhere: no hidden notes to reveal, no ballots to count.
      const own = room.userId === who.userId;
      return { read: own, write: own && who.role !== 'viewer' };
    }
  }
}

export function canEditBoard(role: Role): boolean {
  return role !== 'viewer';
}
