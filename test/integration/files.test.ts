import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import Ajv from 'ajv';
import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server';
import type { CreateBoardResponse } from '../../shared/api';
import { boardToData, parseBackup } from '../../shared/formats/board-data';
import { EXPORT_FORMATS } from '../../shared/formats/registry';
import { boardMaps, readShapes } from '../../shared/model/board-doc';
import { connectClient, join as joinBoard, synced, tempDataDir, testServer } from '../helpers/server';
import { eventually } from '../helpers/poll';

const TD_DIR = join(__dirname, '../../../shared/interop/threat-dragon');
const SAMPLES = readdirSync(TD_DIR).filter((f) => f.endsWith('.json') && !f.includes('schema'));
const validateTd = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(TD_DIR, 'threat-dragon-v2.schema.json'), 'utf8')));

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
let db: Database.Database;

beforeAll(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
  // A second, read-only handle on the server's database: counts what an import leaves behind.
  db = new Database(join(data.dir, 'threatboard.db'), { readonly: true, fileMustExist: true });
});
afterAll(async () => {
  db.close();
  await server.close();
  data.remove();
});

function stored() {
  return {
    boards: (db.prepare('SELECT COUNT(*) AS n FROM boards').get() as { n: number }).n,
    docs: (db.prepare('SELECT COUNT(DISTINCT name) AS n FROM doc_updates').get() as { n: number }).n,
  };
}

async function createBoard(title: string, template?: string): Promise<CreateBoardResponse> {
  const res = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, ...(template ? { template } : {}) }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateBoardResponse;
}

const exportUrl = (id: string, format: string) => `${server.url}/api/boards/${id}/export?format=${format}`;
const get = (id: string, format: string, token?: string) => fetch(exportUrl(id, format), { headers: token ? { authorization: `Bearer ${token}` } : {} });

function importFile(body: BodyInit, contentType = 'application/json', init: RequestInit = {}) {
  return fetch(`${server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': contentType }, body, ...init });
}

/** POST over a fresh TCP connection (node:http without an agent), answered as a fetch Response. */
function postOnNewConnection(url: string, body: Uint8Array): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.byteLength } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Read a board the way any collaborator would: a y-websocket client with a viewer token. */
async function openBoard(board: CreateBoardResponse) {
  const { token } = await joinBoard(server, board, 'viewer');
  const client = connectClient(server, board.id, token);
  await synced(client);
  return client;
}

describe('export over HTTP', () => {
  const TITLE = 'Pump\r\nX-Injected: yes — Ünïcode "board"';
  let board: CreateBoardResponse;
  let token: string;

  beforeAll(async () => {
    board = await createBoard(TITLE, 'ankle-monitor');
    token = (await joinBoard(server, board, 'participant', 'Pat')).token;
  });

  it('refuses without a token, with a bad token and with another board’s token', async () => {
    const other = await createBoard('Other');
    const otherToken = (await joinBoard(server, other, 'viewer')).token;
    expect((await get(board.id, 'json')).status).toBe(401);
    expect((await get(board.id, 'json', `${token}x`)).status).toBe(401);
    const forbidden = await get(board.id, 'csv', otherToken);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: 'this token is for another board' });
    const unknown = await get(board.id, 'pdf', token);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'unknown format "pdf"', issues: [expect.stringMatching(/json, csv, threat-dragon, markdown, html/)] });
    expect((await get(board.id, 'constructor', token)).status).toBe(400);
  });

  it.each(EXPORT_FORMATS.map((f) => [f.id, f] as const))('serves %s with its content type, its headers and a safe download name', async (_, format) => {
    const viewer = (await joinBoard(server, board, 'viewer')).token;
    const res = await get(board.id, format.id, viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(format.contentType);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const [header, value] of Object.entries(format.headers ?? {})) expect(res.headers.get(header)).toBe(value);
    const suffix = `${format.suffix}.${format.extension}`;
    const cd = res.headers.get('content-disposition')!;
    const ascii = `Pump-X-Injected-yes-Unicode-board${suffix.replace(' ', '-')}`;
    expect(cd).toBe(`attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`Pump X-Injected: yes — Ünïcode "board"${suffix}`)}`);
    expect(res.headers.get('x-injected')).toBeNull();
    const body = await res.text();
    expect(body.length).toBeGreaterThan(100);
    if (format.contentType.startsWith('application/json')) expect(() => JSON.parse(body)).not.toThrow();
  });

  it('builds each file from the live document, numbers included', async () => {
    const client = connectClient(server, board.id, token);
    await synced(client);
    // A participant adds a mitigation (un-numbered) and links it; the server numbers it M-1.
    const threat = readShapes(client.doc).records.find((s) => s.kind === 'threat')!;
    client.doc.transact(() => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 'mit-live-1', v: 1, num: 0, title: 'Signed readings', category: 'integrity', createdAt: Date.now() })) m.set(k, v);
      boardMaps(client.doc).mitigations.set('mit-live-1', m);
      const t = boardMaps(client.doc).shapes.get(threat.id)!;
      t.set('title', '=HYPERLINK("http://evil","x") <img src=x onerror=alert(1)>');
      t.set('mitigations', [{ id: 'mit-live-1', status: 'implemented' }]);
      t.set('severity', 'critical');
      t.set('exploitability', 'high');
    });
    await eventually(() => expect(boardMaps(client.doc).mitigations.get('mit-live-1')!.get('num')).toBe(1));

    const backup = await (await get(board.id, 'json', token)).json();
    const parsed = parseBackup(backup);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.value).toEqual(boardToData(client.doc));
    expect(parsed.value.mitigations).toEqual([expect.objectContaining({ id: 'mit-live-1', num: 1 })]);

    const csvBytes = new Uint8Array(await (await get(board.id, 'csv', token)).arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(Buffer.from(csvBytes), { bom: true });
    const threats = parsed.value.shapes.filter((s) => s.kind === 'threat');
    expect(rows).toHaveLength(threats.length + 1);
    const row = rows.find((r) => r[1]!.includes('HYPERLINK'))!;
    expect(row[1]).toBe(`'=HYPERLINK("http://evil","x") <img src=x onerror=alert(1)>`);
    expect(row[7]).toBe('Critical');
    expect(row[18]).toBe('M-1 (Implemented)');

    const td = await (await get(board.id, 'threat-dragon', token)).json();
    expect(validateTd(td) ? [] : validateTd.errors).toEqual([]);
    expect(td.detail.diagrams).toHaveLength(parsed.value.views.length);

    const md = await (await get(board.id, 'markdown', token)).text();
    expect(md).toContain('## 4. Did we do a good enough job?');
    expect(md).not.toContain('<img');

    const htmlRes = await get(board.id, 'html', token);
    expect(htmlRes.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(htmlRes.headers.get('content-security-policy')).not.toMatch(/script-src/);
    const html = await htmlRes.text();
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html.match(/<figure>/g)).toHaveLength(parsed.value.views.length);
    client.destroy();
  });
});

