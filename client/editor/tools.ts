/**
 * Tools are plain state: which one is active decides what a pointer-down on the canvas means.
 *  select: click selects, drag moves notes or draws a selection box;
 *  hand:   drag pans;
 *  note:   click places a sticky note, then the tool returns to select.
 */
export type Tool = 'select' | 'hand' | 'note';

export interface ToolInfo {
  id: Tool;
  label: string;
  shortcut: string;
  /** Tools that change the board are hidden from viewers. */
  edits: boolean;
}

export const TOOLS: readonly ToolInfo[] = [
  { id: 'select', label: 'Select', shortcut: 'V', edits: false },
  { id: 'hand', label: 'Hand', shortcut: 'H', edits: false },
  { id: 'note', label: 'Note', shortcut: 'N', edits: true },
];
