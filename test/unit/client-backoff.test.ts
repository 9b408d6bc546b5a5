import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, reconnectDelay } from '../../client/sync/backoff';

/** A seeded generator (mulberry32), so the spread checks are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('reconnect delay (full jitter)', () => {
  it('stays between 0 and a ceiling that doubles per attempt up to the maximum', () => {
    const random = seeded(1);
    for (let attempt = 1; attempt <= 40; attempt++) {
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const d = reconnectDelay(attempt, random);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
        expect(Number.isInteger(d)).toBe(true);
      }
    }
    // The extremes of the random source stay inside too.
    expect(reconnectDelay(1, () => 0)).toBe(0);
    expect(reconnectDelay(1, () => 0.9999999999)).toBeLessThan(BACKOFF_BASE_MS);
    expect(reconnectDelay(99, () => 1)).toBeLessThan(BACKOFF_MAX_MS);
    expect(reconnectDelay(1e9, () => 0.5)).toBe(BACKOFF_MAX_MS / 2);
    expect(reconnectDelay(Number.NaN, () => 0.5)).toBe(BACKOFF_BASE_MS / 2);
    expect(reconnectDelay(3, () => Number.NaN)).toBeLessThan(BACKOFF_MAX_MS);
  });

  it('spreads 100 clients of a restarted server over the whole window instead of one instant', () => {
    const random = seeded(7);
    for (const attempt of [1, 3, 10]) {
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      const delays = Array.from({ length: 100 }, () => reconnectDelay(attempt, random));
      // No lockstep: no millisecond gets more than a handful, and every tenth of the window gets some.
      const perMs = new Map<number, number>();
      for (const d of delays) perMs.set(d, (perMs.get(d) ?? 0) + 1);
      expect(Math.max(...perMs.values())).toBeLessThanOrEqual(4);
      expect(perMs.size).toBeGreaterThan(60);
      const buckets = new Array<number>(10).fill(0);
      for (const d of delays) buckets[Math.floor((d / ceiling) * 10)]!++;
      expect(Math.min(...buckets)).toBeGreaterThan(0);
      expect(Math.max(...buckets)).toBeLessThan(30);
    }
  });

  it('grows with the attempts: later retries wait longer on average', () => {
    const random = seeded(3);
    const mean = (attempt: number) => {
      let sum = 0;
      for (let i = 0; i < 1000; i++) sum += reconnectDelay(attempt, random);
      return sum / 1000;
    };
    const m1 = mean(1);
    const m3 = mean(3);
    const m8 = mean(8);
    expect(m1).toBeLessThan(m3);
    expect(m3).toBeLessThan(m8);
    expect(m8).toBeGreaterThan(BACKOFF_MAX_MS * 0.4);
  });
});
