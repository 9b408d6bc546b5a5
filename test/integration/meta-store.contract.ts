import { describe, expect, it } from 'vitest';
import type { MetaStore } from '../../server/store/types';

/**
 * After a migration from the one-key-per-role schema, board-old's three old keys (hashes of, op, ov, board
 * created at 42) still join and are listed as "Earlier link". Returns the listed invites.
 */
export async function expectOldInvitesKept(store: MetaStore) {
  expect(await store.roleForInvite('board-old', 'op')).toBe('participant');
  const listed = await store.listInvites('board-old');
  expect(listed.map((i) => [i.role, i.label, i.createdAt])).toEqual([
    ['facilitator', 'Earlier link', 42],
    ['participant', 'Earlier link', 42],
    ['viewer', 'Earlier link', 42],
  ]);
  return listed;
}

const hashes = (p: string) => ({ facilitator: `${p}f`, participant: `${p}p`, viewer: `${p}v` });

/** The contract every MetaStore implementation must meet; run it from a `*.test.ts` per implementation. */
export function metaStoreContract(name: string, open: () => Promise<MetaStore> | MetaStore) {
  describe(`MetaStore contract: ${name}`, () => {
    it('keeps boards and finds roles by invite hash only for their board', async () => {
      const store = await open();
      await store.createBoard({ id: 'board-0001', title: 'One', createdAt: 1_700_000_000_123 }, hashes('h'));
      await store.createBoard({ id: 'board-0002', title: 'Two', createdAt: 2 }, hashes('x'));
      expect(await store.getBoard('board-0001')).toEqual({ id: 'board-0001', title: 'One', createdAt: 1_700_000_000_123 });
      expect(await store.getBoard('nope')).toBeNull();
      expect(await store.roleForInvite('board-0001', 'hp')).toBe('participant');
      expect(await store.roleForInvite('board-0001', 'hf')).toBe('facilitator');
      expect(await store.roleForInvite('board-0001', 'xp')).toBeNull();
      await store.close();
    });

    it('refuses a second board with the same id and keeps the first', async () => {
      const store = await open();
      await store.createBoard({ id: 'board-dup', title: 'First', createdAt: 1 }, hashes('a'));
      await expect(store.createBoard({ id: 'board-dup', title: 'Second', createdAt: 2 }, hashes('b'))).rejects.toThrow();
      expect((await store.getBoard('board-dup'))?.title).toBe('First');
      expect(await store.roleForInvite('board-dup', 'bp')).toBeNull();
      await store.close();
    });

    it('renames a board', async () => {
      const store = await open();
      await store.createBoard({ id: 'board-t', title: 'Old', createdAt: 1 }, hashes('t'));
      await store.setTitle('board-t', 'New – “quoted”');
      expect((await store.getBoard('board-t'))?.title).toBe('New – “quoted”');
      await store.close();
    });

    it('revokes old invites when they are replaced', async () => {
      const store = await open();
      await store.createBoard({ id: 'board-r', title: 'R', createdAt: 1 }, hashes('old'));
      await store.replaceInvites('board-r', hashes('new'));
      expect(await store.roleForInvite('board-r', 'oldp')).toBeNull();
      expect(await store.roleForInvite('board-r', 'newv')).toBe('viewer');
      await store.close();
    });

    it('adds invite links without revoking the others, lists them without keys and revokes one', async () => {
      const store = await open();
      await store.createBoard({ id: 'board-i', title: 'I', createdAt: 100 }, hashes('i'));
      await store.createBoard({ id: 'board-j', title: 'J', createdAt: 100 }, hashes('j'));
      const initial = await store.listInvites('board-i');
      expect(initial.map((i) => [i.role, i.createdAt, i.createdBy])).toEqual([
        ['facilitator', 100, null],
        ['participant', 100, null],
        ['viewer', 100, null],
      ]);
      const made = await store.createInvite({
        board: 'board-i',
        role: 'participant',
        label: 'Ward team – “B”',
        hash: 'extra',
        createdAt: 200,
        createdBy: { id: 'user-f', name: 'Fay' },
      });
      expect(made).toMatchObject({ board: 'board-i', role: 'participant', label: 'Ward team – “B”', createdAt: 200, revokedAt: null });
      expect(await store.roleForInvite('board-i', 'extra')).toBe('participant');
      expect(await store.roleForInvite('board-i', 'ip')).toBe('participant');
      expect(await store.roleForInvite('board-j', 'extra')).toBeNull();
      const listed = await store.listInvites('board-i');
      expect(listed).toHaveLength(4);
      expect(listed[3]).toEqual(made);
      expect(JSON.stringify(listed)).not.toContain('extra');
      expect(new Set(listed.map((i) => i.id)).size).toBe(4);

      // Revoking is per board and per link: another board's id does nothing, a second revoke reports false.
      expect(await store.revokeInvite('board-j', made.id, 300)).toBe(false);
      expect(await store.revokeInvite('board-i', made.id, 300)).toBe(true);
      expect(await store.revokeInvite('board-i', made.id, 301)).toBe(false);
      expect(await store.roleForInvite('board-i', 'extra')).toBeNull();
      expect(await store.roleForInvite('board-i', 'ip')).toBe('participant');
      expect((await store.listInvites('board-i')).map((i) => i.id)).toEqual(initial.map((i) => i.id));
      expect(await store.listInvites('board-j')).toHaveLength(3);
      await store.close();
    });

    it('replacing invites revokes every active link, including added ones, and records who did it', async () => {
      const store = await open();
      await store.createBoard({ id: 'board-x', title: 'X', createdAt: 1 }, hashes('x'));
      await store.createInvite({ board: 'board-x', role: 'viewer', label: 'Auditors', hash: 'aud', createdAt: 2, createdBy: null });
      await store.replaceInvites('board-x', hashes('y'), { id: 'user-g', name: 'Gil' }, 5);
      expect(await store.roleForInvite('board-x', 'aud')).toBeNull();
      expect(await store.roleForInvite('board-x', 'xf')).toBeNull();
      expect(await store.roleForInvite('board-x', 'yf')).toBe('facilitator');
      const listed = await store.listInvites('board-x');
      expect(listed.map((i) => [i.role, i.createdAt, i.createdBy])).toEqual([
        ['facilitator', 5, { id: 'user-g', name: 'Gil' }],
        ['participant', 5, { id: 'user-g', name: 'Gil' }],
        ['viewer', 5, { id: 'user-g', name: 'Gil' }],
      ]);
      await store.close();
    });

    it('remembers removed members per board, removing twice is harmless', async () => {
      const store = await open();
      await store.createBoard({ id: 'board-m', title: 'M', createdAt: 1 }, hashes('m'));
      expect(await store.isRemoved('board-m', 'user-1')).toBe(false);
      await store.removeMember('board-m', 'user-1', 10);
      await store.removeMember('board-m', 'user-1', 20);
      expect(await store.isRemoved('board-m', 'user-1')).toBe(true);
      expect(await store.isRemoved('board-m', 'user-2')).toBe(false);
      expect(await store.isRemoved('board-other', 'user-1')).toBe(false);
      await store.close();
    });
  });
}
