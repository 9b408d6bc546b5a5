import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESENCE_COLORS } from '../../shared/presence';

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('presence colours', () => {
  it('give white avatar initials at least 4.5:1 on every colour', () => {
    // The avatar draws its initials in white (client/styles.css).
    expect(readFileSync('client/styles.css', 'utf8')).toMatch(/\.avatar \{[^}]*color: #fff[;\s]/);
    for (const c of PRESENCE_COLORS) expect(contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
  });

  it('are ten distinct colours', () => {
    expect(new Set(PRESENCE_COLORS.map((c) => c.toLowerCase())).size).toBe(10);
  });
});
