import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import * as encoding from 'lib0/encoding';
import { MessageType } from '../../shared/protocol';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import { addShape, newId } from '../../shared/model/board-doc';
import {
  answeredOrClosed,
  awarenessFrame,
  contentJsonUpdate,
  deepJsonArray,
  deepMapChainUpdate,
  eventually,
  pendingValueUpdate,
  syncStep1Frame,
  updateFrame,
  updateOf,
  type Harness,
  type RawSocket,
} from './harness';

/**
 * Protocol fuzzing: random, truncated, hand-encoded and oversized y-websocket frames over real sockets, from
 * every role to every document of a board. The frames are seeded; the server must stay up, keep serving an
 * honest session alongside, and keep its memory bounded.
 */

type Gen = prng.PRNG;
const int = (gen: Gen, min: number, max: number) => prng.int32(gen, min, max);

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const enc = encoding.createEncoder();
  for (const p of parts) p(enc);
  return encoding.toUint8Array(enc);
}
const varUint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const bytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeUint8Array(e, b);
const varBytes = (b: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, b);

/** Frames that are expensive to build, made once per run. */
export interface Arsenal {
  contentJsonBomb: Uint8Array;
  deepChains: Uint8Array[];
  manyClientIds: Uint8Array;
  oversized: Uint8Array;
  validUpdates: Uint8Array[];
}

export function buildArsenal(gen: Gen): Arsenal {
  const local = new Y.Doc();
  return {
    contentJsonBomb: updateFrame(contentJsonUpdate(prng.uint32(gen, 1, 2 ** 31), 'shapes', 'bomb', deepJsonArray(20_000))),
    deepChains: Array.from({ length: 4 }, (_, i) => updateFrame(deepMapChainUpdate(new Y.Doc(), ['shapes', 'notes', 'votes', 'views'][i]!, newId(), 3000))),
    manyClientIds: awarenessFrame(Array.from({ length: 50_000 }, (_, i): [number, number, string] => [10_000_000 + i, 1, '{"cursor":null}'])),
    oversized: updateFrame(prng.uint8Array(gen, 2 * 1024 * 1024 + 64)),
    validUpdates: Array.from({ length: 20 }, (_, i) =>
      updateOf(local, (d) => addShape(d, { kind: 'note', id: newId(), view: 'main', text: `fuzz ${i}` })),
    ),
  };
}

