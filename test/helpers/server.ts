import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer, type StartOptions } from '../../server/server';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api';
import type { Role } from '../../shared/roles';
import { eventually } from './poll';

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(pathJoin(tmpdir(), 'threatboard-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** HTTP rate limits high enough for tests that create many boards from one address; tests of the limits set their own. */
export const TEST_RATE_LIMITS = { RATE_CREATE_PER_MIN: '10000', RATE_JOIN_PER_MIN: '10000', RATE_IMPORT_PER_MIN: '10000', RATE_SHAPES_PER_MIN: '10000' };

/** A real server on a free port, storing in `dataDir`. */
export function testServer(dataDir: string, env: Record<string, string> = {}, opts: StartOptions = {}): Promise<RunningServer> {
  return startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...TEST_RATE_LIMITS, ...env }), opts);
}

export async function createBoard(server: RunningServer, title = 'Test board'): Promise<CreateBoardResponse> {
  const res = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateBoardResponse;
}

export async function join(server: RunningServer, board: CreateBoardResponse, role: Role, name: string = role): Promise<JoinResponse> {
  const res = await fetch(`${server.url}/api/boards/${board.id}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invite: board.invites[role], name }),
  });
  if (res.status !== 200) throw new Error(`join: ${res.status} ${await res.text()}`);
  return (await res.json()) as JoinResponse;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A stock y-websocket provider in Node, exactly as a third-party tool would connect. */
export function connectClient(server: RunningServer, room: string, token: string, opts: { record?: Uint8Array[] } = {}): TestClient {
  const doc = new Y.Doc();
  const record = opts.record;
  // Optionally keep every frame the server sends this client, for secrecy tests.
  const Socket = record
    ? class RecordingSocket extends WebSocket {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          this.on('message', (data: Buffer) => record!.push(new Uint8Array(data)));
        }
      }
    : WebSocket;
  const provider = new WebsocketProvider(server.url.replace('http', 'ws') + '/sync', room, doc, {
    params: { token },
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function synced(client: TestClient): Promise<void> {
  await eventually(() => {
    if (!client.provider.synced) throw new Error('not synced yet');
  });
}

/** Open a raw socket and report how the server answered: an HTTP status before upgrade, or open. */
export function rawConnect(url: string): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('error', (err) => {
      if (!String(err).includes('Unexpected server response')) reject(err);
    });
  });
}
