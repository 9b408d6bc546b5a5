import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `tsx bench/profile-summary.ts [dir-or-file]`: the functions with the most self time in V8 CPU profiles
 * (from `npm run bench -- … --profile`), with the share of all samples, to see where the server's time goes.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const arg = process.argv[2] ?? new URL('./results/profiles/', import.meta.url).pathname;
const files = arg.endsWith('.cpuprofile') ? [arg] : readdirSync(arg).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(arg, f));
for (const file of files) {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
  const hits = new Map<number, number>();
  for (const s of prof.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const byFn = new Map<string, number>();
  for (const n of prof.nodes) {
    const where = n.callFrame.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/(server|shared)\//, '$1/');
    const key = `${n.callFrame.functionName || '(anonymous)'}  ${where}:${n.callFrame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (hits.get(n.id) ?? 0));
  }
  // Shares of the busy time: idle samples are left out.
  const idle = [...byFn].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, n]) => s + n, 0);
  const busy = prof.samples.length - idle;
  console.log(`\n${file}: ${prof.samples.length} samples, ${busy} busy`);
  const top = [...byFn].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [fn, n] of top) console.log(`${((n / busy) * 100).toFixed(1).padStart(5)} %  ${fn}`);
}
