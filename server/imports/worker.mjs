// The import worker's entry point, in plain JavaScript so that it starts the same way under `npm start`,
// tsx and vitest: it registers tsx, then loads the TypeScript job.
import { register } from 'tsx/esm/api';

register();
await import('./job.ts');
