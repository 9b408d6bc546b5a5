import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * Fields that may hold a secret, wherever they appear one or two levels down: session tokens, invite keys,
 * Authorization headers. Log calls never pass them on purpose; this is the safety net for when one does.
 */
const REDACT = ['token', 'invite', 'invites', 'authorization', 'adminKey', 'secret'].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/**
 * Structured JSON logs (one object per line, on stdout unless a destination is given), at `LOG_LEVEL`.
 * Requests are logged with method, path (never the query string: /sync carries tokens there), status
 * and duration.
 */
export function createLogger(level: Config['LOG_LEVEL'], destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'threatboard' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
