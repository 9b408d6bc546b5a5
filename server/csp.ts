import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy of the app's page (index.html, for / and every /b/… URL). Board content is
 * hostile input shown to everyone (note texts, labels, comments, imported files): React escapes it, and
 * this policy is the second wall should anything ever reach the DOM as markup: no script runs unless it
 * is one of the build's files or the one inline script the build writes into the page (pinned by its
 * hash), no plugin, no <base> rewrite, no form posting elsewhere, no framing (clickjacking).
 *
 * - script-src: the build's chunks ('self') and the hashes of the page's inline scripts (the board
 *   chunk preload, vite.config.ts). No 'unsafe-eval': zod runs without its JIT (client/zod-config.ts).
 * - style-src 'unsafe-inline': React and the canvas set `style` attributes (positions, sizes, colours);
 *   a style cannot run code.
 * - img-src data: blob:: the favicon and swatches are data: URLs; exported images are blobs.
 * - connect-src 'self': the API and the sync WebSocket (CSP 3 lets 'self' match ws:/wss: of this host).
 * - worker-src 'self': the service worker (client/sw/).
 *
 * The HTML report carries its own, stricter policy (REPORT_CSP in shared/formats/registry.ts).
 */
export function appCsp(html: string): string {
  const hashes = inlineScripts(html).map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The bodies of the page's inline <script> elements (those without a src), exactly as the browser hashes them. */
function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1] ?? '')) continue;
    out.push(m[2] ?? '');
  }
  return out;
}
