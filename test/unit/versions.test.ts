import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, addView, boardMaps, initBoard } from '../../shared/model/board-doc';
import { boardToData, type BoardData } from '../../shared/formats/board-data';
import { toYMap } from '../../shared/model/ymap';
import { authorCounts, diffBoards, fieldLabel, isEmptyDiff, RestoreBody, SaveVersionBody } from '../../shared/versions';
import { applyRestore } from '../../server/versions/restore';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, 'Pump');
  return doc;
}

const copy = (doc: Y.Doc) => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};

describe('diffBoards', () => {
  it('lists records added, removed and changed, field by field, and ignores stamps', () => {
    const a = board();
    addShape(a, { kind: 'threat', id: 't1', title: 'Spoofed pump', stride: 'S', num: 1, severity: 'minor' });
    addShape(a, { kind: 'note', id: 'n1', text: 'gone later' });
    boardMaps(a).mitigations.set('m1', toYMap({ id: 'm1', num: 1, title: 'Sign firmware', owner: '' }));
    const b = copy(a);
    boardMaps(b).shapes.get('t1')!.set('severity', 'critical');
    boardMaps(b).shapes.get('t1')!.set('status', 'mitigated');
    boardMaps(b).mitigations.get('m1')!.set('owner', 'Dana');
    boardMaps(b).shapes.delete('n1');
    addShape(b, { kind: 'note', id: 'n2', text: 'new idea' });
    boardMaps(b).meta.set('title', 'Pump v2');

    const d = diffBoards(boardToData(a), boardToData(b));
    expect(d.added).toEqual([{ map: 'shapes', id: 'n2', kind: 'note', label: 'new idea', view: 'main' }]);
    expect(d.removed).toEqual([{ map: 'shapes', id: 'n1', kind: 'note', label: 'gone later', view: 'main' }]);
    expect(d.changed).toEqual([
      {
        map: 'shapes',
        id: 't1',
        kind: 'threat',
        label: 'T-1 Spoofed pump',
        view: 'main',
        fields: [
          { field: 'status', before: 'open', after: 'mitigated' },
          { field: 'severity', before: 'minor', after: 'critical' },
        ],
      },
      { map: 'mitigations', id: 'm1', kind: 'mitigation', label: 'M-1 Sign firmware', fields: [{ field: 'owner', before: '', after: 'Dana' }] },
    ]);
    expect(d.title).toEqual({ before: 'Pump', after: 'Pump v2' });
    expect(isEmptyDiff(diffBoards(boardToData(a), boardToData(copy(a))))).toBe(true);

    const withStamp = { ...boardToData(a) } as BoardData;
    const stamped = { ...withStamp, shapes: withStamp.shapes.map((s) => ({ ...s, updatedAt: 5, updatedBy: 'x' })) } as BoardData;
    expect(isEmptyDiff(diffBoards(withStamp, stamped))).toBe(true);
    expect(['residualSeverity', 'cvss', 'safetyHandoff'].map(fieldLabel)).toEqual(['Residual severity', 'CVSS', 'Safety handoff']);
  });

  it('counts changes per author from stamps, deletions by who the server saw delete', () => {
    const d = {
      added: [{ map: 'shapes' as const, id: 'a', kind: 'note', label: '' }],
      changed: [{ map: 'shapes' as const, id: 'b', kind: 'note', label: '', fields: [] }],
      removed: [{ map: 'shapes' as const, id: 'c', kind: 'note', label: '' }, { map: 'views' as const, id: 'v', kind: 'view', label: '' }],
    };
    const stamps: Record<string, { createdBy: string; updatedBy: string }> = { a: { createdBy: 'ann', updatedBy: 'bob' }, b: { createdBy: 'ann', updatedBy: 'bob' } };
    const counts = authorCounts(d, (_m, id) => stamps[id], (_m, id) => (id === 'c' ? 'bob' : ''), (u) => (u === 'bob' ? 'Bob' : ''));
    expect(counts).toEqual([
      { userId: 'bob', name: 'Bob', added: 0, changed: 1, removed: 1 },
      { userId: '', name: '', added: 0, changed: 0, removed: 1 },
      { userId: 'ann', name: '', added: 1, changed: 0, removed: 0 },
    ]);
  });
});

describe('applyRestore', () => {
  it('restores one view: its shapes come back as they were, shapes added there since go, other views stay', () => {
    const live = board();
    addView(live, { id: 'v2', title: 'Second' });
    addShape(live, { kind: 'note', id: 'on-v2', view: 'v2', text: 'v2 note' });
    addShape(live, { kind: 'note', id: 'on-main', text: 'main note' });
    const version = copy(live);
    boardMaps(live).shapes.delete('on-v2');
    boardMaps(live).views.get('v2')!.set('title', 'Renamed');
    addShape(live, { kind: 'note', id: 'new-v2', view: 'v2', text: 'added since' });
    boardMaps(live).shapes.get('on-main')!.set('text', 'edited on main');

    const r = applyRestore(live, version, { scope: 'view', view: 'v2' }, 'fay', 42);
    expect(r).toEqual({ restored: 2, removed: 1 });
    expect(boardMaps(live).views.get('v2')!.get('title')).toBe('Second');
    expect(boardMaps(live).shapes.get('on-v2')!.get('text')).toBe('v2 note');
    expect(boardMaps(live).shapes.get('on-v2')!.get('updatedBy')).toBe('fay');
    expect(boardMaps(live).shapes.has('new-v2')).toBe(false);
    expect(boardMaps(live).shapes.get('on-main')!.get('text')).toBe('edited on main');
  });

  it('clears a restored threat number that another threat holds now', () => {
    const live = board();
    addShape(live, { kind: 'threat', id: 't1', title: 'Old', num: 1 });
    const version = copy(live);
    boardMaps(live).shapes.delete('t1');
    addShape(live, { kind: 'threat', id: 't2', title: 'Took the number', num: 1 });
    applyRestore(live, version, { scope: 'item', id: 't1' }, 'fay', 1);
    expect(boardMaps(live).shapes.get('t1')!.get('num')).toBe(0);
    expect(boardMaps(live).shapes.get('t2')!.get('num')).toBe(1);
  });
});

describe('history request bodies', () => {
  it('accepts names and scopes and refuses the rest', () => {
    expect(SaveVersionBody.parse({ name: '  end of day 1 ' })).toEqual({ name: 'end of day 1' });
    expect(SaveVersionBody.safeParse({ name: '' }).success).toBe(false);
    expect(SaveVersionBody.safeParse({ name: 'x'.repeat(101) }).success).toBe(false);
    expect(RestoreBody.safeParse({ scope: 'view', view: 'v2' }).success).toBe(true);
    expect(RestoreBody.safeParse({ scope: 'view' }).success).toBe(false);
    expect(RestoreBody.safeParse({ scope: 'item', id: 'x', extra: 1 }).success).toBe(false);
  });
});
