import { useMemo, useState } from 'react';
import { boundaryCrossings } from '../../../shared/model/geometry';
import type { Shape } from '../../../shared/model/schema';
import type { DfdElement } from '../../../shared/threats/stride';
import { suggestThreats } from '../../../shared/threats/suggest';
import { useActions, useBoardShapes } from '../../editor/context';
import { strideName } from './labels';
import { StrideChip } from './StrideChip';

/** Suggestions dismissed per element, for this browser session: the group said no once, do not ask again. */
const dismissedByElement = new Map<string, Set<string>>();

/** Does the element sit on a trust boundary: a flow that crosses one, or an element at the end of such a flow. */
export function crossesBoundary(element: DfdElement, shapes: readonly Shape[]): boolean {
  const crossing = boundaryCrossings(shapes.filter((s) => s.view === element.view));
  if (element.kind === 'flow') return crossing.has(element.id);
  return shapes.some((s) => s.kind === 'flow' && crossing.has(s.id) && (s.from === element.id || s.to === element.id));
}

/** "Suggest threats": library entries that fit the element, each to add (prefilled, attached) or dismiss. */
export function Suggestions({ element }: { element: DfdElement }) {
  const actions = useActions();
  const { list } = useBoardShapes();
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => dismissedByElement.get(element.id) ?? new Set());

  const suggestions = useMemo(() => {
    if (!open) return [];
    const used = list.filter((s) => s.kind === 'threat' && s.elements.includes(element.id) && s.libraryId).map((s) => (s.kind === 'threat' ? s.libraryId : ''));
    return suggestThreats(element, { crossesBoundary: crossesBoundary(element, list) }, { exclude: [...used, ...dismissed] });
  }, [open, list, element, dismissed]);

  const updateDismissed = (next: Set<string>) => {
    dismissedByElement.set(element.id, next);
    setDismissed(next);
  };

  if (!open) {
    return (
      <button type="button" className="secondary suggest-button" onClick={() => setOpen(true)}>
        Suggest threats
      </button>
    );
  }
  return (
    <section className="suggestions" aria-labelledby={`suggest-${element.id}`}>
      <div className="suggestions-head">
        <h3 id={`suggest-${element.id}`} className="panel-subheading">
          Suggested threats
        </h3>
        <button type="button" className="text-button" onClick={() => setOpen(false)}>
          Hide
        </button>
      </div>
      {suggestions.length === 0 ? (
        <p className="hint">No more suggestions for this element.</p>
      ) : (
        <ul className="suggestion-list" aria-label="Suggested threats">
          {suggestions.map(({ entry, reason }) => (
            <li key={entry.id} className="suggestion">
              <div className="suggestion-title">
                <StrideChip letter={entry.stride} />
                <span>{entry.title}</span>
              </div>
              <p className="suggestion-reason">
                <span className="visually-hidden">{strideName(entry.stride)}. </span>Why: {reason}
              </p>
              <div className="suggestion-actions">
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Add “${entry.title}”`}
                  onClick={() => actions.createThreat({ stride: entry.stride, entry, elements: [element.id], keepSelection: true })}
                >
                  Add
                </button>
                <button type="button" className="text-button small" aria-label={`Dismiss “${entry.title}”`} onClick={() => updateDismissed(new Set([...dismissed, entry.id]))}>
                  Dismiss
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {dismissed.size > 0 && (
        <button type="button" className="link-button small" onClick={() => updateDismissed(new Set())}>
          Show {dismissed.size} dismissed again
        </button>
      )}
    </section>
  );
}
