import type { WebsocketProvider } from 'y-websocket';

/** First retry waits up to this long; each failed attempt doubles the ceiling up to `BACKOFF_MAX_MS`. */
export const BACKOFF_BASE_MS = 200;
export const BACKOFF_MAX_MS = 4000;

/**
 * How long to wait before reconnect attempt `attempt` (1 = the first retry): "full jitter", a uniform
 * random delay between 0 and an exponentially growing ceiling. When a server restarts, every client of
 * it loses its socket at the same instant; without jitter they would all come back in the same
 * millisecond, again and again.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const steps = Number.isFinite(attempt) ? Math.min(Math.max(0, Math.floor(attempt) - 1), 16) : 0;
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** steps);
  const r = random();
  return Math.floor(ceiling * (Number.isFinite(r) ? Math.min(Math.max(r, 0), 0.999999) : 0.5));
}

/**
 * Take over y-websocket's reconnect loop, which waits `2^n × 100 ms` (capped) with no jitter: after each
 * closed socket, switch the provider's own retry off (it checks `shouldConnect` before connecting) and
 * connect again after `reconnectDelay`. The provider still decides first whether a close is final (its
 * `shouldReconnect` option, then its `closed` event); this only changes when the next attempt happens.
 *
 * The browser's network events short-cut the wait: `online` tries at once, `offline` drops the socket
 * (it is dead anyway, and the page should say so now rather than at the next missed ping).
 * Returns the clean-up.
 */
export function reconnectWithJitter(provider: WebsocketProvider, random: () => number = Math.random): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let final = false;

  const retry = () => {
    timer = undefined;
    if (!final) provider.connect();
  };
  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(retry, delay);
  };
  const onClose = () => {
    // `disconnect()` (leaving the page, going offline) clears `shouldConnect` before it closes.
    if (!provider.shouldConnect || final) return;
    provider.shouldConnect = false;
    attempt++;
    schedule(reconnectDelay(attempt, random));
  };
  const onClosed = () => {
    final = true;
    clearTimeout(timer);
  };
  const onSync = (synced: boolean) => {
    if (synced) attempt = 0;
  };
  const onOnline = () => {
    if (final || provider.ws) return;
    clearTimeout(timer);
    retry();
  };
  const onOffline = () => {
    if (final || !provider.ws) return;
    provider.disconnect();
    // Until the browser says it is back, try now and then in case its guess is wrong.
    schedule(BACKOFF_MAX_MS);
  };

  provider.on('connection-close', onClose);
  provider.on('closed', onClosed);
  provider.on('sync', onSync);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  return () => {
    final = true;
    clearTimeout(timer);
    provider.off('connection-close', onClose);
    provider.off('closed', onClosed);
    provider.off('sync', onSync);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  };
}
