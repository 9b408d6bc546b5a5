import { newId } from '../../shared/model/board-doc';
import type { CONTROL_CATEGORIES } from '../../shared/model/schema';
import {
  addAssumption,
  addMitigation,
  deleteAssumption,
  deleteMitigation,
  linkMitigation,
  shiftAssumption,
  toggleAssumptionThreat,
  unlinkMitigation,
  updateAssumption,
  updateMitigation,
  type AssumptionPatch,
  type LinkStatus,
  type MitigationPatch,
} from '../../shared/model/register-doc';
import { LOCAL_ORIGIN, type Editor } from '../editor/editor';

/**
 * Register edits as user actions: each one undo step (LOCAL_ORIGIN, capture boundaries around it), none
 * for viewers. Threat fields go through `editor.updateShape` like every other shape edit; records of
 * their own (mitigations, assumptions) through the shared typed accessors.
 */
function step<T>(editor: Editor, fn: () => T): T | null {
  if (!editor.canEdit) return null;
  editor.beginGesture();
  try {
    return fn();
  } catch (e) {
    // Only a change the schema refuses lands here (e.g. text over the length limit): keep the board as it is.
    console.warn(e);
    return null;
  } finally {
    editor.endGesture();
  }
}

export function patchThreat(editor: Editor, id: string, patch: Record<string, unknown>): boolean {
  return editor.updateShape(id, patch);
}

export type Category = (typeof CONTROL_CATEGORIES)[number];

/** Create a mitigation, linked to `threatId` when given (one undo step for both). Returns its id. */
export function createMitigation(editor: Editor, fields: { title: string; category: Category }, threatId?: string): string | null {
  return step(editor, () => {
    const id = newId();
    editor.doc.transact(() => {
      addMitigation(editor.doc, { id, title: fields.title.trim(), category: fields.category }, LOCAL_ORIGIN);
      if (threatId) linkMitigation(editor.doc, threatId, id, 'planned', LOCAL_ORIGIN);
    }, LOCAL_ORIGIN);
    return id;
  });
}

export function changeMitigation(editor: Editor, id: string, patch: MitigationPatch): void {
  step(editor, () => updateMitigation(editor.doc, id, patch, LOCAL_ORIGIN));
}

export function removeMitigation(editor: Editor, id: string): void {
  step(editor, () => deleteMitigation(editor.doc, id, LOCAL_ORIGIN));
}

export function link(editor: Editor, threatId: string, mitigationId: string, status: LinkStatus = 'planned'): void {
  step(editor, () => linkMitigation(editor.doc, threatId, mitigationId, status, LOCAL_ORIGIN));
}

export function unlink(editor: Editor, threatId: string, mitigationId: string): void {
  step(editor, () => unlinkMitigation(editor.doc, threatId, mitigationId, LOCAL_ORIGIN));
}

export function createAssumption(editor: Editor, text: string): string | null {
  return step(editor, () => addAssumption(editor.doc, { id: newId(), text: text.trim() }, LOCAL_ORIGIN).id);
}

export function changeAssumption(editor: Editor, id: string, patch: AssumptionPatch): void {
  step(editor, () => updateAssumption(editor.doc, id, patch, LOCAL_ORIGIN));
}

export function removeAssumption(editor: Editor, id: string): void {
  step(editor, () => deleteAssumption(editor.doc, id, LOCAL_ORIGIN));
}

export function moveAssumptionBy(editor: Editor, id: string, dir: -1 | 1): void {
  step(editor, () => shiftAssumption(editor.doc, id, dir, LOCAL_ORIGIN));
}

export function setAssumptionThreat(editor: Editor, id: string, threatId: string, on: boolean): void {
  step(editor, () => toggleAssumptionThreat(editor.doc, id, threatId, on, LOCAL_ORIGIN));
}
