/**
 * "just now", "3 min ago", "2 h ago", "yesterday", "4 days ago", then the date: how long ago a server
 * time was, read against the server's clock. A value that is not a plausible time gives null (show
 * nothing), so a hostile record never crashes a panel.
 */
export function relativeTime(at: unknown, now: number): string | null {
  if (typeof at !== 'number' || isoTime(at) === null || !Number.isFinite(now)) return null;
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return 'just now';
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h ago`;
  const days = Math.round(h / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** The machine-readable form for `<time datetime>`, or null for a value that is not a time. */
export function isoTime(at: unknown): string | null {
  if (typeof at !== 'number' || !Number.isFinite(at) || at <= 0) return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
