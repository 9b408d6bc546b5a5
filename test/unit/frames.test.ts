import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from '../../shared/protocol';
import { AwarenessBatch, awarenessEntry } from '../../server/sync/frames';

/** What a stock y-websocket client does with an awareness frame: the states it ends up holding. */
function receive(frame: Uint8Array): Map<number, unknown> {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.Awareness);
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
  expect(decoding.hasContent(decoder)).toBe(false);
  return new Map([...awareness.getStates()]);
}

describe('AwarenessBatch', () => {
  // Ids chosen so varUints take 1, 2 and 5 bytes, and a long state so lengths cross 128 and 16,384.
  const states = new Map<number, unknown>([
    [5, { cursor: { x: 1, y: 2 } }],
    [300, { cursor: null, selection: ['a', 'b'] }],
    [2 ** 31, { name: 'x'.repeat(20_000) }],
    [77, null],
  ]);
  const entries = new Map([...states].map(([id, s], i) => [id, awarenessEntry(id, i + 1, JSON.stringify(s))]));
  const batch = new AwarenessBatch(entries);

  it('gives a recipient with nothing of its own every state', () => {
    const got = receive(batch.all());
    expect(got).toEqual(new Map([...states].filter(([, s]) => s !== null)));
  });

  it("leaves out a recipient's own entries, wherever they sit in the batch", () => {
    for (const own of [[5], [300], [2 ** 31], [5, 2 ** 31], [300, 77]]) {
      const frame = batch.without(new Set(own))!;
      const expected = new Map([...states].filter(([id, s]) => !own.includes(id) && s !== null));
      expect(receive(frame)).toEqual(expected);
    }
  });

  it('sends nothing when only the recipient\'s own entries changed', () => {
    const mine = new AwarenessBatch(new Map([[9, awarenessEntry(9, 1, '{"cursor":null}')]]));
    expect(mine.without(new Set([9]))).toBeUndefined();
    expect(receive(mine.without(new Set([10]))!)).toEqual(new Map([[9, { cursor: null }]]));
  });
});
