import { afterEach, beforeEach } from 'vitest';
import type { RunningServer } from '../../server/server';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import { connectClient, createBoard, synced, tempDataDir, testServer, type TestClient } from './server';

/**
 * A fresh server with one board for every test of a file (registered with vitest's beforeEach/afterEach),
 * and real clients opened on that board that are closed after each test.
 */
export function boardFixture(title: string, env: Record<string, string> = {}) {
  let data: ReturnType<typeof tempDataDir>;
  const clients: TestClient[] = [];
  const fx = {
    server: undefined as unknown as RunningServer,
    board: undefined as unknown as CreateBoardResponse,
    /** Connect a client with this session to the board and wait until it has synced. */
    async open(session: JoinResponse): Promise<TestClient> {
      const c = connectClient(fx.server, fx.board.id, session.token);
      clients.push(c);
      await synced(c);
      return c;
    },
    /** Close one client now (a person leaving). */
    close(c: TestClient): void {
      const i = clients.indexOf(c);
      if (i >= 0) clients.splice(i, 1);
      c.destroy();
    },
  };
  beforeEach(async () => {
    data = tempDataDir();
    fx.server = await testServer(data.dir, env);
    fx.board = await createBoard(fx.server, title);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await fx.server.close();
    data.remove();
  });
  return fx;
}
