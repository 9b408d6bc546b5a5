/**
 * Preloaded (`--import`) into every server process the bench starts, peers included: answers the bench's
 * question "how much heap after a full GC, and how many rooms are loaded" over the IPC channel. Peers'
 * launchers publish their room count as `globalThis.__benchRooms`.
 */
type Ask = { type: 'mem'; id: number };

const g = globalThis as { gc?: () => void; __benchRooms?: () => number };

if (process.send) {
  process.on('message', (m: Ask) => {
    if (m?.type !== 'mem') return;
    g.gc?.();
    const mu = process.memoryUsage();
    process.send!({ type: 'mem', id: m.id, heapUsed: mu.heapUsed, heapTotal: mu.heapTotal, external: mu.external, rss: mu.rss, rooms: g.__benchRooms?.() ?? null });
  });
  // The IPC channel must not keep a server alive that wants to exit.
  process.channel?.unref();
}
