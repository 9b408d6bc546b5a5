import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CleanSnapshots } from '../../server/sync/clean-snapshots';

function snapshotOf(text: string): { bytes: Uint8Array; sv: Uint8Array } {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', text);
  return { bytes: Y.encodeStateAsUpdate(doc), sv: Y.encodeStateVector(doc) };
}

describe('clean snapshots (what a loading room may send a fresh client before applying it)', () => {
  it('knows exactly the one row it remembered, for that document only', () => {
    const known = new CleanSnapshots();
    const a = snapshotOf('Infusion pump');
    known.remember('board1', a.bytes, a.sv);
    expect(known.match('board1', [a.bytes.slice()])).toEqual({ snapshot: a.bytes, stateVector: a.sv });
    // Another document with the same bytes, a log of more rows, or a row changed by one byte: not known.
    expect(known.match('board2', [a.bytes])).toBeNull();
    expect(known.match('board1', [a.bytes, snapshotOf('x').bytes])).toBeNull();
    const tampered = a.bytes.slice();
    tampered[tampered.length - 2]! ^= 1;
    expect(known.match('board1', [tampered])).toBeNull();
    expect(known.match('board1', [])).toBeNull();
  });

  it('forgets a document’s older snapshot when it writes a newer one, and the oldest documents past its cap', () => {
    const known = new CleanSnapshots();
    const older = snapshotOf('v1');
    const newer = snapshotOf('v2');
    known.remember('board1', older.bytes, older.sv);
    known.remember('board1', newer.bytes, newer.sv);
    expect(known.match('board1', [older.bytes])).toBeNull();
    expect(known.match('board1', [newer.bytes])).not.toBeNull();
    for (let i = 0; i < 10_000; i++) known.remember(`other${i}`, older.bytes, older.sv);
    expect(known.match('board1', [newer.bytes])).toBeNull();
    expect(known.match('other9999', [older.bytes])).not.toBeNull();
  });
});
