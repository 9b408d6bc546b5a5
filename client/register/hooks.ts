import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { z } from 'zod';
import { boardMaps } from '../../shared/model/board-doc';
import { recordAt } from '../../shared/model/ymap';
import { Assumption, Mitigation, parseWith, type ParseResult } from '../../shared/model/schema';
import { useActions, useBoardDoc, useCanEdit } from '../editor/context';
import { useStore } from '../lib/useStore';
import { perDoc, RecordsStore } from '../lib/y-store';
import type { RegisterTarget } from './actions';

/** Live lists of the board's mitigations and assumptions, parsed once per change of each record. */

/** A record whose own id differs from its key (only a broken or hostile client writes one) is skipped. */
function parser<T extends { id: string }>(schema: z.ZodType<T>): (raw: unknown, id: string) => ParseResult<T> {
  return (raw, id) => {
    const r = parseWith(schema, recordAt(raw, id));
    return r.ok && r.value.id !== id ? { ok: false, error: `record id "${r.value.id}" differs from its key` } : r;
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const mitigationStores = perDoc<RecordsStore<Mitigation>>();
const assumptionStores = perDoc<RecordsStore<Assumption>>();

/** Mitigations by number (un-numbered last), then id: the order of the register and the exports. */
export function useMitigations(doc: Y.Doc): readonly Mitigation[] {
  const store = mitigationStores(
    doc,
    () =>
      new RecordsStore(boardMaps(doc).mitigations, {
        parse: parser(Mitigation),
        compare: (a, b) => (a.num || Infinity) - (b.num || Infinity) || cmp(a.id, b.id),
        samePlace: (a, b) => a.num === b.num,
      }),
  );
  return useStore(store).list;
}

export function useAssumptions(doc: Y.Doc): readonly Assumption[] {
  const store = assumptionStores(
    doc,
    () =>
      new RecordsStore(boardMaps(doc).assumptions, {
        parse: parser(Assumption),
        compare: (a, b) => cmp(a.order, b.order) || cmp(a.id, b.id),
        samePlace: (a, b) => a.order === b.order,
      }),
  );
  return useStore(store).list;
}

/** What the register's edits (./actions.ts) need: the board document, the right to edit, undo steps. */
export function useRegisterTarget(): RegisterTarget {
  const doc = useBoardDoc();
  const canEdit = useCanEdit();
  const actions = useActions();
  return useMemo(() => ({ doc, canEdit, actions }), [doc, canEdit, actions]);
}
