import type { Vote } from '../../shared/facilitation/schema';
import type { Shape } from '../../shared/model/schema';
import { dotsUsed, type Ballot } from './stores';

/**
 * What a click on a threat does while a dot vote is open. Plain rules, so the canvas, the accessible
 * list and the unit tests agree. The server enforces the same budget when it tallies; these rules only
 * keep an honest voter from wasting dots.
 *
 *  - one dot per note (the default): a click places a dot, a second click takes it back;
 *  - several dots allowed: a click adds one while dots are left; with none left, a click on a note that
 *    has some of yours takes one back;
 *  - a right-click (or "Remove a dot") always takes one back; "Add a dot" (the list) only ever adds.
 */
export type DotIntent = 'click' | 'add' | 'remove';
export type DotOutcome = { delta: 1 | -1 } | { refused: string };

export function dotClick(vote: Pick<Vote, 'budget' | 'allowMultiple'>, ballot: Ballot, threatId: string, intent: DotIntent): DotOutcome {
  const mine = ballot[threatId] ?? 0;
  const left = vote.budget - dotsUsed(ballot);
  if (intent === 'remove') return mine > 0 ? { delta: -1 } : { refused: 'You have no dot on this threat.' };
  if (intent === 'add') {
    if (mine > 0 && !vote.allowMultiple) return { refused: 'One dot per threat in this vote.' };
    return left > 0 ? { delta: 1 } : { refused: noneLeft(vote.budget) };
  }
  if (!vote.allowMultiple) {
    if (mine > 0) return { delta: -1 };
    return left > 0 ? { delta: 1 } : { refused: noneLeft(vote.budget) };
  }
  if (left > 0) return { delta: 1 };
  return mine > 0 ? { delta: -1 } : { refused: noneLeft(vote.budget) };
}

function noneLeft(budget: number): string {
  return `All ${budget} of your dots are placed. Take one back (right-click a dot) to move it.`;
}

/** Threats a vote is about: every threat, or those of one view. */
export function isCandidate(vote: Pick<Vote, 'scope'>, s: Shape): boolean {
  return s.kind === 'threat' && (vote.scope.kind === 'all' || s.view === vote.scope.view);
}

/** "2 of 3 dots left". */
export function dotsLeftText(vote: Pick<Vote, 'budget'>, ballot: Ballot): string {
  const left = Math.max(0, vote.budget - dotsUsed(ballot));
  return `${left} of ${vote.budget} ${vote.budget === 1 ? 'dot' : 'dots'} left`;
}

export interface RankedThreat {
  rank: number;
  id: string;
  dots: number;
}

/** Results in order: most dots first; equal counts share a rank (1, 2, 2, 4). Threats without dots are left out. */
export function ranking(tallies: Readonly<Record<string, number>>, order: (a: string, b: string) => number = (a, b) => a.localeCompare(b)): RankedThreat[] {
  const rows = Object.entries(tallies)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || order(a, b));
  let rank = 0;
  let prev = -1;
  return rows.map(([id, dots], i) => {
    if (dots !== prev) {
      rank = i + 1;
      prev = dots;
    }
    return { rank, id, dots };
  });
}
