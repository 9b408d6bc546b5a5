import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context } from 'hono';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};
/** Text formats worth compressing; images and fonts are compressed already. */
export const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.json', '.map', '.svg']);

export type Encoding = 'br' | 'gzip' | 'identity';

/** Whether an `Accept-Encoding` header accepts `name` (q=0 refuses it; `*` stands for any other). */
export function acceptsEncoding(acceptEncoding: string | undefined, name: string): boolean {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [enc, ...params] = part.trim().toLowerCase().split(';');
    if (!enc) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(enc, q ? Number(q[1]) : 1);
  }
  return (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
}

/** The best encoding the client accepts: brotli, then gzip, else none. */
function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (acceptsEncoding(acceptEncoding, 'br')) return 'br';
  if (acceptsEncoding(acceptEncoding, 'gzip')) return 'gzip';
  return 'identity';
}

interface Variant {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Files of the built client, each read and compressed once per encoding and then answered from memory
 * (the build output is small and never changes while the server runs; a new build means a restart).
 * The build writes `<file>.gz` (Zopfli) and `<file>.br` beside each text file (scripts/precompress.ts):
 * those are sent as they are. Otherwise the file is compressed here, once: brotli at quality 11 costs
 * about a second for the largest chunk; a Promise is cached so that concurrent first requests share it.
 */
export class StaticFiles {
  private readonly root: string;
  private readonly cache = new Map<string, Promise<Variant | null>>();

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /** Answer `relPath` (inside the root) with the given Cache-Control, or null when there is no such file. */
  async serve(c: Context, relPath: string, cacheControl: string): Promise<Response | null> {
    const file = resolve(join(this.root, relPath));
    if (!file.startsWith(this.root + sep)) return null;
    const ext = extname(file).toLowerCase();
    const encoding = COMPRESSIBLE.has(ext) ? pickEncoding(c.req.header('accept-encoding')) : 'identity';
    const variant = await this.variant(file, encoding);
    if (!variant) return null;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
      ETag: variant.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (COMPRESSIBLE.has(ext)) headers.Vary = 'Accept-Encoding';
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    if (c.req.header('if-none-match') === variant.etag) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === 'HEAD' ? null : variant.body, { status: 200, headers: { ...headers, 'Content-Length': String(variant.body.byteLength) } });
  }

  private variant(file: string, encoding: Encoding): Promise<Variant | null> {
    const key = `${encoding}:${file}`;
    let v = this.cache.get(key);
    if (!v) {
      v = load(file, encoding);
      this.cache.set(key, v);
    }
    return v;
  }
}

async function load(file: string, encoding: Encoding): Promise<Variant | null> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    const body = (await precompressed(file, encoding, info.mtimeMs)) ?? (await compress(await readFile(file), encoding));
    // Weak validator from size and mtime, distinct per encoding (the bytes differ).
    return { body: new Uint8Array(body), etag: `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}-${encoding}"` };
  } catch {
    return null;
  }
}

/** The build's compressed copy of `file` for `encoding`, unless there is none or it is older than the file. */
async function precompressed(file: string, encoding: Encoding, mtimeMs: number): Promise<Buffer | null> {
  if (encoding === 'identity') return null;
  const copy = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
  try {
    if ((await stat(copy)).mtimeMs < mtimeMs) return null;
    return await readFile(copy);
  } catch {
    return null;
  }
}

/** `raw` as the server compresses it (brotli at quality 11, gzip at level 9), or as it is. */
export function compress(raw: Buffer, encoding: Encoding): Promise<Buffer> | Buffer {
  if (encoding === 'br') return brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  if (encoding === 'gzip') return gzipAsync(raw, { level: 9 });
  return raw;
}
