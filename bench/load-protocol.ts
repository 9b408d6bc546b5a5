import type { Endpoint } from './proto';

/** Messages between the bench (parent) and its load-generator processes (bench/load-worker.ts). */
export interface RoomLoad {
  room: number;
  endpoints: Endpoint[];
  /** Whether the first endpoint here is this room's writer. */
  writer: boolean;
  /** How many clients (after the writer) keep a full Y.Doc, to compare documents at the end. */
  docClients: number;
  /** How many clients decode presence states to measure cursor delay. */
  cursorMeters: number;
}

export type ToWorker =
  | { type: 'connect'; rooms: RoomLoad[] }
  | { type: 'start'; hz: number; editsPerSec: number; durationMs: number }
  /** After every process stopped: how many edits each room's writer sent, to wait for. */
  | { type: 'settle'; expected: Record<number, number>; settleMs: number }
  | { type: 'close' };

export interface RoomReport {
  room: number;
  /** Edits this worker's writer sent (0 when the writer is elsewhere). */
  sent: number;
  /** Distinct edits each receiving client got. */
  receivedPerClient: number[];
  /** Latest arrival of each edit among this worker's clients, by sequence number. */
  lastArrival: Record<number, number>;
  sentAt: Record<number, number>;
  /** State vector (base64) and content hash of every client that kept a Y.Doc. */
  docs: { stateVector: string; hash: string }[];
}

export type FromWorker =
  | { type: 'connected'; ms: number }
  /** Sending stopped; edits sent by this process's writers, by room. */
  | { type: 'stopped'; sent: Record<number, number> }
  | {
      type: 'done';
      /** Send → receive, one sample per edit and receiving client, ms. */
      editLatencies: number[];
      cursorDelays: number[];
      rooms: RoomReport[];
      /** CPU seconds this load process used while measuring, and the window's length in seconds. */
      cpuSeconds: number;
      windowSeconds: number;
      framesIn: number;
      bytesIn: number;
      /** Sockets that closed before the end, by close code. */
      closed: Record<number, number>;
    }
  | { type: 'error'; message: string };
