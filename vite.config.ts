import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './client/sw/plugin';

/**
 * The client lives in client/ and is built into dist/, which the server serves (with an SPA fallback
 * for /b/<boardId>). In development, `npm run dev` proxies the API and the sync socket to a server
 * started separately on its default port.
 */
const backend = process.env.THREATBOARD_BACKEND ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: 'client',
  plugins: [react(), serviceWorker()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    sourcemap: true,
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
