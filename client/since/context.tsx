import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Editor } from '../editor/editor';
import { constantStore } from '../lib/store';
import { useStore } from '../lib/useStore';
import { later } from '../lib/later';
import type { SinceController, SinceState } from './controller';
import type { ChangeKind } from './summary';

/** The board page's "since you were last here" controller, for the top bar, the outline and the canvas. */
const SinceContext = createContext<SinceController | null>(null);

/**
 * One controller per opened board, gone with the editor. Its code (the diff of two versions, the version
 * API) is a chunk of its own, fetched a moment after the board has arrived: before that it has nothing to
 * compare, and the board page's first load stays smaller (issue 13).
 */
export function useSinceForBoard(boardId: string, editor: Editor): SinceController | null {
  const [since, setSince] = useState<SinceController | null>(null);
  useEffect(() => {
    const status = editor.conn.status;
    let controller: SinceController | null = null;
    let loading = false;
    let gone = false;
    let cancel = () => {};
    const load = () =>
      import('./start')
        .then(({ startSince }) => {
          if (gone) return;
          controller = startSince(boardId, editor);
          setSince(controller);
        })
        .catch((err: unknown) => console.warn('[threatboard] "what changed" is not available:', err));
    const start = () => {
      if (loading || !status.get().synced) return;
      loading = true;
      // The summary is about the past: the board's first paint never waits for its code or its fetches.
      cancel = later(() => void load());
    };
    const unsubscribe = status.subscribe(start);
    start();
    return () => {
      gone = true;
      cancel();
      unsubscribe();
      controller?.destroy();
      setSince(null);
    };
  }, [boardId, editor]);
  return since;
}

export function SinceProvider({ value, children }: { value: SinceController | null; children: ReactNode }) {
  return <SinceContext.Provider value={value}>{children}</SinceContext.Provider>;
}

export function useSince(): SinceController | null {
  return useContext(SinceContext);
}

const NONE: ReadonlyMap<string, ChangeKind> = new Map();
const noneStore = constantStore(NONE);
const waiting = constantStore<SinceState | null>(null);

/** Shapes others added or changed since this person's last visit, not yet seen (empty without a provider). */
export function useUnseenChanges(): ReadonlyMap<string, ChangeKind> {
  return useStore(useContext(SinceContext)?.unseen ?? noneStore);
}

export function useSinceState(): SinceState | null {
  const c = useContext(SinceContext);
  return useStore(c?.state ?? waiting);
}
