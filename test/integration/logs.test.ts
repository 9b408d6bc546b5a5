import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log';
import type { RunningServer } from '../../server/server';
import { addShape, newId } from '../../shared/model/board-doc';
import { eventually } from '../helpers/poll';
import { connectClient, createBoard, join, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';

let data: ReturnType<typeof tempDataDir> | undefined;
let server: RunningServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  data?.remove();
  server = undefined;
});

/** A stream that keeps every log line written to it. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('structured logs', () => {
  it('log every request as JSON with method, path, status and duration, and never a token or invite key', async () => {
    data = tempDataDir();
    const { lines, stream } = capture();
    server = await testServer(data.dir, { LOG_LEVEL: 'debug' }, { logDestination: stream });
    const board = await createBoard(server, 'Logged board');
    const fac = await join(server, board, 'facilitator', 'Fay');
    const part = await join(server, board, 'participant', 'Pat');
    const client = connectClient(server, board.id, part.token);
    clients.push(client);
    await synced(client);
    addShape(client.doc, { kind: 'note', id: newId(), text: 'logged', pos: { x: 0, y: 0 } });
    const exported = await fetch(`${server.url}/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${fac.token}` } });
    expect(exported.status).toBe(200);
    // A bad upgrade, and a bad export, with tokens in the query and header.
    await fetch(`${server.url}/sync/${board.id}?token=${encodeURIComponent(fac.token)}x`);
    await fetch(`${server.url}/api/boards/${board.id}/export?format=nope&token=${fac.token}`, { headers: { authorization: `Bearer ${part.token}` } });

    await eventually(() => expect(lines.some((l) => l.includes('/export'))).toBe(true));
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = records.filter((r) => r.msg === 'request');
    expect(requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'POST', path: '/api/boards', status: 201, ms: expect.any(Number), level: 30 }),
        expect.objectContaining({ method: 'POST', path: `/api/boards/${board.id}/join`, status: 200 }),
        expect.objectContaining({ method: 'GET', path: `/sync/${board.id}` }),
        expect.objectContaining({ method: 'GET', path: `/api/boards/${board.id}/export`, status: 200 }),
        expect.objectContaining({ method: 'GET', path: `/api/boards/${board.id}/export`, status: 400 }),
      ]),
    );

    const all = lines.join('\n');
    const secrets = [fac.token, part.token, ...Object.values(board.invites)];
    for (const secret of secrets) {
      expect(all).not.toContain(secret);
      // Not even a part of one (the signature of a token, or an invite key cut short).
      expect(all).not.toContain(secret.slice(-20));
    }
    expect(all).not.toContain('token=');
  });

  it('redacts token, invite and authorization fields should any log call pass them', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info({ token: 'eyJhbGciOi.secret', invite: 'inv-secret', headers: { authorization: 'Bearer abc-secret' }, body: { invites: { viewer: 'v-secret' } } }, 'oops');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/secret/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ token: '[redacted]', invite: '[redacted]', headers: { authorization: '[redacted]' }, body: { invites: '[redacted]' } });
  });

  it('stay quiet at LOG_LEVEL=silent', async () => {
    data = tempDataDir();
    const { lines, stream } = capture();
    server = await testServer(data.dir, { LOG_LEVEL: 'silent' }, { logDestination: stream });
    await createBoard(server);
    expect(lines).toEqual([]);
  });
});