describe('import over HTTP', () => {
  it('imports a backup as a new board that a y-websocket client reads identically', async () => {
    const source = await createBoard('Backup source', 'therapy-boot');
    const { token } = await joinBoard(server, source, 'facilitator');
    const backupText = await (await get(source.id, 'json', token)).text();
    const before = stored();
    const res = await importFile(backupText);
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreateBoardResponse & { format: string; warnings: string[] };
    expect(created).toMatchObject({ title: 'Backup source', format: 'threatboard-backup', warnings: [] });
    expect(created.id).not.toBe(source.id);
    expect(Object.keys(created.invites).sort()).toEqual(['facilitator', 'participant', 'viewer']);
    // The board, its document and its facilitation document are stored.
    expect(stored()).toEqual({ boards: before.boards + 1, docs: before.docs + 2 });
    expect(await (await fetch(`${server.url}/api/boards/${created.id}`)).json()).toEqual({ id: created.id, title: 'Backup source' });
    const client = await openBoard(created);
    const original = parseBackup(JSON.parse(backupText));
    if (!original.ok) throw new Error(original.errors.join('\n'));
    expect(boardToData(client.doc)).toEqual(original.value);
    client.destroy();
    // The facilitation document is seeded like a new board's: a participant sees the agenda.
    const { token: fToken } = await joinBoard(server, created, 'facilitator');
    const fac = connectClient(server, `${created.id}/facilitation`, fToken);
    await synced(fac);
    expect(fac.doc.getMap('agenda').size).toBeGreaterThan(0);
    fac.destroy();
  });

  for (const file of SAMPLES) {
    it(`imports the Threat Dragon sample ${file} with every element and threat`, async () => {
      const text = readFileSync(join(TD_DIR, file), 'utf8');
      const raw = JSON.parse(text);
      const cells = raw.detail.diagrams.flatMap((d: { cells?: unknown[]; diagramJson?: { cells: unknown[] } }) => d.cells ?? d.diagramJson!.cells);
      const threatCount = cells.reduce((n: number, c: { data?: { threats?: unknown[] }; threats?: unknown[] }) => n + (c.data?.threats ?? c.threats ?? []).length, 0);
      const res = await importFile(text);
      expect(res.status).toBe(201);
      const created = await res.json();
      expect(created.format).toBe(raw.detail.diagrams[0].diagramJson ? 'threat-dragon-v1' : 'threat-dragon-v2');
      expect(created.title).toBe(`${raw.summary.title} (imported)`);
      // What could not be carried over exactly comes back with the board, for the board page to show.
      expect(created.warnings).toEqual(raw.detail.diagrams.some((d: { cells?: { data?: { threats?: { severity?: string }[] } }[] }) => d.cells?.some((c) => c.data?.threats?.some((t) => /^(low|medium|high|critical)$/i.test(t.severity ?? '')))) ? [expect.stringMatching(/had a Threat Dragon severity/)] : expect.any(Array));
      const client = await openBoard(created);
      const shapes = readShapes(client.doc);
      expect(shapes.errors).toEqual([]);
      const threats = shapes.records.filter((s) => s.kind === 'threat');
      expect(shapes.records.length - threats.length).toBe(cells.length);
      expect(threats).toHaveLength(threatCount);
      // Numbered at import: the file's own threat numbers where it has them, else T-1… in its order.
      const nums = threats.map((t) => (t.kind === 'threat' ? t.num : 0)).sort((a, b) => a - b);
      expect(new Set(nums).size).toBe(nums.length);
      expect(nums.every((n) => n > 0)).toBe(true);
      if (!cells.some((c: { data?: { threats?: { number?: number }[] } }) => c.data?.threats?.some((t) => t.number))) expect(nums).toEqual(threats.map((_, i) => i + 1));
      const mitigations = [...boardMaps(client.doc).mitigations.values()].map((m) => m.get('num'));
      expect(mitigations.every((n) => typeof n === 'number' && n > 0)).toBe(true);
      client.destroy();
    });
  }
});

