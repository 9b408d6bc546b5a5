import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { serverNodeFlags } from '../server/node-flags';
import type { CreateBoardResponse, JoinResponse } from '../shared/api';
import { tempDataDir } from '../test/helpers/server';
import type { Endpoint, ServerKind } from './proto';

/**
 * The servers under test, each in its own process (so its CPU and memory are its own), with the probe
 * preloaded for heap figures. Threatboard runs as `npm start` runs it; the peers through the launchers
 * in bench/peers/.
 */
export interface ServerHandle {
  kind: ServerKind;
  label: string;
  pid: number;
  url: string;
  /** A new room with `n` participants' endpoints (Threatboard: a board and n joined tokens). */
  openRoom(n: number, title?: string): Promise<Room>;
  /** Heap after a full GC, RSS and loaded rooms, as the server process itself reports them. */
  mem(): Promise<MemReport>;
  stop(): Promise<void>;
}

/** What a server process says of its memory after a full GC (bench/probe.ts). */
export interface MemReport {
  heapUsed: number;
  /** The V8 heap the process holds (used or not). */
  heapTotal: number;
  /** Memory of ArrayBuffers and other objects outside the V8 heap. */
  external: number;
  rss: number;
  rooms: number | null;
}

/** A room and one endpoint per participant; Threatboard rooms also carry the joined sessions. */
export interface Room {
  id: string;
  endpoints: Endpoint[];
  sessions: JoinResponse[];
}

export const LABELS: Record<ServerKind, string> = {
  threatboard: 'Threatboard',
  ywss: '@y/websocket-server 0.1.1',
  hocuspocus: 'Hocuspocus 3',
};

/** Limits of the hardened server set so generously that the bench measures the sync core, not them. */
const GENEROUS = {
  RATE_JOIN_PER_MIN: '100000',
  RATE_CREATE_PER_MIN: '100000',
  RATE_IMPORT_PER_MIN: '100000',
  RATE_SHAPES_PER_MIN: '100000',
  MAX_UPDATES_PER_SEC: '100000',
  MAX_NEW_CLIENT_IDS: '100000',
};

export interface StartOptions {
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server into this directory (`--cpu-prof`). */
  cpuProfDir?: string;
}

export async function startServer(kind: ServerKind, opts: StartOptions = {}): Promise<ServerHandle> {
  const data = tempDataDir();
  const entry = kind === 'threatboard' ? 'server/main.ts' : `bench/peers/${kind}.ts`;
  const prof = opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : [];
  // Threatboard with the Node flags `npm start` gives it; the peers as their packages run them.
  const flags = kind === 'threatboard' ? serverNodeFlags() : [];
  const child = spawn(process.execPath, ['--expose-gc', ...flags, ...prof, '--import', 'tsx', '--import', './bench/probe.ts', entry], {
    // 'info' so the server says where it listens (a JSON log line); request lines are read and dropped.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir, LOG_LEVEL: 'info', ...GENEROUS, ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[^\s)"]+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  child.stdout!.resume();
  const ws = url.replace('http', 'ws');
  let asked = 0;
  return {
    kind,
    label: LABELS[kind],
    pid: child.pid!,
    url,
    async openRoom(n, title = 'Bench') {
      if (kind !== 'threatboard') {
        const id = `bench-${randomBytes(6).toString('hex')}`;
        const ep: Endpoint = { kind, url: kind === 'ywss' ? `${ws}/${id}` : ws, doc: id };
        return { id, endpoints: Array.from({ length: n }, () => ep), sessions: [] };
      }
      const board = await postJson<CreateBoardResponse>(`${url}/api/boards`, { title });
      const endpoints: Endpoint[] = [];
      const sessions: JoinResponse[] = [];
      for (let i = 0; i < n; i += 20) {
        const batch = Array.from({ length: Math.min(20, n - i) }, (_, j) =>
          postJson<JoinResponse>(`${url}/api/boards/${board.id}/join`, { invite: board.invites.participant, name: `P${i + j}` }),
        );
        for (const session of await Promise.all(batch)) {
          const { token } = session;
          sessions.push(session);
          endpoints.push({ kind, url: `${ws}/sync/${board.id}?token=${encodeURIComponent(token)}`, doc: board.id });
        }
      }
      return { id: board.id, endpoints, sessions };
    },
    async mem() {
      const id = ++asked;
      const answer = new Promise<MemReport>((resolve) => {
        const on = (m: MemReport & { type: string; id: number }) => {
          if (m?.type !== 'mem' || m.id !== id) return;
          child.off('message', on);
          resolve(m);
        };
        child.on('message', on);
      });
      child.send({ type: 'mem', id });
      const m = await answer;
      if (kind === 'threatboard') m.rooms = ((await (await fetch(`${url}/api/health`)).json()) as { rooms: number }).rooms;
      return m;
    },
    async stop() {
      await stopChild(child);
      data.remove();
    },
  };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${new URL(url).pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** User + system CPU seconds a process has used (Linux /proc, clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of a process, bytes. */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
