import type { ComponentType, ReactNode } from 'react';
import type { LabelPlace } from '../../../shared/model/labels';
import type { Shape } from '../../../shared/model/schema';
import type { Rect } from '../camera';

export interface ShapeViewProps<S extends Shape = Shape> {
  shape: S;
  selected: boolean;
  /** Colour of another participant who has this shape selected. */
  remoteColor: string | undefined;
  /** Text is hidden while the textarea overlay edits it, so it is not drawn twice. */
  editing: boolean;
  /** False when zoomed out too far to read: text layout is the costly part of drawing. */
  showText: boolean;
  /** Open threats on this element per STRIDE letter, e.g. "T2 I1"; '' when none. */
  badges: string;
  /** For a flow: the shapes its ends are attached to (undefined for a free end). */
  fromShape?: Shape | undefined;
  toShape?: Shape | undefined;
  /** For a flow: where its label pill sits and its lines (see shared/model/labels.ts). */
  label?: LabelPlace | undefined;
}

/** Where and how a shape's text is edited, matching how it is drawn so nothing jumps on commit. */
export interface EditBox {
  /** World rectangle the textarea covers. */
  rect: Rect;
  /** Accessible name of the textarea. */
  label: string;
  fontSize: number;
  padding: number;
  background: string;
  align: 'left' | 'center';
  bold?: boolean;
  /** Enter ends editing (Shift+Enter for a new line); otherwise Enter is a new line. */
  enterCommits: boolean;
  maxLength: number;
}

/** A shape kind's entry in the toolbar: the tool that makes it. */
export interface ToolEntry {
  /** Tooltip and accessible name. */
  label: string;
  /** The key that picks the tool (also shown in tooltips and the shortcut sheet). */
  shortcut: string;
  /** What the banner says while the tool waits for the pointer (none for the note: N places one at once). */
  hint?: string;
  /** The body of a 24×24 stroke icon drawing the shape (inherits stroke from the toolbar). */
  icon: ReactNode;
  /**
   * click: a click places one at the default size; draw: drag its rectangle (a click places the
   * default size); connect: press on one element and drag to another.
   */
  mode: 'click' | 'draw' | 'connect';
  /** Its key places one at the pointer at once instead of picking the tool (N for a note). */
  keyPlaces?: boolean;
}

/** What a kind's own fields in the properties panel get. */
export interface PropertiesProps<S extends Shape = Shape> {
  shape: S;
  readOnly: boolean;
  /** Write fields of this shape (one undo step). */
  set(patch: Record<string, unknown>): void;
  /** Every shape of the board, by id and in order (to name a flow's ends, find boundaries it crosses). */
  byId: ReadonlyMap<string, Shape>;
  list: readonly Shape[];
}

/**
 * Everything the client knows about one shape kind, in that kind's module (`<kind>.tsx`): how it is
 * drawn, how its text is edited, its tool and its own properties fields. What the shared half
 * (`shared/model/shapes/<kind>.ts`) says (label, text field, default size, connectable, lockable,
 * geometry) is not repeated here. The registry (`registry.tsx`) lists the modules; nothing else on the
 * client switches on the kind.
 */
export interface ClientShape<S extends Shape = Shape> {
  kind: S['kind'];
  /** Its Konva drawing: purely visual, nothing listens (the canvas hit-tests in world coordinates). */
  View: ComponentType<ShapeViewProps<S>>;
  editBox(shape: S, byId: ReadonlyMap<string, Shape>, text: string): EditBox;
  /** Its tool, if people make it from the toolbar (threat notes come from notes and panels instead). */
  tool?: ToolEntry;
  /**
   * Grabbed by the pointer here too, besides its hit area (a boundary by its label: its inside belongs
   * to what it encloses). Checked after every shape's own hit area, topmost first.
   */
  grab?(shape: S, p: { x: number; y: number }): boolean;
  /** Drawn behind every other kind, so it never hides what it encloses (the trust boundary). */
  behind?: boolean;
  /** Where the outline lists it: smaller first (diagram elements, flows, boundaries, threats, notes). */
  outlineGroup: number;
  /** How the outline names this one and the class of its tag, when not by the kind's name (note colours). */
  outlineTag?(shape: S): { name: string; className: string };
  /** Fields of its own in the properties panel, after name and description (DFD elements). */
  Properties?: ComponentType<PropertiesProps<S>>;
}
