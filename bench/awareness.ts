import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { MessageType } from '../shared/protocol';
import type { CreateBoardResponse, JoinResponse } from '../shared/api';

export interface AwarenessResult {
  clients: number;
  hz: number;
  serverCpuPct: number;
  framesPerClientPerSec: number;
  kbPerClientPerSec: number;
}

/** The server in its own process, so its CPU time is measured apart from the load generator. */
export async function startServerProcess(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    // info: the start-up line carries the URL. The bench joins 100 clients from one address: lift the join limit.
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', RATE_JOIN_PER_MIN: '100000', RATE_CREATE_PER_MIN: '100000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[^\s"]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

/** User + system CPU seconds a process has used (Linux /proc, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.Awareness);
  encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
  return encoding.toUint8Array(enc);
}

/**
 * `clients` sockets on one board, each moving its cursor `hz` times a second for `seconds`, as raw
 * y-websocket awareness frames. Reports the server's CPU use and what each client receives.
 */
export async function measureAwareness(url: string, pid: number, clients: number, hz: number, seconds = 8): Promise<AwarenessResult> {
  const post = async <T>(path: string, body: unknown) =>
    (await (await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
  const board = await post<CreateBoardResponse>('/api/boards', { title: `Awareness ${clients}x${hz}` });
  const sockets: WebSocket[] = [];
  let frames = 0;
  let bytes = 0;
  for (let i = 0; i < clients; i++) {
    const { token } = await post<JoinResponse>(`/api/boards/${board.id}/join`, { invite: board.invites.participant, name: `P${i}` });
    const ws = new WebSocket(`${url.replace('http', 'ws')}/sync/${board.id}?token=${token}`);
    await new Promise((r, j) => {
      ws.once('open', r);
      ws.once('error', j);
    });
    ws.on('message', (d: Buffer) => {
      frames++;
      bytes += d.length;
    });
    sockets.push(ws);
  }
  await new Promise((r) => setTimeout(r, 500));
  frames = 0;
  bytes = 0;
  const cpu0 = cpuSeconds(pid);
  const t0 = Date.now();
  let clock = 0;
  // Each client on its own phase, as real people are not in step.
  const timers: NodeJS.Timeout[] = [];
  sockets.forEach((ws, i) => {
    const move = () => {
      clock++;
      ws.send(awarenessFrame(1000 + i, clock, { user: { name: `P${i}` }, cursor: { x: (clock * 7) % 1000, y: i * 10, view: 'main' }, selection: [] }));
    };
    timers.push(setTimeout(() => timers.push(setInterval(move, 1000 / hz)), (i / clients) * (1000 / hz)));
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of timers) clearInterval(t);
  const elapsed = (Date.now() - t0) / 1000;
  const cpu = cpuSeconds(pid) - cpu0;
  for (const ws of sockets) ws.close();
  await new Promise((r) => setTimeout(r, 300));
  return {
    clients,
    hz,
    serverCpuPct: (cpu / elapsed) * 100,
    framesPerClientPerSec: frames / clients / elapsed,
    kbPerClientPerSec: bytes / 1024 / clients / elapsed,
  };
}
