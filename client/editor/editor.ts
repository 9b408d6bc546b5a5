import type * as Y from 'yjs';
import { DEFAULT_VIEW_ID } from '../../shared/model/board-doc';
import type { NoteColor, Shape } from '../../shared/model/schema';
import type { LibraryEntry } from '../../shared/threats/library';
import { canEditBoard } from '../../shared/roles';
import { createStore, type ReadStore, type Store } from '../lib/store';
import { shapesStoreFor, viewsStoreFor } from '../model/hooks';
import { PresenceStore } from '../model/presence-store';
import { SceneStore } from '../model/scene-store';
import type { ShapesStore } from '../model/shapes-store';
import type { Facilitation } from '../facilitation/session';
import { FollowController } from '../facilitation/follow';
import { SelfPresence } from '../facilitation/self';
import type { BoardConnection, Identity } from '../sync/connect';
import type { Rect, Vec } from '../canvas/camera';
import type { CameraMemory } from './camera-memory';
import { DocumentActions, type MoveOrigins, type ThreatOptions } from './actions';
import { Live } from './live';
import { SessionState } from './session-state';
import type { Tool, PlaceKind } from './tools';
import { Undo, type UndoState } from './undo';
import type { Viewport } from './viewport';

export { LOCAL_ORIGIN, type UndoState } from './undo';
export { CLIPBOARD_KEY, MIN_SIZE, type MoveOrigins } from './actions';

/**
 * One open board: the composition root that builds the editor's parts in one place and owns them.
 *  - `session`  (session-state.ts): this tab's view, camera, tool, selection, text editing;
 *  - `actions`  (actions/): every change to the board's content, each one undo step;
 *  - `live`     (live.ts): locks, routing of brainstorm notes to the private document, votes;
 *  - `undo`     (undo.ts): this tab's own changes to the board document;
 *  - `follow` and `self` (facilitation/): summons and following, our hand and group pick.
 * Components get the part they need from the hooks in context.tsx (`useSession()`, `useActions()`,
 * `useLive()` …). The methods and store getters below delegate to the parts, for the canvas controller
 * and components written before the split; new code should not add to them.
 */
export class Editor {
  readonly doc: Y.Doc;
  readonly canEdit: boolean;
  /** The board document's shapes only (what everyone sees). */
  readonly boardShapes: ShapesStore;
  /** What this user's canvas shows: the board's shapes and their own hidden brainstorm notes. */
  readonly shapes: SceneStore;
  readonly presence: PresenceStore;
  readonly session: SessionState;
  readonly live: Live;
  readonly undo: Undo;
  readonly actions: DocumentActions;
  /** Summon, "follow me" and following another person's camera. */
  readonly follow: FollowController;
  /** Our raised hand and group pick, in presence. */
  readonly self: SelfPresence;
  private cleanups: (() => void)[] = [];

