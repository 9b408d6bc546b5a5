import { createContext, useContext, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Meta, View } from '../../shared/model/schema';
import type { FollowController } from '../facilitation/follow';
import type { SelfPresence } from '../facilitation/self';
import type { Facilitation } from '../facilitation/session';
import { useStore } from '../lib/useStore';
import { metaStoreFor, peopleStoreFor, viewsStoreFor } from '../model/hooks';
import type { Person } from '../../shared/model/people';
import type { PresenceStore } from '../model/presence-store';
import type { SceneSnapshot } from '../model/scene-store';
import type { ShapesSnapshot } from '../model/shapes-store';
import type { Identity } from '../sync/connect';
import type { DocumentActions } from './actions';
import type { Editor } from './editor';
import type { Live } from './live';
import type { SessionState } from './session-state';
import type { Tool } from './tools';
import type { UndoState } from './undo';

/**
 * The editor's parts for components, through one React context set by the board page. A component
 * asks for the part it uses — `useActions()` to change the board, `useSession()` for view, camera and
 * selection, `useLive()` for the live session — or for a value that re-renders it when it changes
 * (`useSelection()`, `useTool()`, `useScene()` …).
 */
const EditorContext = createContext<Editor | null>(null);

export function EditorProvider({ editor, children }: { editor: Editor; children: ReactNode }) {
  return <EditorContext.Provider value={editor}>{children}</EditorContext.Provider>;
}

/** The composition root itself: only to hand it to components that still take it as a prop. */
export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside <EditorProvider>');
  return editor;
}

/** Changes to the board's content, each one undo step. */
export function useActions(): DocumentActions {
  return useEditor().actions;
}

/** This tab's view, camera, tool, selection and text editing (the stores, without subscribing). */
export function useSession(): SessionState {
  return useEditor().session;
}

/** The live session: locks, brainstorm routing, votes; `fac` for the facilitation hooks. */
export function useLive(): Live {
  return useEditor().live;
}

/**
 * The live session's controller: phase, timer, locks, brainstorm, votes, groups, agenda (the same
 * object as `useLive().fac`). Pass `{ fac }` to the hooks in facilitation/hooks.ts.
 */
export function useFacilitationSession(): Facilitation {
  return useEditor().fac;
}

/** Our raised hand and group pick, in presence. */
export function useSelfPresence(): SelfPresence {
  return useEditor().self;
}

/** The board document itself, for the stores and hooks that take a Y.Doc (register, history). */
export function useBoardDoc(): Y.Doc {
  return useEditor().doc;
}

export function useFollowController(): FollowController {
  return useEditor().follow;
}

export function usePresence(): PresenceStore {
  return useEditor().presence;
}

/** Who this tab is (user id, name, role). */
export function useMe(): Identity {
  return useEditor().me;
}

/** The role may change the board at all (locks aside). */
export function useCanEdit(): boolean {
  return useEditor().canEdit;
}

/** Whether this tab can undo or redo its own changes now. */
export function useUndoState(): UndoState {
  return useStore(useEditor().undo.state);
}

export function useSelection(): ReadonlySet<string> {
  return useStore(useSession().selection);
}

export function useTool(): Tool {
  return useStore(useSession().tool);
}

/** The id of the view the canvas shows. */
export function useCurrentView(): string {
  return useStore(useSession().currentView);
}

/** What the canvas shows: the board's shapes and this user's hidden brainstorm notes. */
export function useScene(): SceneSnapshot {
  return useStore(useEditor().shapes);
}

/** The board document's shapes only (what everyone sees). */
export function useBoardShapes(): ShapesSnapshot {
  return useStore(useEditor().boardShapes);
}

export function useBoardViews(): readonly View[] {
  return useStore(viewsStoreFor(useEditor().doc));
}

export function useBoardMeta(): Meta {
  return useStore(metaStoreFor(useEditor().doc));
}

/** Everyone who has opened the board, by user id (server-written names: use for authors and @mentions). */
export function useBoardPeople(): ReadonlyMap<string, Person> {
  return useStore(peopleStoreFor(useEditor().doc));
}
