import { Text } from 'konva/lib/shapes/Text';

const SIZES = [16, 14, 13, 12, 11, 10];
let probe: Text | null = null;
const cache = new Map<string, number>();

/**
 * The largest font size (16 px down to 10 px) at which `text` fits in a box, as sticky notes do in
 * other whiteboards: long threats stay readable instead of being cut off. Measured with Konva's own
 * text layout, so the canvas and this agree; cached per text and box.
 */
export function fitFontSize(text: string, width: number, height: number, font: { fontFamily: string; lineHeight: number }): number {
  if (text === '') return SIZES[0]!;
  const key = `${width}x${height}|${text}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  probe ??= new Text({ wrap: 'word' });
  probe.setAttrs({ text, width, fontFamily: font.fontFamily, lineHeight: font.lineHeight });
  let size = SIZES[SIZES.length - 1]!;
  for (const s of SIZES) {
    probe.fontSize(s);
    if (probe.height() <= height) {
      size = s;
      break;
    }
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, size);
  return size;
}
