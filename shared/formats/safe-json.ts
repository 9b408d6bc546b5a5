/**
 * Parse JSON from outside (an uploaded file) without letting it hurt the process or the data:
 *   - a size limit, checked before anything else;
 *   - a nesting limit, checked by a scan of the text before JSON.parse. V8's parser copes with very deep
 *     input, but whatever touches the result afterwards recursively (zod, JSON.stringify, structuredClone,
 *     Yjs) would overflow the stack and turn a bad file into a 500;
 *   - a limit on the number of arrays and objects, checked by the same scan: 20 MB of `{}` would
 *     otherwise become millions of objects in every step after parsing;
 *   - keys that could reach an object's prototype (`__proto__`, `constructor`, `prototype`) are refused,
 *     or stripped on request: they are never copied into the result.
 * The result is rebuilt by an iterative walk (no recursion anywhere), as plain objects and arrays.
 */
export interface SafeJsonOptions {
  /** UTF-8 bytes of the text at most. */
  maxBytes?: number;
  /** Arrays and objects nested at most this deep. */
  maxDepth?: number;
  /** Arrays and objects in the whole file at most: bounds the memory of everything after parsing. */
  maxContainers?: number;
  /** 'refuse' (default) fails on a forbidden key; 'strip' drops it and lists it in `dropped`. */
  forbiddenKeys?: 'refuse' | 'strip';
}

export type SafeJsonResult = { ok: true; value: unknown; dropped: string[] } | { ok: false; errors: string[] };

export const MAX_JSON_BYTES = 20 * 1024 * 1024;
const MAX_JSON_DEPTH = 64;
/** Real models have one array or object per 40–130 bytes; 20 MB of them stays well under this. */
const MAX_JSON_CONTAINERS = 1_000_000;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** UTF-8 length of a string without allocating its encoding. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Decode bytes as strict UTF-8 (a leading BOM is dropped); null when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export interface JsonShape {
  /** Deepest nesting of arrays and objects (stops counting once past the limit). */
  depth: number;
  /** Number of arrays and objects (stops counting once past the limit). */
  containers: number;
}

/**
 * Nesting depth and number of arrays and objects in JSON text, by a scan of the characters (brackets
 * inside strings do not count), stopping as soon as a limit is passed: both are known before parsing.
 */
export function scanJson(text: string, limits: { depth?: number; containers?: number } = {}): JsonShape {
  const maxDepth = limits.depth ?? Infinity;
  const maxContainers = limits.containers ?? Infinity;
  let depth = 0;
  let max = 0;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      containers++;
      if (depth > max) max = depth;
      if (max > maxDepth || containers > maxContainers) break;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return { depth: max, containers };
}

/** The deepest nesting of arrays and objects in JSON text, stopping as soon as it passes `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  return scanJson(text, { depth: limit }).depth;
}

/** Where a value sits, as a chain to its parent: no array per value, the text is built only for a message. */
type Path = { parent: Path; key: string | number } | null;

function pathText(path: Path): string {
  const parts: string[] = [];
  for (let p = path; p; p = p.parent) parts.push(typeof p.key === 'number' ? `[${p.key}]` : `.${p.key}`);
  return parts.length ? parts.reverse().join('').replace(/^\./, '') : '(top level)';
}

export function parseJsonSafe(text: string, opts: SafeJsonOptions = {}): SafeJsonResult {
  const maxBytes = opts.maxBytes ?? MAX_JSON_BYTES;
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  const maxContainers = opts.maxContainers ?? MAX_JSON_CONTAINERS;
  // A string of n UTF-16 units is at most 3n UTF-8 bytes: count only when it could be over.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes)) {
    return { ok: false, errors: [`the file is larger than ${maxBytes} bytes`] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const shape = scanJson(text, { depth: maxDepth, containers: maxContainers });
  if (shape.depth > maxDepth) return { ok: false, errors: [`the file nests arrays or objects deeper than ${maxDepth} levels`] };
  if (shape.containers > maxContainers) return { ok: false, errors: [`the file has more than ${maxContainers} arrays and objects`] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`the file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  return rebuild(raw, opts.forbiddenKeys ?? 'refuse');
}

function isContainer(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

function emptyLike(v: object): unknown[] | Record<string, unknown> {
  return Array.isArray(v) ? new Array<unknown>(v.length) : {};
}

/**
 * Copy a parsed value into fresh plain objects and arrays, iteratively (one job per array or object,
 * none per primitive). JSON.parse defines `__proto__` as an own property, which is harmless by itself but
 * becomes a prototype change in the first Object.assign or `for…in` merge downstream; so such keys never
 * get past this point.
 */
function rebuild(raw: unknown, mode: 'refuse' | 'strip'): SafeJsonResult {
  if (!isContainer(raw)) return { ok: true, value: raw, dropped: [] };
  const dropped: string[] = [];
  const errors: string[] = [];
  type Job = { from: object; to: unknown[] | Record<string, unknown>; path: Path };
  const root = emptyLike(raw);
  const stack: Job[] = [{ from: raw, to: root, path: null }];
  while (stack.length) {
    const { from, to, path } = stack.pop()!;
    if (Array.isArray(from)) {
      const out = to as unknown[];
      for (let i = 0; i < from.length; i++) {
        const v: unknown = from[i];
        if (!isContainer(v)) out[i] = v;
        else {
          const child = emptyLike(v);
          out[i] = child;
          stack.push({ from: v, to: child, path: { parent: path, key: i } });
        }
      }
      continue;
    }
    const out = to as Record<string, unknown>;
    for (const key of Object.keys(from)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const where = pathText({ parent: path, key });
        if (mode === 'refuse') {
          if (errors.length < 20) errors.push(`${where}: the key "${key}" is not allowed`);
        } else dropped.push(where);
        continue;
      }
      const v: unknown = (from as Record<string, unknown>)[key];
      const value = isContainer(v) ? emptyLike(v) : v;
      // Define, never assign, a new key: assignment would run a setter inherited from Object.prototype.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      if (isContainer(v)) stack.push({ from: v, to: value as object as unknown[] | Record<string, unknown>, path: { parent: path, key } });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: root, dropped };
}
