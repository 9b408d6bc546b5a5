import { useMemo, useState } from 'react';
import type { Stride } from '../../../shared/model/schema';
import { strideCoverage, type CoverageRow } from '../../../shared/threats/stride';
import { useActions, useBoardShapes, useCanEdit, useCurrentView, useSession } from '../../editor/context';
import { focusCanvas } from './actions';
import { KIND_NAME, shapeName, strideName } from './labels';
import { StrideChip } from './StrideChip';

type Scope = 'view' | 'board';

/**
 * STRIDE per element for review (question 4): every in-scope element with the letters that apply to it,
 * covered or not; flows crossing a trust boundary first. A gap selects the element and offers a threat.
 */
export function Coverage() {
  const { list } = useBoardShapes();
  const view = useCurrentView();
  const session = useSession();
  const [scope, setScope] = useState<Scope>('view');
  const [offer, setOffer] = useState<{ id: string; letter: Stride } | null>(null);
  const rows = useMemo(() => strideCoverage(scope === 'view' ? list.filter((s) => s.view === view) : list), [list, view, scope]);

  const applicable = rows.reduce((n, r) => n + r.applicable.length, 0);
  const covered = rows.reduce((n, r) => n + r.applicable.filter((l) => r.covered.includes(l)).length, 0);
  const crossing = rows.filter((r) => r.crosses.length > 0).length;

  return (
    <div className="panel-section coverage">
      <div className="coverage-head">
        <fieldset className="segmented">
          <legend className="visually-hidden">Coverage of</legend>
          {(['view', 'board'] as const).map((s) => (
            <label key={s} className={scope === s ? 'on' : ''}>
              <input type="radio" name="coverage-scope" checked={scope === s} onChange={() => setScope(s)} />
              {s === 'view' ? 'This view' : 'Whole board'}
            </label>
          ))}
        </fieldset>
        <p className="panel-lead" aria-live="polite">
          {rows.length === 0 ? 'No diagram elements in scope yet.' : `${covered} of ${applicable} applicable categories covered`}
        </p>
        {crossing > 0 && (
          <p className="hint">
            {crossing === 1 ? '1 flow crosses' : `${crossing} flows cross`} a trust boundary: {crossing === 1 ? 'it is' : 'they are'} listed first.
          </p>
        )}
      </div>
      <ul className="coverage-list" aria-label="STRIDE coverage">
        {rows.map((row) => (
          <CoverageItem
            key={row.element.id}
            row={row}
            offer={offer?.id === row.element.id ? offer.letter : null}
            onGap={(letter) => {
              session.focusShape(row.element.id);
              setOffer({ id: row.element.id, letter });
            }}
            onDone={() => setOffer(null)}
          />
        ))}
      </ul>
      {rows.length > 0 && <p className="hint">✓ marks a category with at least one threat (not counting ones marked not applicable).</p>}
    </div>
  );
}

function CoverageItem({ row, offer, onGap, onDone }: { row: CoverageRow; offer: Stride | null; onGap(l: Stride): void; onDone(): void }) {
  const session = useSession();
  const actions = useActions();
  const canEdit = useCanEdit();
  const el = row.element;
  const name = shapeName(el);
  return (
    <li className={`coverage-row ${row.crosses.length ? 'crossing' : ''}`}>
      <button type="button" className="coverage-element" onClick={() => session.focusShape(el.id)}>
        <span className="coverage-name">{name}</span>
        <span className="coverage-kind">
          {KIND_NAME[el.kind]}
          {row.crosses.length > 0 && <span className="crosses-badge">⚠ crosses boundary</span>}
        </span>
      </button>
      <div className="coverage-letters" aria-label={`STRIDE for ${name}: ${row.gaps.length} gaps`} role="group">
        {row.applicable.map((l) =>
          row.covered.includes(l) ? (
            <StrideChip key={l} letter={l} state="covered" />
          ) : (
            <button
              key={l}
              type="button"
              className="gap-button"
              aria-label={`${l} gap: ${strideName(l)} gap on ${name}`}
              aria-expanded={offer === l}
              onClick={() => onGap(l)}
            >
              <StrideChip letter={l} state="gap" />
            </button>
          ),
        )}
      </div>
      {offer && (
        <div className="gap-offer">
          {canEdit ? (
            <button
              type="button"
              className="primary small"
              onClick={() => {
                const id = actions.createThreat({ stride: offer, title: `${strideName(offer)} of ${name}`, elements: [el.id] });
                onDone();
                // The button goes away with the offer: focus the new threat, selected on the canvas, rather
                // than letting focus fall to the page.
                if (id) focusCanvas();
              }}
            >
              Add {strideName(offer)} threat
            </button>
          ) : (
            <span className="hint">No {strideName(offer).toLowerCase()} threat on this element yet.</span>
          )}
          <button type="button" className="text-button small" onClick={onDone}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
