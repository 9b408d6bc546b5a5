import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './client/sw/plugin';
import { konvaLazySegmenter } from './scripts/konva-lazy-segmenter';
import { precompress } from './scripts/precompress';

/**
 * The client lives in client/ and is built into dist/, which the server serves (with an SPA fallback
 * for /b/<boardId>). In development, `npm run dev` proxies the API and the sync socket to a server
 * started separately on its default port.
 */
const backend = process.env.THREATBOARD_BACKEND ?? 'http://127.0.0.1:8787';

/**
 * zod's classic API gives every schema `.toJSONSchema()`, so its JSON Schema generator (two modules,
 * 5 KB gzip) lands in the board page's first JavaScript although the client never converts a schema.
 * In the client build, zod's classic schemas import a stand-in instead, whose exports throw when used
 * ("not in the client build"). Parsing is untouched; the server and the tests run the real zod.
 */
function zodWithoutJsonSchema(): Plugin {
  const STUB = '\0zod-json-schema-stub';
  const processors = fileURLToPath(import.meta.resolve('zod/v4/core').replace(/index\.js$/, 'json-schema-processors.js'));
  return {
    name: 'zod-without-json-schema',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !/zod[\\/]v4[\\/]classic[\\/]schemas\.js$/.test(importer)) return null;
      if (!/[\\/](json-schema-processors|to-json-schema)\.js$/.test(source)) return null;
      return STUB;
    },
    load(id) {
      if (id !== STUB) return null;
      const names = [...readFileSync(processors, 'utf8').matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1]);
      return [
        "const unavailable = () => { throw new Error('zod: JSON Schema is not in the client build (vite.config.ts)'); };",
        'export const createToJSONSchemaMethod = () => unavailable;',
        'export const createStandardJSONSchemaMethod = () => unavailable;',
        ...names.map((n) => `export const ${n} = unavailable;`),
      ].join('\n');
    },
  };
}

/**
 * The board page's code is a lazy chunk (the home page does not need it), so a board URL would fetch it
 * only once the entry chunk has run, and its stylesheet after that: a waterfall of two round trips and
 * the entry's evaluation before the board's code can start. On /b/… pages a small inline script at the
 * top of index.html (before any stylesheet, which would hold it) asks for both at once: the same <link>s
 * Vite's loader adds later, which it then finds and reuses.
 */
function preloadBoardChunk(): Plugin {
  return {
    name: 'preload-board-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const board = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'board');
        if (!board || board.type !== 'chunk') return [];
        const links = [...(board.viteMetadata?.importedCss ?? [])].map((css) => ['stylesheet', `/${css}`]);
        links.push(['modulepreload', `/${board.fileName}`]);
        const script = `if (location.pathname.startsWith('/b/')) for (const [rel, href] of ${JSON.stringify(links)}) { const l = document.createElement('link'); l.rel = rel; l.href = href; l.crossOrigin = ''; document.head.append(l); }`;
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [react(), zodWithoutJsonSchema(), konvaLazySegmenter(), serviceWorker(), preloadBoardChunk(), precompress()],
  resolve: {
    alias: [
      // Konva's core without Tween, Animation and FastLayer (see the file); only react-konva imports it.
      { find: /^konva\/lib\/Core(\.js)?$/, replacement: fileURLToPath(new URL('./client/canvas/konva-core.ts', import.meta.url)) },
      // Yjs's two console messages without lib0's DOM and schema helpers (see the file).
      { find: /^lib0\/logging$/, replacement: fileURLToPath(new URL('./client/lib/lib0-logging.ts', import.meta.url)) },
    ],
  },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: true,
    // Every browser the board supports has <link rel="modulepreload">: no polyfill in the entry chunk.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Grouping can change the order in which modules' side effects run (rolldown's strictExecutionOrder
        // would keep it, and cost the whole saving). An earlier try of this grouping left a second person's
        // board loading forever; on today's module graph the whole e2e suite passes with it.
        codeSplitting: {
          // The board page's code in one chunk (BoardRoute and everything it imports statically) rather
          // than two dozen small shared ones, each gzipped apart. What the home page needs ($initial)
          // stays in the entry chunk; the lazy chunks stay apart.
          groups: [
            { name: 'app', tags: ['$initial'], priority: 2 },
            { name: 'board', test: /client[\\/]ui[\\/]BoardRoute\.tsx$/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // client/ imports the pure model from ../shared
    fs: { allow: ['..'] },
    // Patterns, not prefixes: client/api.ts and client/sync/*.ts are served as /api.ts and /sync/….ts
    // in development and must not be proxied. Room names never contain a dot.
    proxy: {
      '^/api/': { target: backend },
      '^/sync/[A-Za-z0-9_/-]+(\\?.*)?$': { target: backend, ws: true },
    },
  },
});
