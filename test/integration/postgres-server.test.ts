import { afterAll, describe, expect, it } from 'vitest';
import { addShape, boardMaps } from '../../shared/model/board-doc';
import { createBoard, connectClient, join, synced, tempDataDir, testServer } from '../helpers/server';
import { eventually } from '../helpers/poll';
import { dropSchemas, needService, TEST_DATABASE_URL, uniqueSchema } from '../helpers/services';

const available = await needService('PostgreSQL');
const schema = uniqueSchema();
const dirs = [tempDataDir(), tempDataDir()];
afterAll(async () => {
  for (const d of dirs) d.remove();
  await dropSchemas([schema]);
});

describe.runIf(available)('a server with DATABASE_URL', () => {
  it('keeps boards and documents in PostgreSQL, where another instance with its own data directory finds them', async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, SECRET: 'x'.repeat(40) };
    const first = await testServer(dirs[0]!.dir, env);
    const board = await createBoard(first, 'Infusion pump');
    const { token } = await join(first, board, 'participant', 'Ana');
    const writer = connectClient(first, board.id, token);
    await synced(writer);
    addShape(writer.doc, { kind: 'note', id: 'pg-note', text: 'stored in PostgreSQL' });
    // Settled once the server has it: a second client on the same instance sees it.
    const reader = connectClient(first, board.id, token);
    await eventually(() => expect(boardMaps(reader.doc).shapes.get('pg-note')?.get('text')).toBe('stored in PostgreSQL'));
    writer.destroy();
    reader.destroy();
    await first.close();

    const second = await testServer(dirs[1]!.dir, env);
    const res = await fetch(`${second.url}/api/boards/${board.id}`);
    expect(((await res.json()) as { title: string }).title).toBe('Infusion pump');
    const again = connectClient(second, board.id, token);
    await eventually(() => expect(boardMaps(again.doc).shapes.get('pg-note')?.get('text')).toBe('stored in PostgreSQL'));
    again.destroy();
    await second.close();
  });
});
