import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { tempDataDir } from '../helpers/server';

/** Raw HTTP (no automatic decompression), so the test sees the bytes a browser receives. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

// A stand-in build: a hashed chunk large enough to be worth compressing, and the page.
const script = `export const rows = [${Array.from({ length: 4000 }, (_, i) => `{ id: ${i}, title: "Threat ${i}" }`).join(',')}];\n`;
const inline = "if (location.pathname.startsWith('/b/')) document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: '/assets/index-Ab12Cd34.js' }));";
const page = `<!doctype html><html><head><script>${inline}</script><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>`;

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
beforeAll(async () => {
  data = tempDataDir();
  const dist = join(data.dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), script);
  writeFileSync(join(dist, 'index.html'), page);
  // Copies compressed by the build (scripts/precompress.ts), made here at the lowest levels so that they
  // differ from what the server would make; and a copy older than its file (a build that left it behind).
  writeFileSync(join(dist, 'assets', 'chunk-Ef56Gh78.js'), script);
  writeFileSync(join(dist, 'assets', 'chunk-Ef56Gh78.js.gz'), gzipSync(script, { level: 1 }));
  writeFileSync(join(dist, 'assets', 'chunk-Ef56Gh78.js.br'), brotliCompressSync(script, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } }));
  writeFileSync(join(dist, 'assets', 'stale-Ij90Kl12.js'), script);
  writeFileSync(join(dist, 'assets', 'stale-Ij90Kl12.js.gz'), gzipSync('export const rows = [];\n'));
  utimesSync(join(dist, 'assets', 'stale-Ij90Kl12.js.gz'), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
  server = await startServer(loadConfig({ PORT: '0', DATA_DIR: join(data.dir, 'data'), LOG_LEVEL: 'silent' }), { staticDir: dist });
});
afterAll(async () => {
  await server.close();
  data.remove();
});

describe('the built client on first load', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts it, cacheable for a year', async () => {
    const res = await get(`${server.url}/assets/index-Ab12Cd34.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip to a client without brotli, and plain bytes to one that accepts neither', async () => {
    const gz = await get(`${server.url}/assets/index-Ab12Cd34.js`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get(`${server.url}/assets/index-Ab12Cd34.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it("sends the build's compressed copies as they are, and not one older than its file", async () => {
    const gz = await get(`${server.url}/assets/chunk-Ef56Gh78.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.equals(gzipSync(script, { level: 1 }))).toBe(true);
    const br = await get(`${server.url}/assets/chunk-Ef56Gh78.js`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.equals(brotliCompressSync(script, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } }))).toBe(true);
    const stale = await get(`${server.url}/assets/stale-Ij90Kl12.js`, { 'accept-encoding': 'gzip' });
    expect(gunzipSync(stale.body).toString()).toBe(script);
  });

  it('answers a revalidation with 304 and no body', async () => {
    const first = await get(`${server.url}/assets/index-Ab12Cd34.js`, { 'accept-encoding': 'gzip' });
    const again = await get(`${server.url}/assets/index-Ab12Cd34.js`, { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('serves index.html for a board address with no-cache, compressed too', async () => {
    const res = await get(`${server.url}/b/abcdefgh12`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(gunzipSync(res.body).toString()).toBe(page);
  });

  it('does not serve files outside the build, nor missing assets as the page', async () => {
    writeFileSync(join(data.dir, 'secret.txt'), 'not for the web');
    const escape = await get(`${server.url}/assets/..%2f..%2fsecret.txt`);
    expect(escape.body.toString()).not.toContain('not for the web');
    const missing = await get(`${server.url}/assets/nope-12345678.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
  });
});

describe('the page\'s Content-Security-Policy', () => {
  it('lets only the build\'s files and its inline script (by hash) run, on every page URL', async () => {
    const hash = `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
    for (const path of ['/', '/b/Abc123', '/b/Abc123?tb-debug']) {
      const res = await get(`${server.url}${path}`);
      expect(res.status).toBe(200);
      const policy = String(res.headers['content-security-policy']);
      const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
      expect(directives.get('script-src')).toEqual(["'self'", hash]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy).not.toMatch(/unsafe-eval|\*/);
    }
    // Scripts and styles themselves need none.
    const asset = await get(`${server.url}/assets/index-Ab12Cd34.js`);
    expect(asset.headers['content-security-policy']).toBeUndefined();
  });
});
