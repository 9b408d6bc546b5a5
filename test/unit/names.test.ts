import { describe, expect, it } from 'vitest';
import { DisplayName, Title } from '../../shared/api';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

describe('display names and board titles', () => {
  it('lose every bidi control and zero-width character', () => {
    for (const ch of [...BIDI, ...ZERO_WIDTH]) {
      expect(DisplayName.parse(`Ali${ch}ce`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('Alice');
      expect(Title.parse(`Pump${ch} A`)).toBe('Pump A');
    }
    // The classic spoof: "Alice" followed by a right-to-left override that flips what comes after.
    expect(DisplayName.parse('\u202Eecila\u202C')).toBe('ecila');
  });

  it('refuses a name or title that is empty once the invisible characters are gone', () => {
    expect(DisplayName.safeParse('\u202E\u200B\u2066 \u2069').success).toBe(false);
    expect(DisplayName.safeParse('\uFEFF').success).toBe(false);
    expect(Title.safeParse('\u200B\u200D').success).toBe(false);
  });

  it('counts length after stripping, and keeps ordinary text of any script', () => {
    expect(DisplayName.parse('a'.repeat(60) + '\u200B'.repeat(100))).toBe('a'.repeat(60));
    expect(DisplayName.safeParse('a'.repeat(61)).success).toBe(false);
    expect(DisplayName.parse(' Zoë Ångström ')).toBe('Zoë Ångström');
    expect(DisplayName.parse('مريم')).toBe('مريم');
    expect(DisplayName.safeParse('Bob\u0007').success).toBe(false);
  });
});
