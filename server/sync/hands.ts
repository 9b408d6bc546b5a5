import type { RoomRef } from '../../shared/roles';
import { applyObservedHands, observedHands, type ObservedHand } from '../../shared/facilitation/hands';
import type { Room } from './room';
import type { WorkflowContext } from './workflows';

/**
 * Keeps raised hands in the facilitation document while the board room's presence has them up, so a
 * hand survives the participant's reload (see shared/facilitation/hands.ts). Participants cannot write
 * the facilitation document, so the server does it. Writes go one after another, and only when what
 * presence says about hands changed (not on every cursor move).
 */
export function attachHands(boardRoom: Room, ctx: WorkflowContext): void {
  if (boardRoom.ref.kind !== 'board') return;
  const { boardId } = boardRoom.ref;
  const facilitation: RoomRef = { kind: 'facilitation', boardId, name: `${boardId}/facilitation` };
  let last = new Map<string, ObservedHand>();
  let queue: Promise<unknown> = Promise.resolve();
  /**
   * The latest state of each client whose hand is up, noted as it changes: someone who raises a hand and
   * reloads within the 100 ms before the next look is gone from presence by then, and their hand with
   * them. Kept until that look, which counts these states as present.
   */
  const raised = new Map<number, unknown>();
  const sync = () => {
    const states = boardRoom.awareness.getStates();
    const departed = [...raised].filter(([id]) => !states.has(id)).map(([, state]) => state);
    raised.clear();
    const observed = observedHands([...states.values(), ...departed]);
    // Nothing new (someone left, a cursor moved): a tab closing must not lower its hand.
    const news = [...observed].some(([id, o]) => last.get(id)?.hand !== o.hand || last.get(id)?.name !== o.name);
    last = observed;
    if (!news) return;
    queue = queue
      .then(() => ctx.registry.use(facilitation, (room) => room.transact((doc) => applyObservedHands(doc, observed, Date.now(), 'server'))))
      .catch((err: unknown) => ctx.log(`hands of ${boardId}: ${String(err)}`));
  };
  // Looked at once per presence tick at most: with a hundred cursors moving, 'change' fires constantly.
  let timer: NodeJS.Timeout | null = null;
  boardRoom.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    const states = boardRoom.awareness.getStates();
    for (const ids of [added, updated]) {
      for (const id of ids) {
        const state = states.get(id);
        if (typeof state?.hand === 'number') raised.set(id, state);
        else raised.delete(id);
      }
    }
    timer ??= setTimeout(() => {
      timer = null;
      boardRoom.safely('hands', sync);
    }, 100);
  });
  boardRoom.doc.on('destroy', () => timer && clearTimeout(timer));
}
