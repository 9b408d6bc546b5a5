import type { ShapeKind } from '../../shared/model/schema';

/**
 * Tools are plain state: which one is active decides what a pointer-down on the canvas means.
 *  select:  click selects, drag moves shapes or draws a selection box;
 *  hand:    drag pans;
 *  note, entity, process, store, text: click places one (default size) and opens its label editor;
 *  boundary: drag a rectangle (a click places the default size);
 *  flow:    press on an element and drag to another to connect them.
 * Place and connect tools return to select once they have made something.
 */
export type PlaceKind = 'note' | 'entity' | 'process' | 'store' | 'boundary' | 'text';
export type Tool = 'select' | 'hand' | PlaceKind | 'flow';

export interface ToolInfo {
  id: Tool;
  label: string;
  /** The key that picks the tool (also shown in tooltips and the shortcut sheet). */
  shortcut: string;
  /** Tools that change the board are hidden from viewers. */
  edits: boolean;
}

export const TOOLS: readonly ToolInfo[] = [
  { id: 'select', label: 'Select', shortcut: 'V', edits: false },
  { id: 'hand', label: 'Hand', shortcut: 'H', edits: false },
  { id: 'note', label: 'Note', shortcut: 'N', edits: true },
  { id: 'entity', label: 'External entity', shortcut: 'E', edits: true },
  { id: 'process', label: 'Process', shortcut: 'P', edits: true },
  { id: 'store', label: 'Data store', shortcut: 'S', edits: true },
  { id: 'flow', label: 'Data flow', shortcut: 'F', edits: true },
  { id: 'boundary', label: 'Trust boundary', shortcut: 'B', edits: true },
  { id: 'text', label: 'Text', shortcut: 'X', edits: true },
];

export function isPlaceTool(t: Tool): t is PlaceKind {
  return t === 'note' || t === 'entity' || t === 'process' || t === 'store' || t === 'boundary' || t === 'text';
}

/** How a place tool puts its shape down: a click at default size, or drawing its rectangle. */
export function placeMode(kind: PlaceKind): 'click' | 'draw' {
  return kind === 'boundary' ? 'draw' : 'click';
}

/** Default sizes of placed shapes (a note's is NOTE_SIZE). */
export const PLACE_SIZE: Record<Exclude<PlaceKind, 'note'>, { w: number; h: number }> = {
  entity: { w: 150, h: 80 },
  process: { w: 150, h: 80 },
  store: { w: 150, h: 70 },
  boundary: { w: 400, h: 300 },
  text: { w: 240, h: 40 },
};

/** What a hint banner says while a tool waits for the pointer. */
export const TOOL_HINT: Partial<Record<Tool, string>> = {
  note: 'Click on the board to place a note.',
  entity: 'Click to place an external entity.',
  process: 'Click to place a process.',
  store: 'Click to place a data store.',
  boundary: 'Drag to draw a trust boundary, or click for the default size.',
  text: 'Click to place a text.',
  flow: 'Press on an element and drag to another element to connect them.',
};

export type ElementKindForFlow = Extract<ShapeKind, 'entity' | 'process' | 'store'>;
/** Kinds a data flow can start or end at. */
export function connectable(kind: ShapeKind): kind is ElementKindForFlow {
  return kind === 'entity' || kind === 'process' || kind === 'store';
}
