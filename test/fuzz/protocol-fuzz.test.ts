import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { addShape, boardMaps, newId } from '../../shared/model/board-doc';
import { attack, buildArsenal, eventually, targets } from './protocol-fuzz';
import { Harness } from './harness';

/**
 * Protocol fuzz (see protocol-fuzz.ts): CI sends 5,000 frames, `npm run fuzz` 100,000 (FUZZ_FRAMES).
 * Replay a run with FUZZ_PROTOCOL_SEED.
 */
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 5000);
const SEED = Number(process.env.FUZZ_PROTOCOL_SEED ?? Date.now() % 1_000_000);
/** Generous: the server idles at ~100 MB; a leak of the attack's frames would pass this quickly. */
const MAX_RSS_BYTES = 1024 * 1024 * 1024;

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.stop());

describe('protocol fuzz', () => {
  it(`${FRAMES} random, truncated, hand-encoded and oversized frames (seed ${SEED}): server alive, honest session unaffected, memory bounded`, async () => {
    const gen = prng.create(SEED);
    const attacked = await h.board('Attacked board');
    const people = [await h.join(attacked, 'facilitator'), await h.join(attacked, 'participant'), await h.join(attacked, 'viewer')];
    // The honest session is on another board of the same server, plus a reader on the attacked one.
    const calm = await h.board('Calm board');
    const ada = await h.open(calm.id, (await h.join(calm, 'participant', 'Ada')).token);
    const bo = await h.open(calm.id, (await h.join(calm, 'participant', 'Bo')).token);
    const honest = await h.open(attacked.id, (await h.join(attacked, 'facilitator', 'Fay')).token);
    const watcher = await h.open(attacked.id, (await h.join(attacked, 'viewer', 'Vic')).token);

    const stats = await attack(h, gen, buildArsenal(gen), targets(attacked, people), FRAMES, async (s) => {
      expect(h.alive, `server alive after ${s.frames} frames`).toBe(true);
      expect(s.maxRssBytes).toBeLessThan(MAX_RSS_BYTES);
      // Convergence within the polling window is the latency bound; no clock is read.
      const a = addShape(ada.doc, { kind: 'note', id: newId(), view: 'main', text: `after ${s.frames}` });
      const f = addShape(honest.doc, { kind: 'note', id: newId(), view: 'main', text: `after ${s.frames}` });
      await eventually(() => expect(boardMaps(bo.doc).shapes.has(a.id), 'an honest edit on a calm board was relayed').toBe(true), 5000);
      await eventually(() => expect(boardMaps(watcher.doc).shapes.has(f.id), 'an honest edit on the attacked board was relayed').toBe(true), 5000);
    });
    console.log(`protocol fuzz: ${stats.frames} frames over ${stats.sockets} sockets; close codes ${JSON.stringify(stats.closeCodes)}; max RSS ${(stats.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
    expect(await h.health()).toBe(200);
  }, 600_000);
});
