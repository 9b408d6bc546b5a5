import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/** scripts/check-cycles.mjs: part of `npm run typecheck`, so it must fail on a cycle and pass without. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return spawnSync(process.execPath, ['scripts/check-cycles.mjs', dir], { encoding: 'utf8' });
}

describe('check-cycles', () => {
  it('exits 1 and names the cycle, type-only imports included', () => {
    const r = run({
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': "import type { C } from './c';\nexport const b = 1 as unknown as C;\n",
      'c.tsx': "export { a as C } from './a';\n",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/a\.ts → .*b\.ts → .*c\.tsx → .*a\.ts/);
  });

  it('exits 0 on an acyclic graph', () => {
    const r = run({ 'a.ts': "import { b } from './b';\nexport const a = b;\n", 'b.ts': "import 'node:fs';\nexport const b = 1;\n" });
    expect(r.status).toBe(0);
  });
});
