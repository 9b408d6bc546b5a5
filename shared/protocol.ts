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
  Unauthorized: 4401,
  Forbidden: 4403,
  /** The server is shutting down; clients should reconnect. */
  ServerShutdown: 4503,
} as const;
export type CloseCodeName = keyof typeof CloseCode;

/** Sent (as an y-websocket auth message) the first time a read-only connection tries to write. */
export const READ_ONLY_NOTICE = 'read-only: your updates to this document are not accepted';
