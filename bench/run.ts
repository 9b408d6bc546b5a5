import { bundle } from './bundle';
import { canvas } from './canvas-pan';
import { cluster } from './cluster';
import { coldOpen } from './coldopen';
import { capacity, fanOut, KINDS, manyRooms, type BenchOptions } from './fanout';
import type { ServerKind } from './proto';
import { leaving } from './leaving';
import { memory } from './memory';
import { machine, renderSection, writeResults, type Section } from './report';

/**
 * `npm run bench [-- <scenario…>] [--quick] [--profile]`: Threatboard and its peers under the same load
 * in one run; prints a Markdown table per scenario and writes every figure to bench/results/*.json.
 * Scenarios by number or name: 1 fanout, 2 capacity, 3 rooms, 4 cold, 5 memory, 6 canvas, 7 cluster,
 * 8 bundle, 9 leaving. `--servers=threatboard[,ywss][,hocuspocus]` runs only those servers (ratios need the peers).
 * See docs/performance.md.
 */
const SCENARIOS: [string, string, (o: BenchOptions) => Promise<Section>][] = [
  ['1', 'fanout', fanOut],
  ['2', 'capacity', capacity],
  ['3', 'rooms', manyRooms],
  ['4', 'cold', coldOpen],
  ['5', 'memory', memory],
  ['6', 'canvas', canvas],
  ['7', 'cluster', cluster],
  ['8', 'bundle', bundle],
  ['9', 'leaving', leaving],
];

const args = process.argv.slice(2);
const servers = args.find((a) => a.startsWith('--servers='))?.slice('--servers='.length).split(',');
const badServer = servers?.find((k) => !KINDS.includes(k as ServerKind));
if (badServer !== undefined || servers?.[0] !== undefined && servers[0] !== 'threatboard') {
  console.error(`--servers= takes a comma-separated list starting with threatboard, from ${KINDS.join(', ')}`);
  process.exit(2);
}
const opts: BenchOptions = {
  quick: args.includes('--quick'),
  kinds: servers as ServerKind[] | undefined,
  profileDir: args.includes('--profile') ? new URL('./results/profiles/', import.meta.url).pathname : undefined,
};
const picked = args.filter((a) => !a.startsWith('--'));
const unknown = picked.filter((p) => !SCENARIOS.some(([n, name]) => p === n || p === name));
if (unknown.length) {
  console.error(`unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.map(([n, name]) => `${n} ${name}`).join(', ')}`);
  process.exit(2);
}
const chosen = SCENARIOS.filter(([n, name]) => picked.length === 0 || picked.includes(n) || picked.includes(name));

const m = machine();
console.log(`# Threatboard benchmarks${opts.quick ? ' (--quick: reduced sizes, for smoke runs; targets indicative only)' : ''}`);
console.log(`\n${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; load average ${m.loadAverage}`);
if (Number(String(m.loadAverage).split(' ')[0]) > Number(m.nproc) / 2) {
  console.log('\n**Warning: the machine is busy (load average above half the cores); figures will be noisy.**');
}
const sections: Section[] = [];
const started = Date.now();
for (const [n, name, run] of chosen) {
  const t0 = Date.now();
  try {
    const s = await run(opts);
    sections.push(s);
    console.log(renderSection(s));
  } catch (err) {
    console.error(`\nscenario ${n} (${name}) failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sections.push({ id: n, title: `${name}: failed`, columns: [], rows: [], targets: [], notes: [String(err)] });
  }
  console.log(`\n(scenario ${n} took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
const file = writeResults(sections, { quick: opts.quick, machine: m });
console.log(`\nAll figures in ${file} (${((Date.now() - started) / 1000).toFixed(0)} s in all).`);
if (opts.profileDir) console.log(`CPU profiles of the Threatboard server in ${opts.profileDir}`);
process.exit(0);
