import { afterAll, describe, expect, it } from 'vitest';
import { createBoard, connectClient, join, synced, tempDataDir, testServer } from '../helpers/server';
import { eventually } from '../helpers/poll';
import { dropSchemas, needService, TEST_DATABASE_URL, uniqueSchema } from '../helpers/services';
import { TcpProxy } from '../helpers/tcp-proxy';
import { savingPaused } from '../../client/sync/saving';
import { addShape, boardMaps, newId } from '../../shared/model/board-doc';
import type * as Y from 'yjs';

/** Add a note on `doc`; returns its id. */
const note = (doc: Y.Doc, text: string) => addShape(doc, { kind: 'note', id: newId(), text, pos: { x: 0, y: 0 } }).id;
const has = (doc: Y.Doc, id: string) => boardMaps(doc).shapes.has(id);

const available = await needService('PostgreSQL');
const schema = uniqueSchema();
const dirs = [tempDataDir(), tempDataDir()];
afterAll(async () => {
  for (const d of dirs) d.remove();
  if (available) await dropSchemas([schema]);
});

describe.runIf(available)('PostgreSQL unavailable for ten seconds mid-session', () => {
  it('keeps the room live, shows "saving paused" to every client, then stores everything once it is back', async () => {
    const { hostname, port } = new URL(TEST_DATABASE_URL);
    const proxy = new TcpProxy(hostname, Number(port || 5432));
    const proxyPort = await proxy.start();
    const url = new URL(TEST_DATABASE_URL);
    url.port = String(proxyPort);
    const env = { DATABASE_URL: url.toString(), DATABASE_SCHEMA: schema, SECRET: 'x'.repeat(40) };
    const server = await testServer(dirs[0]!.dir, env);
    const board = await createBoard(server, 'Insulin pump');
    const { token } = await join(server, board, 'participant', 'Ana');
    const a = connectClient(server, board.id, token);
    const b = connectClient(server, board.id, token);
    try {
      await Promise.all([synced(a), synced(b)]);
      const ids = [note(a.doc, 'before')];
      await eventually(() => expect(has(b.doc, ids[0]!)).toBe(true));

      proxy.cut();
      const cutAt = Date.now();
      // Edits keep flowing between the clients while nothing can be stored.
      while (Date.now() - cutAt < 10_000) {
        const id = note(a.doc, `during ${ids.length}`);
        ids.push(id);
        await eventually(() => expect(has(b.doc, id)).toBe(true));
        await new Promise((r) => setTimeout(r, 250));
      }
      await eventually(() => {
        expect(savingPaused(a.provider.awareness.getStates())).toBe(true);
        expect(savingPaused(b.provider.awareness.getStates())).toBe(true);
      });
      expect(server.registry.size).toBeGreaterThan(0);

      proxy.restore();
      await eventually(() => {
        expect(savingPaused(a.provider.awareness.getStates())).toBe(false);
        expect(savingPaused(b.provider.awareness.getStates())).toBe(false);
      }, 20_000);
      ids.push(note(b.doc, 'after'));
      await eventually(() => expect(has(a.doc, ids.at(-1)!)).toBe(true));

      // A second instance with its own data directory, loading straight from PostgreSQL, holds every edit.
      const fresh = await testServer(dirs[1]!.dir, { ...env, DATABASE_URL: TEST_DATABASE_URL });
      const loader = connectClient(fresh, board.id, token);
      try {
        await eventually(() => expect(ids.filter((id) => !has(loader.doc, id))).toEqual([]), 10_000);
      } finally {
        loader.destroy();
        await fresh.close();
      }
    } finally {
      a.destroy();
      b.destroy();
      await server.close();
      await proxy.stop();
    }
  }, 60_000);
});