  constructor(
    readonly conn: BoardConnection,
    readonly me: Identity,
    /** The live session: phase, timer, locks, brainstorm, votes; and this user's private document. */
    readonly fac: Facilitation,
  ) {
    const doc = (this.doc = conn.doc);
    const publish = (field: string, value: unknown) => conn.awareness.setLocalStateField(field, value);
    const views = viewsStoreFor(doc);
    this.canEdit = canEditBoard(me.role);
    this.boardShapes = shapesStoreFor(doc);
    this.shapes = new SceneStore(this.boardShapes, fac.hiddenNotes);
    const currentView = createStore(views.get()[0]?.id ?? DEFAULT_VIEW_ID);
    this.presence = new PresenceStore(conn.awareness, currentView.get());
    this.live = new Live(doc, fac, this.shapes, currentView, this.canEdit);
    this.session = new SessionState(currentView, {
      scene: this.shapes,
      views,
      publish,
      onViewChange: (id) => this.presence.setView(id),
      rights: this.live,
    });
    this.undo = new Undo(doc);
    this.actions = new DocumentActions({ doc, me, scene: this.shapes, session: this.session, live: this.live, undo: this.undo });
    this.follow = new FollowController({
      session: this.session,
      fac,
      presence: this.presence,
      me,
      publish,
    });
    this.self = new SelfPresence(conn.awareness, fac, this.presence);
    this.cleanups.push(
      () => this.session.destroy(),
      () => this.undo.destroy(),
      () => this.presence.destroy(),
      () => this.follow.destroy(),
      () => this.self.destroy(),
    );
  }

  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
  }

  /** The canvas shows the server's list of shapes, not yet the document: nothing can be edited. */
  previewing(): boolean {
    return this.conn.status.get().preview;
  }

  // ── session state (see SessionState) ──
  get view(): string {
    return this.session.view;
  }
  get currentView(): Store<string> {
    return this.session.currentView;
  }
  get viewport(): Viewport {
    return this.session.viewport;
  }
  get tool(): Store<Tool> {
    return this.session.tool;
  }
  get selection(): Store<ReadonlySet<string>> {
    return this.session.selection;
  }
  get editing(): Store<string | null> {
    return this.session.editing;
  }
  get shortcutsOpen(): Store<boolean> {
    return this.session.shortcutsOpen;
  }
  get spacePan(): Store<boolean> {
    return this.session.spacePan;
  }
  get pointer(): Vec | null {
    return this.session.pointer;
  }
  get cameras(): CameraMemory {
    return this.session.cameras;
  }
  get undoState(): ReadStore<UndoState> {
    return this.undo.state;
  }
  visibleShapes(): readonly Shape[] {
    return this.session.visibleShapes();
  }
  setView(id: string): void {
    this.session.setView(id);
  }
  restoreCamera(): void {
    this.session.restoreCamera();
  }
  zoomToFit(options?: { readable?: boolean }): void {
    this.session.zoomToFit(options);
  }
  reveal(id: string): void {
    this.session.reveal(id);
  }
  focusShape(id: string): void {
    this.session.focusShape(id);
  }
  select(ids: Iterable<string>): void {
    this.session.select(ids);
  }
  toggleSelected(id: string): void {
    this.session.toggleSelected(id);
  }
  selectAll(): void {
    this.session.selectAll();
  }
  startEditing(id: string): void {
    this.session.startEditing(id);
  }
  setTool(tool: Tool): void {
    this.session.setTool(tool);
  }
  setPointer(world: Vec | null): void {
    this.session.setPointer(world);
  }

  // ── live session (see Live) ──
  viewLocked(view?: string): boolean {
    return this.live.viewLocked(view);
  }
  isLocked(s: Shape): boolean {
    return this.live.isLocked(s);
  }
  canChange(id: string): boolean {
    return this.live.canChange(id);
  }
  isHidden(id: string): boolean {
    return this.live.isHidden(id);
  }

  // ── document actions (see DocumentActions) ──
  createNote(at: Vec, options?: { edit?: boolean }): string | null {
    return this.actions.createNote(at, options);
  }
  createNoteHere(): string | null {
    return this.actions.createNoteHere();
  }
  createShape(kind: PlaceKind, at: Vec, options?: { rect?: Rect; edit?: boolean }): string | null {
    return this.actions.createShape(kind, at, options);
  }
  createShapeHere(kind: PlaceKind): string | null {
    return this.actions.createShapeHere(kind);
  }
  createFlow(from: string, to: string, options?: { edit?: boolean }): string | null {
    return this.actions.createFlow(from, to, options);
  }
  createThreat(opts: ThreatOptions): string {
    return this.actions.createThreat(opts);
  }
  dropLibraryEntry(entry: LibraryEntry, at: Vec, tolerance?: number): string | null {
    return this.actions.dropLibraryEntry(entry, at, tolerance);
  }
  moveSet(ids: Iterable<string>): MoveOrigins {
    return this.actions.moveSet(ids);
  }
  moveBy(origins: MoveOrigins, dx: number, dy: number): void {
    this.actions.moveBy(origins, dx, dy);
  }
  moveTo(positions: ReadonlyMap<string, Vec>): void {
    this.actions.moveTo(positions);
  }
  nudge(dx: number, dy: number): void {
    this.actions.nudge(dx, dy);
  }
  resize(rects: ReadonlyMap<string, Rect>): void {
    this.actions.resize(rects);
  }
  setBends(id: string, bends: readonly Vec[]): void {
    this.actions.setBends(id, bends);
  }
  removeBend(id: string, index: number): void {
    this.actions.removeBend(id, index);
  }
  attachThreats(threatIds: Iterable<string>, elementId: string): number {
    return this.actions.attachThreats(threatIds, elementId);
  }
  setText(id: string, text: string): void {
    this.actions.setText(id, text);
  }
  setColor(ids: Iterable<string>, color: NoteColor): void {
    this.actions.setColor(ids, color);
  }
  updateShape(id: string, patch: Partial<Record<string, unknown>>): boolean {
    return this.actions.updateShape(id, patch);
  }
  deleteIds(ids: readonly string[]): void {
    this.actions.deleteIds(ids);
  }
  deleteSelected(): void {
    this.actions.deleteSelected();
  }
  reorderSelected(where: 'front' | 'back'): void {
    this.actions.reorderSelected(where);
  }
  duplicateSelected(): string[] {
    return this.actions.duplicateSelected();
  }
  copySelected(): number {
    return this.actions.copySelected();
  }
  paste(text?: string | null): string[] {
    return this.actions.paste(text);
  }
  beginGesture(): void {
    this.actions.beginGesture();
  }
  endGesture(): void {
    this.actions.endGesture();
  }
  undoLast(): void {
    this.actions.undoLast();
  }
  redoLast(): void {
    this.actions.redoLast();
  }
}
