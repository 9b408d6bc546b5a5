import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** One scenario's output: a table, the issue's targets with pass/fail, and raw data for the JSON file. */
export interface Section {
  id: string;
  title: string;
  columns: string[];
  rows: (string | number)[][];
  targets: Target[];
  notes?: string[];
  data?: unknown;
}

export interface Target {
  measure: string;
  value: string;
  target: string;
  /** null: could not be judged (not available, or invalid run). */
  pass: boolean | null;
}

export const fmt = {
  ms: (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '–'),
  pct: (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–'),
  mb: (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–'),
  ratio: (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–'),
  kb: (n: number) => (n / 1024).toFixed(1),
};

export function target(measure: string, value: number, unit: string, op: '<=' | '>=', limit: number, ok = true): Target {
  const pass = !ok || !Number.isFinite(value) ? null : op === '<=' ? value <= limit : value >= limit;
  const shown = unit === '×' ? value.toFixed(2) : Number.isInteger(value) ? String(value) : fmt.ms(value);
  const v = Number.isFinite(value) ? `${shown}${unit === '×' ? '×' : ` ${unit}`}` : '–';
  return { measure, value: v, target: `${op === '<=' ? '≤' : '≥'} ${limit}${unit === '×' ? '×' : ` ${unit}`}`, pass };
}

export function renderSection(s: Section): string {
  const lines = [`\n## ${s.id}. ${s.title}\n`];
  if (s.rows.length) {
    lines.push(`| ${s.columns.join(' | ')} |`, `|${s.columns.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    for (const r of s.rows) lines.push(`| ${r.join(' | ')} |`);
  }
  for (const n of s.notes ?? []) lines.push(`\n${n}`);
  if (s.targets.length) {
    lines.push('', '| target | measured | wanted | result |', '|---|---:|---:|---|');
    for (const t of s.targets) lines.push(`| ${t.measure} | ${t.value} | ${t.target} | ${t.pass === null ? 'n/a' : t.pass ? 'pass' : 'FAIL'} |`);
  }
  return lines.join('\n');
}

export function machine(): Record<string, string | number> {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((l) => l.toFixed(1)).join(' '),
  };
}

export function writeResults(sections: Section[], opts: { quick: boolean; machine: Record<string, string | number> }): string {
  const dir = new URL('./results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}bench-${new Date().toISOString().replace(/[:.]/g, '-')}${opts.quick ? '-quick' : ''}.json`;
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), quick: opts.quick, machine: opts.machine, machineAtEnd: machine(), sections }, null, 2));
  return file;
}
