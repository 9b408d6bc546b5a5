import { z } from 'zod';

/**
 * Configuration from the environment. Every variable is documented in the README; an invalid value stops
 * start-up with a message naming the variable, rather than a surprise later.
 */
const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATA_DIR: z.string().min(1).default('./data'),
  SECRET: z.string().min(32, 'SECRET must be at least 32 characters').optional(),
  TOKEN_TTL_DAYS: z.coerce.number().positive().max(3650).default(90),
  ROOM_IDLE_MS: z.coerce.number().int().min(0).default(30_000),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
});
export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(Env.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const r = Env.safeParse(picked);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(picked[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}
