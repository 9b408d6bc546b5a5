import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, join as joinBoard, tempDataDir, testServer } from '../helpers/server';
import type { RunningServer } from '../../server/server';

let data: ReturnType<typeof tempDataDir> | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  data?.remove();
  server = undefined;
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('data at rest', () => {
  it('creates DATA_DIR 0700 and the database files and secret 0600', async () => {
    data = tempDataDir();
    const dir = join(data.dir, 'nested', 'data');
    server = await testServer(dir);
    const board = await createBoard(server);
    await joinBoard(server, board, 'participant');
    expect(mode(dir)).toBe(0o700);
    const db = join(dir, 'threatboard.db');
    for (const file of [db, `${db}-wal`, `${db}-shm`, join(dir, 'secret')]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
    }
  });

  it('tightens database files left readable by others', async () => {
    data = tempDataDir();
    const db = join(data.dir, 'threatboard.db');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    server = await testServer(data.dir);
    expect(mode(db)).toBe(0o600);
  });

  it('refuses to start with a secret file that group or others can read, naming the file and the fix', async () => {
    data = tempDataDir();
    const secret = join(data.dir, 'secret');
    writeFileSync(secret, 's'.repeat(64) + '\n');
    chmodSync(secret, 0o644);
    const started = testServer(data.dir);
    await expect(started).rejects.toThrow(`chmod 600 ${secret}`);
    await expect(started).rejects.toThrow(/can be read by other users/);
    chmodSync(secret, 0o600);
    server = await testServer(data.dir);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
