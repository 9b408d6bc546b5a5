import { useMemo } from 'react';
import { FINDING_KINDS, FINDING_TITLES, reviewFindings, type Finding } from '../../shared/risk/review';
import { useBoardDoc, useBoardShapes, useSession } from '../editor/context';
import { useMitigations } from './hooks';
import { showMitigation, showOnCanvas, showThreatRow } from './state';

/** The live review findings of a board (question 4). */
export function useFindings(): Finding[] {
  const { list } = useBoardShapes();
  const mitigations = useMitigations(useBoardDoc());
  return useMemo(() => reviewFindings({ shapes: list, mitigations }), [list, mitigations]);
}

const ACTION: Record<Finding['itemKind'], string> = { threat: 'Show the threat', element: 'Show on the canvas', mitigation: 'Show the mitigation' };

/**
 * The review checklist (question 4, "did we do a good enough job?"), computed live from the board: each
 * finding is a link to the item to fix: a threat's row, an element on the canvas, a mitigation.
 */
export function ReviewList() {
  const session = useSession();
  const findings = useFindings();
  const groups = useMemo(() => FINDING_KINDS.map((kind) => ({ kind, items: findings.filter((f) => f.kind === kind) })).filter((g) => g.items.length > 0), [findings]);
  const go = (f: Finding) => {
    if (f.itemKind === 'mitigation') showMitigation(session, f.itemId);
    else if (f.itemKind === 'element') showOnCanvas(session, f.itemId);
    else showThreatRow(session, f.itemId);
  };
  return (
    <section className="review" aria-labelledby="review-heading">
      <div className="register-section-head">
        <h2 id="review-heading">Review checklist</h2>
        <p className="hint" role="status">
          {findings.length === 0
            ? 'Nothing to flag: every threat has a response, owner and mitigation, and every element is covered.'
            : `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} to look at before the model is done.`}
        </p>
      </div>
      {groups.map((g) => (
        <div key={g.kind} className="review-group">
          <h3>
            {FINDING_TITLES[g.kind]} <span className="count">({g.items.length})</span>
          </h3>
          <ul className="review-list" aria-label={FINDING_TITLES[g.kind]}>
            {g.items.map((f) => (
              <li key={`${f.kind}:${f.itemId}`}>
                <button type="button" className="review-item" title={ACTION[f.itemKind]} onClick={() => go(f)}>
                  <span aria-hidden="true" className="review-mark">
                    !
                  </span>
                  <span>{f.message}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
