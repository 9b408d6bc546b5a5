/**
 * How long a ~19 MB import blocks the server's event loop: starts a server in this process, posts one
 * large Threatboard backup to POST /api/boards/import and reports the longest event-loop delay seen
 * (perf_hooks.monitorEventLoopDelay) while the request ran, and for comparison the longest delay over as
 * long a time with nothing to do (on a loaded machine the scheduler alone delays the loop). The request
 * body is built before measuring.
 *
 *   npx tsx bench/import-block.ts
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config';
import { startServer } from '../server/server';
import { BoardDataSchema, toBackup } from '../shared/formats/board-data';

export function largeBackup(targetBytes = 19 * 1024 * 1024): Uint8Array<ArrayBuffer> {
  const filler = 'The pump accepts a bolus command replayed from a captured BLE session. '.repeat(14);
  const shapes: unknown[] = [];
  for (let i = 0; i < 2000; i++) shapes.push({ kind: 'process', id: `p${i}`, label: `Process ${i}`, pos: { x: i * 10, y: i * 5 } });
  for (let i = 0; i < 3000; i++) shapes.push({ kind: 'flow', id: `f${i}`, label: `Flow ${i}`, from: `p${i % 2000}`, to: `p${(i + 1) % 2000}` });
  const mitigations = Array.from({ length: 3000 }, (_, i) => ({ id: `m${i}`, num: i + 1, title: `Mitigation ${i}`, description: filler.slice(0, 300) }));
  let i = 0;
  const withThreats = () => toBackup(BoardDataSchema.parse({ meta: { title: 'Large import' }, views: [{ id: 'main', title: 'Global' }], shapes, mitigations, assumptions: [] }));
  // Add threats until the file reaches the target size.
  for (;;) {
    for (let k = 0; k < 500 && shapes.length < 20_000; k++, i++) {
      shapes.push({ kind: 'threat', id: `t${i}`, num: i + 1, title: `Threat ${i}`, stride: 'T', elements: [`p${i % 2000}`], rationale: filler, owner: 'Zoë', mitigations: [{ id: `m${i % 3000}` }] });
    }
    const text = JSON.stringify(withThreats());
    if (Buffer.byteLength(text) >= targetBytes || shapes.length >= 20_000) return new TextEncoder().encode(text);
  }
}

function post(url: string, file: string): Promise<{ status: number; ok: boolean }> {
  return new Promise((resolve, reject) => {
    const args = ['-s', '-X', 'POST', '-H', 'content-type: application/json', '--data-binary', `@${file}`, '-w', '\n%{http_code}', url];
    execFile('curl', args, { maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) return reject(err);
      const lines = stdout.trim().split('\n');
      const status = Number(lines.at(-1));
      resolve({ status, ok: status === 201 && /"id"/.test(lines.slice(0, -1).join('\n')) });
    });
  });
}

async function main() {
  const body = largeBackup();
  const dir = mkdtempSync(join(tmpdir(), 'threatboard-bench-'));
  const file = join(dir, 'large.threatboard.json');
  writeFileSync(file, body);
  const server = await startServer(loadConfig({ PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent' }));
  try {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const started = performance.now();
    // The client is another process (curl), so that only the server's work counts.
    const answer = await post(`${server.url}/api/boards/import`, file);
    const ms = performance.now() - started;
    h.disable();
    // The same time with nothing to do: on a shared machine the scheduler alone delays the loop.
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((r) => setTimeout(r, ms));
    idle.disable();
    console.log(
      JSON.stringify({
        bytes: body.byteLength,
        status: answer.status,
        ok: answer.ok,
        requestMs: Math.round(ms),
        maxEventLoopBlockMs: Math.round(h.max / 1e6),
        p99EventLoopDelayMs: Math.round(h.percentile(99) / 1e6),
        idleMaxEventLoopDelayMs: Math.round(idle.max / 1e6),
      }),
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
