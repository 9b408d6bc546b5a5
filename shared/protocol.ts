/**
 * Wire-level constants shared by the sync server and its clients.
 * The message types are those of the y-websocket protocol so a stock provider works unchanged.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

/** Largest WebSocket frame the server accepts. A bigger frame closes that socket with `MessageTooBig`. */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

/** Close codes the server uses, by name, so logs and clients can tell why a socket ended. */
export const CloseCode = {
  /** Standard: the frame exceeded MAX_FRAME_BYTES (sent by the `ws` library itself). */
  MessageTooBig: 1009,
  /** The frame could not be decoded as a y-websocket message or carried a malformed Yjs update. */
  BadFrame: 4400,
  /** The session token expired while the socket was open; join again. */
  Unauthorized: 4401,
  Forbidden: 4403,
  /** A facilitator removed this person from the board; their token is refused from now on. */
  Removed: 4410,
  /** The socket did not read what the server sent it (buffered output over the limit). */
  SlowConsumer: 4408,
  /** The update broke a documented limit (content kind, nesting, string length, new client ids …). */
  Refused: 4422,
  /** The document is over its size quota. */
  QuotaExceeded: 4413,
  /** Too many updates or presence queries per second from one connection. */
  RateLimited: 4429,
  /** The server is shutting down or restarting; clients should reconnect (to another instance). */
  ServerShutdown: 4503,
} as const;

/** Sent (as an y-websocket auth message) the first time a read-only connection tries to write. */
export const READ_ONLY_NOTICE = 'read-only: your updates to this document are not accepted';