/** A JSON text nested `depth` deep, as objects or arrays. */
function jsonBomb(gen: Gen): string {
  const depth = int(gen, 1000, 100_000);
  return prng.bool(gen) ? deepJsonArray(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** One random frame. `rare` frames (huge, many ids, oversized) are drawn less often. */
export function randomFrame(gen: Gen, arsenal: Arsenal): Uint8Array {
  const valid = prng.oneOf(gen, arsenal.validUpdates);
  switch (int(gen, 0, 19)) {
    case 0:
      return prng.uint8Array(gen, int(gen, 0, 256));
    case 1: {
      // A valid update frame, cut short.
      const f = updateFrame(valid);
      return f.slice(0, int(gen, 0, f.length - 1));
    }
    case 2:
      return frame(varUint(MessageType.Sync), varUint(2), varBytes(prng.uint8Array(gen, int(gen, 0, 512))));
    case 3:
      return frame(varUint(MessageType.Sync), varUint(0), varBytes(prng.uint8Array(gen, int(gen, 0, 64))));
    case 4:
      return frame(varUint(MessageType.Sync), varUint(int(gen, 3, 1000)), varBytes(prng.uint8Array(gen, 8)));
    case 5:
      return frame(varUint(int(gen, 4, 2 ** 20)), bytes(prng.uint8Array(gen, int(gen, 0, 32))));
    case 6:
      // Varints that never end, or lengths far beyond the frame.
      return prng.bool(gen)
        ? frame(varUint(prng.oneOf(gen, [0, 1, 3])), bytes(new Uint8Array(int(gen, 5, 40)).fill(0xff)))
        : frame(varUint(MessageType.Sync), varUint(2), varUint(2 ** 31), bytes(prng.uint8Array(gen, 16)));
    case 7:
      return awarenessFrame([[prng.uint32(gen, 0, 2 ** 31), int(gen, 0, 1000), jsonBomb(gen)]]);
    case 8:
      return awarenessFrame([[prng.uint32(gen, 0, 2 ** 31), int(gen, 0, 1000), prng.oneOf(gen, ['', '{', 'null', '[]', '"x"', '1e999', '{"user":{"id":"someone","role":"facilitator"}}', '{"__proto__":{"polluted":1}}'])]]);
    case 9:
      return awarenessFrame(Array.from({ length: int(gen, 1, 200) }, (): [number, number, string] => [prng.uint32(gen, 0, 2 ** 31), prng.uint32(gen, 0, 2 ** 31), `{"cursor":{"x":${int(gen, -1e6, 1e6)},"y":1,"view":"${prng.word(gen)}"}}`]));
    case 10:
      return frame(varUint(MessageType.Awareness), varBytes(prng.uint8Array(gen, int(gen, 0, 128))));
    case 11:
      return Uint8Array.of(MessageType.QueryAwareness);
    case 12:
      return updateFrame(pendingValueUpdate(prng.uint32(gen, 1, 2 ** 31), { client: prng.uint32(gen, 1, 2 ** 31), clock: int(gen, 0, 1e6) }, prng.word(gen)));
    case 13: {
      // A delete set over clocks nobody wrote.
      const ds = frame(varUint(0), varUint(1), varUint(prng.uint32(gen, 0, 2 ** 31)), varUint(1), varUint(int(gen, 0, 1e6)), varUint(int(gen, 1, 1e6)));
      return updateFrame(ds);
    }
    case 14:
      return updateFrame(valid);
    case 15:
      return prng.oneOf(gen, arsenal.deepChains);
    case 16:
      return arsenal.contentJsonBomb;
    case 17:
      return updateFrame(contentJsonUpdate(prng.uint32(gen, 1, 2 ** 31), prng.oneOf(gen, ['shapes', 'meta', 'evil']), newId(), prng.bool(gen) ? '{"kind":"threat"}' : 'not json'));
    case 18:
      return int(gen, 0, 200) === 0 ? arsenal.manyClientIds : Uint8Array.of(MessageType.Sync);
    default:
      return int(gen, 0, 2000) === 0 ? arsenal.oversized : prng.uint8Array(gen, int(gen, 1, 4));
  }
}

export interface FuzzStats {
  frames: number;
  sockets: number;
  closeCodes: Record<string, number>;
  maxRssBytes: number;
}

/** The rooms and tokens the attack uses: every role on every document it may open. */
export function targets(board: CreateBoardResponse, people: JoinResponse[]): { room: string; token: string }[] {
  const out: { room: string; token: string }[] = [];
  for (const p of people) {
    out.push({ room: board.id, token: p.token }, { room: `${board.id}/facilitation`, token: p.token }, { room: `${board.id}/private/${p.userId}`, token: p.token });
  }
  return out;
}

/**
 * Send `total` frames in batches over a few sockets, reopening any the server closes. After each batch,
 * `check` runs (the honest session, liveness, memory).
 */
export async function attack(
  h: Harness,
  gen: Gen,
  arsenal: Arsenal,
  to: { room: string; token: string }[],
  total: number,
  check: (stats: FuzzStats) => Promise<void>,
): Promise<FuzzStats> {
  const stats: FuzzStats = { frames: 0, sockets: 0, closeCodes: {}, maxRssBytes: 0 };
  const open = async (): Promise<RawSocket> => {
    if (!h.alive) throw new Error(`the server process died after ${stats.frames} frames`);
    const t = prng.oneOf(gen, to);
    const s = await h.raw(t.room, t.token);
    stats.sockets++;
    void s.closed.then((code) => (stats.closeCodes[code] = (stats.closeCodes[code] ?? 0) + 1));
    return s;
  };
  const batch = 250;
  const socks = [await open(), await open(), await open()];
  // The biggest presence frame goes first, so even a short run sends it.
  socks[0]!.send(arsenal.manyClientIds);
  while (stats.frames < total) {
    for (let i = 0; i < batch && stats.frames < total; i++, stats.frames++) {
      const k = int(gen, 0, socks.length - 1);
      if (socks[k]!.ws.readyState !== 1) {
        socks[k]!.ws.terminate();
        socks[k] = await open();
      }
      socks[k]!.send(randomFrame(gen, arsenal));
    }
    // Pace on the server: it has handled every frame once each open socket answered (or was closed).
    for (const s of socks) s.send(syncStep1Frame());
    await Promise.all(socks.map((s) => answeredOrClosed(s).catch(() => undefined)));
    for (let k = 0; k < socks.length; k++) {
      socks[k]!.ws.terminate();
      socks[k] = await open();
    }
    h.sockets.splice(0, h.sockets.length - socks.length);
    if (h.alive) stats.maxRssBytes = Math.max(stats.maxRssBytes, h.rss());
    await check(stats);
  }
  return stats;
}

export { eventually };
