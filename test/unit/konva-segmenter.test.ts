import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { konvaLazySegmenter } from '../../scripts/konva-lazy-segmenter';

// Konva's Text module as the client build gets it (scripts/konva-lazy-segmenter.ts), loaded from a temporary
// file whose imports point at Konva's own modules.
const textJs = createRequire(import.meta.url).resolve('konva/lib/shapes/Text.js');
const source = readFileSync(textJs, 'utf8');

function transform(code: string): string {
  const plugin = konvaLazySegmenter();
  const hook = plugin.transform as (this: unknown, code: string, id: string) => { code: string } | null;
  const context = {
    error(message: string): never {
      throw new Error(message);
    },
  };
  const out = hook.call(context, code, textJs);
  if (out === null) throw new Error('the plugin left Text.js alone');
  return out.code;
}

/** Grapheme clusters as Intl.Segmenter gives them: what Konva's own `stringToArray` returns. */
const Native = Intl.Segmenter;
const segmenter = new Native(undefined, { granularity: 'grapheme' });
function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of note text: plain ASCII (with the control characters a paste can carry), CR LF, combining
// marks, emoji with skin tones and ZWJ joins, flags, variation selectors, CJK and Hangul jamo.
const PIECES = ['a', 'Z', ' ', '-', '9', '\t', '\r', '\n', '\r\n', '\0', '\x7f', '~', 'e\u0301', '\u0301', 'ü', 'ß', '👍', '👍🏽', '👩‍💻', '👨‍👩‍👧', '🇩🇪', '🇫🇷🇩🇪', '❤️', '中文', '\u1100\u1161\u11a8', 'ﬁ', '\u200d', '\ufe0f'];

describe("Konva's Text with a segmenter built on first use (client build)", () => {
  let built = 0;
  let dir = '';
  let stringToArray: (s: string) => string[];

  beforeAll(async () => {
    // Count the segmenters made from here on (the module's own, and none by this test until it is loaded).
    class Counting extends Native {
      constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
        super(...args);
        built++;
      }
    }
    (Intl as { Segmenter: typeof Intl.Segmenter }).Segmenter = Counting;
    dir = mkdtempSync(join(tmpdir(), 'threatboard-konva-text-'));
    const lib = pathToFileURL(dirname(dirname(textJs))).href;
    const code = transform(source).replace(/from "\.\.\//g, `from "${lib}/`);
    const file = join(dir, 'Text.mjs');
    writeFileSync(file, code);
    ({ stringToArray } = (await import(pathToFileURL(file).href)) as { stringToArray: (s: string) => string[] });
  });

  afterAll(() => {
    (Intl as { Segmenter: typeof Intl.Segmenter }).Segmenter = Native;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads without building a segmenter, and splits ASCII text without one', () => {
    expect(built).toBe(0);
    expect(stringToArray('Spoofed ICD-11 identity: a pump accepts any BLE peer')).toEqual(graphemes('Spoofed ICD-11 identity: a pump accepts any BLE peer'));
    expect(stringToArray('')).toEqual([]);
    expect(built).toBe(0);
  });

  it('builds one segmenter the first time a text needs it, and only one', () => {
    expect(stringToArray('Zugriff über Bluetooth 👩‍💻')).toEqual(['Z', 'u', 'g', 'r', 'i', 'f', 'f', ' ', 'ü', 'b', 'e', 'r', ' ', 'B', 'l', 'u', 'e', 't', 'o', 'o', 't', 'h', ' ', '👩‍💻']);
    expect(stringToArray('line\r\nnext')).toEqual(['l', 'i', 'n', 'e', '\r\n', 'n', 'e', 'x', 't']);
    expect(built).toBe(1);
  });

  it('splits 3,000 seeded random texts exactly as Intl.Segmenter does', () => {
    const rand = mulberry32(2026);
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(rand() * 12);
      const asciiOnly = rand() < 0.5;
      let s = '';
      for (let j = 0; j < n; j++) s += PIECES[Math.floor(rand() * (asciiOnly ? 12 : PIECES.length))];
      expect(stringToArray(s), JSON.stringify(s)).toEqual(graphemes(s));
    }
  });

  it('fails the build when Konva no longer builds its segmenter as expected', () => {
    expect(() => transform(source.replace('new Intl.Segmenter(undefined', 'new Intl.Segmenter(navigator.language'))).toThrow(/Text\.js changed/);
  });
});
