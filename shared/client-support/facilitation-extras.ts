import type * as Y from 'yjs';
import { facilitationMaps } from '../facilitation/doc';

/**
 * Small additions to the facilitation document that only clients read, kept here so raw Y.Map access
 * stays inside shared/. The server ignores them.
 *
 * `state.groupPicking`: the facilitator lets participants choose their own small group. A participant's
 * choice travels in their presence (`groupPick`); a facilitator's client that sees it writes the
 * assignment (only facilitators may write this document).
 */
export function readGroupPicking(doc: Y.Doc): boolean {
  return facilitationMaps(doc).state.get('groupPicking') === true;
}

export function setGroupPicking(doc: Y.Doc, on: boolean, origin?: unknown): void {
  doc.transact(() => facilitationMaps(doc).state.set('groupPicking', on), origin);
}
