import * as Y from 'yjs';
import { boardMaps } from '../../shared/model/board-doc';
import { positionLog } from '../../shared/model/positions';
import { createStore, type ReadStore, type Store } from '../lib/store';

/** Origin of every change this tab makes, so the undo manager tracks only our own edits. */
export const LOCAL_ORIGIN = { name: 'threatboard-local' };

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * Undo and redo of this tab's own changes to the board document. Remote changes (and hidden notes in
 * the private document) never enter the stack. Capture boundaries are set explicitly around every action
 * and gesture (`act`, `boundary`), so one drag is one undo step however long it takes, and two quick
 * clicks are two steps. Views are tracked too, so deleting a view (with its shapes) is undone in one
 * step; so are the register's own records (mitigations, assumptions), and the position log (a move
 * deletes the shape's entry and appends one: undo takes the new one out and brings the old one back).
 */
export class Undo {
  private readonly manager: Y.UndoManager;
  private readonly stateStore: Store<UndoState> = createStore<UndoState>(
    { canUndo: false, canRedo: false },
    (a, b) => a.canUndo === b.canUndo && a.canRedo === b.canRedo,
  );
  readonly state: ReadStore<UndoState> = this.stateStore;

  constructor(doc: Y.Doc) {
    const { shapes, views, mitigations, assumptions } = boardMaps(doc);
    this.manager = new Y.UndoManager([shapes, views, mitigations, assumptions, positionLog(doc)], {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: Number.MAX_SAFE_INTEGER,
    });
    const sync = () => this.stateStore.set({ canUndo: this.manager.canUndo(), canRedo: this.manager.canRedo() });
    this.manager.on('stack-item-added', sync);
    this.manager.on('stack-item-popped', sync);
    this.manager.on('stack-cleared', sync);
  }

  /** Run one user action as one undo step. */
  act<T>(fn: () => T): T {
    this.manager.stopCapturing();
    try {
      return fn();
    } finally {
      this.manager.stopCapturing();
    }
  }

  /** Start or end a gesture (drag, resize, bend): what happens in between is one undo step. */
  boundary(): void {
    this.manager.stopCapturing();
  }

  undo(): void {
    this.manager.undo();
  }

  redo(): void {
    this.manager.redo();
  }

  destroy(): void {
    this.manager.destroy();
  }
}
