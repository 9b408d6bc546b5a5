import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashInvite, hashInvites, loadSecret, newInvites, TokenSigner } from '../../server/auth';
import { tempDataDir } from '../helpers/server';

const SECRET = 'x'.repeat(40);
const claims = { board: 'board-0001', role: 'participant' as const, sub: 'user-00001', name: 'Ada' };
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('session tokens', () => {
  const signer = new TokenSigner(SECRET, 3600);

  it('round-trips the claims with an expiry', async () => {
    const token = await signer.sign(claims);
    const got = await signer.verify(token);
    expect(got).toMatchObject(claims);
    expect(got!.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it('refuses a changed signature, a raised role with the old signature, alg none, another secret and expiry', async () => {
    const token = await signer.sign(claims);
    const [header, payload, sig] = token.split('.') as [string, string, string];
    const flipped = sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA');
    expect(await signer.verify(`${header}.${payload}.${flipped}`)).toBeNull();

    const raised = b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'facilitator' });
    expect(await signer.verify(`${header}.${raised}.${sig}`)).toBeNull();

    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    expect(await signer.verify(none)).toBeNull();

    expect(await new TokenSigner('y'.repeat(40), 3600).verify(token)).toBeNull();
    const expired = await signer.sign(claims, Date.now() - 2 * 3600_000);
    expect(await signer.verify(expired)).toBeNull();
    expect(await signer.verify('not a token')).toBeNull();
  });
});

describe('invite keys', () => {
  it('are long, random and distinct per role', () => {
    const a = newInvites();
    const b = newInvites();
    expect(new Set([...Object.values(a), ...Object.values(b)]).size).toBe(6);
    for (const key of Object.values(a)) expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as a hash that is stable and is not the key', () => {
    const invites = newInvites();
    const hashes = hashInvites(invites);
    expect(hashes.viewer).toBe(hashInvite(invites.viewer));
    expect(hashes.viewer).not.toContain(invites.viewer);
    expect(hashInvite(invites.viewer)).not.toBe(hashInvite(invites.participant));
  });
});

describe('signing secret', () => {
  it('is generated once into the data directory and reused', () => {
    const data = tempDataDir();
    const first = loadSecret(data.dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadSecret(data.dir)).toBe(first);
    expect(readFileSync(join(data.dir, 'secret'), 'utf8').trim()).toBe(first);
    expect(loadSecret(data.dir, SECRET)).toBe(SECRET);
    data.remove();
  });
});
