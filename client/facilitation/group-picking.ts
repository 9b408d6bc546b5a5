import type * as Y from 'yjs';
import { facilitationMaps } from '../../shared/facilitation/doc';

/**
 * A small addition to the facilitation document that only clients read (the server ignores it).
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
