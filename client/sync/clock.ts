/**
 * The server's clock, estimated from this browser's. Timers are stored as an anchor on the server clock
 * (`endsAt`), so every client showing the same countdown within a second needs the offset, not just its
 * own clock: laptop clocks drift by seconds.
 */
export interface ClockSample {
  /** Local time the request was sent and the answer arrived. */
  sent: number;
  received: number;
  /** The server's `now` in the answer. */
  server: number;
}

/**
 * NTP-style estimate: the server read its clock about half-way through the round trip. The sample with
 * the shortest round trip has the smallest error (at most half its round trip), so it wins.
 */
export function offsetFrom(samples: readonly ClockSample[]): { offset: number; error: number } | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    if (!Number.isFinite(s.server) || s.received < s.sent) continue;
    if (!best || s.received - s.sent < best.received - best.sent) best = s;
  }
  if (!best) return null;
  return { offset: Math.round(best.server - (best.sent + best.received) / 2), error: (best.received - best.sent) / 2 };
}

const SAMPLES = 4;
const REMEASURE_MS = 5 * 60_000;

export class ServerClock {
  private offset = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  /** Server time now, in ms since the epoch (our clock until the first measurement lands). */
  now = (): number => Date.now() + this.offset;

  start(): void {
    void this.measure();
    this.timer = setInterval(() => void this.measure(), REMEASURE_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  async measure(): Promise<void> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < SAMPLES && !this.stopped; i++) {
      try {
        const sent = Date.now();
        const res = await fetch('/api/health', { cache: 'no-store' });
        const received = Date.now();
        const body = (await res.json()) as { now?: unknown };
        if (typeof body.now === 'number') samples.push({ sent, received, server: body.now });
      } catch {
        // Offline: keep the last estimate; the next round tries again.
      }
    }
    const r = offsetFrom(samples);
    if (r) this.offset = r.offset;
  }
}
