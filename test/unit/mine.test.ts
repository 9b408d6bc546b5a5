import { describe, expect, test } from 'vitest';
import { countMine, isMine, ownerKey } from '../../client/people/mine';
import { isoTime, relativeTime } from '../../client/people/relative-time';

describe('"assigned to me" matcher', () => {
  test('an owner is mine when it is my display name, ignoring case and spacing', () => {
    expect(isMine('Ada Lovelace', 'Ada Lovelace')).toBe(true);
    expect(isMine('  ada   LOVELACE ', 'Ada Lovelace')).toBe(true);
    expect(isMine('Ada', 'Ada Lovelace')).toBe(false);
    expect(isMine('Ada Lovelace (team)', 'Ada Lovelace')).toBe(false);
    expect(ownerKey(' Bob\tSmith ')).toBe('bob smith');
  });

  test('nothing is mine without a name, and junk never matches or throws', () => {
    expect(isMine('', '')).toBe(false);
    expect(isMine('   ', '  ')).toBe(false);
    expect(isMine('Ada', '')).toBe(false);
    expect(isMine(undefined, 'Ada')).toBe(false);
    expect(isMine({ toString: () => 'Ada' }, 'Ada')).toBe(false);
    expect(isMine('Ada', 42)).toBe(false);
  });

  test('counts the items I own', () => {
    const items = [{ owner: 'Ada' }, { owner: 'ada ' }, { owner: 'Bob' }, { owner: '' }];
    expect(countMine(items, 'Ada')).toBe(2);
    expect(countMine(items, '')).toBe(0);
  });
});

describe('relative time', () => {
  const now = Date.UTC(2026, 0, 10, 12, 0, 0);
  test('reads how long ago a server time was', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(relativeTime(now - 2 * 3600_000, now)).toBe('2 h ago');
    expect(relativeTime(now - 26 * 3600_000, now)).toBe('yesterday');
    expect(relativeTime(now - 4 * 86400_000, now)).toBe('4 days ago');
    expect(relativeTime(now - 40 * 86400_000, now)).toMatch(/2025/);
    // A time slightly ahead of our estimate of the server clock is "just now", not negative.
    expect(relativeTime(now + 5_000, now)).toBe('just now');
  });

  test('a value that is not a time shows nothing', () => {
    for (const bad of [0, -5, NaN, Infinity, '1700000000000', null, undefined, {}, 1e20]) {
      expect(relativeTime(bad, now)).toBeNull();
      expect(isoTime(bad)).toBeNull();
    }
    expect(isoTime(now)).toBe('2026-01-10T12:00:00.000Z');
  });
});
