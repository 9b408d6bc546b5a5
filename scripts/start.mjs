// `npm start`: build the client if it is missing or older than its sources, then run the server in
// this process — or, on a machine of up to four cores, where the server wants a Node flag
// (server/node-flags.ts), in a child of it started with that flag; never a detached one: stopping npm
// stops the server, and this script exits with the child's code.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { register } = await import('tsx/esm/api');
register();
const { rerunWithServerFlags } = await import('../server/node-flags.ts');
let rerun;
try {
  rerun = rerunWithServerFlags();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
if (rerun) process.exit(await rerun);

const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(root, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['client', 'shared'].map((d) => join(root, d)).filter(existsSync);
const stale =
  !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
if (stale) {
  console.log('Building the client…');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}

await import('../server/main.ts');
