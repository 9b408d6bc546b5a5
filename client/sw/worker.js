/* Threatboard service worker: the app shell offline. Built by client/sw/plugin.ts, which puts
 * `VERSION` and `PRECACHE` (index.html and every file of the build) in front of this file.
 *
 * - install: cache the whole shell under a versioned name; a new deploy installs beside the old one and
 *   takes over at once (skipWaiting + clients.claim); activate deletes the older shells.
 * - navigations: network first (a deploy reaches people at once), the cached index.html when the network
 *   fails or the server answers 5xx (the client routes /b/<id> itself and opens the board from IndexedDB).
 * - the build's files: cache first (their names carry a content hash).
 * - /api/*, /sync, /metrics and anything else: never touched, never cached.
 */
/* global VERSION, PRECACHE */
const CACHE_PREFIX = 'threatboard-shell-';
const CACHE = CACHE_PREFIX + VERSION;
const SHELL = '/';
const FILES = new Set(PRECACHE);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...PRECACHE]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function neverCached(path) {
  return path === '/api' || path.startsWith('/api/') || path === '/sync' || path.startsWith('/sync/') || path === '/metrics' || path === '/sw.js';
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || neverCached(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => (response.status >= 500 ? shell().then((cached) => cached ?? response) : response))
        .catch(() => shell().then((cached) => cached ?? Response.error())),
    );
    return;
  }
  if (FILES.has(url.pathname)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit ?? fetch(request))));
  }
});

function shell() {
  return caches.open(CACHE).then((cache) => cache.match(SHELL));
}
