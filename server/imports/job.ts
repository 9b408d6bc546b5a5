import { parentPort } from 'node:worker_threads';
import { prepareImport, type ImportFailure, type PreparedImport } from './prepare';

/** Messages between the server and its import worker. */
export type ImportRequest = { id: number; bytes: Uint8Array };
export type ImportReply = { id: number; result: PreparedImport | ImportFailure } | { id: number; error: string };

parentPort?.on('message', ({ id, bytes }: ImportRequest) => {
  let reply: ImportReply;
  try {
    reply = { id, result: prepareImport(bytes) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  const transfer = 'result' in reply && reply.result.ok ? [...reply.result.board, reply.result.facilitation].map((u) => u.buffer as ArrayBuffer) : [];
  parentPort!.postMessage(reply, transfer);
});
