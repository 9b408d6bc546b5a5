import { VIEW_KIND_LABELS, VIEW_KINDS, type View } from '../../../shared/model/schema';
import { useActions, useBoardViews, useCanEdit, useCurrentView } from '../../editor/context';
import { SelectField, TextField } from './fields';

const KIND_OPTIONS = VIEW_KINDS.map((k) => ({ value: k, label: VIEW_KIND_LABELS[k] }));

/** With nothing selected: what the current view (diagram) is for, as the FDA guidance asks of each view. */
export function ViewAbout() {
  const views = useBoardViews();
  const current = useCurrentView();
  const actions = useActions();
  const readOnly = !useCanEdit();
  const view = views.find((v) => v.id === current);
  if (!view) return null;
  const set = (patch: Partial<Pick<View, 'title' | 'kind' | 'description'>>) => actions.changeView(view.id, patch);
  return (
    <section className="panel-section" key={view.id} aria-labelledby="about-view-heading">
      <h3 id="about-view-heading" className="panel-subheading">
        About this view
      </h3>
      <TextField label="View title" value={view.title} maxLength={200} readOnly={readOnly} onCommit={(title) => title.trim() && set({ title: title.trim() })} />
      <SelectField label="Kind of view" value={view.kind} options={KIND_OPTIONS} disabled={readOnly} onChange={(kind) => set({ kind })} />
      <TextField
        label="Description"
        multiline
        value={view.description}
        readOnly={readOnly}
        placeholder={readOnly ? '' : 'What this diagram shows, its scope and assumptions'}
        onCommit={(description) => set({ description })}
      />
      <p className="hint">Select an element on the canvas or in the Outline tab to edit its properties.</p>
    </section>
  );
}
