import { describe, expect, it } from 'vitest';
import { savingPaused } from '../../client/sync/saving';
import { describeStatus, type ConnectionStatus } from '../../client/sync/status';

const connected: ConnectionStatus = { phase: 'connected', synced: true, pending: 0, stored: true, storing: 0, local: false, preview: false, readOnly: false, refused: false, savingPaused: false };

describe('saving paused', () => {
  it("reads the server's presence entry and ignores people's entries", () => {
    const person = { user: { id: 'u1', name: 'Ana' }, cursor: null, selection: [] };
    expect(savingPaused(new Map<number, unknown>([[1, person]]))).toBe(false);
    expect(savingPaused(new Map<number, unknown>([[1, person], [2, { server: { saving: 'paused' } }]]))).toBe(true);
    expect(savingPaused(new Map<number, unknown>([[2, { server: { saving: 'ok' } }], [3, { server: 'paused' }], [4, null]]))).toBe(false);
  });

  it('is what the top bar says while connected', () => {
    expect(describeStatus({ ...connected, savingPaused: true })).toBe('Saving paused — changes are kept and will be saved');
    expect(describeStatus(connected)).toBe('All changes saved');
    expect(describeStatus(connected, false)).toBe('Connected');
    expect(describeStatus({ ...connected, phase: 'reconnecting', savingPaused: true })).toBe('Reconnecting…');
  });

  it('says where offline changes are and how many wait to sync', () => {
    const offline = { ...connected, phase: 'offline' as const, synced: false };
    expect(describeStatus(offline)).toBe('Offline — changes saved on this device');
    expect(describeStatus({ ...offline, pending: 1 })).toBe('Offline — changes saved on this device. 1 change waiting to sync');
    // Until IndexedDB has committed the latest change, a reload could lose it: the bar does not say "saved".
    expect(describeStatus({ ...offline, pending: 1, storing: 1 })).toBe('Offline — saving changes on this device. 1 change waiting to sync');
    expect(describeStatus({ ...offline, pending: 3, stored: false })).toBe('Offline — changes kept in this tab until you reconnect. 3 changes waiting to sync');
    expect(describeStatus({ ...offline, pending: 3 }, false)).toBe('Offline');
    expect(describeStatus({ ...connected, synced: false, pending: 2 })).toBe('Syncing…');
    expect(describeStatus({ ...connected, phase: 'reconnecting', synced: false, pending: 2 })).toBe('Reconnecting… 2 changes waiting to sync');
  });
});
