import type { NoteColor } from '../../../shared/model/schema';
import type { LibraryEntry } from '../../../shared/threats/library';
import type { Rect, Vec } from '../../canvas/camera';
import type { PlaceKind } from '../tools';
import * as change from './change';
import { Clipboard } from './clipboard';
import { here, type ActionContext } from './context';
import * as create from './create';
import * as del from './delete';
import * as order from './order';
import * as views from './views';
import type { Stride, View } from '../../../shared/model/schema';

export type { ActionContext } from './context';
export { MIN_SIZE, type MoveOrigins } from './change';
export { CLIPBOARD_KEY } from './clipboard';
export type { ThreatOptions } from './create';

/**
 * Every change a person makes to the board's content, each one undo step (a drag is one step between
 * Undo boundaries): create, change, delete, z order, clipboard. Refused for viewers and, for diagram
 * shapes, on a locked view; hidden brainstorm notes are changed in the private document (see Live).
 */
export class DocumentActions {
  private readonly clipboard: Clipboard;

  constructor(private readonly ctx: ActionContext) {
    this.clipboard = new Clipboard(ctx);
  }

  // ── create ──
  createNote = (at: Vec, options?: { edit?: boolean }) => create.createNote(this.ctx, at, options);
  /** A note where the pointer is, else in the middle of the window. */
  createNoteHere = () => create.createNote(this.ctx, here(this.ctx));
  createShape = (kind: PlaceKind, at: Vec, options?: { rect?: Rect; edit?: boolean }) => create.createShape(this.ctx, kind, at, options);
  /** A shape of `kind` where the pointer is (or in the middle of the window): keyboard use. */
  createShapeHere = (kind: PlaceKind) => create.createShape(this.ctx, kind, here(this.ctx));
  createFlow = (from: string, to: string, options?: { edit?: boolean }) => create.createFlow(this.ctx, from, to, options);
  createThreat = (opts: create.ThreatOptions) => create.createThreat(this.ctx, opts);
  dropLibraryEntry = (entry: LibraryEntry, at: Vec, tolerance?: number) => create.dropLibraryEntry(this.ctx, entry, at, tolerance);

  // ── change ──
  moveSet = (ids: Iterable<string>) => change.moveSet(this.ctx, ids);
  moveBy = (origins: change.MoveOrigins, dx: number, dy: number) => change.moveBy(this.ctx, origins, dx, dy);
  moveTo = (positions: ReadonlyMap<string, Vec>) => change.moveTo(this.ctx, positions);
  nudge = (dx: number, dy: number) => change.nudge(this.ctx, dx, dy);
  resize = (rects: ReadonlyMap<string, Rect>) => change.resize(this.ctx, rects);
  setBends = (id: string, bends: readonly Vec[]) => change.setBends(this.ctx, id, bends);
  removeBend = (id: string, index: number) => change.removeBend(this.ctx, id, index);
  attachThreats = (threatIds: Iterable<string>, elementId: string) => change.attachThreats(this.ctx, threatIds, elementId);
  setText = (id: string, text: string) => change.setText(this.ctx, id, text);
  setColor = (ids: Iterable<string>, color: NoteColor) => change.setColor(this.ctx, ids, color);
  updateShape = (id: string, patch: Partial<Record<string, unknown>>) => change.updateShape(this.ctx, id, patch);
  convertShape = (id: string, to: Stride | 'note') => change.convertShape(this.ctx, id, to);

  // ── delete, z order, clipboard ──
  deleteIds = (ids: readonly string[]) => del.deleteIds(this.ctx, ids);
  deleteSelected = () => del.deleteSelected(this.ctx);
  reorderSelected = (where: 'front' | 'back') => order.reorderSelected(this.ctx, where);
  duplicateSelected = () => this.clipboard.duplicateSelected();
  copySelected = () => this.clipboard.copySelected();
  paste = (text?: string | null) => this.clipboard.paste(text);

  // ── board and views ──
  renameBoard = (title: string) => views.renameBoard(this.ctx, title);
  createView = (kind: View['kind'], title: string) => views.createView(this.ctx, kind, title);
  changeView = (id: string, patch: Partial<Pick<View, 'title' | 'kind' | 'description'>>) => views.changeView(this.ctx, id, patch);
  shiftView = (order: readonly string[], id: string, dir: -1 | 1) => views.shiftView(this.ctx, order, id, dir);
  moveViewBefore = (order: readonly string[], id: string, target: string | null) => views.moveViewBefore(this.ctx, order, id, target);
  removeView = (order: readonly string[], id: string) => views.removeView(this.ctx, order, id);

  // ── undo ──
  /** Start a gesture (drag, resize, bend): everything until `endGesture` is one undo step. */
  beginGesture = () => this.ctx.undo.boundary();
  endGesture = () => this.ctx.undo.boundary();
  undoLast = () => {
    this.ctx.session.editing.set(null);
    this.ctx.undo.undo();
  };
  redoLast = () => {
    this.ctx.session.editing.set(null);
    this.ctx.undo.redo();
  };
}