describe('hostile files', () => {
  const backup = async () => {
    const b = await createBoard('Hostile base');
    const { token } = await joinBoard(server, b, 'viewer');
    return (await get(b.id, 'json', token)).text();
  };

  async function refused(res: Response, status: number, error: RegExp) {
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error).toMatch(error);
    expect(Array.isArray(body.issues)).toBe(true);
    return body as { error: string; issues: string[] };
  }

  it('answers 4xx with what is wrong, creates nothing, and the server stays healthy', async () => {
    const good = await backup();
    const before = stored();

    // Truncated
    await refused(await importFile(good.slice(0, Math.floor(good.length / 2))), 400, /cannot be read as JSON/);
    await refused(await importFile(readFileSync(join(TD_DIR, 'v2-threat-model.json')).subarray(0, 5000)), 400, /cannot be read as JSON/);

    // 100 MB with a Content-Length, on a connection of its own: Node 20's fetch resets a reused
    // keep-alive connection when a large body is refused early (the server never sees the request).
    const huge = new Uint8Array(100 * 1024 * 1024).fill(0x20);
    await refused(await postOnNewConnection(`${server.url}/api/boards/import`, huge), 413, /too large/);

    // 30 MB streamed without a length (chunked): counted as it arrives
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 30 * 1024 * 1024) return controller.close();
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    await refused(await importFile(stream, 'application/json', { duplex: 'half' } as RequestInit), 413, /too large/);

    // 10,000-deep nesting, in a backup and in a Threat Dragon file
    const deep = `{"format":"threatboard-backup","version":1,"views":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const d = await refused(await importFile(deep), 400, /cannot be read as JSON/);
    expect(d.issues).toEqual(['the file nests arrays or objects deeper than 64 levels']);
    await refused(await importFile(`{"detail":{"diagrams":[${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]}}`), 400, /JSON/);

    // Millions of tiny objects under the size limit
    const swarm = `{"detail":{"diagrams":[{"cells":[${'{},'.repeat(1_500_000)}{}]}]}}`;
    expect((await refused(await importFile(swarm), 400, /JSON/)).issues).toEqual(['the file has more than 1000000 arrays and objects']);

    // Wrong types
    const wrong = JSON.parse(good);
    wrong.views = 'all of them';
    const w = await refused(await importFile(JSON.stringify(wrong)), 422, /backup is not valid/);
    expect(w.issues).toEqual([expect.stringMatching(/^views: /)]);
    const wrongShape = JSON.parse(good);
    wrongShape.shapes = [{ kind: 'process', id: 'p', pos: { x: 'left', y: 0 } }];
    expect((await refused(await importFile(JSON.stringify(wrongShape)), 422, /backup/)).issues).toEqual([expect.stringMatching(/^shapes\.0\.pos\.x: /)]);
    await refused(await importFile('{"detail":{"diagrams":[{"cells":5}]}}'), 422, /Threat Dragon model is not valid/);
    await refused(await importFile('[1,2,3]'), 422, /neither a Threatboard backup nor a Threat Dragon model/);
    await refused(await importFile('"just a string"'), 422, /neither/);
    await refused(await importFile(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, /not UTF-8/);
    await refused(await importFile(good, 'multipart/form-data; boundary=x'), 415, /request body/);

    // __proto__ and friends, at the top and deep inside a record
    const proto = good.replace('{', '{"__proto__":{"polluted":true},');
    expect(proto).toContain('"__proto__"');
    expect((await refused(await importFile(proto), 400, /JSON/)).issues).toEqual(['__proto__: the key "__proto__" is not allowed']);
    const deepProto = JSON.stringify(JSON.parse(good)).replace('"views":[{', '"views":[{"constructor":{"prototype":{"polluted":true}},');
    expect(deepProto).toContain('"constructor"');
    expect((await refused(await importFile(deepProto), 400, /JSON/)).issues).toEqual(['views[0].constructor: the key "constructor" is not allowed']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();

    expect(stored()).toEqual(before);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await importFile(good)).status).toBe(201);
  }, 60_000);
});
