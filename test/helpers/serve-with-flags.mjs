// What scripts/start.mjs runs, without building the client: the server, run again as a child with its
// Node flags when this process lacks them (test/integration/node-flags.test.ts).
import { register } from 'tsx/esm/api';

register();
const { rerunWithServerFlags } = await import('../../server/node-flags.ts');
const rerun = rerunWithServerFlags();
if (rerun) process.exit(await rerun);
await import('../../server/main.ts');
