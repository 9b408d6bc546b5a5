import type { Awareness } from 'y-protocols/awareness';

/**
 * Whether the server says it cannot save right now: while its database is unavailable it keeps the room
 * live and publishes a presence entry of its own, `{ server: { saving: 'paused' } }` (no `user`, so the
 * presence store skips it).
 */
export function savingPaused(states: ReadonlyMap<number, unknown>): boolean {
  for (const state of states.values()) {
    const server = (state as { server?: unknown } | null)?.server;
    if (typeof server === 'object' && server !== null && (server as { saving?: unknown }).saving === 'paused') return true;
  }
  return false;
}

/** Call `onChange` with the server's saving state whenever presence changes; returns the unsubscribe. */
export function watchSaving(awareness: Awareness, onChange: (paused: boolean) => void): () => void {
  const handler = () => onChange(savingPaused(awareness.getStates()));
  awareness.on('change', handler);
  return () => awareness.off('change', handler);
}
