import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sign, verify } from 'hono/jwt';
import { TokenClaims, type Invites } from '../shared/api';
import type { Role } from '../shared/roles';
import { ROLES } from '../shared/roles';
import { ensurePrivateDir, openToOthers } from './at-rest';
import { ConfigError } from './config';

/** 32 random bytes, base64url: an unguessable invite key or id. */
export function randomKey(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function newInvites(): Invites {
  return { facilitator: randomKey(), participant: randomKey(), viewer: randomKey() };
}

/**
 * Invite keys are 256-bit random secrets, so a single SHA-256 is enough to make a leaked database useless
 * for joining (no dictionary to attack); a slow password hash would add nothing but latency.
 */
export function hashInvite(invite: string): string {
  return createHash('sha256').update(invite, 'utf8').digest('base64url');
}


export function hashInvites(invites: Invites): Record<Role, string> {
  return Object.fromEntries(ROLES.map((r) => [r, hashInvite(invites[r])])) as Record<Role, string>;
}

/**
 * The signing secret: `$SECRET` if set, otherwise one generated once and kept in `$DATA_DIR/secret` (0600).
 * A secret file that group or others may read is refused: whoever reads it can sign any token.
 */
export function loadSecret(dataDir: string, fromEnv?: string): string {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    if (openToOthers(file)) {
      throw new ConfigError(`${file} can be read by other users of this machine, and anyone who reads it can forge sessions. Fix it with: chmod 600 ${file}`);
    }
    const s = readFileSync(file, 'utf8').trim();
    if (s.length >= 32) return s;
    throw new Error(`${file} holds a secret shorter than 32 characters; delete it to generate a new one`);
  }
  ensurePrivateDir(dataDir);
  const s = randomKey(48);
  writeFileSync(file, s + '\n', { mode: 0o600 });
  return s;
}

export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  async sign(claims: Omit<TokenClaims, 'exp'>, now = Date.now()): Promise<string> {
    const exp = Math.floor(now / 1000) + Math.floor(this.ttlSeconds);
    return sign({ ...claims, exp }, this.secret, 'HS256');
  }

  /** Verified claims, or null for anything forged, expired, of another algorithm or malformed. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const payload = await verify(token, this.secret, 'HS256');
      const r = TokenClaims.safeParse(payload);
      return r.success ? r.data : null;
    } catch {
      return null;
    }
  }
}
