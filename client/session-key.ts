/** The localStorage keys of this browser's board sessions (session.ts reads and writes them). */
export const SESSION_PREFIX = 'threatboard:session:';

/** Where this browser keeps its session for a board. */
export function sessionKey(boardId: string): string {
  return SESSION_PREFIX + boardId;
}
