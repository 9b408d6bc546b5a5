import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Emit `sw.js`, the service worker that keeps the app shell available offline (client/sw/worker.js),
 * with the list of every file of this build to precache and a version derived from their names and
 * contents: each deploy gets a new cache, and the old one is deleted when the new worker activates.
 * Source maps are left out (devtools fetch them on demand). Build only: `npm run dev` has no worker.
 */
export function serviceWorker(): Plugin {
  return {
    name: 'threatboard-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle)
        .map((f) => f.fileName)
        .filter((name) => !name.endsWith('.map') && name !== 'index.html' && name !== 'sw.js')
        .sort()
        .map((name) => `/${name}`);
      const hash = createHash('sha256');
      for (const f of Object.values(bundle).sort((a, b) => a.fileName.localeCompare(b.fileName))) {
        hash.update(f.fileName);
        hash.update(f.type === 'chunk' ? f.code : typeof f.source === 'string' ? f.source : Buffer.from(f.source));
      }
      const version = hash.digest('hex').slice(0, 16);
      const worker = readFileSync(new URL('./worker.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(files)};\n${worker}`,
      });
    },
  };
}
