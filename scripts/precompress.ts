import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib } from 'node:zlib';
import { gzipAsync as zopfli } from '@gfx/zopfli';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
/** What the server compresses (server/static.ts), from this size on: smaller files gain nothing. */
const COMPRESSIBLE = /\.(js|css|html|json|svg)$/;
const MIN_BYTES = 1024;

/**
 * Write `<file>.gz` and `<file>.br` beside every text file of the build, which the server sends as they
 * are (server/static.ts) instead of compressing on the first request. The gzip is Zopfli's: a standard
 * gzip stream that every client decodes, 3.6 % smaller than zlib's level 9 for the board page's first
 * JavaScript (253,194 → 243,991 bytes), too slow to make at request time (2 s for the board chunk) and
 * cheap once at build time. Brotli at quality 11 moves the server's first-request cost to the build too.
 */
export function precompress(): Plugin {
  return {
    name: 'threatboard-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) return;
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(outDir, name);
          const raw = await readFile(path);
          if (raw.length < MIN_BYTES) return;
          const [gz, br] = await Promise.all([
            zopfli(raw, { numiterations: 5 }),
            brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
          ]);
          await Promise.all([writeFile(`${path}.gz`, gz), writeFile(`${path}.br`, br)]);
        }),
      );
    },
  };
}
