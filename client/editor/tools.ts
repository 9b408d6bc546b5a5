import type { ReactNode } from 'react';
import type { ShapeKind } from '../../shared/model/schema';
import { isConnectable, shapeModule as sharedModule } from '../../shared/model/shapes/index';
import { onShapesRegistered, shapeModule, shapeModules } from '../canvas/shapes/registry';

/**
 * Tools are plain state: which one is active decides what a pointer-down on the canvas means (the
 * state machines are in client/canvas/tools/).
 *  select:  click selects, drag moves shapes or draws a selection box;
 *  hand:    drag pans;
 *  one per shape kind with a toolbar entry (its module's `tool`): a click places one at its default
 *  size and opens its label editor, or (mode 'draw') a drag draws its rectangle, or (mode 'connect')
 *  a press on an element and a drag to another connects them.
 * Place and connect tools return to select once they have made something.
 */
export type Tool = 'select' | 'hand' | ShapeKind;
/** A kind whose tool places it (its module's tool mode is 'click' or 'draw'). */
export type PlaceKind = ShapeKind;

export interface ToolInfo {
  id: Tool;
  label: string;
  /** The key that picks the tool (also shown in tooltips and the shortcut sheet). */
  shortcut: string;
  /** Tools that change the board are hidden from viewers. */
  edits: boolean;
  /** Still usable while the facilitator has the diagram locked. */
  whileLocked: boolean;
  /** What a hint banner says while the tool waits for the pointer. */
  hint?: string;
  /** The kind's toolbar icon (select and hand use the UI's own icons). */
  icon?: ReactNode;
  /** Its key places one at the pointer at once instead of picking the tool (N for a note). */
  keyPlaces?: boolean;
}

/** The tools in toolbar order: select and hand, then each kind module's tool. Kept in step with the registry. */
const tools: ToolInfo[] = [];
export const TOOLS: readonly ToolInfo[] = tools;

/** Default sizes of placed shapes, from the shared kind modules. */
export const PLACE_SIZE = {} as Record<PlaceKind, { w: number; h: number }>;

function build(): void {
  // The diagram's tools rest while the facilitator locks it; notes are no part of the diagram.
  const kinds: ToolInfo[] = shapeModules().flatMap((m) =>
    m.tool
      ? [{ id: m.kind, label: m.tool.label, shortcut: m.tool.shortcut, edits: true, whileLocked: !sharedModule(m.kind).lockable, ...(m.tool.hint ? { hint: m.tool.hint } : {}), icon: m.tool.icon, keyPlaces: !!m.tool.keyPlaces }]
      : [],
  );
  tools.splice(
    0,
    tools.length,
    { id: 'select', label: 'Select', shortcut: 'V', edits: false, whileLocked: true },
    { id: 'hand', label: 'Hand', shortcut: 'H', edits: false, whileLocked: true },
    ...kinds,
  );
  for (const m of shapeModules()) {
    const size = sharedModule(m.kind).defaultSize;
    if (size) PLACE_SIZE[m.kind] = size;
  }
}
build();
onShapesRegistered(build);

function modeOf(t: Tool): 'click' | 'draw' | 'connect' | null {
  return t === 'select' || t === 'hand' ? null : (shapeModule(t).tool?.mode ?? null);
}

/** Tools that put a shape down (a click, or drawing its rectangle). */
export function isPlaceTool(t: Tool): t is PlaceKind {
  const mode = modeOf(t);
  return mode === 'click' || mode === 'draw';
}

/** How a place tool puts its shape down: a click at default size, or drawing its rectangle. */
export function placeMode(kind: PlaceKind): 'click' | 'draw' {
  return modeOf(kind) === 'draw' ? 'draw' : 'click';
}

/** Tools that draw a connection between two elements (the data flow). */
export function isConnectTool(t: Tool): boolean {
  return modeOf(t) === 'connect';
}

/** What a hint banner says while a tool waits for the pointer. */
export function toolHint(t: Tool): string | undefined {
  return TOOLS.find((x) => x.id === t)?.hint;
}

/** Kinds a data flow can start or end at. */
export const connectable = isConnectable;
