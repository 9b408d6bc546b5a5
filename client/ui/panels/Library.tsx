import { memo, useId, useMemo, useState } from 'react';
import type { Shape, Stride } from '../../../shared/model/schema';
import { ELEMENT_KINDS, LIBRARY_TAGS, type ElementKind, type LibraryEntry, type LibraryTag } from '../../../shared/threats/library';
import { MATCH_FIELD_LABELS, searchLibraryHits, type MatchField } from '../../../shared/threats/library-search';
import { isDfdElement, type DfdElement } from '../../../shared/threats/stride';
import { useActions, useBoardShapes, useCanEdit, useSelection } from '../../editor/context';
import { SelectField } from './fields';
import { KIND_NAME, shapeName, STRIDE_OPTIONS, strideName } from './labels';
import { StrideChip } from './StrideChip';

/** The drag payload the canvas accepts: a library entry id, dropped on an element to attach a threat. */
export const LIBRARY_DRAG_TYPE = 'application/x-threatboard-library';

const ANY = '' as const;
type Opt<T> = readonly { value: T | ''; label: string }[];
const STRIDE_FILTER: Opt<Stride> = [{ value: ANY, label: 'Any category' }, ...STRIDE_OPTIONS];
const TAG_FILTER: Opt<LibraryTag> = [{ value: ANY, label: 'Any tag' }, ...LIBRARY_TAGS.map((t) => ({ value: t, label: t }))];
const KIND_FILTER: Opt<ElementKind> = [{ value: ANY, label: 'Any element' }, ...ELEMENT_KINDS.map((k) => ({ value: k, label: KIND_NAME[k] }))];

/** The built-in threat library: search, filter, read, and put an entry on an element (drag or button). */
export function Library() {
  const canEdit = useCanEdit();
  const [query, setQuery] = useState('');
  const [stride, setStride] = useState<Stride | ''>(ANY);
  const [tag, setTag] = useState<LibraryTag | ''>(ANY);
  const [kind, setKind] = useState<ElementKind | ''>(ANY);
  const target = useSelectedElement();
  const results = useMemo(
    () => searchLibraryHits(query, { stride: stride || undefined, tag: tag || undefined, kind: kind || undefined }),
    [query, stride, tag, kind],
  );

  return (
    <div className="panel-section library">
      <input
        type="search"
        className="library-search"
        aria-label="Search threat library"
        placeholder="Search threats, tags, CAPEC-94 …"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="library-filters">
        <SelectField<Stride | ''> label="Category" value={stride} options={STRIDE_FILTER} onChange={setStride} />
        <SelectField<LibraryTag | ''> label="Tag" value={tag} options={TAG_FILTER} onChange={setTag} />
        <SelectField<ElementKind | ''> label="Applies to" value={kind} options={KIND_FILTER} onChange={setKind} />
      </div>
      <p className="hint">
        {canEdit
          ? target
            ? `Adding to: ${shapeName(target)} (${KIND_NAME[target.kind].toLowerCase()}). Or drag an entry onto an element.`
            : 'Drag an entry onto an element on the canvas, or select one element and use “Add to selected element”.'
          : 'Browse the threats the library knows for medical devices.'}
      </p>
      <p className="panel-lead" aria-live="polite">
        {results.length === 1 ? '1 entry' : `${results.length} entries`}
      </p>
      <ul className="library-list" aria-label="Threat library entries">
        {results.map(({ entry, matchedIn }) => (
          <LibraryItem key={entry.id} entry={entry} matchedIn={matchedIn} target={target} />
        ))}
      </ul>
    </div>
  );
}

/** The one selected DFD element, if exactly one shape is selected and it is one. */
function useSelectedElement(): DfdElement | null {
  const selection = useSelection();
  const { byId } = useBoardShapes();
  if (selection.size !== 1) return null;
  const s: Shape | undefined = byId.get([...selection][0]!);
  return s && isDfdElement(s) ? s : null;
}

const LibraryItem = memo(function LibraryItem({
  entry,
  matchedIn,
  target,
}: {
  entry: LibraryEntry;
  /** Where the search matched (empty without a query). */
  matchedIn: readonly MatchField[];
  target: DfdElement | null;
}) {
  const canEdit = useCanEdit();
  const actions = useActions();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const fits = target !== null && entry.appliesTo.includes(target.kind);
  return (
    <li
      className="library-entry"
      draggable={canEdit}
      onDragStart={(e) => {
        e.dataTransfer.setData(LIBRARY_DRAG_TYPE, entry.id);
        e.dataTransfer.setData('text/plain', entry.title);
        e.dataTransfer.effectAllowed = 'copy';
      }}
      aria-label={entry.title}
    >
      <div className="library-entry-head">
        {canEdit && (
          <span className="drag-grip" aria-hidden="true" title="Drag onto an element">
            ⋮⋮
          </span>
        )}
        <h4 className="library-title">
          <button type="button" className="library-toggle" aria-expanded={open} aria-controls={detailsId} title={open ? 'Hide description and mitigations' : 'Show description and mitigations'} onClick={() => setOpen(!open)}>
            <span className="chevron" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {entry.title}
          </button>
        </h4>
      </div>
      <div className="library-meta">
        <StrideChip letter={entry.stride} />
        <span>{strideName(entry.stride)}</span>
        <span className="muted">· {entry.appliesTo.map((k) => KIND_NAME[k].toLowerCase()).join(', ')}</span>
      </div>
      {matchedIn.length > 0 && <p className="library-match muted">Matched in {matchedIn.map((f) => MATCH_FIELD_LABELS[f]).join(', ')}</p>}
      <div className="library-tags">
        {entry.tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
        {entry.capec?.map((n) => (
          <span key={n} className="tag ref">
            CAPEC-{n}
          </span>
        ))}
        {entry.emb3d?.map((id) => (
          <span key={id} className="tag ref">
            {id}
          </span>
        ))}
      </div>
      {open && (
        <div id={detailsId} className="library-details">
          <p>{entry.description}</p>
          {entry.mitigations.length > 0 && (
            <>
              <p className="library-details-head">Example mitigations</p>
              <ul>
                {entry.mitigations.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {canEdit && (
        <div className="library-actions">
          <button
            type="button"
            className="secondary small"
            disabled={!fits}
            title={target ? (fits ? `Add to ${shapeName(target)}` : `Does not apply to a ${KIND_NAME[target.kind].toLowerCase()}`) : 'Select one element first'}
            aria-label={`Add to selected element: ${entry.title}`}
            onClick={() => target && actions.createThreat({ stride: entry.stride, entry, elements: [target.id], keepSelection: true })}
          >
            Add to selected element
          </button>
        </div>
      )}
    </li>
  );
});
