import { useSyncExternalStore } from 'react';
import type { Participant, PresenceStore, RemoteCursor } from './presence-store';

export function useParticipants(store: PresenceStore): Participant[] {
  return useSyncExternalStore(store.subscribeParticipants, store.getParticipants, store.getParticipants);
}

export function useRemoteCursors(store: PresenceStore): RemoteCursor[] {
  return useSyncExternalStore(store.subscribeCursors, store.getCursors, store.getCursors);
}

/** Shape id → colour of a remote user who has it selected. */
export function useRemoteSelections(store: PresenceStore): ReadonlyMap<string, string> {
  return useSyncExternalStore(store.subscribeSelections, store.getRemoteSelections, store.getRemoteSelections);
}
