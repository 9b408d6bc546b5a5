import type * as Y from 'yjs';
import { addShape, deleteShapes, moveShapes, updateShape } from '../../shared/model/board-doc';
import { addHiddenNote, deleteHiddenNote, updateHiddenNote } from '../../shared/facilitation/doc';
import type { Vote } from '../../shared/facilitation/schema';
import type { Shape, ShapeInput, ShapeKind } from '../../shared/model/schema';
import type { Facilitation } from '../facilitation/session';
import type { DotIntent, DotOutcome } from '../facilitation/voting';
import type { ReadStore } from '../lib/store';
import type { SceneSnapshot } from '../model/scene-store';
import { LOCAL_ORIGIN } from './undo';

/** What the facilitator's lock freezes: the diagram. Notes and threats can still be added and moved. */
const DIAGRAM_KINDS: ReadonlySet<ShapeKind> = new Set<ShapeKind>(['entity', 'process', 'store', 'flow', 'boundary', 'text']);

/**
 * The live session as the editor sees it: where a change may go and where it goes. Locks freeze a
 * view's diagram; during a silent brainstorm on a view new notes and threats go to this user's private
 * document, and a hidden note is changed (and deleted) there; votes place dots. Document actions write
 * through `add`, `write` and `remove` and never pick a document themselves.
 */
export class Live {
  constructor(
    private readonly doc: Y.Doc,
    /** The live session: phase, timer, locks, brainstorm, votes; and this user's private document. */
    readonly fac: Facilitation,
    private readonly scene: ReadStore<SceneSnapshot>,
    private readonly currentView: ReadStore<string>,
    readonly canEdit: boolean,
  ) {}

  /** The facilitator has locked the diagram of `view`. */
  viewLocked(view: string = this.currentView.get()): boolean {
    return this.fac.state.get().locks.has(view);
  }

  /** A diagram shape of a locked view: it cannot be moved, resized, edited or deleted. */
  isLocked(s: Shape): boolean {
    return DIAGRAM_KINDS.has(s.kind) && this.viewLocked(s.view);
  }

  /** Records of `kind` can be added to (or pasted into) `view` now. */
  mayAdd(kind: ShapeKind, view: string = this.currentView.get()): boolean {
    return this.canEdit && !(DIAGRAM_KINDS.has(kind) && this.viewLocked(view));
  }

  /** This user may change the shape now (role, lock). */
  canChange(id: string): boolean {
    if (!this.canEdit) return false;
    const s = this.scene.get().byId.get(id);
    return !!s && !this.isLocked(s);
  }

  /** One of this user's hidden brainstorm notes (it lives in their private document). */
  isHidden(id: string): boolean {
    return this.scene.get().hidden.has(id);
  }

  /** Change a shape in the document it lives in: the board, or the private one for a hidden note. */
  write(id: string, patch: Record<string, unknown>): boolean {
    const priv = this.fac.privateDoc;
    if (priv && this.isHidden(id)) {
      updateHiddenNote(priv, id, patch, LOCAL_ORIGIN);
      return true;
    }
    return updateShape(this.doc, id, patch, LOCAL_ORIGIN);
  }

  /** Move box-shaped shapes (a drag frame): hidden notes in the private document, the rest in one pass. */
  move(positions: ReadonlyMap<string, { x: number; y: number }>): void {
    const board = new Map<string, { x: number; y: number }>();
    for (const [id, pos] of positions) {
      if (this.isHidden(id)) this.write(id, { pos });
      else board.set(id, pos);
    }
    moveShapes(this.doc, board, LOCAL_ORIGIN);
  }

  /**
   * Add a record. During a silent brainstorm on its view, notes and threats go to the private document:
   * only this user sees them until the server reveals them into the board.
   */
  add(input: ShapeInput): void {
    const priv = this.fac.privateDoc;
    if (priv && (input.kind === 'note' || input.kind === 'threat') && this.fac.brainstormingIn(input.view ?? this.currentView.get())) {
      addHiddenNote(priv, input, LOCAL_ORIGIN);
      return;
    }
    addShape(this.doc, input, LOCAL_ORIGIN);
  }

  /** Delete records from the documents they live in. */
  remove(ids: readonly string[]): void {
    const priv = this.fac.privateDoc;
    const hidden = ids.filter((id) => this.isHidden(id));
    const board = ids.filter((id) => !this.isHidden(id));
    if (board.length) deleteShapes(this.doc, board, LOCAL_ORIGIN);
    if (priv) for (const id of hidden) deleteHiddenNote(priv, id, LOCAL_ORIGIN);
  }

  // ── votes ──────────────────────────────────────────────────────────────

  /** Vote mode is on and a vote is open: a click on a candidate threat places a dot. */
  votingNow(): Vote | null {
    return this.fac.votingNow();
  }

  /** Place or take back a dot on a threat, within the vote's rules. */
  dot(threatId: string, intent: DotIntent): DotOutcome {
    return this.fac.dot(threatId, intent);
  }
}
