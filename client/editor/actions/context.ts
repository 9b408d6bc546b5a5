import type * as Y from 'yjs';
import type { Vec } from '../../canvas/camera';
import type { ReadStore } from '../../lib/store';
import type { SceneSnapshot } from '../../model/scene-store';
import type { Live } from '../live';
import type { SessionState } from '../session-state';
import type { Undo } from '../undo';

/** What document actions work with: the parts of the editor, never the editor itself. */
export interface ActionContext {
  readonly doc: Y.Doc;
  readonly me: { readonly userId: string };
  /** What the canvas shows: board shapes and this user's hidden notes. */
  readonly scene: ReadStore<SceneSnapshot>;
  readonly session: SessionState;
  /** Where a change may go (role, locks) and where it goes (board or private document). */
  readonly live: Live;
  readonly undo: Undo;
}

export function roundVec(p: Vec): Vec {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** Where keyboard-made things go: the pointer if it is over the canvas, else the middle of the window. */
export function here(ctx: ActionContext): Vec {
  return ctx.session.pointer ?? ctx.session.viewport.centreWorld();
}
