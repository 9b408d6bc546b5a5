import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/**
 * Konva's Text builds an `Intl.Segmenter` as its module loads (konva/lib/shapes/Text.js), to split text into
 * graphemes where a line wraps or letters are spaced. Building one costs 18-27 ms in a fresh Chromium page
 * (it loads the break rules), and in CPU profiles of a cold board it was 20-40 ms of the board chunk's
 * evaluation, before the first paint. Here it is built the first time a text that is not plain ASCII needs
 * splitting: in ASCII without a carriage return every character is one grapheme, so `split('')` gives
 * what the segmenter would (test/unit/konva-segmenter.test.ts). The build fails if Konva's code no longer
 * reads as expected.
 */
export function konvaLazySegmenter(): Plugin {
  const EAGER = /const segmenter = typeof Intl !== 'undefined' && Intl\.Segmenter\s*\? new Intl\.Segmenter\(undefined, \{ granularity: 'grapheme' \}\)\s*: null;/;
  const SPLIT = 'export function stringToArray(string) {\n    if (!segmenter) {';
  return {
    name: 'konva-lazy-segmenter',
    transform(code, id) {
      if (!/konva[\\/]lib[\\/]shapes[\\/]Text\.js$/.test(id)) return null;
      const eager = EAGER.exec(code);
      const split = code.indexOf(SPLIT);
      if (!eager || split < 0) this.error('konva/lib/shapes/Text.js changed: see scripts/konva-lazy-segmenter.ts');
      // Edited in place, with a source map, so the board chunk's map still points into Konva's file.
      const out = new MagicString(code);
      out.overwrite(eager.index, eager.index + eager[0].length, 'let segmenter;');
      out.appendLeft(
        split + SPLIT.indexOf('if (!segmenter)'),
        [
          "if (/^[\\0-\\x0c\\x0e-\\x7f]*$/.test(string)) return string.split('');",
          "    if (segmenter === undefined) segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;",
          '    ',
        ].join('\n'),
      );
      return { code: out.toString(), map: out.generateMap({ hires: true, source: id }) };
    },
  };
}
