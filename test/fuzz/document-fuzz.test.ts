import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { runSeed } from './document-fuzz';
import { Harness } from './harness';

/**
 * Seeded document fuzzing (see document-fuzz.ts). CI runs the named seeds and FUZZ_SEEDS random ones (1 by
 * default, one round each: about a minute); `npm run fuzz` runs many. A seed that fails once is added to NAMED with what it found.
 */
const NAMED: Record<number, string> = {
  1: 'junk records killed the process (map.get is not a function in the shapes observer; m?.forEach is not a function in readBallot)',
  2: 'a plain value as a mitigation record killed the process in numberMitigations (r.map.set is not a function)',
};

const count = Number(process.env.FUZZ_SEEDS ?? 1);
const rounds = Number(process.env.FUZZ_ROUNDS ?? 1);
const first = Number(process.env.FUZZ_SEED_START ?? Date.now() % 1_000_000);
const random = Array.from({ length: count }, (_, i) => first + i);

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.stop());
afterEach(async () => {
  h.closeClients();
  // A seed that crashed the server must not take the next one down with it.
  if (!h.alive) await h.proc.start();
});

describe('document fuzz: junk of every Yjs type in every document, by every role', () => {
  it('the checks themselves pass on a board nobody wrote junk into', async () => {
    const { seededBoard, assertBoardWorks } = await import('./document-fuzz');
    const { board } = await seededBoard(h, (await import('lib0/prng')).create(0));
    await h.restart();
    await assertBoardWorks(h, board, await h.board('Bystander'));
  });
  for (const [seed, found] of Object.entries(NAMED)) {
    it(`seed ${seed} (once found: ${found})`, () => runSeed(h, Number(seed), rounds), 300_000);
  }
  for (const seed of random) {
    it(`random seed ${seed} (replay: FUZZ_SEED_START=${seed} FUZZ_SEEDS=1)`, () => runSeed(h, seed, rounds), 300_000);
  }
});
