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
import type * as Y from 'yjs';
import type { DocumentActions } from '../editor/actions';
import { LOCAL_ORIGIN } from '../editor/undo';

/** What register edits need of the editor: the board document, the role's right to edit, undo steps. */
export interface RegisterTarget {
  readonly doc: Y.Doc;
  readonly canEdit: boolean;
  readonly actions: Pick<DocumentActions, 'beginGesture' | 'endGesture' | 'updateShape'>;
}

/**
 * Register edits as user actions: each one undo step (LOCAL_ORIGIN, capture boundaries around it), none
 * for viewers. Threat fields go through `actions.updateShape` like every other shape edit; records of
 * their own (mitigations, assumptions) through the shared typed accessors.
 */
function step<T>(target: RegisterTarget, fn: () => T): T | null {
  if (!target.canEdit) return null;
  target.actions.beginGesture();
  try {
    return fn();
  } catch (e) {
    // Only a change the schema refuses lands here (e.g. text over the length limit): keep the board as it is.
    console.warn(e);
    return null;
  } finally {
    target.actions.endGesture();
  }
}

export function patchThreat(target: RegisterTarget, id: string, patch: Record<string, unknown>): boolean {
  return target.actions.updateShape(id, patch);
}

export type Category = (typeof CONTROL_CATEGORIES)[number];

/** Create a mitigation, linked to `threatId` when given (one undo step for both). Returns its id. */
export function createMitigation(target: RegisterTarget, fields: { title: string; category: Category }, threatId?: string): string | null {
  return step(target, () => {
    const id = newId();
    target.doc.transact(() => {
      addMitigation(target.doc, { id, title: fields.title.trim(), category: fields.category }, LOCAL_ORIGIN);
      if (threatId) linkMitigation(target.doc, threatId, id, 'planned', LOCAL_ORIGIN);
    }, LOCAL_ORIGIN);
    return id;
  });
}

export function changeMitigation(target: RegisterTarget, id: string, patch: MitigationPatch): void {
  step(target, () => updateMitigation(target.doc, id, patch, LOCAL_ORIGIN));
}

export function removeMitigation(target: RegisterTarget, id: string): void {
  step(target, () => deleteMitigation(target.doc, id, LOCAL_ORIGIN));
}

export function link(target: RegisterTarget, threatId: string, mitigationId: string, status: LinkStatus = 'planned'): void {
  step(target, () => linkMitigation(target.doc, threatId, mitigationId, status, LOCAL_ORIGIN));
}

export function unlink(target: RegisterTarget, threatId: string, mitigationId: string): void {
  step(target, () => unlinkMitigation(target.doc, threatId, mitigationId, LOCAL_ORIGIN));
}

export function createAssumption(target: RegisterTarget, text: string): string | null {
  return step(target, () => addAssumption(target.doc, { id: newId(), text: text.trim() }, LOCAL_ORIGIN).id);
}

export function changeAssumption(target: RegisterTarget, id: string, patch: AssumptionPatch): void {
  step(target, () => updateAssumption(target.doc, id, patch, LOCAL_ORIGIN));
}

export function removeAssumption(target: RegisterTarget, id: string): void {
  step(target, () => deleteAssumption(target.doc, id, LOCAL_ORIGIN));
}

export function moveAssumptionBy(target: RegisterTarget, id: string, dir: -1 | 1): void {
  step(target, () => shiftAssumption(target.doc, id, dir, LOCAL_ORIGIN));
}

export function setAssumptionThreat(target: RegisterTarget, id: string, threatId: string, on: boolean): void {
  step(target, () => toggleAssumptionThreat(target.doc, id, threatId, on, LOCAL_ORIGIN));
}
