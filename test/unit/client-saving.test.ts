import { describe, expect, it } from 'vitest';
import { savingPaused } from '../../client/sync/saving';
import { describeStatus, type ConnectionStatus } from '../../client/sync/status';

const connected: ConnectionStatus = { phase: 'connected', synced: true, unsent: false, readOnly: false, refused: false, savingPaused: false };

describe('saving paused', () => {
  it("reads the server's presence entry and ignores people's entries", () => {
    const person = { user: { id: 'u1', name: 'Ana' }, cursor: null, selection: [] };
    expect(savingPaused(new Map<number, unknown>([[1, person]]))).toBe(false);
    expect(savingPaused(new Map<number, unknown>([[1, person], [2, { server: { saving: 'paused' } }]]))).toBe(true);
    expect(savingPaused(new Map<number, unknown>([[2, { server: { saving: 'ok' } }], [3, { server: 'paused' }], [4, null]]))).toBe(false);
  });

  it('is what the top bar says while connected', () => {
    expect(describeStatus({ ...connected, savingPaused: true })).toBe('Saving paused — changes are kept and will be saved');
    expect(describeStatus(connected)).toBe('Connected');
    expect(describeStatus({ ...connected, phase: 'reconnecting', savingPaused: true })).toBe('Reconnecting…');
  });
});
