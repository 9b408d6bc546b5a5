import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { lowerHand } from '../../shared/facilitation/doc';
import { raisedHands, readHands } from '../../shared/facilitation/hands';
import { readFacilitation } from '../../shared/facilitation/doc';
import { connectClient, createBoard, join, synced, tempDataDir, testServer, type TestClient } from '../helpers/server';
import { eventually } from '../helpers/poll';

let data: ReturnType<typeof tempDataDir>;
let server: RunningServer;
const open: TestClient[] = [];
beforeAll(async () => {
  data = tempDataDir();
  server = await testServer(data.dir);
});
afterAll(async () => {
  for (const c of open) c.destroy();
  await server.close();
  data.remove();
});

async function client(room: string, token: string): Promise<TestClient> {
  const c = connectClient(server, room, token);
  open.push(c);
  await synced(c);
  return c;
}

/** What the facilitator's client shows: hands stored in the facilitation document and not lowered. */
const handsUp = (fac: TestClient) => raisedHands(readHands(fac.doc), readFacilitation(fac.doc).handsLowered).map((h) => h.name);

describe('raised hands', () => {
  it('are kept in the facilitation document by the server across a reload, until the person lowers them', async () => {
    const board = await createBoard(server);
    const f = await join(server, board, 'facilitator', 'Fay');
    const p = await join(server, board, 'participant', 'Pat');
    const facView = await client(`${board.id}/facilitation`, f.token);

    const tab1 = await client(board.id, p.token);
    tab1.provider.awareness.setLocalStateField('hand', Date.now() - 1000);
    await eventually(() => expect(handsUp(facView)).toEqual(['Pat']));

    // The participant reloads: the old tab goes, the new one says nothing about hands yet.
    tab1.destroy();
    const tab2 = await client(board.id, p.token);
    tab2.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1, view: 'main' });
    await eventually(() => expect(tab2.provider.awareness.getStates().size).toBeGreaterThan(0));
    expect(handsUp(facView)).toEqual(['Pat']);

    // Lowered by the person: gone from the document.
    tab2.provider.awareness.setLocalStateField('hand', null);
    await eventually(() => expect(readHands(facView.doc).size).toBe(0));
  });

  it('stay up when the person reloads at once, before the server has stored the hand', async () => {
    const board = await createBoard(server);
    const f = await join(server, board, 'facilitator', 'Fay');
    const p = await join(server, board, 'participant', 'Pat');
    const q = await join(server, board, 'participant', 'Quinn');
    const facView = await client(`${board.id}/facilitation`, f.token);
    const watcher = await client(board.id, f.token);
    const handShown = () => expect([...watcher.provider.awareness.getStates().values()].some((s) => typeof s.hand === 'number')).toBe(true);
    // Quinn raises and lowers a hand, then reloads: nothing to keep.
    const quinn = await client(board.id, q.token);
    quinn.provider.awareness.setLocalStateField('hand', Date.now() - 500);
    quinn.provider.awareness.setLocalStateField('hand', null);
    quinn.destroy();
    // Pat's hand shows on the facilitator's board page (presence), and Pat's tab closes right then.
    const pat = await client(board.id, p.token);
    pat.provider.awareness.setLocalStateField('hand', Date.now() - 1000);
    await eventually(handShown, 2000, 2);
    pat.destroy();
    await eventually(() => expect(handsUp(facView)).toEqual(['Pat']));
    expect([...readHands(facView.doc).keys()]).toEqual([p.userId]);
  });

  it('are down once the facilitator lowers them, and a participant cannot write them', async () => {
    const board = await createBoard(server);
    const f = await join(server, board, 'facilitator', 'Fay');
    const p = await join(server, board, 'participant', 'Pat');
    const facView = await client(`${board.id}/facilitation`, f.token);
    const pat = await client(board.id, p.token);
    pat.provider.awareness.setLocalStateField('hand', Date.now() - 1000);
    await eventually(() => expect(handsUp(facView)).toEqual(['Pat']));

    lowerHand(facView.doc, p.userId, Date.now());
    await eventually(() => expect(handsUp(facView)).toEqual([]));
    // Their client sees it lowered and says so in presence: the server forgets the hand.
    pat.provider.awareness.setLocalStateField('hand', null);
    await eventually(() => expect(readHands(facView.doc).size).toBe(0));

    // A participant writing the map directly is refused by the server's per-document write access.
    const patFac = await client(`${board.id}/facilitation`, p.token);
    patFac.doc.getMap('hands').set(p.userId, { name: 'Pat', raisedAt: Date.now() });
    const other = await client(`${board.id}/facilitation`, f.token);
    expect(readHands(other.doc).has(p.userId)).toBe(false);
  });
});
