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
  /** When set, creating and importing boards needs `Authorization: Bearer <ADMIN_KEY>`. */
  ADMIN_KEY: z.string().min(16, 'ADMIN_KEY must be at least 16 characters').optional(),
  // ---- cluster mode (see README, "Running several instances") ----
  /** PostgreSQL for boards and documents instead of SQLite, e.g. postgres://user@host:5432/threatboard. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL').optional(),
  /** Schema for the tables in that database (created if missing), so several deployments can share one. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA must be a lower-case SQL identifier').default('public'),
  /** Redis for fan-out between instances, e.g. redis://host:6379. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL').optional(),
  // ---- limits on what one client may send (see README, "Limits") ----
  /** Largest WebSocket frame, bytes. */
  MAX_FRAME_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
  /** Largest string inside a document value, characters. */
  MAX_STRING_CHARS: z.coerce.number().int().min(100).default(20_000),
  /** Deepest nesting of a plain (JSON-like) value inside a document. */
  MAX_VALUE_DEPTH: z.coerce.number().int().min(2).max(64).default(8),
  /** Largest stored size of one document (its update log), bytes; updates past it are refused. */
  MAX_DOC_BYTES: z.coerce.number().int().min(64 * 1024).default(64 * 1024 * 1024),
  /** Document updates per second per connection (sustained; bursts of 5× are allowed). */
  MAX_UPDATES_PER_SEC: z.coerce.number().positive().default(100),
  /** New Yjs client ids one connection may introduce into a document. */
  MAX_NEW_CLIENT_IDS: z.coerce.number().int().min(1).default(32),
  /** Presence (awareness) entries one connection may speak for. */
  MAX_PRESENCE_ENTRIES: z.coerce.number().int().min(1).default(4),
  /** Largest presence state of one entry, bytes of JSON. */
  MAX_PRESENCE_BYTES: z.coerce.number().int().min(256).default(8 * 1024),
  /** Output a socket may leave unread before it is closed (SlowConsumer), bytes. */
  MAX_BUFFERED_BYTES: z.coerce.number().int().min(64 * 1024).default(16 * 1024 * 1024),
  /** Automatic versions of a board: at least this often while it is edited, ms (see README, "Version history"). */
  AUTO_VERSION_MS: z.coerce.number().int().min(1000).default(10 * 60_000),
  /** People leaving within this long of a version the board's leavers already have share it, ms (0: one per change). */
  LEAVE_VERSION_MS: z.coerce.number().int().min(0).default(60_000),
  /** Log rows of a loaded document before it is compacted into one snapshot. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(10).default(500),
  /** HTTP requests per client address per minute: board creation, join, import, a board's first-paint list. */
  RATE_CREATE_PER_MIN: z.coerce.number().int().min(1).default(20),
  RATE_JOIN_PER_MIN: z.coerce.number().int().min(1).default(60),
  RATE_IMPORT_PER_MIN: z.coerce.number().int().min(1).default(10),
  RATE_SHAPES_PER_MIN: z.coerce.number().int().min(1).default(300),
});
export type Config = z.infer<typeof Env>;

const SECRET_KEYS = new Set(['SECRET', 'ADMIN_KEY', 'DATABASE_URL', 'REDIS_URL']);

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(Env.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const r = Env.safeParse(picked);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const key = String(i.path[0]);
      // Secrets and URLs that may carry passwords never reach a log.
      const got = SECRET_KEYS.has(key) ? 'value hidden' : `got ${JSON.stringify(picked[key])}`;
      return `  ${i.path.join('.')}: ${i.message} (${got})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}
