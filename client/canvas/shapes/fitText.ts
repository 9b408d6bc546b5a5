import { Text } from 'konva/lib/shapes/Text';

const SIZES = [16, 14, 13, 12, 11, 10];
/** Lays the text out at a size (Konva lays a Text out again on every change of its text, size or width). */
let probe: Text | null = null;
/** Measures a string on one line; its own text stays empty, so changing its font costs nothing. */
let meter: Text | null = null;
const cache = new Map<string, number>();

/**
 * The largest font size (16 px down to 10 px) at which `text` fits in a box, as sticky notes do in
 * other whiteboards: long threats stay readable instead of being cut off. Measured with Konva's own
 * text layout, so the canvas and this agree; cached per text and box.
 *
 * Laying the text out is what costs (a board's first paint does it for every note in sight), so sizes
 * that cannot fit are passed over unmeasured: the text's glyphs on one line, without its spaces (which
 * wrapping may drop), are at least as wide as all its wrapped lines together, which gives the fewest lines
 * it can take at each size (widths scale with the size; 3 % slack for rounding).
 */
export function fitFontSize(text: string, width: number, height: number, font: { fontFamily: string; lineHeight: number }): number {
  if (text === '') return SIZES[0]!;
  const key = `${width}x${height}|${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  meter ??= new Text({ fontSize: SIZES[0] });
  meter.fontFamily(font.fontFamily);
  const glyphs = meter.measureSize(text.replace(/\s+/g, '')).width / SIZES[0]!;
  const mayFit = (s: number) => Math.ceil((0.97 * glyphs * s) / width) * s * font.lineHeight <= height;
  probe ??= new Text({ wrap: 'word' });
  probe.setAttrs({ width, fontFamily: font.fontFamily, lineHeight: font.lineHeight });
  let size = SIZES[SIZES.length - 1]!;
  for (const s of SIZES) {
    if (!mayFit(s)) continue;
    probe.fontSize(s);
    probe.text(text);
    if (probe.height() <= height) {
      size = s;
      break;
    }
  }
  probe.text('');
  if (cache.size > 5000) cache.clear();
  cache.set(key, size);
  return size;
}
