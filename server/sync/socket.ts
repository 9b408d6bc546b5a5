/** The minimum a room needs from a socket, so rooms can be tested without a network. */
export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}
