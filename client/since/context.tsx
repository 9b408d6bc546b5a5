import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Editor } from '../editor/editor';
import { constantStore } from '../lib/store';
import { useStore } from '../lib/useStore';
import { fetchVersion, listVersions } from '../ui/history/api';
import { SinceController, type SinceState } from './controller';
import type { ChangeKind } from './summary';

/** The board page's "since you were last here" controller, for the top bar, the outline and the canvas. */
const SinceContext = createContext<SinceController | null>(null);

/** One controller per opened board (made once the editor exists, gone with it). */
export function useSinceForBoard(boardId: string, editor: Editor): SinceController | null {
  const [since, setSince] = useState<SinceController | null>(null);
  useEffect(() => {
    const status = editor.conn.status;
    const c = new SinceController({
      doc: editor.doc,
      me: editor.me.userId,
      synced: { get: () => status.get().synced, subscribe: (l) => status.subscribe(l) },
      selection: editor.selection,
      listVersions: () => listVersions(boardId),
      fetchVersion: (id) => fetchVersion(boardId, id),
    });
    setSince(c);
    return () => {
      c.destroy();
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
