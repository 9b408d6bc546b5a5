import { describe, expect, it } from 'vitest';
import type { MetaStore } from '../../server/store/types';

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
